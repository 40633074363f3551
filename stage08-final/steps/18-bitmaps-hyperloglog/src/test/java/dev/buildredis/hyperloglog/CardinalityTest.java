package dev.buildredis.hyperloglog;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CardinalityTest {

    @Test
    void noRegisterSetCountsZeroAndOneRegisterCountsOne() {
        int[] histogram = new int[64];
        histogram[0] = HyperLogLog.REGISTERS;
        assertThat(Cardinality.estimate(histogram)).isZero();
        histogram[0]--;
        histogram[1]++;
        assertThat(Cardinality.estimate(histogram)).isEqualTo(1);
    }

    @Test
    void theCountsAreRedissCounts() {
        HyperLogLog hll = HyperLogLog.empty();
        int[] checkpoints = {300, 5000};
        long[] redis = {302, 4968}; // redis-server's PFCOUNT after PFADD of e0 ... e299, then up to e4999
        int added = 0;
        for (int j = 0; j < checkpoints.length; j++) {
            for (; added < checkpoints[j]; added++) {
                hll.add(("e" + added).getBytes(StandardCharsets.ISO_8859_1), 3000);
            }
            assertThat(Cardinality.estimate(hll.histogram())).isEqualTo(redis[j]);
        }
        assertThat(hll.encoding()).isEqualTo(HyperLogLog.DENSE);
    }

    @Test
    void aMergeIsCountedFromOneRegisterPerByte() {
        byte[] max = new byte[HyperLogLog.REGISTERS];
        assertThat(Cardinality.estimate(max)).isZero();
        max[42] = 3;
        assertThat(Cardinality.estimate(max)).isEqualTo(1);
    }

    @Test
    void ertlsCorrectionsAtTheirEnds() {
        assertThat(Cardinality.sigma(1.0)).isInfinite();
        assertThat(Cardinality.sigma(0.0)).isZero();
        assertThat(Cardinality.tau(0.0)).isZero();
        assertThat(Cardinality.tau(1.0)).isZero();
        assertThat(Cardinality.tau(0.5)).isPositive();
    }
}
