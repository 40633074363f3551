package dev.buildredis.metrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What every recording {@link Metrics} must count, alone and under many threads; each implementation's test
 * class extends this. Platform threads, more of them than cores, so that writers are preempted mid-record.
 */
abstract class MetricsContract {

    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 20_000;

    abstract MetricsKind kind();

    final Metrics metrics = Metrics.create(kind());

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

    @Test
    void countsOfThreadsThatEndedStayCountedWhetherOrNotTheySaidSo() throws Exception {
        Thread polite = Thread.ofVirtual().start(() -> {
            metrics.recordCall("get", 1_000, false);
            metrics.threadDone();
        });
        Thread silent = Thread.ofPlatform().start(() -> metrics.recordCall("get", 1_000, false));
        polite.join();
        silent.join();

        assertThat(metrics.snapshot().commands().get("get").calls()).isEqualTo(2);
        assertThat(metrics.snapshot().commands().get("get").calls()).isEqualTo(2); // read twice: counted once
    }

    @Test
    void countsStayExactWhileManyThreadsRecordAndOthersRead() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread reader = Thread.ofPlatform().start(() -> {
            while (writing.get()) {
                metrics.snapshot();
            }
        });
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            boolean virtual = t % 2 == 0; // virtual ones say threadDone, as connections do; platform ones end silently
            Runnable work = () -> {
                awaitQuietly(start);
                for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    metrics.recordCall(i % 2 == 0 ? "get" : "set", 1_000, i % 10 == 0);
                    if (i % 100 == 0) {
                        metrics.recordRejected("get");
                        metrics.record(Event.KEYSPACE_HIT);
                    }
                }
                if (virtual) {
                    metrics.threadDone();
                }
            };
            writers.add(virtual ? Thread.ofVirtual().start(work) : Thread.ofPlatform().start(work));
        }
        start.countDown();
        for (Thread writer : writers) {
            writer.join();
        }
        writing.set(false);
        reader.join();

        MetricsSnapshot snapshot = metrics.snapshot();
        long calls = (long) THREADS * CALLS_PER_THREAD;
        CommandStats get = snapshot.commands().get("get");
        assertThat(snapshot.totalCommands()).isEqualTo(calls);
        assertThat(get.calls()).isEqualTo(calls / 2);
        assertThat(get.nanos()).isEqualTo(calls / 2 * 1_000);
        assertThat(get.failed()).isEqualTo(THREADS * (CALLS_PER_THREAD / 10));
        assertThat(get.rejected()).isEqualTo(THREADS * (CALLS_PER_THREAD / 100));
        assertThat(get.latency().getTotalCount()).isEqualTo(calls / 2);
        assertThat(snapshot.commands().get("set").latency().getTotalCount()).isEqualTo(calls / 2);
        assertThat(snapshot.count(Event.KEYSPACE_HIT)).isEqualTo(THREADS * (CALLS_PER_THREAD / 100));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
