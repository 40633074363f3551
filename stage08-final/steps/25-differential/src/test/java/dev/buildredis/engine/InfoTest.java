package dev.buildredis.engine;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** INFO's sections line by line, against a manual clock. */
class InfoTest {

    private final Session session = new Session();

    /** INFO's text without the bulk string's header. */
    private String info(String... sections) {
        String[] args = new String[sections.length + 1];
        args[0] = "INFO";
        System.arraycopy(sections, 0, args, 1, sections.length);
        String reply = session.call(args);
        return reply.substring(reply.indexOf("\r\n") + 2);
    }

    @Test
    void theServerSectionTellsTheVersionPortAndUptime() {
        session.clock.advance(Duration.ofMillis(2 * 86_400_000L + 5_999));
        String server = info("server");
        assertThat(server).startsWith("# Server\r\nredis_version:7.0.15\r\n")
                .contains("\r\nredis_mode:standalone\r\n", "\r\narch_bits:64\r\n", "\r\nmultiplexing_api:java.nio\r\n",
                        "\r\nprocess_id:" + ProcessHandle.current().pid() + "\r\n", "\r\ntcp_port:6379\r\n",
                        "\r\nuptime_in_seconds:172805\r\n", "\r\nuptime_in_days:2\r\n", "\r\nhz:10\r\n",
                        "\r\njava_version:" + Runtime.version() + "\r\n");
        assertThat(server).contains("\r\nos:" + System.getProperty("os.name") + " " + System.getProperty("os.version")
                        + " " + System.getProperty("os.arch") + "\r\n", "\r\nconfigured_hz:10\r\n",
                "\r\nexecutable:" + ProcessHandle.current().info().command().orElse("java") + "\r\n")
                .containsPattern("\r\nrun_id:[0-9a-f]{40}\r\n");
    }

    @Test
    void theClientsSectionCountsConnectedBlockedAndSubscribedClients() {
        session.call(session.engine.connect(), "BLPOP", "q", "0");
        session.call(session.engine.connect(), "SUBSCRIBE", "ch");
        String[] clients = info("clients").split("\r\n");
        assertThat(clients).startsWith("# Clients").containsSubsequence("connected_clients:3", "maxclients:10000",
                "blocked_clients:1");
        assertThat(clients).contains("tracking_clients:0", "clients_in_timeout_table:0"); // BLPOP q 0: no timeout
    }

    @Test
    void memorySizesAreShownInBytesAndAsRedisWritesThemForPeople() {
        String[][] sizes = {{"1023", "1023B"}, {"1024", "1.00K"}, {"1536", "1.50K"}, {"1048575", "1024.00K"},
                {"1048576", "1.00M"}, {"3gb", "3.00G"}, {"1024gb", "1.00T"}, {"1048576gb", "1.00P"},
                {"1073741824gb", "1152921504606846976B"}};
        for (String[] size : sizes) {
            assertThat(session.call("CONFIG", "SET", "maxmemory", size[0])).isEqualTo("+OK\r\n");
            assertThat(info("memory")).contains("\r\nmaxmemory:" + Parameter.memoryValue(size[0]) + "\r\nmaxmemory_human:"
                    + size[1] + "\r\nmaxmemory_policy:noeviction\r\n");
        }
        assertThat(Info.human(0)).isEqualTo("0B");
        long used = session.engine.keyspace().usedMemory();
        assertThat(info("memory")).startsWith("# Memory\r\nused_memory:" + used + "\r\nused_memory_human:"
                        + Info.human(used) + "\r\nused_memory_rss:")
                .contains("\r\nused_memory_peak:" + session.engine.keyspace().peakMemory() + "\r\n",
                        "\r\nused_memory_dataset:" + used + "\r\n", "\r\ntotal_system_memory:", "\r\nmem_allocator:jvm\r\n",
                        "\r\nused_memory_rss_human:", "\r\nused_memory_peak_human:"
                                + Info.human(session.engine.keyspace().peakMemory()) + "\r\n",
                        "\r\ntotal_system_memory_human:");
        long machine = ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        assertThat(info("memory")).contains("\r\ntotal_system_memory:" + machine + "\r\n", // the machine's, as Redis
                "\r\nmem_fragmentation_ratio:", "\r\nlazyfreed_objects:0\r\n");
    }

