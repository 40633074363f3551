package dev.buildredis.persistence.aof;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The strict reader of AOF commands: every byte that is not data is checked, and a damage is reported with its
 * offset and what was found there, as redis-check-aof reports it.
 */
class AofReaderTest {

    private static AofReader reader(String text) {
        return new AofReader(new ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    }

    private static List<String> texts(List<byte[]> command) {
        List<String> texts = new ArrayList<>();
        command.forEach(arg -> texts.add(new String(arg, java.nio.charset.StandardCharsets.ISO_8859_1)));
        return texts;
    }

    @Test
    void commandsComeBackInOrderWithTheOffsetWhereEachStarts() throws IOException {
        AofReader reader = reader("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n*2\r\n$4\r\nINCR\r\n$1\r\nn\r\n");
        assertThat(texts(reader.next())).containsExactly("SET", "k", "");
        assertThat(reader.commandStart()).isZero();
        assertThat(texts(reader.next())).containsExactly("INCR", "n");
        assertThat(reader.commandStart()).isEqualTo(26);
        assertThat(reader.next()).isNull();
        assertThat(reader.commandStart()).isEqualTo(47);
    }

    @Test
    void aNumberOfTwentyCharactersIsReadAndOneOfTwentyOneIsRefused() throws IOException {
        assertThat(texts(reader("*00000000000000000001\r\n$00000000000000000001\r\nx\r\n").next()))
                .containsExactly("x");
        assertThatThrownBy(() -> reader("*1\r\n$000000000000000000001\r\nx\r\n").next())
                .isInstanceOfSatisfying(AofFormatException.class, e -> assertThat(e.offset()).isEqualTo(5))
                .hasMessage("a number longer than 20 characters");
    }

    /** Damaged files: the message, and the offset of the byte (or the number) that breaks the format. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "*0\\r\\n"                                  | 0  | a command must have at least one argument, not 0
            "*-1\\r\\n"                                 | 0  | a command must have at least one argument, not -1
            "*1\\r\\n$-1\\r\\n"                         | 9  | invalid argument length -1
            "*1\\r\\n$536870913\\r\\n"                  | 16 | invalid argument length 536870913
            "*1x\\r\\n"                                 | 1  | not a number: '1x'
            "*1\\r\\n$\\001\\r\\n"                    | 5  | not a number: '?'
            "+1\\r\\n"                                  | 0  | expected '*', got '+'
            "*1\\r\\n:1\\r\\n"                          | 4  | expected '$', got ':'
            "*1\\r\\n$1\\r\\nab\\r\\n"                  | 9  | expected '\\r', got 'b'
            "*1\\r\\n$1\\r\\na\\r\\r"                   | 10 | expected '\\n', got '\\r'
            "*1\\r\\r"                                  | 3  | expected '\\n', got '\\r'
            "*1\\r\\n$1\\r\\na\\n"                      | 9  | expected '\\r', got '\\n'
            "*1\\r\\n$1\\r\\na\\177"                  | 9  | expected '\\r', got byte 0x7f
            "*1\\r\\n$1\\r\\na\\037"                  | 9  | expected '\\r', got byte 0x1f
            "*1\\r\\n$1\\r\\na "                        | 9  | expected '\\r', got ' '
            "*1\\r\\n$1\\r\\na~"                        | 9  | expected '\\r', got '~'
            "* 1\\r\\n"                                | 1  | not a number: ' 1'
            "*1\\177\\r\\n"                             | 1  | not a number: '1?'
            "*1~\\r\\n"                                 | 1  | not a number: '1~'
            "*1\\037\\r\\n"                             | 1  | not a number: '1?'
            """)
    void aByteThatBreaksTheFormatIsReportedWithItsOffset(String escaped, long offset, String message) {
        String text = escaped.translateEscapes();
        assertThatThrownBy(() -> reader(text).next())
                .isInstanceOfSatisfying(AofFormatException.class, e -> assertThat(e.offset()).isEqualTo(offset))
                .hasMessage(message);
    }

    @Test
    void aLengthOfExactlyTheStringLimitIsNotRefusedAsTooLong() {
        // the file ends long before 512 MB: the length was accepted, the data is missing
        assertThatThrownBy(() -> reader("*1\r\n$536870912\r\nabc").next()).isInstanceOf(EOFException.class);
    }

    @Test
    void aFileThatEndsInsideACommandIsAShortReadAnywhere() {
        String command = "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n";
        for (int length = 1; length < command.length(); length++) {
            String cut = command.substring(0, length);
            assertThatThrownBy(() -> reader(cut).next()).as("cut to %d bytes", length)
                    .isInstanceOf(EOFException.class);
        }
    }

    @Test
    void theStartOfTheFailingCommandIsKnown() throws IOException {
        AofReader reader = reader("*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nPI");
        reader.next();
        assertThatThrownBy(reader::next).isInstanceOf(EOFException.class);
        assertThat(reader.commandStart()).isEqualTo(14);
    }
}
