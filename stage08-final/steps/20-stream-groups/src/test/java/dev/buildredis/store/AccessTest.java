package dev.buildredis.store;

import org.junit.jupiter.api.Test;

import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/** The 24-bit access field: Redis's LRU clock of seconds and its LFU counter with decay, both as they wrap. */
class AccessTest {

    private static final long MINUTE = 60_000;

    /** A random source whose every draw is {@code value}. */
    private static RandomGenerator always(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    @Test
    void theLruClockCountsSecondsIn24Bits() {
        assertThat(Access.lruClock(5_999)).isEqualTo(5);
        assertThat(Access.lruClock((Access.LRU_CLOCK_MAX + 1L) * 1000 + 3_000)).as("after a wrap").isEqualTo(3);
    }

    @Test
    void idleTimeIsTheClocksDistanceFromTheLastAccessAcrossAWrap() {
        assertThat(Access.idleMillis(10, 15_500)).isEqualTo(5_000);
        assertThat(Access.idleMillis(15, 15_500)).isZero();
        assertThat(Access.idleMillis(Access.LRU_CLOCK_MAX - 1, 2_000)).isEqualTo(3_000);
    }

    @Test
    void aNewLfuKeyStartsAtFiveAndLosesOneEveryDecayPeriod() {
        int access = Access.lfuNew(3 * MINUTE + 1);
        assertThat(Access.minutes(3 * MINUTE + 1)).isEqualTo(3);
        assertThat(access >>> 8).isEqualTo(3);
        assertThat(Access.lfuCounter(access, 3 * MINUTE, 1)).isEqualTo(5);
        assertThat(Access.lfuCounter(access, 9 * MINUTE, 3)).as("two periods of three minutes").isEqualTo(3);
        assertThat(Access.lfuCounter(access, 9 * MINUTE, 1)).as("six periods").isZero();
        assertThat(Access.lfuCounter(access, 100 * MINUTE, 0)).as("decay time 0: never").isEqualTo(5);
        int beforeWrap = 0xFFFE << 8 | 20;
        assertThat(Access.lfuCounter(beforeWrap, MINUTE, 1)).as("two minutes across the wrap").isEqualTo(18);
    }

    @Test
    void anAccessIncrementsTheCounterWithProbabilityOneOverBaseTimesFactorPlusOne() {
        int fifteen = 15;
        double p = 1.0 / (10 * 10 + 1);
        assertThat(Access.lfuTouch(fifteen, 0, 10, 1, always(p * 0.99)) & 0xFF).isEqualTo(16);
        assertThat(Access.lfuTouch(fifteen, 0, 10, 1, always(p)) & 0xFF).isEqualTo(15);
        assertThat(Access.lfuTouch(fifteen, 0, 10, 1, always(0.5)) & 0xFF).isEqualTo(15);
        assertThat(Access.lfuTouch(Access.lfuNew(0), 0, 10, 1, always(0.999)) & 0xFF).as("at 5, always").isEqualTo(6);

        int touched = Access.lfuTouch(255, 2 * MINUTE + 5, 10, 100, always(0));
        assertThat(touched & 0xFF).as("255 is the most").isEqualTo(255);
        assertThat(touched >>> 8).as("the time of this access").isEqualTo(2);
    }
}
