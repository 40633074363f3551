package dev.buildredis.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected texts are what redis-server 7.0.15 on x86-64 replies to {@code SET k a} then {@code INCRBYFLOAT k b}. */
class LongDoubleTest {

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({
            "10.5, 0.1, 10.6",
            "1, 2, 3",
            "0.1, -0.1, 0",
            "5.0e3, 0, 5000",
            "0.1, 0.2, 0.3",
            "0.3, 1e-20, 0.3",
            "1e30, 1, 1000000000000000000024696061952",
            "0x1p-18, 0, 0.00000381469726562",
            "-1e-18, 0, 0",
            "5e-4951, -5e-4951, 0",
            "0x10, 0X1P-1, 16.5",
            "-2.5, 0, -2.5",
            "1e308, 1e308, 199999999999999999993371759311691291321120199694831134415594095989843469737676123744200253843777078640893494450108026446304269499187921167194841628860392837535918200039206381557326219209014213335878306791577877829121087126122536729803237260434173178506889763247582601711514636284849020905456510092687857156096",
    })
    void sumsPrintAsRedisPrintsThem(String a, String b, String sum) {
        assertThat(LongDouble.parse(a).plus(LongDouble.parse(b)).toText()).isEqualTo(sum);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            '1e4933'
            '1.2e4932'
            '1e-4952'
            '0x1p16384'
            '0x1p-16446'
            '1e99999999999999999999'
            '1e-99999999999999999999'
            'nan'
            '-nan(123)'
            ' 1'
            '1 '
            ''
            '.'
            '0x'
            '1e+'
            """)
    void whatStringToLongDoubleRefuses(String text) {
        assertThat(LongDouble.parse(text)).isNull();
    }

    @Test
    void theLargestLongDoubleIsANumberAndOneStepBeyondIsInfinity() {
        LongDouble max = LongDouble.parse("1.18973149535723176503e4932"); // rounds down to LDBL_MAX
        assertThat(max.isNanOrInfinite()).isFalse();
        assertThat(max.toText()).hasSize(4933).startsWith("118973149535723176502126385303");
        assertThat(max.plus(LongDouble.parse("1e4931")).isNanOrInfinite()).isTrue();
        assertThat(LongDouble.parse("1e400").toText()).hasSize(401).startsWith("10000000000000000000281880");
        assertThat(LongDouble.parse("4e-4951").isNanOrInfinite()).isFalse();
    }

    @Test
    void infinitiesParseButAddUpToNanOrInfinity() {
        assertThat(LongDouble.parse("-Infinity").isNanOrInfinite()).isTrue();
        assertThat(LongDouble.parse("inf").plus(LongDouble.parse("-inf")).isNanOrInfinite()).isTrue();
        assertThat(LongDouble.parse("infinit")).isNull();
    }

    @ParameterizedTest(name = "ceil({0} * 1000) = {1}")
    @CsvSource({
            "0.0001, 1",
            "-0.0009, 0",
            "-0.001, 0",
            "-0.0011, -1",
            "1.5, 1500",
            "9223372036854775.807, 9223372036854775807",
            "9223372036854775.808, -9223372036854775808",
            "inf, -9223372036854775808",
            "1e20, -9223372036854775808",
            "1e-4000, 1",
    })
    void timeoutsInMillisecondsAsRedisComputesThem(String seconds, long millis) {
        assertThat(LongDouble.parse(seconds).times(1000).ceilToLong()).isEqualTo(millis);
    }

    @ParameterizedTest(name = "{0} {1} {2} = {3}")
    @CsvSource({
            "inf, +, -inf, nan",
            "-inf, +, -inf, -inf",
            "inf, +, 1, inf",
            "1, +, -inf, -inf",
            "-inf, *, 0, nan",
            "inf, *, -2, -inf",
            "-inf, *, -2, inf",
            "1.5, *, -2, -3",
            "-0.25, *, 4, -1",
            "0, *, -7, 0",
            "1e-4000, *, 1, 0",
    })
    void infinitiesAndNanBehaveAsTheyDoInC(String a, String op, String b, String result) {
        LongDouble left = LongDouble.parse(a);
        LongDouble value = op.equals("+") ? left.plus(LongDouble.parse(b)) : left.times(Long.parseLong(b));
        assertThat(value.toText()).isEqualTo(result);
        assertThat(value.isFinite()).isEqualTo(!result.contains("inf") && !result.equals("nan"));
        assertThat(value.isNanOrInfinite()).isNotEqualTo(value.isFinite());
    }

    @Test
    void aNanStaysANanWhateverIsAddedOrMultiplied() {
        LongDouble nan = LongDouble.parse("inf").plus(LongDouble.parse("-inf"));
        assertThat(nan.plus(LongDouble.parse("1")).toText()).isEqualTo("nan");
        assertThat(LongDouble.parse("1").plus(nan).toText()).isEqualTo("nan");
        assertThat(nan.times(3).toText()).isEqualTo("nan");
        assertThat(nan.ceilToLong()).isEqualTo(Long.MIN_VALUE);
        assertThat(nan).hasToString("nan");
    }

    @ParameterizedTest(name = "ceil({0}) = {1}")
    @CsvSource({
            "0.5, 1",
            "-0.5, 0",
            "-1.5, -1",
            "2, 2",
            "-2, -2",
            "0x1p62, 4611686018427387904",
            "9223372036854775807, 9223372036854775807",
            "9223372036854775808, -9223372036854775808",
            "-9223372036854775807, -9223372036854775807",
            "-9223372036854775809, -9223372036854775808",
    })
    void ceilingsToALongAsX87Gives(String value, long ceiling) {
        assertThat(LongDouble.parse(value).ceilToLong()).isEqualTo(ceiling);
    }
}
