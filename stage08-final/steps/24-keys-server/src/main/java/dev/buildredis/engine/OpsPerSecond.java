package dev.buildredis.engine;

import java.util.Arrays;

/**
 * INFO's {@code instantaneous_ops_per_sec}, computed as Redis does: every cron (100 ms at the default hz) a sample
 * of the command count's rate since the previous sample goes into a ring of 16, and the figure is their average,
 * so it follows the load of the last 1.6 seconds without jumping at every burst.
 */
final class OpsPerSecond {

    /** Redis's STATS_METRIC_SAMPLES. */
    static final int SAMPLES = 16;

    private final long[] rates = new long[SAMPLES];
    private int next;
    private long lastMillis = -1;
    private long lastCount;

    /** Records the command count at a moment (milliseconds of any monotonic clock). */
    void sample(long nowMillis, long commandCount) {
        if (lastMillis >= 0 && nowMillis > lastMillis) {
            rates[next] = (commandCount - lastCount) * 1_000 / (nowMillis - lastMillis);
            next = (next + 1) % SAMPLES;
        }
        lastMillis = nowMillis;
        lastCount = commandCount;
    }

    /** The average of the last 16 rates; samples not taken yet count as 0, as in Redis. */
    long perSecond() {
        long sum = 0;
        for (long rate : rates) {
            sum += rate;
        }
        return sum / SAMPLES;
    }

    /** Forgets every sample ({@code CONFIG RESETSTAT}): the count starts again from 0. */
    void reset() {
        Arrays.fill(rates, 0);
        lastMillis = -1;
    }
}
