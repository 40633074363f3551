package dev.buildredis.protocol;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class RespWriterTest {

    static Stream<Arguments> values() {
        return Stream.of(
                arguments(RespValue.OK, "+OK\r\n"),
                arguments(new RespValue.SimpleError("ERR boom"), "-ERR boom\r\n"),
                arguments(new RespValue.Int(0), ":0\r\n"),
                arguments(new RespValue.Int(-42), ":-42\r\n"),
                arguments(new RespValue.Int(Long.MAX_VALUE), ":9223372036854775807\r\n"),
                arguments(RespValue.BulkString.of("hello"), "$5\r\nhello\r\n"),
                arguments(RespValue.BulkString.of(""), "$0\r\n\r\n"),
                arguments(new RespValue.BulkString(new byte[] {0, '\r', '\n', (byte) 0xff}), "$4\r\n\0\r\n\u00ff\r\n"),
                arguments(RespValue.NULL, "$-1\r\n"),
                arguments(new RespValue.Array(List.of()), "*0\r\n"),
                arguments(new RespValue.Array(List.of(new RespValue.Int(1), RespValue.BulkString.of("a"),
                        new RespValue.Array(List.of(RespValue.NULL)))), "*3\r\n:1\r\n$1\r\na\r\n*1\r\n$-1\r\n"),
                arguments(new RespValue.NullArray(), "*-1\r\n"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("values")
    void everyKindOfValueIsEncodedAsRespTwo(RespValue value, String expected) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RespWriter writer = new RespWriter(bytes);
        writer.write(value);
        writer.flush();
        assertThat(bytes.toString(StandardCharsets.ISO_8859_1)).isEqualTo(expected);
    }
}
