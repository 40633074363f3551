package dev.buildredis.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code instantaneous_ops_per_sec}: the average rate over Redis's ring of 16 samples. */
class OpsPerSecondTest {

    private final OpsPerSecond ops = new OpsPerSecond();

    @Test
    void aSteadyRateFillsTheRingToThatRate() {
        for (int i = 0; i <= OpsPerSecond.SAMPLES; i++) {
            ops.sample(i * 100L, i * 500L); // 500 commands every 100 ms
        }

        assertThat(ops.perSecond()).isEqualTo(5_000);
    }

    @Test
    void samplesNotYetTakenCountAsZero() {
        ops.sample(0, 0);
        ops.sample(100, 1_600);

        assertThat(ops.perSecond()).isEqualTo(16_000 / OpsPerSecond.SAMPLES);
    }

    @Test
    void resetForgetsTheRateAndTheLastCount() {
        ops.sample(0, 0);
        ops.sample(100, 1_600);

        ops.reset();
        ops.sample(200, 0); // the count restarted from zero: no negative rate

        assertThat(ops.perSecond()).isZero();
    }
}
