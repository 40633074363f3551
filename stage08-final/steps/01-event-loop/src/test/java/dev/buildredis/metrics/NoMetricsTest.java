package dev.buildredis.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --metrics off}: the baseline records nothing, and its snapshot is empty rather than missing. */
class NoMetricsTest {

    @Test
    void recordsNothing() {
        Metrics metrics = Metrics.create(MetricsKind.OFF);

        metrics.recordCall("get", 1_000, false);
        metrics.recordRejected("get");
        metrics.record(Event.KEYSPACE_HIT);

        assertThat(metrics.snapshot().commands()).isEmpty();
        assertThat(metrics.snapshot().count(Event.KEYSPACE_HIT)).isZero();
        assertThat(metrics.totalCommands()).isZero();
    }

    @Test
    void eachKindIsNamedOnTheCommandLineInLowercaseWithDashes() {
        assertThat(MetricsKind.values()).extracting(MetricsKind::optionValue)
                .containsExactly("off", "global-lock", "striped", "per-thread");
    }
}
