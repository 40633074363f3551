// @step 01-06
package dev.buildredis.metrics;

import org.HdrHistogram.Histogram;

/**
 //> step 01-01
//~ * One command's running totals, without any locking of its own: the global lock guards the ones
//~ * {@link GlobalLockMetrics} records into, and the readers of the other implementations merge into theirs under
//~ * their own lock.
 //< step 01-01
 //> step 02-06
//~ * One command's running totals and its latency histogram: plain fields, which only the event loop's thread
//~ * touches.
 //< step 02-06
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

    //> step 01-01
//~    /** Adds counts that were recorded elsewhere, since the last time they were added. */
//~    void add(long calls, long nanos, long rejected, long failed) {
//~        this.calls += calls;
//~        this.nanos += nanos;
//~        this.rejected += rejected;
//~        this.failed += failed;
//~    }
//~
//~    /** Adds run times that were recorded elsewhere. */
//~    void addLatency(Histogram interval) {
//~        latency.add(interval);
//~    }
//~
    //< step 01-01
    /** A copy that no longer changes. */
    CommandStats toStats() {
        return new CommandStats(calls, nanos, rejected, failed, latency.copy());
    }
}
