package dev.buildredis.engine;

import dev.buildredis.store.Database;
import dev.buildredis.store.Keyspace;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The text of INFO: sections of {@code field:value} lines, as Redis 7.0 lays them out, with the fields tools read
 * most (redis-cli --stat reads clients, memory, stats and keyspace).
 * <pre>
 * # Server\r\n
 * redis_version:7.0.15\r\n
 * ...\r\n
 * \r\n
 * # Keyspace\r\n
 * db0:keys=3,expires=1,avg_ttl=0\r\n
 * </pre>
 * used_memory is the estimate of the data set's bytes that eviction compares with maxmemory (see
 * {@code store.Memory}); used_memory_rss is the whole process's resident memory, read from /proc as Redis reads it.
 */
public final class Info {

    private static final List<String> DEFAULT_SECTIONS =
            List.of("server", "clients", "memory", "persistence", "stats", "replication", "cpu", "keyspace");
    private static final List<String> SECTIONS = List.of("server", "clients", "memory", "persistence", "stats",
            "replication", "cpu", "commandstats", "keyspace");

    private Info() {
    }

    public static String text(Client c, List<byte[]> a) {
        Set<String> wanted = new java.util.LinkedHashSet<>();
        for (int i = 1; i < a.size(); i++) {
            wanted.add(Args.text(a.get(i)).toLowerCase(java.util.Locale.ROOT));
        }
        boolean all = wanted.isEmpty() || wanted.contains("default") || wanted.contains("all")
                || wanted.contains("everything");
        StringBuilder text = new StringBuilder();
        for (String section : SECTIONS) {
            boolean isDefault = DEFAULT_SECTIONS.contains(section);
            boolean include = wanted.contains(section) || (all && isDefault)
                    || (!isDefault && (wanted.contains("all") || wanted.contains("everything")));
            if (include) {
                if (!text.isEmpty()) {
                    text.append("\r\n");
                }
                section(c, section, text);
            }
        }
        return text.toString();
    }

