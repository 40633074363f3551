// @step 21
package dev.buildredis.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latency monitor, as Redis's {@code latency.c}: for each kind of event that took at least
 * {@code latency-monitor-threshold} milliseconds (0: off, the default), the last 160 seconds that had one, each with
 * the worst latency of that second, and the worst of all time.
 * <pre>
 *   command        a command not flagged fast                 fast-command   a fast one
 *   expire-cycle   the cron's active expiry                   eviction-cycle keys evicted to get under maxmemory
 * </pre>
 * The event loop thread is the only one that records and reads, as in Redis.
 */
public final class LatencyMonitor {

    /** Redis's LATENCY_TS_LEN: samples kept for each event. */
    static final int SAMPLES = 160;

    /** One event's samples: a ring of (second, worst milliseconds in it), and the all-time worst. */
    static final class Series {
        final long[] times = new long[SAMPLES];
        final long[] latencies = new long[SAMPLES];
        int next;
        long max;

        /** The samples oldest first, as {time, latency} pairs. */
        List<long[]> samples() {
            List<long[]> list = new ArrayList<>();
            for (int j = 0; j < SAMPLES; j++) {
                int i = (next + j) % SAMPLES;
                if (times[i] != 0) {
                    list.add(new long[] {times[i], latencies[i]});
                }
            }
            return list;
        }

        int last() {
            return (next + SAMPLES - 1) % SAMPLES;
        }
    }

    private final Map<String, Series> events = new LinkedHashMap<>();
    private long threshold; // latency-monitor-threshold, kept here: every command asks

    private boolean tracking = true; // latency-tracking: per-command histograms (LATENCY HISTOGRAM)

    LatencyMonitor(Settings settings) {
        settings.mutable("latency-monitor-threshold", Parameter.integer(0, Long.MAX_VALUE), 0L);
        settings.mutable("latency-tracking", Parameter.YES_NO, true);
        settings.actOn("latency-tracking-info-percentiles"); // INFO latencystats reads it, as the table has it
    }

    void configure(long threshold, boolean tracking) {
        this.threshold = threshold;
        this.tracking = tracking;
    }

    /** latency-tracking: whether each command's time goes into its histogram. */
    boolean tracking() {
        return tracking;
    }

    // tag::add-sample[]
    /** Redis's latencyAddSampleIfNeeded: kept if the threshold is on and reached; one sample a second at most. */
    public void sample(String event, long millis) {
        if (threshold == 0 || millis < threshold) {
            return;
        }
        long now = System.currentTimeMillis() / 1000;
        Series series = events.computeIfAbsent(event, e -> new Series());
        series.max = Math.max(series.max, millis);
        int previous = series.last();
        if (series.times[previous] == now) {
            series.latencies[previous] = Math.max(series.latencies[previous], millis);
            return;
        }
        series.times[series.next] = now;
        series.latencies[series.next] = millis;
        series.next = (series.next + 1) % SAMPLES;
    }
    // end::add-sample[]

    /** The events with samples, in the order they first had one. */
    public List<String> events() {
        return new ArrayList<>(events.keySet());
    }

    /** An event's samples, oldest first, as {Unix seconds, milliseconds}; empty for an event without any. */
    public List<long[]> samples(String event) {
        Series series = events.get(event);
        return series == null ? List.of() : series.samples();
    }

    /** An event's latest sample {Unix seconds, milliseconds} and all-time worst, or null. */
    public long[] latest(String event) {
        Series series = events.get(event);
        if (series == null) {
            return null;
        }
        int last = series.last();
        return new long[] {series.times[last], series.latencies[last], series.max};
    }

    /** LATENCY RESET: the named events (every one if none), and how many there were. */
    public int reset(List<String> names) {
        if (names.isEmpty()) {
            int count = events.size();
            events.clear();
            return count;
        }
        int count = 0;
        for (String name : names) {
            if (events.remove(name) != null) {
                count++;
            }
        }
        return count;
    }

    /** Whether latency-monitor-threshold is on (LATENCY DOCTOR says so when it is not). */
    public boolean enabled() {
        return threshold > 0;
    }
}
