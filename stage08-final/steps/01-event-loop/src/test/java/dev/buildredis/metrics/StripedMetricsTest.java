package dev.buildredis.metrics;

/** The contract for {@code --metrics striped}. */
class StripedMetricsTest extends MetricsContract {

    @Override
    MetricsKind kind() {
        return MetricsKind.STRIPED;
    }
}
