package dev.buildredis.bitmaps;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class OverflowTest {

    @ParameterizedTest(name = "u{2}: {0} + {1} is {3} under WRAP, {4} under SAT")
    @CsvSource({
            "250, 10, 8, 4, 255",
            "5, -10, 8, 251, 0",
            "5, 10, 8, -, -",                              // fits: no overflow
            "0, 9223372036854775807, 63, -, -",
            "1, 9223372036854775807, 63, 0, 9223372036854775807",
            "0, -1, 1, 1, 0",
            "-1, 0, 8, 255, 255"})                          // SET u8 -1: a value above the type's range
    void unsignedOverflowWrapsOrSaturates(long value, long increment, int bits, String wrap, String sat) {
        check(Overflow.WRAP.unsigned(value, increment, bits), wrap);
        check(Overflow.SAT.unsigned(value, increment, bits), sat);
        assertThat(Overflow.FAIL.unsigned(value, increment, bits).failed()).isEqualTo(!wrap.equals("-"));
    }

    @ParameterizedTest(name = "i{2}: {0} + {1} is {3} under WRAP, {4} under SAT")
    @CsvSource({
            "100, 100, 8, -56, 127",
            "-100, -100, 8, 56, -128",
            "100, 27, 8, -, -",
            "128, 0, 8, -128, 127",                         // SET i8 128
            "-129, 0, 8, 127, -128",
            "0, 1, 1, -1, 0",
            "9223372036854775807, 1, 64, -9223372036854775808, 9223372036854775807",
            "-9223372036854775808, -1, 64, 9223372036854775807, -9223372036854775808",
            "-1, -9223372036854775808, 64, 9223372036854775807, -9223372036854775808",
            "-1, 9223372036854775807, 64, -, -"})
    void signedOverflowWrapsOrSaturates(long value, long increment, int bits, String wrap, String sat) {
        check(Overflow.WRAP.signed(value, increment, bits), wrap);
        check(Overflow.SAT.signed(value, increment, bits), sat);
        assertThat(Overflow.FAIL.signed(value, increment, bits).failed()).isEqualTo(!wrap.equals("-"));
    }

    /** "-" means no overflow: the sum is stored as it is. */
    private static void check(Overflow.Result result, String expected) {
        if (expected.equals("-")) {
            assertThat(result.overflowed()).isFalse();
        } else {
            assertThat(result.overflowed()).isTrue();
            assertThat(result.value()).isEqualTo(Long.parseLong(expected));
        }
    }
}
