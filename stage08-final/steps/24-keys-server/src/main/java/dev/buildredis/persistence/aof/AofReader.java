package dev.buildredis.persistence.aof;

import dev.buildredis.store.StringValue;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the commands back out of an append-only file, strictly, and knows where each one starts:
 * <pre>
 * offset 0    *3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n      a command: '*' count, then count times '$' length,
 * offset 27   *2\r\n$4\r\nINCR\r\n$1\r\nn\r\n                 the bytes and CRLF
 * offset 51   *2\r\n$3\r\nDE                                 the file ends inside a command: EOFException
 * </pre>
 *
 * <p>{@link dev.buildredis.protocol.RespReader} reads the same format from clients, but it is lenient where a client may be (inline
 * commands, the two bytes after an argument unchecked, "not complete yet" as a normal answer); a file is
 * complete, and anything but the format is damage. So this reader checks every byte that is not data, as
 * redis-check-aof does, and tells the two ways to fail apart: the file ends inside a command
 * ({@link EOFException}: a crash cut the last write short) or a byte is wrong ({@link AofFormatException}).
 * Damage inside an argument's data cannot be seen: the format has no checksum.
 */
final class AofReader {

    /** The longest header line: a sign and 19 digits. */
    private static final int MAX_NUMBER_LENGTH = 20;

    private final InputStream in;
    private long position;
    private long commandStart;

    /** @param in the file's bytes from its start, buffered */
    AofReader(InputStream in) {
        this.in = in;
    }

    /** Where the last command returned, or the one that failed, starts in the file. */
    long commandStart() {
        return commandStart;
    }

    /**
     * The next command, or {@code null} at the end of the file.
     *
     * @throws EOFException        if the file ends inside a command
     * @throws AofFormatException  if a byte breaks the format, with its offset
     */
    List<byte[]> next() throws IOException {
        commandStart = position;
        int first = in.read();
        if (first == -1) {
            return null;
        }
        position++;
        expect('*', first);
        long count = number();
        if (count < 1) {
            throw new AofFormatException(commandStart, "a command must have at least one argument, not " + count);
        }
        List<byte[]> arguments = new ArrayList<>((int) Math.min(count, 16));
        for (long i = 0; i < count; i++) {
            expect('$', read());
            long length = number();
            if (length < 0 || length > StringValue.MAX_LENGTH) {
                throw new AofFormatException(position, "invalid argument length " + length);
            }
            byte[] data = in.readNBytes((int) length);
            position += data.length;
            if (data.length < length) {
                throw new EOFException();
            }
            arguments.add(data);
            expect('\r', read());
            expect('\n', read());
        }
        return arguments;
    }

    /** The digits up to CRLF, as a number. */
    private long number() throws IOException {
        long start = position;
        byte[] digits = new byte[MAX_NUMBER_LENGTH];
        int length = 0;
        int b;
        while ((b = read()) != '\r') {
            if (length == MAX_NUMBER_LENGTH) {
                throw new AofFormatException(start, "a number longer than " + MAX_NUMBER_LENGTH + " characters");
            }
            digits[length++] = (byte) b;
        }
        expect('\n', read());
        String text = text(digits, length);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new AofFormatException(start, "not a number: '" + text + "'");
        }
    }

    /** The next byte; the end of the file here means the last command was cut short. */
    private int read() throws IOException {
        int b = in.read();
        if (b == -1) {
            throw new EOFException();
        }
        position++;
        return b;
    }

    private void expect(char wanted, int got) throws AofFormatException {
        if (got != wanted) {
            throw new AofFormatException(position - 1, "expected " + printable(wanted) + ", got " + printable(got));
        }
    }

    private static String printable(int b) {
        return switch (b) {
            case '\r' -> "'\\r'";
            case '\n' -> "'\\n'";
            default -> b >= 0x20 && b < 0x7f ? "'" + (char) b + "'" : String.format("byte 0x%02x", b);
        };
    }

    private static String text(byte[] bytes, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(bytes[i] >= 0x20 && bytes[i] < 0x7f ? (char) bytes[i] : '?');
        }
        return text.toString();
    }
}
