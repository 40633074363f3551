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

    private static final List<String> DEFAULT_SECTIONS = List.of("server", "clients", "memory", "persistence",
            "stats", "replication", "cpu", "modules", "errorstats", "cluster", "keyspace");
    private static final List<String> SECTIONS = List.of("server", "clients", "memory", "persistence", "stats",
            "replication", "cpu", "modules", "commandstats", "errorstats", "latencystats", "cluster", "keyspace");

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
                line(s, "redis_git_sha1", "00000000");
                line(s, "redis_git_dirty", 0);
                line(s, "redis_build_id", "0");
                line(s, "redis_mode", "standalone");
                line(s, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
                line(s, "arch_bits", "64");
                line(s, "monotonic_clock", "System.nanoTime");
                line(s, "multiplexing_api", "java.nio");
                line(s, "atomicvar_api", "none"); // one thread: nothing is shared
                line(s, "gcc_version", "0.0.0");
                line(s, "process_id", ProcessHandle.current().pid());
                line(s, "process_supervised", "no");
                line(s, "run_id", e.runId);
                line(s, "tcp_port", e.settings.number("port"));
                line(s, "server_time_usec", System.currentTimeMillis() * 1000);
                line(s, "uptime_in_seconds", (now - e.startMillis) / 1000);
                line(s, "uptime_in_days", (now - e.startMillis) / 86_400_000);
                line(s, "hz", e.settings.number("hz"));
                line(s, "configured_hz", e.settings.number("hz"));
                line(s, "lru_clock", (now / 1000) & ((1 << 24) - 1)); // Redis's: seconds, in 24 bits
                line(s, "executable", ProcessHandle.current().info().command().orElse("java"));
                line(s, "config_file", "");
                line(s, "io_threads_active", 0);
                line(s, "java_version", Runtime.version());
            }
            case "clients" -> {
                s.append("# Clients\r\n");
                clients(e, s);
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
                long committed = runtime.totalMemory();
                line(s, "used_memory_peak_perc", percent(used, keyspace.peakMemory()));
                line(s, "used_memory_overhead", 0); // used_memory counts the data set's bytes only
                line(s, "used_memory_startup", 0);
                line(s, "used_memory_dataset", used);
                line(s, "used_memory_dataset_perc", percent(used, used));
                line(s, "allocator_allocated", heap); // the JVM's heap stands for Redis's allocator
                line(s, "allocator_active", committed);
                line(s, "allocator_resident", rss);
                line(s, "total_system_memory", physicalMemory(runtime.maxMemory()));
                line(s, "total_system_memory_human", human(physicalMemory(runtime.maxMemory())));
                for (String none : List.of("used_memory_lua:32768", "used_memory_vm_eval:32768",
                        "used_memory_lua_human:32.00K", "used_memory_scripts_eval:0", "number_of_cached_scripts:0",
                        "number_of_functions:0", "number_of_libraries:0", "used_memory_vm_functions:0",
                        "used_memory_vm_total:32768", "used_memory_vm_total_human:32.00K", "used_memory_functions:0",
                        "used_memory_scripts:0", "used_memory_scripts_human:0B")) {
                    s.append(none).append("\r\n"); // no scripting here: what a Redis that ran no script shows
                }
                line(s, "maxmemory", e.settings.number("maxmemory")); // a C long long: what CONFIG GET shows unsigned
                line(s, "maxmemory_human", human(e.settings.number("maxmemory")));
                line(s, "maxmemory_policy", e.settings.text("maxmemory-policy"));
                ratio(s, "allocator_frag", committed, heap);
                ratio(s, "allocator_rss", rss, committed);
                ratio(s, "rss_overhead", rss, rss);
                ratio(s, "mem_fragmentation", rss, used);
                for (String none : List.of("mem_not_counted_for_evict", "mem_replication_backlog",
                        "mem_total_replication_buffers", "mem_clients_slaves", "mem_clients_normal",
                        "mem_cluster_links", "mem_aof_buffer")) {
                    line(s, none, 0);
                }
                line(s, "mem_allocator", "jvm");
                line(s, "active_defrag_running", 0);
                line(s, "lazyfree_pending_objects", 0);
                line(s, "lazyfreed_objects", 0);
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
                line(s, "total_net_input_bytes", e.netInputBytes);
                line(s, "total_net_output_bytes", e.netOutputBytes);
                line(s, "total_net_repl_input_bytes", 0); // a replica's and a master's bytes count in the two above
                line(s, "total_net_repl_output_bytes", 0);
                line(s, "instantaneous_input_kbps", kbps(e.inputPerSecond.perSecond()));
                line(s, "instantaneous_output_kbps", kbps(e.outputPerSecond.perSecond()));
                line(s, "instantaneous_input_repl_kbps", "0.00");
                line(s, "instantaneous_output_repl_kbps", "0.00");
                line(s, "rejected_connections", e.rejectedConnections);
                line(s, "sync_full", 0); // no replicas yet: what a Redis that never had one shows
                line(s, "sync_partial_ok", 0);
                line(s, "sync_partial_err", 0);
                line(s, "expired_keys", keyspace.expiredKeys());
                line(s, "expired_stale_perc", "0.00");
                line(s, "expired_time_cap_reached_count", 0);
                line(s, "expire_cycle_cpu_milliseconds", 0);
                line(s, "evicted_keys", keyspace.eviction().evictedKeys());
                line(s, "evicted_clients", 0);
                line(s, "total_eviction_exceeded_time", 0);
                line(s, "current_eviction_exceeded_time", 0);
                line(s, "keyspace_hits", keyspace.keyspaceHits());
                line(s, "keyspace_misses", keyspace.keyspaceMisses());
                line(s, "pubsub_channels", e.pubsub.channels().size());
                line(s, "pubsub_patterns", e.pubsub.patternCount());
                line(s, "pubsubshard_channels", e.pubsub.shardChannels().size());
                line(s, "latest_fork_usec", 0); // snapshots here do not fork
                line(s, "total_forks", 0);
                line(s, "migrate_cached_sockets", 0);
                line(s, "slave_expires_tracked_keys", 0);
                for (String none : List.of("active_defrag_hits", "active_defrag_misses", "active_defrag_key_hits",
                        "active_defrag_key_misses", "total_active_defrag_time", "current_active_defrag_time")) {
                    line(s, none, 0);
                }
                e.tracking.stats(s);
                line(s, "unexpected_error_replies", 0);
                line(s, "total_error_replies", e.errors.total());
                line(s, "dump_payload_sanitizations", 0);
                line(s, "total_reads_processed", e.readsProcessed);
                line(s, "total_writes_processed", e.writesProcessed);
                line(s, "io_threaded_reads_processed", 0);
                line(s, "io_threaded_writes_processed", 0);
                line(s, "reply_buffer_shrinks", 0);
                line(s, "reply_buffer_expands", 0);
            }
            case "replication" -> {
                s.append("# Replication\r\n");
                line(s, "role", "master");
                line(s, "connected_slaves", 0);
                line(s, "master_failover_state", "no-failover");
                line(s, "master_replid", e.replicationId());
                line(s, "master_replid2", "0".repeat(40));
                line(s, "master_repl_offset", 0);
                line(s, "second_repl_offset", -1);
                line(s, "repl_backlog_active", 0);
                line(s, "repl_backlog_size", 1048576);
                line(s, "repl_backlog_first_byte_offset", 0);
                line(s, "repl_backlog_histlen", 0);
            }
            case "cpu" -> {
                s.append("# CPU\r\n");
                cpu(s);
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
            case "modules" -> s.append("# Modules\r\n");
            case "errorstats" -> {
                s.append("# Errorstats\r\n");
                e.errors.info(s);
            }
            case "latencystats" -> {
                s.append("# Latencystats\r\n");
                latencystats(e, s);
            }
            case "cluster" -> {
                s.append("# Cluster\r\n");
                line(s, "cluster_enabled", 0);
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

    private static void clients(Engine e, StringBuilder s) {
        int tracking = 0, withTimeout = 0;
        long maxOutput = 0;
        for (Client client : e.clients()) {
            tracking += client.tracking != null ? 1 : 0;
            withTimeout += client.blocked != null && client.blocked.deadlineMillis() != 0 ? 1 : 0;
            maxOutput = Math.max(maxOutput, client.reply.pending());
        }
        line(s, "connected_clients", e.clientCount());
        line(s, "cluster_connections", 0);
        line(s, "maxclients", e.settings.number("maxclients"));
        line(s, "client_recent_max_input_buffer", 0); // each connection's input is read into one shared array
        line(s, "client_recent_max_output_buffer", maxOutput);
        line(s, "blocked_clients", e.blocking.blockedCount());
        line(s, "tracking_clients", tracking);
        line(s, "clients_in_timeout_table", withTimeout);
    }

    /**
     * The process's CPU seconds, system and user, from /proc/self/stat as Redis's getrusage gives them; the main
     * thread's are the event loop's, which runs INFO. No children: snapshots here do not fork.
     */
    private static void cpu(StringBuilder s) {
        double[] process = {0, 0};
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            process[0] = Long.parseLong(fields[12]) / 100.0; // stime, in ticks of 1/100 s
            process[1] = Long.parseLong(fields[11]) / 100.0; // utime
        } catch (java.io.IOException | RuntimeException e) {
            // no /proc: the figures stay 0
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        double thread = threads.getCurrentThreadCpuTime() / 1e9;
        double threadUser = threads.getCurrentThreadUserTime() / 1e9;
        line(s, "used_cpu_sys", sixDecimals(process[0]));
        line(s, "used_cpu_user", sixDecimals(process[1]));
        line(s, "used_cpu_sys_children", sixDecimals(0));
        line(s, "used_cpu_user_children", sixDecimals(0));
        line(s, "used_cpu_sys_main_thread", sixDecimals(Math.max(0, thread - threadUser)));
        line(s, "used_cpu_user_main_thread", sixDecimals(threadUser));
    }

    /**
     * Each command's latency percentiles (latency-tracking-info-percentiles), read from the histogram LATENCY
     * HISTOGRAM shows: the end of the power-of-two bucket that holds the percentile, where Redis's HDR histogram
     * keeps two significant digits.
     */
    private static void latencystats(Engine e, StringBuilder s) {
        String percentiles = e.settings.text("latency-tracking-info-percentiles");
        Map<String, Command.Stats> sorted = new TreeMap<>();
        for (Command command : e.commands().all()) {
            addIfCalled(sorted, command);
            command.subcommands().values().forEach(sub -> addIfCalled(sorted, sub));
        }
        sorted.forEach((name, stats) -> {
            List<long[]> buckets = stats.histogram();
            if (buckets.isEmpty() || percentiles.isEmpty()) {
                return;
            }
            long total = buckets.get(buckets.size() - 1)[1];
            StringBuilder value = new StringBuilder();
            for (String p : percentiles.split(" ")) {
                double rank = Double.parseDouble(p) / 100 * total;
                long micros = buckets.get(buckets.size() - 1)[0];
                for (long[] bucket : buckets) {
                    if (bucket[1] >= rank) {
                        micros = bucket[0];
                        break;
                    }
                }
                value.append(value.isEmpty() ? "" : ",").append('p').append(trimmed(p)).append('=')
                        .append(String.format(java.util.Locale.ROOT, "%.3f", (double) micros));
            }
            line(s, "latency_percentiles_usec_" + name, value);
        });
    }

    /** "50.000000" as Redis names the percentile: p50; "99.900000": p99.9. */
    private static String trimmed(String percentile) {
        String t = percentile.contains(".") ? percentile.replaceAll("0+$", "") : percentile;
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    private static String sixDecimals(double value) {
        return String.format(java.util.Locale.ROOT, "%.6f", value);
    }

    private static String percent(long part, long whole) {
        return String.format(java.util.Locale.ROOT, "%.2f%%", whole == 0 ? 0.0 : 100.0 * part / whole);
    }

    /** Redis's ratio and bytes pair: {@code name_ratio:a/b}, {@code name_bytes:a-b}. */
    private static void ratio(StringBuilder s, String name, long a, long b) {
        line(s, name + "_ratio", String.format(java.util.Locale.ROOT, "%.2f", b == 0 ? 0.0 : (double) a / b));
        line(s, name + "_bytes", a - b);
    }

    private static String kbps(long bytesPerSecond) {
        return String.format(java.util.Locale.ROOT, "%.2f", bytesPerSecond / 1024.0);
    }

    /** The machine's memory, as Redis reads it; the heap's limit where the JVM cannot say. */
    private static long physicalMemory(long fallback) {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getTotalMemorySize() : fallback;
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
