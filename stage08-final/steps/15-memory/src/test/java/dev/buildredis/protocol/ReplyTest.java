package dev.buildredis.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
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

    /** A channel that takes at most {@code perWrite} bytes a write, and nothing at all every other write. */
    private static final class SlowChannel implements WritableByteChannel {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final int perWrite;
        private boolean full;

        SlowChannel(int perWrite) {
            this.perWrite = perWrite;
        }

        @Override
        public int write(ByteBuffer src) {
            full = !full;
            if (full) {
                return 0;
            }
            int n = Math.min(perWrite, src.remaining());
            byte[] bytes = new byte[n];
            src.get(bytes);
            received.writeBytes(bytes);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aBooleanIsAnIntegerInResp2AndTrueOrFalseInResp3() {
        Reply reply = new Reply();
        reply.bool(true);
        reply.bool(false);
        reply.protocol(3);
        reply.bool(true);
        reply.bool(false);
        assertThat(text(reply.drain())).isEqualTo(":1\r\n:0\r\n#t\r\n#f\r\n");
    }

    @Test
    void verbatimTextIsABulkStringInResp2AndATxtVerbatimStringInResp3() {
        Reply reply = new Reply();
        reply.verbatim("héllo");
        reply.protocol(3);
        reply.verbatim("héllo");
        assertThat(text(reply.drain())).isEqualTo("$6\r\nh\u00c3\u00a9llo\r\n=10\r\ntxt:h\u00c3\u00a9llo\r\n");
    }

    @Test
    void integersAtTheEndsOfALong() {
        Reply reply = new Reply();
        reply.integer(Long.MIN_VALUE);
        reply.integer(Long.MAX_VALUE);
        reply.integer(-10);
        reply.integer(0);
        assertThat(text(reply.drain()))
                .isEqualTo(":-9223372036854775808\r\n:9223372036854775807\r\n:-10\r\n:0\r\n");
    }

    @Test
    void aReplyGoesOutInPiecesAsTheSocketTakesThemAndNewRepliesQueueBehind() throws Exception {
        Reply reply = new Reply();
        String big = "x".repeat(3000); // past the initial 1 KB buffer
        reply.bulk(big.getBytes(StandardCharsets.US_ASCII));
        SlowChannel channel = new SlowChannel(700);
        assertThat(reply.writeTo(channel)).as("the socket filled up").isFalse();
        int pending = reply.pending();
        assertThat(pending).isEqualTo(3009 - channel.received.size()).isPositive();

        reply.bulk("after".getBytes(StandardCharsets.US_ASCII)); // appended behind what is still unsent
        int writes = 1;
        while (!reply.writeTo(channel)) {
            writes++;
        }
        assertThat(writes).as("calls until everything was sent").isGreaterThan(4);
        assertThat(reply.pending()).isZero();
        assertThat(text(channel.received.toByteArray())).isEqualTo("$3000\r\n" + big + "\r\n$5\r\nafter\r\n");

        reply.ok(); // the buffer is usable again after a full send
        assertThat(text(reply.drain())).isEqualTo("+OK\r\n");
    }

    @Test
    void unsentBytesMoveToTheFrontWhenTheBufferFillsUp() throws Exception {
        Reply reply = new Reply();
        reply.bulk("y".repeat(1000).getBytes(StandardCharsets.US_ASCII)); // 1,009 of the 1,024 bytes
        SlowChannel channel = new SlowChannel(900);
        reply.writeTo(channel); // nothing taken
        reply.writeTo(channel); // 900 bytes sent, 109 left at the end of the buffer
        reply.bulk("z".repeat(100).getBytes(StandardCharsets.US_ASCII)); // does not fit behind them without moving
        assertThat(text(reply.drain()))
                .isEqualTo("y".repeat(107) + "\r\n$100\r\n" + "z".repeat(100) + "\r\n");
    }
}
