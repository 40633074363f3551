package dev.buildredis.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the bytes a client sends, in whatever pieces they arrive, into commands: each command is the list of its
 * arguments, the first being the command's name.
 *
 * <p>A client sends a command in one of two forms:
 * <pre>
 * *2\r\n$4\r\nECHO\r\n$5\r\nhello\r\n    a RESP array of bulk strings (what client libraries send)
 * ECHO hello\r\n                         an inline command: words on a line, as typed into telnet
 * </pre>
 *
 * <p>TCP delivers a stream, not messages: one read may hold half a command, or ten commands, or the end of one
 * and the start of the next. So {@link #next()} returns {@code null} when the bytes so far do not complete a
 * command ("not yet" is a normal answer, not an error), keeps what it has, and carries on from there when more
 * bytes arrive. It remembers how far it got inside an array (elements left, length of the next bulk string), so a
 * large command that arrives slowly is not parsed again from its start at every read.
 *
 * <pre>
 *            ┌────── '*' ──────▶ ARRAY: read "*count\r\n"
 *  COMMAND ──┤                     │ then count times: "$length\r\n", then length bytes and "\r\n"
 *   START    └── anything else ──▶ INLINE: read up to "\n" and split into words
 * </pre>
 *
 * <p>Limits are Redis's: a bulk string of at most 512 MB, at most 2<sup>31</sup>-1 elements, and at most 64 KB
 * of header or inline line without its line end. A client that declares a huge length gets no buffer of that
 * size: the buffer grows only with the bytes that actually arrive. Malformed input throws
 * {@link ProtocolException} with Redis's own message.
 */
public final class RespReader {

    /** Redis's PROTO_INLINE_MAX_SIZE: an inline command, or an array or bulk header, must end within 64 KB. */
    static final int MAX_LINE = 64 * 1024;

    /** Redis's default proto-max-bulk-len: the largest argument a client may send. */
    public static final long MAX_BULK_LENGTH = 512L * 1024 * 1024;

    /** Arrays declare their length up front; we never trust it for more than this much initial capacity. */
    private static final int MAX_INITIAL_ARGUMENTS = 1024;

    private static final int INITIAL_BUFFER = 16 * 1024;

    private byte[] buffer = new byte[INITIAL_BUFFER];
    /** Stands for "not a number" in headers: a valid count or length is never this small. */
    private static final long INVALID = Long.MIN_VALUE;

    private int start; // first byte not yet consumed
    private int end;   // one past the last byte received
    private int scannedWithoutLineEnd; // bytes after start already searched in vain for the current line's end

    // Progress inside an array command, kept between calls to next().
    private List<byte[]> arguments;
    private long elementsLeft = -1; // -1: not inside an array
    private long bulkLength = -1;   // -1: the next element's "$length" line is not read yet

    /** Appends bytes received from the client. */
    public void feed(byte[] bytes, int offset, int length) {
        makeRoom(length);
        System.arraycopy(bytes, offset, buffer, end, length);
        end += length;
    }

    /**
     * Reads whatever the channel has now, and keeps it. A non-blocking channel may have nothing: the event loop
     * reads only when the selector says there is something, and never waits here.
     *
     * @return the number of bytes read, 0 if none were waiting, -1 at the end of the stream
     */
    public int readFrom(ReadableByteChannel channel) throws IOException {
        makeRoom(INITIAL_BUFFER / 2);
        int count = channel.read(ByteBuffer.wrap(buffer, end, buffer.length - end));
        if (count > 0) {
            end += count;
        }
        return count;
    }

    /**
     * The next complete command, or {@code null} if the bytes received so far do not complete one yet.
     *
     * @throws ProtocolException if the bytes cannot be a command
     */
    // tag::next[]
    public List<byte[]> next() throws ProtocolException {
        while (true) {
            if (elementsLeft < 0) {                  // at the start of a command
                if (start == end) {
                    return null;
                }
                if (buffer[start] != '*') {
                    List<byte[]> words = nextInline();
                    if (words != null && words.isEmpty()) {
                        continue;                    // an empty line is no command: skip it
                    }
                    return words;
                }
                if (!readArrayHeader()) {
                    return null;                     // "*count\r\n" not complete yet
                }
                if (elementsLeft <= 0) {             // "*0" and "*-1" are no command either
                    elementsLeft = -1;
                    continue;
                }
            }
            while (elementsLeft > 0) {
                if (bulkLength < 0 && !readBulkHeader()) {
                    return null;                     // "$length\r\n" not complete yet
                }
                if (end - start < bulkLength + 2) {
                    return null;                     // the bytes of this argument are still on their way
                }
                arguments.add(Arrays.copyOfRange(buffer, start, start + (int) bulkLength));
                consume((int) bulkLength + 2);       // Redis skips the two bytes after the data without checking them
                bulkLength = -1;
                elementsLeft--;
            }
            elementsLeft = -1;
            return arguments;
        }
    }
    // end::next[]

    /** How many bytes the buffer can hold now: tests check that a declared length is not allocated up front. */
    int capacity() {
        return buffer.length;
    }

    private boolean readArrayHeader() throws ProtocolException {
        int cr = lineEnd('\r', start + 1);
        if (cr < 0 || cr + 1 >= end) {
            if (end - start > MAX_LINE) {
                throw new ProtocolException("too big mbulk count string");
            }
            return false;
        }
        long count = parseLong(start + 1, cr);
        if (count == INVALID || count > Integer.MAX_VALUE) {
            throw new ProtocolException("invalid multibulk length");
        }
        consume(cr + 2 - start);
        elementsLeft = count;
        arguments = new ArrayList<>((int) Math.min(Math.max(count, 0), MAX_INITIAL_ARGUMENTS));
        return true;
    }

    private boolean readBulkHeader() throws ProtocolException {
        int cr = lineEnd('\r', start);
        if (cr < 0 || cr + 1 >= end) {
            if (end - start > MAX_LINE) {
                throw new ProtocolException("too big bulk count string");
            }
            return false;
        }
        if (buffer[start] != '$') {
            throw new ProtocolException("expected '$', got '" + (char) (buffer[start] & 0xff) + "'");
        }
        long length = parseLong(start + 1, cr);
        if (length == INVALID || length < 0 || length > MAX_BULK_LENGTH) {
            throw new ProtocolException("invalid bulk length");
        }
        consume(cr + 2 - start);
        bulkLength = length;
        return true;
    }

    // tag::inline[]
    /** One inline line split into words; empty for a blank line; {@code null} if the line end has not arrived. */
    private List<byte[]> nextInline() throws ProtocolException {
        int lf = lineEnd('\n', start);
        if (lf < 0) {
            if (end - start > MAX_LINE) {
                throw new ProtocolException("too big inline request");
            }
            return null;
        }
        int lineEnd = lf > start && buffer[lf - 1] == '\r' ? lf - 1 : lf;
        List<byte[]> words = InlineSplitter.split(buffer, start, lineEnd);
        consume(lf + 1 - start);
        return words;
    }
    // end::inline[]

    /**
     * The index of the line's last byte ({@code b}), or -1 if it has not arrived. Bytes searched once are not
     * searched again: a client that sends a long line one byte at a time costs linear time, not quadratic.
     */
    private int lineEnd(char b, int from) {
        for (int i = Math.max(from, start + scannedWithoutLineEnd); i < end; i++) {
            if (buffer[i] == b) {
                return i;
            }
        }
        scannedWithoutLineEnd = end - start;
        return -1;
    }

    private void consume(int count) {
        start += count;
        scannedWithoutLineEnd = 0;
    }

    /** The decimal in {@code buffer[from, to)}, or {@link #INVALID}; Redis accepts no other spelling of a length. */
    private long parseLong(int from, int to) {
        return Decimal.parse(buffer, from, to).orElse(INVALID);
    }

    /**
     * Compacts consumed bytes away and grows the buffer (doubling) until {@code needed} more bytes fit; gives a
     * buffer that grew for one large command back once that command is consumed.
     */
    private void makeRoom(int needed) {
        if (start == end && buffer.length > 4 * INITIAL_BUFFER && needed <= INITIAL_BUFFER) {
            buffer = new byte[INITIAL_BUFFER];
            start = end = 0;
        }
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (buffer.length - end < needed) {
            int capacity = buffer.length;
            while (capacity - end < needed) {
                capacity = Math.multiplyExact(capacity, 2);
            }
            buffer = Arrays.copyOf(buffer, capacity);
        }
    }
}
