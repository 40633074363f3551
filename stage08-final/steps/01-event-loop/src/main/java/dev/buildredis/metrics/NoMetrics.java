package dev.buildredis.metrics;

import java.util.TreeMap;

/**
 * Metrics that record nothing ({@code --metrics off}): what the server costs without any, to measure the others
 * against. INFO then shows zeros and no command statistics.
 */
final class NoMetrics implements Metrics {

    @Override
    public void recordCall(String command, long nanos, boolean failed) {
    }

    @Override
    public void recordRejected(String command) {
    }

    @Override
    public void record(Event event) {
    }

    @Override
    public void threadDone() {
    }

    @Override
    public long totalCommands() {
        return 0;
    }

    @Override
    public MetricsSnapshot snapshot() {
        return new MetricsSnapshot(new TreeMap<>(), new long[Event.values().length]);
    }

    @Override
    public void reset() {
    }
}
