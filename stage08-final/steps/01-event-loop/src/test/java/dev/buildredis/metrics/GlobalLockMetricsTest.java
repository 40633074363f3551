package dev.buildredis.metrics;

/** The contract for {@code --metrics global-lock}. */
class GlobalLockMetricsTest extends MetricsContract {

    @Override
    MetricsKind kind() {
        return MetricsKind.GLOBAL_LOCK;
    }
}
