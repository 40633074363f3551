package dev.buildredis.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The latency monitor's samples and the command histograms' buckets. */
class LatencyMonitorTest {

    private final Session session = new Session();
    private final LatencyMonitor latency = session.engine.latency;

    @Test
    void nothingIsKeptWhileTheThresholdIsZero() {
        latency.sample("command", 1_000);
        assertThat(latency.events()).isEmpty();
    }

    @Test
    void aSampleUnderTheThresholdIsNotKept() {
        session.call("CONFIG", "SET", "latency-monitor-threshold", "10");
        latency.sample("command", 9);
        latency.sample("command", 10);
        assertThat(latency.samples("command")).hasSize(1);
        assertThat(latency.samples("command").get(0)[1]).isEqualTo(10);
    }

    @Test
    void samplesOfOneSecondBecomeOneWithTheWorstLatency() {
        session.call("CONFIG", "SET", "latency-monitor-threshold", "1");
        latency.sample("fast-command", 5);
        latency.sample("fast-command", 12);
        latency.sample("fast-command", 7);
        List<long[]> samples = latency.samples("fast-command");
        if (samples.size() == 1) { // unless the second turned between the calls
            assertThat(samples.get(0)[1]).isEqualTo(12);
        }
        assertThat(latency.latest("fast-command")[2]).as("the all-time worst").isEqualTo(12);
        assertThat(latency.reset(List.of("fast-command", "nosuch"))).isEqualTo(1);
        assertThat(latency.events()).doesNotContain("fast-command");
    }

    @Test
    void theHistogramsBucketsEndWhereRedisHdrHistogramsDo() {
        // 1024 ns * 2^k, two significant digits: 1 µs holds up to 1031 ns, 2 µs up to 2063 ns, 33 µs up to 33023 ns
        assertThat(Command.Stats.level(0)).isZero();
        assertThat(Command.Stats.level(1031)).isZero();
        assertThat(Command.Stats.level(1032)).isEqualTo(1);
        assertThat(Command.Stats.level(2063)).isEqualTo(1);
        assertThat(Command.Stats.level(2064)).isEqualTo(2);
        assertThat(Command.Stats.level(33_000)).isEqualTo(5);
        assertThat(Command.Stats.level(33_024)).isEqualTo(6);
        assertThat(Command.Stats.level(5_000_000_000L)).isEqualTo(20);
    }

    @Test
    void latencyHistogramCountsEachCallInItsBucket() {
        session.call("SET", "k", "v");
        session.call("SET", "k", "v");
        String reply = session.call("LATENCY", "HISTOGRAM", "set");
        assertThat(reply).startsWith("*2\r\n$3\r\nset\r\n*4\r\n$5\r\ncalls\r\n:2\r\n$14\r\nhistogram_usec\r\n*");
        assertThat(reply).endsWith(":2\r\n");
    }
}
