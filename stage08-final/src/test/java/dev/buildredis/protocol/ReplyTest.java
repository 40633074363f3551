package dev.buildredis.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The exact bytes of replies, on both sides of the shared headers' limit and at the ends of a long's range. */
class ReplyTest {

    private final Reply reply = new Reply();

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0, :0", "7, :7", "-1, :-1", "31, :31", "32, :32", "1000, :1000",
            "2147483647, :2147483647", "2147483648, :2147483648", "-2147483648, :-2147483648",
            "-2147483649, :-2147483649", "9223372036854775807, :9223372036854775807",
            "-9223372036854775808, :-9223372036854775808"})
    void anIntegerIsItsDigits(long value, String expected) {
        reply.integer(value);
        assertThat(text()).isEqualTo(expected + "\r\n");
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 3, 9, 10, 31, 32, 99, 100, 1000, 65_536})
    void aBulkStringIsItsLengthThenItsBytes(int length) {
        String value = "v".repeat(length);
        reply.bulk(value.getBytes(StandardCharsets.US_ASCII));
        assertThat(text()).isEqualTo("$" + length + "\r\n" + value + "\r\n");
    }

    @Test
    void aSliceOfAnArrayIsSentAsABulkString() {
        reply.bulk("xxhelloxx".getBytes(StandardCharsets.US_ASCII), 2, 5);
        assertThat(text()).isEqualTo("$5\r\nhello\r\n");
    }

    @ParameterizedTest(name = "{0} elements")
    @ValueSource(ints = {0, 1, 2, 31, 32, 33, 1000})
    void anArrayHeaderIsItsCount(int count) {
        reply.arrayHeader(count);
        assertThat(text()).isEqualTo("*" + count + "\r\n");
    }

    @Test
    void headersInResp3HaveTheirOwnTypes() {
        reply.protocol(3);
        reply.mapHeader(2);
        reply.setHeader(3);
        reply.pushHeader(31);
        reply.arrayHeader(5);
        assertThat(text()).isEqualTo("%2\r\n~3\r\n>31\r\n*5\r\n");
    }

    @Test
    void aMapInResp2IsAFlatArrayOfTwiceAsManyElements() {
        reply.mapHeader(16);
        assertThat(text()).isEqualTo("*32\r\n");
    }

    @Test
    void manyRepliesGrowTheBufferAndStayInOrder() {
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            reply.bulk(Integer.toString(i).getBytes(StandardCharsets.US_ASCII));
            reply.integer(i);
            expected.append('$').append(Integer.toString(i).length()).append("\r\n").append(i).append("\r\n");
            expected.append(':').append(i).append("\r\n");
        }
        assertThat(text()).isEqualTo(expected.toString());
    }

    private String text() {
        return new String(reply.drain(), StandardCharsets.US_ASCII);
    }
}
