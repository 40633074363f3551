package dev.buildredis.protocol;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class RespReaderTest {

    /** Input bytes, and the commands they hold (each command's arguments). */
    static Stream<Arguments> validInput() {
        return Stream.of(
                arguments("*1\r\n$4\r\nPING\r\n", List.of(List.of("PING"))),
                arguments("*2\r\n$4\r\nECHO\r\n$5\r\nhello\r\n", List.of(List.of("ECHO", "hello"))),
                arguments("*2\r\n$4\r\nECHO\r\n$0\r\n\r\n", List.of(List.of("ECHO", ""))),
                arguments("*2\r\n$4\r\nECHO\r\n$4\r\na\r\nb\r\n", List.of(List.of("ECHO", "a\r\nb"))),
                arguments("*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nPING\r\n", List.of(List.of("PING"), List.of("PING"))),
                arguments("*0\r\n*-1\r\n*1\r\n$4\r\nPING\r\n", List.of(List.of("PING"))),
                arguments("PING\r\n", List.of(List.of("PING"))),
                arguments("PING\n", List.of(List.of("PING"))),
                arguments("  ECHO   hello  \r\n", List.of(List.of("ECHO", "hello"))),
                arguments("\r\n\r\nPING\r\n", List.of(List.of("PING"))),
                arguments("ECHO \"hello world\"\r\n", List.of(List.of("ECHO", "hello world"))),
                arguments("PING\r\n*1\r\n$4\r\nPING\r\nPING\r\n",
                        List.of(List.of("PING"), List.of("PING"), List.of("PING"))),
                arguments("*2\r\n$4\r\nECHO\r\n$3\r\nabcXX", List.of(List.of("ECHO", "abc"))),
                arguments("*2\r\n$4\r\nECHO\r\n$109\r\n" + "x".repeat(109) + "\r\n",
                        List.of(List.of("ECHO", "x".repeat(109)))),
                arguments("*10\r\n" + "$1\r\na\r\n".repeat(10), List.of(java.util.Collections.nCopies(10, "a"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validInput")
    void completeInputGivesItsCommands(String input, List<List<String>> expected) throws ProtocolException {
        assertThat(readAll(input, input.length())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validInput")
    void inputFedOneByteAtATimeGivesTheSameCommands(String input, List<List<String>> expected)
            throws ProtocolException {
        assertThat(readAll(input, 1)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validInput")
    void inputSplitInTwoAtEveryOffsetGivesTheSameCommands(String input, List<List<String>> expected)
            throws ProtocolException {
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        for (int split = 0; split <= bytes.length; split++) {
            RespReader reader = new RespReader();
            List<List<String>> got = new ArrayList<>();
            reader.feed(bytes, 0, split);
            drain(reader, got);
            reader.feed(bytes, split, bytes.length - split);
            drain(reader, got);
            assertThat(got).as("split at byte %d", split).isEqualTo(expected);
        }
    }

    /** Input that is not a command, and Redis's message for it. */
    static Stream<Arguments> malformedInput() {
        return Stream.of(
                arguments("*a\r\n", "invalid multibulk length"),
                arguments("*3000000000\r\n", "invalid multibulk length"),
                arguments("*01\r\n", "invalid multibulk length"),
                arguments("*-0\r\n", "invalid multibulk length"),
                arguments("*\r\n", "invalid multibulk length"),
                arguments("*123456789012345678901\r\n", "invalid multibulk length"),
                arguments("*99999999999999999999\r\n", "invalid multibulk length"),
                arguments("*1\r\n+PING\r\n", "expected '$', got '+'"),
                arguments("*1\r\n$a\r\n", "invalid bulk length"),
                arguments("*1\r\n$-1\r\n", "invalid bulk length"),
                arguments("*1\r\n$536870913\r\n", "invalid bulk length"),
                arguments("*1\r\n$+4\r\n", "invalid bulk length"),
                arguments("*1\r\n$00\r\n", "invalid bulk length"),
                arguments("*1\r\n$04\r\n", "invalid bulk length"),
                arguments("*1\r\n$4 \r\n", "invalid bulk length"),
                arguments("*1\r\n$999999999\r\n", "invalid bulk length"),
                arguments("*1 \r\n", "invalid multibulk length"),
                arguments("ECHO \"abc\r\n", "unbalanced quotes in request"),
                arguments("ECHO \"a\"b\r\n", "unbalanced quotes in request"),
                arguments("A".repeat(64 * 1024 + 1), "too big inline request"),
                arguments("*" + "1".repeat(64 * 1024 + 1), "too big mbulk count string"),
                arguments("*1\r\n$" + "1".repeat(64 * 1024 + 1), "too big bulk count string"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformedInput")
    void malformedInputIsRefusedWithRedisMessage(String input, String message) {
        assertThatThrownBy(() -> readAll(input, input.length()))
                .isInstanceOf(ProtocolException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformedInput")
    void malformedInputFedOneByteAtATimeIsRefusedTheSameWay(String input, String message) {
        assertThatThrownBy(() -> readAll(input, 1))
                .isInstanceOf(ProtocolException.class)
                .hasMessage(message);
    }

    @Test
    void anUnterminatedLineOfExactlyTheLimitIsStillAwaited() throws ProtocolException {
        RespReader reader = new RespReader();
        byte[] line = "A".repeat(RespReader.MAX_LINE).getBytes(StandardCharsets.ISO_8859_1);
        reader.feed(line, 0, line.length);

        assertThat(reader.next()).isNull();
    }

    @Test
    void theLineLimitCountsOnlyBytesNotYetConsumed() throws ProtocolException {
        RespReader reader = new RespReader();
        byte[] consumed = ("*2\r\n$4\r\nECHO\r\n$40000\r\n" + "x".repeat(40000) + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] partial = ("ECHO " + "y".repeat(40000)).getBytes(StandardCharsets.ISO_8859_1);
        byte[] both = new byte[consumed.length + partial.length];
        System.arraycopy(consumed, 0, both, 0, consumed.length);
        System.arraycopy(partial, 0, both, consumed.length, partial.length);
        reader.feed(both, 0, both.length);

        assertThat(reader.next()).hasSize(2);
        assertThat(reader.next()).isNull(); // 40 KB of an unfinished line: within the limit
    }

    @Test
    void aHugeDeclaredLengthDoesNotAllocateItsBuffer() throws ProtocolException {
        RespReader reader = new RespReader();
        byte[] header = "*2\r\n$4\r\nECHO\r\n$536870912\r\nabc".getBytes(StandardCharsets.ISO_8859_1);
        reader.feed(header, 0, header.length);

        assertThat(reader.next()).isNull();
        assertThat(reader.capacity()).isBetween(header.length, 1024 * 1024);
    }

    @Test
    void aHugeDeclaredArrayDoesNotAllocateItsList() throws ProtocolException {
        RespReader reader = new RespReader();
        byte[] header = "*2147483647\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.ISO_8859_1);
        reader.feed(header, 0, header.length);

        assertThat(reader.next()).isNull(); // and no OutOfMemoryError from a list of two billion slots
    }

    @Test
    void aLargeArgumentArrivingInPiecesIsKeptWhole() throws ProtocolException {
        byte[] value = new byte[1 << 20];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        RespReader reader = new RespReader();
        byte[] header = ("*2\r\n$4\r\nECHO\r\n$" + value.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        reader.feed(header, 0, header.length);
        for (int offset = 0; offset < value.length; offset += 1000) {
            reader.feed(value, offset, Math.min(1000, value.length - offset));
            assertThat(reader.next()).isNull();
        }
        reader.feed(new byte[] {'\r', '\n'}, 0, 2);

        List<byte[]> command = reader.next();
        assertThat(command).hasSize(2);
        assertThat(command.get(1)).isEqualTo(value);
    }

    @Test
    void aBufferThatGrewForALargeCommandShrinksOnceItIsConsumed() throws ProtocolException {
        RespReader reader = new RespReader();
        byte[] large = ("*2\r\n$4\r\nECHO\r\n$1000000\r\n" + "x".repeat(1_000_000) + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        reader.feed(large, 0, large.length);
        assertThat(reader.next()).hasSize(2);

        reader.feed(new byte[] {'P', 'I', 'N', 'G', '\n'}, 0, 5);

        assertThat(reader.capacity()).isBetween(5, 100_000);
    }

    @Test
    void anEmptyReaderGivesItsBufferBackAndStillReadsTheNextCommand() throws ProtocolException {
        RespReader reader = new RespReader();
        List<List<String>> commands = new ArrayList<>();
        byte[] ping = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.ISO_8859_1);
        reader.feed(ping, 0, ping.length);
        drain(reader, commands);

        reader.release();
        assertThat(reader.capacity()).isZero();
        reader.feed(ping, 0, ping.length);
        drain(reader, commands);
        assertThat(commands).containsExactly(List.of("PING"), List.of("PING"));
    }

    @Test
    void aReaderHoldingPartOfACommandKeepsIt() throws ProtocolException {
        RespReader reader = new RespReader();
        List<List<String>> commands = new ArrayList<>();
        byte[] bytes = "*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n".getBytes(StandardCharsets.ISO_8859_1);
        reader.feed(bytes, 0, 14); // up to the end of "ECHO": nothing left in the buffer, but inside an array
        drain(reader, commands);

        reader.release();
        reader.feed(bytes, 14, bytes.length - 14);
        drain(reader, commands);
        assertThat(commands).containsExactly(List.of("ECHO", "hi"));
    }

    private static List<List<String>> readAll(String input, int chunk) throws ProtocolException {
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        RespReader reader = new RespReader();
        List<List<String>> commands = new ArrayList<>();
        for (int offset = 0; offset < bytes.length; offset += chunk) {
            reader.feed(bytes, offset, Math.min(chunk, bytes.length - offset));
            drain(reader, commands);
        }
        return commands;
    }

    @Test
    void readsFromAStreamOrAChannelCountTheBytesAndBufferedCountsWhatIsNotACommandYet() throws Exception {
        byte[] input = "*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nPI".getBytes(StandardCharsets.US_ASCII);
        RespReader fromStream = new RespReader();
        assertThat(fromStream.readFrom(new java.io.ByteArrayInputStream(input))).isEqualTo(input.length);
        RespReader fromChannel = new RespReader();
        assertThat(fromChannel.readFrom(java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(input))))
                .isEqualTo(input.length);
        for (RespReader reader : List.of(fromStream, fromChannel)) {
            assertThat(reader.buffered()).isEqualTo(input.length);
            assertThat(reader.next()).hasSize(1);
            assertThat(reader.buffered()).as("the unfinished second command").isEqualTo(10);
            assertThat(reader.next()).isNull();
            assertThat(reader.readFrom(new java.io.ByteArrayInputStream("NG\r\n".getBytes(StandardCharsets.US_ASCII))))
                    .isEqualTo(4);
            assertThat(new String(reader.next().getFirst(), StandardCharsets.US_ASCII)).isEqualTo("PING");
            assertThat(reader.buffered()).isZero();
            assertThat(reader.readFrom(new java.io.ByteArrayInputStream(new byte[0]))).isEqualTo(-1);
        }
    }

    @Test
    void aNameSentAgainIsTheSameArrayAndOtherArgumentsAreAlwaysNew() throws ProtocolException {
        RespReader reader = new RespReader();
        byte[] twoSets = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        reader.feed(twoSets, 0, twoSets.length);
        List<byte[]> first = List.copyOf(reader.next());
        List<byte[]> second = reader.next();

        assertThat(second.get(0)).as("the name, received before").isSameAs(first.get(0));
        assertThat(second.get(1)).as("a key is the caller's to keep").isNotSameAs(first.get(1)).isEqualTo(first.get(1));
        assertThat(second.get(2)).isNotSameAs(first.get(2)).isEqualTo(first.get(2));
    }

    @Test
    void namesThatShareASlotOrDifferInCaseAreEachTheirOwn() throws ProtocolException {
        RespReader reader = new RespReader();
        List<String> names = List.of("GET", "get", "GeT", "SET", "GAT", "GXT", "PING", "", "A".repeat(40), "GET");
        StringBuilder input = new StringBuilder();
        for (String name : names) {
            input.append("*1\r\n$").append(name.length()).append("\r\n").append(name).append("\r\n");
        }
        byte[] bytes = input.toString().getBytes(StandardCharsets.US_ASCII);
        reader.feed(bytes, 0, bytes.length);
        List<String> read = new java.util.ArrayList<>();
        List<byte[]> command;
        while ((command = reader.next()) != null) {
            read.add(new String(command.getFirst(), StandardCharsets.US_ASCII));
        }
        assertThat(read).isEqualTo(names);
    }

    @Test
    void aCommandOfManyArgumentsIsFollowedByShortOnesAsUsual() throws ProtocolException {
        RespReader reader = new RespReader();
        StringBuilder input = new StringBuilder("*2001\r\n$4\r\nMSET\r\n");
        for (int i = 0; i < 2000; i++) {
            input.append("$1\r\nx\r\n");
        }
        input.append("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n");
        byte[] bytes = input.toString().getBytes(StandardCharsets.US_ASCII);
        reader.feed(bytes, 0, bytes.length);
        assertThat(reader.next()).hasSize(2001);
        assertThat(reader.next()).extracting(arg -> new String(arg, StandardCharsets.US_ASCII))
                .containsExactly("GET", "k");
    }

    private static void drain(RespReader reader, List<List<String>> into) throws ProtocolException {
        List<byte[]> command;
        while ((command = reader.next()) != null) {
            into.add(command.stream().map(arg -> new String(arg, StandardCharsets.ISO_8859_1)).toList());
        }
    }
}
