package dev.buildredis.admin;

import dev.buildredis.testing.BothServers;
import dev.buildredis.testing.WireClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LATENCY on this server and on redis-server side by side (DEBUG SLEEP makes the slow command, so both run with
 * DEBUG allowed): each check runs on redis-server first, then here.
 */
class LatencyCommandsTest {

    private static BothServers servers;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        servers = BothServers.start(dir, "enable-debug-command", "yes");
    }

    @AfterAll
    static void stop() throws Exception {
        servers.close();
    }

    @Test
    void withTheMonitorOffTheDoctorSaysSo() {
        servers.each(c -> {
            c.call("+OK\r\n", "CONFIG", "SET", "latency-monitor-threshold", "0");
            c.command("LATENCY", "RESET").readReply();
            assertThat((String) c.command("LATENCY", "DOCTOR").readReply()).startsWith(
                    "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance.");
            c.call("*0\r\n", "LATENCY", "LATEST");
        });
    }

    @Test
    void aCommandOverTheThresholdIsASample() {
        servers.each(c -> {
            c.command("LATENCY", "RESET").readReply();
            c.call("+OK\r\n", "CONFIG", "SET", "latency-monitor-threshold", "100");
            c.call("+OK\r\n", "DEBUG", "SLEEP", "0.15");
            c.call("+OK\r\n", "DEBUG", "SLEEP", "0.12"); // in the same second: one sample, the worst of the two
            List<Object> latest = c.command("LATENCY", "LATEST").readArray();
            List<?> event = (List<?>) latest.get(0);
            assertThat(event.get(0)).isEqualTo("command");
            assertThat((Long) event.get(2)).as("the latest sample").isBetween(120L, 400L);
            assertThat((Long) event.get(3)).as("the worst of all time").isBetween(150L, 400L);
            List<Object> history = c.command("LATENCY", "HISTORY", "command").readArray();
            assertThat(history).hasSizeBetween(1, 2); // 2 if a second began between the sleeps
            assertThat(((List<?>) history.get(history.size() - 1)).get(1)).isEqualTo(event.get(2));
            assertThat((String) c.command("LATENCY", "DOCTOR").readReply()).startsWith("Dave, I have observed "
                    + "latency spikes in this Redis instance. You don't mind talking about it, do you Dave?\n\n1. "
                    + "command: ").contains(" latency spikes (average ", "I have a few advices for you:");
            assertThat((String) c.command("LATENCY", "GRAPH", "command").readReply()).startsWith("command - high ")
                    .contains("\n" + "-".repeat(80) + "\n");
            c.call(":1\r\n", "LATENCY", "RESET", "command", "nosuch");
            c.call("*0\r\n", "LATENCY", "HISTORY", "command");
            c.call("+OK\r\n", "CONFIG", "SET", "latency-monitor-threshold", "0");
        });
    }

    @Test
    void unknownEventsHaveNoSamples() {
        servers.each(c -> {
            c.call("-ERR No samples available for event 'nosuch'\r\n", "LATENCY", "GRAPH", "nosuch");
            c.call("*0\r\n", "LATENCY", "HISTORY", "nosuch");
            c.call(":0\r\n", "LATENCY", "RESET", "nosuch");
            c.call("-ERR wrong number of arguments for 'latency|history' command\r\n", "LATENCY", "HISTORY");
        });
    }

    @Test
    void theHistogramCountsEveryCallOfACommand() {
        servers.each(c -> {
            c.call("+OK\r\n", "CONFIG", "RESETSTAT");
            for (int i = 0; i < 3; i++) {
                c.call("+OK\r\n", "SET", "lat:k", "v");
            }
            c.call("*0\r\n", "LATENCY", "HISTOGRAM", "get", "nosuch");
            List<Object> histogram = c.command("LATENCY", "HISTOGRAM", "set").readArray();
            assertThat(histogram.get(0)).isEqualTo("set");
            @SuppressWarnings("unchecked")
            List<Object> set = (List<Object>) histogram.get(1);
            assertThat(set.subList(0, 3)).containsExactly("calls", 3L, "histogram_usec");
            List<?> buckets = (List<?>) set.get(3);
            assertThat(buckets.get(buckets.size() - 1)).as("the last bucket counts every call").isEqualTo(3L);
            for (int i = 0; i < buckets.size(); i += 2) {
                assertThat(List.of(1L, 2L, 4L, 8L, 16L, 33L, 66L, 132L, 264L, 528L, 1056L, 2113L, 4227L, 8454L,
                        16908L, 33816L, 67633L, 135266L)).contains((Long) buckets.get(i));
            }
        });
    }

    @Test
    void helpListsTheSubcommands() {
        servers.each(c -> assertThat(c.command("LATENCY", "HELP").readArray()).hasSize(17)
                .contains("HISTOGRAM [COMMAND ...]", "RESET [<event> ...]"));
    }

    @Test
    void theParametersAreRedisOnes() {
        servers.each(c -> {
            c.call("*2\r\n$25\r\nlatency-monitor-threshold\r\n$1\r\n0\r\n", "CONFIG", "GET", "latency-monitor-threshold");
            c.call("*2\r\n$23\r\ntracking-table-max-keys\r\n$7\r\n1000000\r\n", "CONFIG", "GET",
                    "tracking-table-max-keys");
            c.call("-ERR CONFIG SET failed (possibly related to argument 'latency-tracking-info-percentiles') - "
                    + "latency-tracking-info-percentiles parameters should sit between [0.0,100.0]\r\n", "CONFIG", "SET",
                    "latency-tracking-info-percentiles", "50 101");
        });
    }
}
