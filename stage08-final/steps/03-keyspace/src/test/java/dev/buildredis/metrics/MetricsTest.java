package dev.buildredis.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What {@link Metrics} counts: calls, time, failures and rejections by command, events, and percentiles. */
class MetricsTest {

    private final Metrics metrics = new Metrics();

    @Test
    void aCallCountsItsTimeAndAFailedCallCountsAsBothCallAndFailure() {
        metrics.recordCall("get", 2_000, false);
        metrics.recordCall("get", 3_500, true);

        CommandStats get = metrics.snapshot().commands().get("get");

        assertThat(get.calls()).isEqualTo(2);
        assertThat(get.nanos()).isEqualTo(5_500);
        assertThat(get.usec()).isEqualTo(5);
        assertThat(get.failed()).isEqualTo(1);
        assertThat(get.rejected()).isZero();
    }

    @Test
    void aRejectedCallIsNotACall() {
        metrics.recordRejected("set");

        MetricsSnapshot snapshot = metrics.snapshot();

        assertThat(snapshot.commands().get("set").rejected()).isEqualTo(1);
        assertThat(snapshot.commands().get("set").calls()).isZero();
        assertThat(snapshot.totalCommands()).isZero();
    }

    @Test
    void commandsAreCountedApartAndListedByName() {
        metrics.recordCall("set", 1_000, false);
        metrics.recordCall("get", 1_000, false);
        metrics.recordCall("get", 1_000, false);

        MetricsSnapshot snapshot = metrics.snapshot();

        assertThat(snapshot.commands().keySet()).containsExactly("get", "set");
        assertThat(snapshot.commands().get("get").calls()).isEqualTo(2);
        assertThat(snapshot.totalCommands()).isEqualTo(3).isEqualTo(metrics.totalCommands());
    }

    @Test
    void eachEventHasItsOwnCount() {
        metrics.record(Event.KEYSPACE_HIT);
        metrics.record(Event.KEYSPACE_HIT);
        metrics.record(Event.KEYSPACE_MISS);
        metrics.record(Event.CONNECTION_RECEIVED);

        MetricsSnapshot snapshot = metrics.snapshot();

        assertThat(snapshot.count(Event.KEYSPACE_HIT)).isEqualTo(2);
        assertThat(snapshot.count(Event.KEYSPACE_MISS)).isEqualTo(1);
        assertThat(snapshot.count(Event.CONNECTION_RECEIVED)).isEqualTo(1);
        assertThat(snapshot.count(Event.EXPIRED_KEY)).isZero();
    }

    @Test
    void percentilesComeFromTheRecordedTimesWithinOnePercent() {
        for (int i = 0; i < 990; i++) {
            metrics.recordCall("get", 10_000, false);      // 10 µs
        }
        for (int i = 0; i < 10; i++) {
            metrics.recordCall("get", 5_000_000, false);   // 5 ms
        }

        CommandStats get = metrics.snapshot().commands().get("get");

        assertThat(get.percentileUsec(50)).isCloseTo(10, within(0.1));
        assertThat(get.percentileUsec(99)).isCloseTo(10, within(0.1));
        assertThat(get.percentileUsec(99.9)).isCloseTo(5_000, within(50.0));
    }

    @Test
    void aSnapshotDoesNotChangeWhenRecordingGoesOn() {
        metrics.recordCall("get", 1_000, false);
        MetricsSnapshot before = metrics.snapshot();

        metrics.recordCall("get", 1_000, false);
        metrics.record(Event.KEYSPACE_HIT);

        assertThat(before.commands().get("get").calls()).isEqualTo(1);
        assertThat(before.commands().get("get").latency().getTotalCount()).isEqualTo(1);
        assertThat(before.count(Event.KEYSPACE_HIT)).isZero();
        assertThat(metrics.snapshot().commands().get("get").latency().getTotalCount()).isEqualTo(2);
    }

    @Test
    void resetStartsEveryCountAndHistogramFromZero() {
        metrics.recordCall("get", 1_000, true);
        metrics.record(Event.KEYSPACE_MISS);
        metrics.snapshot(); // a read before the reset must not bring old counts back after it

        metrics.reset();
        metrics.recordCall("get", 7_000, false);

        MetricsSnapshot snapshot = metrics.snapshot();
        CommandStats get = snapshot.commands().get("get");
        assertThat(get.calls()).isEqualTo(1);
        assertThat(get.nanos()).isEqualTo(7_000);
        assertThat(get.failed()).isZero();
        assertThat(get.latency().getTotalCount()).isEqualTo(1);
        assertThat(snapshot.count(Event.KEYSPACE_MISS)).isZero();
    }
}