    @Test
    void theStatsSectionCountsWhatHappened() {
        session.call("SET", "k", "v", "PX", "10");
        session.call("GET", "k");
        session.call("GET", "missing");
        session.clock.advance(Duration.ofMillis(11));
        session.call("GET", "k"); // expired on access: a miss
        session.call(session.engine.connect(), "SUBSCRIBE", "a", "b");
        session.call(session.engine.connect(), "PSUBSCRIBE", "p*");
        String[] stats = info("stats").split("\r\n");
        assertThat(stats).startsWith("# Stats").containsSubsequence(
                "total_connections_received:3", "total_commands_processed:6", "expired_keys:1", "evicted_keys:0",
                "keyspace_hits:1", "keyspace_misses:2", "pubsub_channels:2", "pubsub_patterns:1");
        session.call("CONFIG", "RESETSTAT");
        assertThat(info("stats")).contains("\r\nkeyspace_hits:0\r\nkeyspace_misses:0\r\n");
    }

    @Test
    void replicationCpuAndKeyspaceSections() {
        assertThat(info("replication")).matches("# Replication\r\nrole:master\r\nconnected_slaves:0\r\n"
                + "master_failover_state:no-failover\r\nmaster_replid:[0-9a-f]{40}\r\nmaster_replid2:0{40}\r\n"
                + "master_repl_offset:0\r\nsecond_repl_offset:-1\r\nrepl_backlog_active:0\r\n"
                + "repl_backlog_size:1048576\r\nrepl_backlog_first_byte_offset:0\r\nrepl_backlog_histlen:0\r\n\r\n");
        assertThat(info("cpu")).matches("# CPU\r\nused_cpu_sys:[0-9]+\\.[0-9]{6}\r\nused_cpu_user:[0-9]+\\.[0-9]{6}\r\n"
                + "used_cpu_sys_children:0\\.000000\r\nused_cpu_user_children:0\\.000000\r\n"
                + "used_cpu_sys_main_thread:[0-9]+\\.[0-9]{6}\r\nused_cpu_user_main_thread:[0-9]+\\.[0-9]{6}\r\n\r\n");
        Matcher cpu = Pattern.compile("used_cpu_user:([0-9.]+)").matcher(info("cpu"));
        assertThat(cpu.find()).isTrue();
        assertThat(Double.parseDouble(cpu.group(1))).as("this process's CPU seconds").isPositive().isLessThan(1e6);
        session.call("SET", "a", "1");
        session.call("SET", "b", "2", "EX", "100");
        session.call("SELECT", "2");
        session.call("SET", "c", "3");
        assertThat(info("keyspace")).isEqualTo("# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=0\r\n"
                + "db2:keys=1,expires=0,avg_ttl=0\r\n\r\n");
    }

    @Test
    void sectionsAreSeparatedByABlankLine() {
        assertThat(info("replication", "cpu")).startsWith("# Replication\r\nrole:master\r\nconnected_slaves:0\r\n")
                .contains("repl_backlog_histlen:0\r\n\r\n# CPU\r\n");
    }

    @Test
    void commandstatsDividesTheTimeByTheCalls() {
        for (int i = 0; i < 5_000; i++) {
            session.call("SET", "key:" + i, "v");
        }
        session.call("KEYS", "*9*9*");
        session.call("KEYS", "*9*9*");
        Matcher keys = Pattern.compile("cmdstat_keys:calls=2,usec=(\\d+),usec_per_call=([0-9.]+),")
                .matcher(info("commandstats"));
        assertThat(keys.find()).isTrue();
        long usec = Long.parseLong(keys.group(1));
        assertThat(usec).as("two KEYS over 5,000 keys take some microseconds").isPositive();
        assertThat(keys.group(2)).isEqualTo(String.format(java.util.Locale.ROOT, "%.2f", usec / 2.0));
    }

    @Test
    void commandstatsComeWithAllOrEverythingOnly() {
        session.call("PING");
        assertThat(info()).doesNotContain("# Commandstats");
        assertThat(info("all")).contains("\r\n# Commandstats\r\ncmdstat_");
        assertThat(info("everything")).contains("\r\n# Commandstats\r\ncmdstat_");
        assertThat(info("default")).doesNotContain("# Commandstats").contains("# Keyspace");
    }
}
