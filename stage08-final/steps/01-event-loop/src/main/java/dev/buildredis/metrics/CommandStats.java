package dev.buildredis.metrics;

import org.HdrHistogram.Histogram;

/**
 * One command's figures at the moment of a {@link Metrics#snapshot()}: what one {@code cmdstat_} line and one
 * {@code latency_percentiles_usec_} line of INFO show.
 *
 * @param calls    runs, failed ones included
 * @param nanos    their total time; INFO shows it in whole microseconds ({@code usec}), as Redis does
 * @param rejected calls refused before they ran
 * @param failed   runs that replied with an error
 * @param latency  the distribution of run times in nanoseconds; a copy owned by this snapshot
 */
public record CommandStats(long calls, long nanos, long rejected, long failed, Histogram latency) {

    /** Redis's latency histograms: 1 ns to 1 s with two significant digits (a value is off by at most 1%). */
    static final long LOWEST_NANOS = 1;
    static final long HIGHEST_NANOS = 1_000_000_000L;
    static final int SIGNIFICANT_DIGITS = 2;

    /** An empty histogram of the shape every implementation records into. */
    static Histogram newHistogram() {
        return new Histogram(LOWEST_NANOS, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    }

    /** A run time clamped into the histogram's range, as Redis clamps it; a longer run counts as one second. */
    static long clamp(long nanos) {
        return Math.max(LOWEST_NANOS, Math.min(HIGHEST_NANOS, nanos));
    }

    /** Total time in whole microseconds, INFO's {@code usec}. */
    public long usec() {
        return nanos / 1_000;
    }

    /** Average microseconds a call, INFO's {@code usec_per_call}; from nanoseconds, so short calls are not 0. */
    public double usecPerCall() {
        return calls == 0 ? 0 : nanos / 1_000.0 / calls;
    }

    /** The run time at a percentile (50, 99, 99.9) in microseconds, as the histogram's bucket bounds it. */
    public double percentileUsec(double percentile) {
        return latency.getValueAtPercentile(percentile) / 1_000.0;
    }
}
