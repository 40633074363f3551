// @step 01-10
package dev.buildredis.persistence;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AofReaderTest {

    private static final String SET = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n";          // 27 bytes
    private static final String INCR = "*2\r\n$4\r\nINCR\r\n$1\r\nn\r\n";                   // 24 bytes

    private static AofReader reader(String text) {
        return new AofReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static List<String> words(List<byte[]> command) {
        return command.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList();
    }

    @Test
    void readsEachCommandAndWhereItStarts() throws IOException {
        AofReader reader = reader(SET + INCR);
        assertThat(words(reader.next())).containsExactly("SET", "k", "v");
        assertThat(reader.commandStart()).isZero();
        assertThat(words(reader.next())).containsExactly("INCR", "n");
        assertThat(reader.commandStart()).isEqualTo(SET.length());
        assertThat(reader.next()).isNull();
    }

    @Test
    void argumentsMayHoldAnyBytesIncludingLineEnds() throws IOException {
        AofReader reader = reader("*3\r\n$3\r\nSET\r\n$4\r\n\r\n\0\u00ff\r\n$0\r\n\r\n");
        assertThat(words(reader.next())).containsExactly("SET", "\r\n\0\u00ff", "");
    }

    @Test
    void anEmptyFileHasNoCommands() throws IOException {
        assertThat(reader("").next()).isNull();
    }

    @Test
    void aFileThatEndsAnywhereInsideItsLastCommandIsTruncatedThere() throws IOException {
        for (int cut = 1; cut < INCR.length(); cut++) {
            AofReader reader = reader(SET + INCR.substring(0, cut));
            reader.next();
            assertThatExceptionOfType(EOFException.class).as("cut after %d bytes", cut).isThrownBy(reader::next);
            assertThat(reader.commandStart()).isEqualTo(SET.length());
        }
    }

    @ParameterizedTest(name = "{0} at offset {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "a command that does not start with '*'     | 27 | x2\\r\\n$4\\r\\nINCR\\r\\n$1\\r\\nn\\r\\n             | expected '*', got 'x'",
            "an argument that does not start with '$'   | 31 | *2\\r\\n#4\\r\\nINCR\\r\\n$1\\r\\nn\\r\\n             | expected '$', got '#'",
            "a count that is not a number               | 28 | *z\\r\\n$4\\r\\nINCR\\r\\n$1\\r\\nn\\r\\n             | not a number: 'z'",
            "a length that is not a number              | 32 | *2\\r\\n$x\\r\\nINCR\\r\\n$1\\r\\nn\\r\\n             | not a number: 'x'",
            "data longer than its length                | 38 | *2\\r\\n$3\\r\\nINCR\\r\\n$1\\r\\nn\\r\\n             | expected '\\r', got 'R'",
            "a command without arguments                | 27 | *0\\r\\n*2\\r\\n$4\\r\\nINCR\\r\\n$1\\r\\nn\\r\\n       | at least one argument",
            "a header line without its line feed        | 30 | *2\\rx$4\\r\\nINCR\\r\\n$1\\r\\nn\\r\\n              | expected '\\n', got 'x'",
    })
    void aWrongByteIsDamageAtItsOffset(String what, long offset, String damaged, String reason) throws IOException {
        AofReader reader = reader(SET + unescape(damaged) + SET);
        reader.next();
        assertThatExceptionOfType(AofFormatException.class).isThrownBy(reader::next)
                .withMessageContaining(reason)
                .satisfies(e -> assertThat(e.offset()).isEqualTo(offset));
    }

    /** CSV cannot hold CR and LF: the table writes them as \r and \n. */
    private static String unescape(String text) {
        return text.strip().replace("\\r", "\r").replace("\\n", "\n");
    }

    @Test
    void everyCommandOfALongFileIsRead() throws IOException {
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            file.append(SET).append(INCR);
        }
        AofReader reader = reader(file.toString());
        List<List<byte[]>> commands = new ArrayList<>();
        List<byte[]> command;
        while ((command = reader.next()) != null) {
            commands.add(command);
        }
        assertThat(commands).hasSize(2000);
    }
}
