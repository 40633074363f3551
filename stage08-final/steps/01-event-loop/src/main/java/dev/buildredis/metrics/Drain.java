package dev.buildredis.metrics;

import org.HdrHistogram.Histogram;

import java.util.function.UnaryOperator;

/**
 * The reader's memory of one command cell that writers record into: the counts it had at the previous read and
 * the histogram to hand back to its recorder, so that the next read adds only what is new. Only
 * {@link MergingMetrics}'s readers touch it, under their lock.
 */
final class Drain {

    private long calls;
    private long nanos;
    private long rejected;
    private long failed;
    private Histogram recycled;

    /**
     * Adds to {@code total} what the cell gained since the previous call.
     *
     * @param intervals the cell's recorder: given the histogram it handed out last time, it returns the run times
     *                  recorded since then (HdrHistogram's {@code getIntervalHistogram(recycled)})
     */
    void into(Tally total, long calls, long nanos, long rejected, long failed, UnaryOperator<Histogram> intervals) {
        total.add(calls - this.calls, nanos - this.nanos, rejected - this.rejected, failed - this.failed);
        this.calls = calls;
        this.nanos = nanos;
        this.rejected = rejected;
        this.failed = failed;
        recycled = intervals.apply(recycled);
        total.addLatency(recycled);
    }
}
