package dev.buildredis.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class NumbersTest {

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({
            "1.1, 1.1000000000000001",
            "3.0, 3",
            "-2.5, -2.5",
            "1e20, 1e+20",
            "1e16, 10000000000000000",
            "1.5e-5, 1.5e-05",
            "2.5e-7, 2.4999999999999999e-07",
            "0.1, 0.10000000000000001",
            "1e17, 1e+17",
            "123456789012345678, 1.2345678901234568e+17",
            "0.0001, 0.0001",
            "123456789.125, 123456789.125",
            "Infinity, inf",
            "-Infinity, -inf",
            "0.0, 0",
            "-0.0, -0",
            "1e-5, 1.0000000000000001e-05",
            "1e-10, 1e-10",
            "1e100, 1e+100",
            "-1e20, -1e+20",
            "-1.5e-7, -1.4999999999999999e-07",
            "5e-324, 4.9406564584124654e-324",
            "1.7976931348623157e308, 1.7976931348623157e+308",
            "-0.0001, -0.0001",
            "12345.678, 12345.678",
    })
    void doublesPrintAsPrintfPercentSeventeenG(double value, String text) {
        assertThat(Numbers.formatDouble(value)).isEqualTo(text);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            0                    | 0
            -7                   | -7
            9223372036854775807  | 9223372036854775807
            -9223372036854775808 | -9223372036854775808
            """)
    void integersRedisAcceptsParse(String text, long value) {
        assertThat(Numbers.parseLong(text.getBytes(StandardCharsets.US_ASCII))).isEqualTo(value);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ''
            '-'
            '-0'
            '007'
            '+5'
            ' 5'
            '1.5'
            '9223372036854775808'
            """)
    void integersRedisRefusesDoNotParse(String text) {
        assertThat(Numbers.parseLong(text.getBytes(StandardCharsets.US_ASCII))).isNull();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'nan'
            ' 1'
            '1 '
            '1d'
            '0x'
            '0x1p'
            '0x1g'
            '1e400'
            '-1e309'
            '0x1p1024'
            '1e-400'
            '0x1p-1075'
            'infinit'
            ''
            'abc'
            '.'
            '-.'
            '1e'
            '1e+'
            '1.2.3'
            'e5'
            '1e5.5'
            """)
    void floatsRedisRefusesDoNotParse(String text) {
        assertThat(Numbers.parseDouble(text.getBytes(StandardCharsets.US_ASCII))).isNull();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            1.5     | 1.5
            -2e3    | -2000
            5.      | 5
            .5      | 0.5
            +.5E-1  | 0.05
            007     | 7
            1E+2    | 100
            -inf    | -Infinity
            +Infinity | Infinity
            INF       | Infinity
            0x10      | 16
            0X1.8P1   | 3
            -0x.8     | -0.5
            0x1p-1074 | 4.9E-324
            0x1.fffffffffffff7p1023 | 1.7976931348623157E308
            4e-320    | 4.0E-320
            """)
    void floatsRedisAcceptsParse(String text, double value) {
        assertThat(Numbers.parseDouble(text.getBytes(StandardCharsets.US_ASCII))).isEqualTo(value);
    }

    @Test
    void theShortcutForPlainDecimalsGivesWhatStrtodGives() {
        java.util.Random random = new java.util.Random(42);
        for (int n = 0; n < 100_000; n++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
            int digits = 1 + random.nextInt(15);
            int point = random.nextInt(digits + 2) - 1; // -1: no point
            for (int d = 0; d < digits; d++) {
                if (d == point) {
                    text.append('.');
                }
                text.append((char) ('0' + random.nextInt(10)));
            }
            double expected = Double.parseDouble(text.toString()); // correctly rounded, as glibc's strtod
            assertThat(Numbers.simpleDecimal(text.toString().getBytes(StandardCharsets.US_ASCII)))
                    .as(text.toString()).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "\"{0}\" is left to the general reader")
    @ValueSource(strings = {"", "-", ".", "1e3", "0x10", " 1", "1 ", "1.2.3", ".1.2", "+1", "inf", "1234567890123456",
        "0.1234567890123456"})
    void theShortcutLeavesEverythingElseToTheGeneralReader(String text) {
        assertThat(Numbers.simpleDecimal(text.getBytes(StandardCharsets.US_ASCII))).isNaN();
    }

    @ParameterizedTest(name = "bound \"{0}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ''          | 0
            ' 2'        | 2
            '1e400'     | Infinity
            '-1e400'    | -Infinity
            '1e-400'    | 0
            '0x10'      | 16
            'inf'       | Infinity
            """)
    void scoreBoundsAreABareStrtod(String text, double value) {
        assertThat(Numbers.parseBound(text.getBytes(StandardCharsets.US_ASCII), 0)).isEqualTo(value);
    }

    @ParameterizedTest(name = "bound \"{0}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ' '
            '+'
            'nan'
            '1x'
            '1 '
            """)
    void scoreBoundsThatAreNotFloats(String text) {
        assertThat(Numbers.parseBound(text.getBytes(StandardCharsets.US_ASCII), 0)).isNull();
    }

    @org.junit.jupiter.api.Test
    void aZeroByteEndsAScoreBoundAsItEndsACString() {
        assertThat(Numbers.parseBound(new byte[] {'(', '1', 0, 'x'}, 1)).isEqualTo(1.0);
        assertThat(Numbers.parseBound(new byte[] {0}, 0)).isEqualTo(0.0);
    }
}
