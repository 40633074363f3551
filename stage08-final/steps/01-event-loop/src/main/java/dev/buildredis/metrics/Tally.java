package dev.buildredis.metrics;

import org.HdrHistogram.Histogram;

/**
 * One command's running totals, without any locking of its own: the global lock guards the ones
 * {@link GlobalLockMetrics} records into, and the readers of the other implementations merge into theirs under
 * their own lock.
 */
final class Tally {

    long calls;
    long nanos;
    long rejected;
    long failed;
    private final Histogram latency = CommandStats.newHistogram();

    void recordCall(long nanos, boolean failed) {
        calls++;
        this.nanos += nanos;
        if (failed) {
            this.failed++;
        }
        latency.recordValue(CommandStats.clamp(nanos));
    }

    /** Adds counts that were recorded elsewhere, since the last time they were added. */
    void add(long calls, long nanos, long rejected, long failed) {
        this.calls += calls;
        this.nanos += nanos;
        this.rejected += rejected;
        this.failed += failed;
    }

    /** Adds run times that were recorded elsewhere. */
    void addLatency(Histogram interval) {
        latency.add(interval);
    }

    /** A copy that no longer changes. */
    CommandStats toStats() {
        return new CommandStats(calls, nanos, rejected, failed, latency.copy());
    }
}
