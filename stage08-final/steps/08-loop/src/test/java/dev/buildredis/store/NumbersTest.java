package dev.buildredis.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class NumbersTest {

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
}
