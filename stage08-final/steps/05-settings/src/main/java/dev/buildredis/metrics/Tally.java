package dev.buildredis.metrics;

import org.HdrHistogram.Histogram;

/**
 * One command's running totals and its latency histogram: plain fields, which only the event loop's thread
 * touches.
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

    /** A copy that no longer changes. */
    CommandStats toStats() {
        return new CommandStats(calls, nanos, rejected, failed, latency.copy());
    }
}
