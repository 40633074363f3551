// @step 01-10
package dev.buildredis.protocol;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class DecimalTest {

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(textBlock = """
            0,                    0
            7,                    7
            -7,                   -7
            1000,                 1000
            9223372036854775807,  9223372036854775807
            -9223372036854775808, -9223372036854775808
            """)
    void decimalsInRedisSpellingAreRead(String text, long value) {
        assertThat(Decimal.parse(text.getBytes(StandardCharsets.US_ASCII))).hasValue(value);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "-", "-0", "007", "+5", " 5", "5 ", "1.5", "1e3", "abc", "0x10",
            "9223372036854775808", "-9223372036854775809", "99999999999999999999", "12345678901234567890123"})
    void anythingElseIsRefused(String text) {
        assertThat(Decimal.parse(text.getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"*42\r\n"})
    void aRangeInsideABufferIsReadWithoutTheBytesAroundIt(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        assertThat(Decimal.parse(bytes, 1, 3)).hasValue(42);
    }
}
