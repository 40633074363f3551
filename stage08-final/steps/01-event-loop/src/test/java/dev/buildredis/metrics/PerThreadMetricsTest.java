package dev.buildredis.metrics;

/** The contract for {@code --metrics per-thread}. */
class PerThreadMetricsTest extends MetricsContract {

    @Override
    MetricsKind kind() {
        return MetricsKind.PER_THREAD;
    }
}