    private static void section(Client c, String name, StringBuilder s) {
        Engine e = c.engine;
        Keyspace keyspace = e.keyspace();
        long now = keyspace.nowMillis();
        Runtime runtime = Runtime.getRuntime();
        switch (name) {
            case "server" -> {
                s.append("# Server\r\n");
                line(s, "redis_version", Engine.REDIS_VERSION);
                line(s, "redis_mode", "standalone");
                line(s, "os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
                line(s, "arch_bits", "64");
                line(s, "multiplexing_api", "java.nio");
                line(s, "process_id", ProcessHandle.current().pid());
                line(s, "tcp_port", e.settings.number("port"));
                line(s, "uptime_in_seconds", (now - e.startMillis) / 1000);
                line(s, "uptime_in_days", (now - e.startMillis) / 86_400_000);
                line(s, "hz", e.settings.number("hz"));
                line(s, "executable", "java");
                line(s, "java_version", Runtime.version());
            }
            case "clients" -> {
                s.append("# Clients\r\n");
                line(s, "connected_clients", e.clientCount());
                line(s, "maxclients", e.settings.number("maxclients"));
                line(s, "blocked_clients", e.blocking.blockedCount());
                line(s, "pubsub_clients", countPubSub(e));
            }
            case "memory" -> {
                long used = keyspace.usedMemory();
                long heap = runtime.totalMemory() - runtime.freeMemory();
                s.append("# Memory\r\n");
                line(s, "used_memory", used);
                line(s, "used_memory_human", human(used));
                long rss = residentBytes(heap);
                line(s, "used_memory_rss", rss);
                line(s, "used_memory_rss_human", human(rss));
                line(s, "used_memory_peak", keyspace.peakMemory());
                line(s, "used_memory_peak_human", human(keyspace.peakMemory()));
                line(s, "used_memory_dataset", used);
                line(s, "total_system_memory", runtime.maxMemory());
                line(s, "total_system_memory_human", human(runtime.maxMemory()));
                line(s, "maxmemory", e.settings.number("maxmemory")); // a C long long: what CONFIG GET shows unsigned
                line(s, "maxmemory_human", human(e.settings.number("maxmemory")));
                line(s, "maxmemory_policy", e.settings.text("maxmemory-policy"));
                line(s, "mem_allocator", "jvm");
            }
            case "persistence" -> {
                s.append("# Persistence\r\n");
                e.durability().info(s);
            }
            case "stats" -> {
                s.append("# Stats\r\n");
                line(s, "total_connections_received", e.connectionsReceived);
                line(s, "total_commands_processed", e.commandsProcessed);
                line(s, "instantaneous_ops_per_sec", e.opsPerSecond.perSecond());
                line(s, "rejected_connections", e.rejectedConnections);
                line(s, "expired_keys", keyspace.expiredKeys());
                line(s, "evicted_keys", keyspace.eviction().evictedKeys());
                line(s, "keyspace_hits", keyspace.keyspaceHits());
                line(s, "keyspace_misses", keyspace.keyspaceMisses());
                line(s, "pubsub_channels", e.pubsub.channels().size());
                line(s, "pubsub_patterns", e.pubsub.patternCount());
            }
            case "replication" -> {
                s.append("# Replication\r\n");
                line(s, "role", "master");
                line(s, "connected_slaves", 0);
            }
            case "cpu" -> {
                s.append("# CPU\r\n");
                java.lang.management.OperatingSystemMXBean os =
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
                double cpu = os instanceof com.sun.management.OperatingSystemMXBean sun
                        ? sun.getProcessCpuTime() / 1e9 : 0;
                line(s, "used_cpu_sys", String.format(java.util.Locale.ROOT, "%.6f", 0.0));
                line(s, "used_cpu_user", String.format(java.util.Locale.ROOT, "%.6f", cpu));
            }
            case "commandstats" -> {
                s.append("# Commandstats\r\n");
                Map<String, Command.Stats> sorted = new TreeMap<>(); // the commands that ran, by name
                for (Command command : e.commands().all()) {
                    addIfCalled(sorted, command); // a container counts only its calls alone (COMMAND)
                    command.subcommands().values().forEach(sub -> addIfCalled(sorted, sub));
                }
                sorted.forEach((command, stats) -> line(s, "cmdstat_" + command, "calls=" + stats.calls + ",usec="
                        + stats.micros + ",usec_per_call=" + String.format(java.util.Locale.ROOT, "%.2f",
                        stats.calls == 0 ? 0.0 : (double) stats.micros / stats.calls) + ",rejected_calls="
                        + stats.rejected + ",failed_calls=" + stats.failed));
            }
            case "keyspace" -> {
                s.append("# Keyspace\r\n");
                for (int i = 0; i < keyspace.databaseCount(); i++) {
                    Database db = keyspace.db(i);
                    if (db.size() > 0) {
                        line(s, "db" + i, "keys=" + db.size() + ",expires=" + db.volatileSize() + ",avg_ttl=0");
                    }
                }
            }
            default -> throw new AssertionError(name);
        }
    }

    private static void addIfCalled(Map<String, Command.Stats> sorted, Command command) {
        if (command.stats().calls > 0 || command.stats().rejected > 0 || command.stats().failed > 0) {
            sorted.put(command.name(), command.stats());
        }
    }

    private static int countPubSub(Engine e) {
        int count = 0;
        for (Client client : e.clients()) {
            if (client.subscriptionCount() > 0) {
                count++;
            }
        }
        return count;
    }

    public static void line(StringBuilder s, String field, Object value) {
        s.append(field).append(':').append(value).append("\r\n");
    }

    /**
     * The process's resident set size, as Redis reads it ({@code /proc/self/stat}'s rss pages times the page size):
     * the whole JVM, heap, code and thread stacks. Where there is no /proc, the heap in use stands in for it.
     */
    public static long residentBytes(long fallback) {
        try {
            String statm = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/statm"));
            return Long.parseLong(statm.trim().split("\\s+")[1]) * PAGE_SIZE;
        } catch (java.io.IOException | RuntimeException e) {
            return fallback;
        }
    }

    /** Linux's page size on the machines this runs on; statm counts pages. */
    private static final long PAGE_SIZE = 4096;

    /** Redis's {@code bytesToHuman}: bytes, then K, M, G, T and P with two decimals, and bytes again from 1 EiB. */
    static String human(long bytes) {
        String[] units = {"K", "M", "G", "T", "P"};
        if (bytes < 1024 || bytes >= 1L << 60) { // also a maxmemory over 2^63, read unsigned as Redis shows it
            return Long.toUnsignedString(bytes) + "B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.2f%s", value, units[unit]);
    }
}
