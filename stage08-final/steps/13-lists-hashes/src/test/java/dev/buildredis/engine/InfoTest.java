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
                + "\r\n", "\r\nexecutable:java\r\n");
    }

    @Test
    void replicationCpuAndKeyspaceSections() {
        assertThat(info("replication")).isEqualTo("# Replication\r\nrole:master\r\nconnected_slaves:0\r\n\r\n");
        assertThat(info("cpu")).matches("# CPU\r\nused_cpu_sys:0\\.000000\r\nused_cpu_user:[0-9]+\\.[0-9]{6}\r\n\r\n");
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
        assertThat(info("replication", "cpu")).startsWith("# Replication\r\nrole:master\r\nconnected_slaves:0\r\n"
                + "\r\n# CPU\r\n");
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
