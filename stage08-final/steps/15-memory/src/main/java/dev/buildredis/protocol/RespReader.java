package dev.buildredis.protocol;

import java.io.IOException;
import java.io.InputStream;
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
 * <p>Limits are Redis's: a bulk string of at most {@code proto-max-bulk-len} (512 MB unless set otherwise), at most
 * 2<sup>31</sup>-1 elements, and at most 64 KB of header or inline line without its line end. A client that declares a huge length gets no buffer of that
 * size: the buffer grows only with the bytes that actually arrive. Malformed input throws
 * {@link ProtocolException} with Redis's own message.
 */
public final class RespReader {

    /** Redis's PROTO_INLINE_MAX_SIZE: an inline command, or an array or bulk header, must end within 64 KB. */
    static final int MAX_LINE = 64 * 1024;

    /** Redis's default proto-max-bulk-len: the largest argument a client may send. */
    static final long MAX_BULK_LENGTH = 512L * 1024 * 1024;

    /** The largest array the JVM allocates: the buffer never grows past it. */
    private static final int MAX_BUFFER = Integer.MAX_VALUE - 8;

    /** Arrays declare their length up front; we never trust it for more than this much initial capacity. */
    private static final int MAX_INITIAL_ARGUMENTS = 1024;

    private static final int INITIAL_BUFFER = 16 * 1024;

    private byte[] buffer = new byte[INITIAL_BUFFER];
    private ByteBuffer view = ByteBuffer.wrap(buffer); // the buffer as a channel reads into it, kept between reads
    private int start; // first byte not yet consumed
    private int end;   // one past the last byte received
    private int scannedWithoutLineEnd; // bytes after start already searched in vain for the current line's end

    // Progress inside an array command, kept between calls to next(). The list is reused from one command to the
    // next (see next()): a list and its array for every command were a third of what a server under
    // redis-benchmark allocated.
    private ArrayList<byte[]> arguments = new ArrayList<>();
    private boolean argumentsGrew; // the last command had more than MAX_INITIAL_ARGUMENTS: give its big array back
    private byte[][] names;        // command names received lately (see name()), made at the first command
    private long elementsLeft = -1; // -1: not inside an array
    private long bulkLength = -1;   // -1: the next element's "$length" line is not read yet
    private long maxBulkLength = MAX_BULK_LENGTH;

    /** Sets {@code proto-max-bulk-len}, which CONFIG SET may change at any time. */
    public void maxBulkLength(long bytes) {
        maxBulkLength = bytes;
    }

    /** Appends bytes received from the client. */
    public void feed(byte[] bytes, int offset, int length) {
        makeRoom(length);
        System.arraycopy(bytes, offset, buffer, end, length);
        end += length;
    }

    /** Reads whatever the stream has now (blocking until at least one byte or the end), and keeps it. */
    public int readFrom(InputStream in) throws IOException {
        makeRoom(INITIAL_BUFFER / 2);
        int count = in.read(buffer, end, buffer.length - end);
        if (count > 0) {
            end += count;
        }
        return count;
    }

    /**
     * Reads whatever the channel has now (a non-blocking channel may give nothing), and keeps it.
     *
     * @return the number of bytes read, 0 if none were waiting, -1 at the end of the stream
     */
    public int readFrom(ReadableByteChannel channel) throws IOException {
        makeRoom(INITIAL_BUFFER / 2);
        if (view.array() != buffer) {
            view = ByteBuffer.wrap(buffer); // the buffer grew or shrank: wrap it once, not at every read
        }
        int count = channel.read(view.limit(buffer.length).position(end));
        if (count > 0) {
            end += count;
        }
        return count;
    }

    // tag::release[]
    /**
     * Gives the buffer back when nothing is waiting in it, so that an idle connection holds no 16 KB array: 10,000
     * idle clients would otherwise keep 160 MB of heap. The next read allocates a fresh one. Redis frees the query
     * buffer of a client idle for 2 s in the same way ({@code clientsCronResizeQueryBuffer}).
     */
    public void release() {
        if (start == end && elementsLeft < 0) {
            buffer = NO_BYTES;
            view = EMPTY_VIEW; // the old view would keep the old array alive
            start = end = 0;
        }
    }
    // end::release[]

    /** Forgets everything received and not yet taken: the connection is being closed. */
    public void discard() {
        buffer = NO_BYTES;
        view = EMPTY_VIEW;
        start = end = 0;
        elementsLeft = -1;
        bulkLength = -1;
        arguments = new ArrayList<>();
    }

    private static final byte[] NO_BYTES = new byte[0];
    private static final ByteBuffer EMPTY_VIEW = ByteBuffer.wrap(NO_BYTES);

    /** The number of bytes received and not yet taken as commands: CLIENT LIST's {@code qbuf}. */
    public int buffered() {
        return end - start;
    }

    /**
     * The next complete command, or {@code null} if the bytes received so far do not complete one yet.
     *
     * <p>The list is the reader's own, valid until the next call: run the command, then ask for the next one. A
     * caller that keeps a command longer (MULTI's queue) keeps a copy. The arguments in it are the caller's to
     * keep, and must not be changed: the command's name may be the same array as in an earlier command.
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
                arguments.add(arguments.isEmpty() ? name((int) bulkLength)
                        : Arrays.copyOfRange(buffer, start, start + (int) bulkLength));
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
        long shortCount = shortHeader();
        if (shortCount >= 0) {
            elementsLeft = shortCount;
            startArguments(shortCount);
            return true;
        }
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
        startArguments(count);
        return true;
    }

    /** Empties the list for a command of {@code count} arguments, or makes a new one after a very long command. */
    private void startArguments(long count) {
        if (argumentsGrew) {
            arguments = new ArrayList<>();
        }
        arguments.clear();
        argumentsGrew = count > MAX_INITIAL_ARGUMENTS;
    }

    /** How many command names {@link #name} remembers, and the longest it remembers. */
    private static final int NAMES = 16;
    private static final int MAX_NAME = 32;

    // tag::name[]
    /**
     * The command name at {@code start}: the array received the last time the same bytes were a name in the same
     * slot, else a new one, kept for next time. A client sends a few names over and over, and a name that needs no
     * array costs no garbage.
     */
    private byte[] name(int length) {
        if (length == 0 || length > MAX_NAME) {
            return Arrays.copyOfRange(buffer, start, start + length);
        }
        if (names == null) {
            names = new byte[NAMES][];
        }
        int slot = (length * 31 + buffer[start] + buffer[start + length - 1]) & (NAMES - 1);
        byte[] known = names[slot];
        if (known == null || !Arrays.equals(known, 0, known.length, buffer, start, start + length)) {
            known = Arrays.copyOfRange(buffer, start, start + length);
            names[slot] = known;
        }
        return known;
    }
    // end::name[]

    private boolean readBulkHeader() throws ProtocolException {
        if (start < end && buffer[start] == '$') {
            int from = start;
            long length = shortHeader();
            if (length >= 0 && length <= maxBulkLength) {
                bulkLength = length;
                return true;
            }
            start = from; // over proto-max-bulk-len: the careful path refuses it
        }
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
        if (length == INVALID || length < 0 || length > maxBulkLength) {
            throw new ProtocolException("invalid bulk length");
        }
        consume(cr + 2 - start);
        bulkLength = length;
        return true;
    }

    /** The most digits {@link #shortHeader} reads: any 8-digit length is valid for an array and for a bulk string. */
    private static final int SHORT_HEADER_DIGITS = 8;

    /**
     * The number of a complete header made of its type byte, one to eight digits without a leading zero, then CR
     * and one more byte ({@code *3\r\n}, {@code $16\r\n}), read in one pass and consumed; -1 for anything else
     * (not all here yet, negative, a leading zero, longer), which the careful path then waits for or refuses.
     * Every argument of every command has such a header, and one pass here replaces a search for the CR and a
     * second pass, with overflow checks, over the digits.
     */
    private long shortHeader() {
        int first = start + 1;
        int last = Math.min(end - 2, start + SHORT_HEADER_DIGITS); // CR and the byte after it must follow the digits
        if (first > last || (buffer[first] == '0' && buffer[first + 1] != '\r')) {
            return -1;
        }
        int value = 0;
        int i = first;
        for (; i <= last; i++) {
            int digit = buffer[i] - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            value = value * 10 + digit;
        }
        if (i == first || i > end - 2 || buffer[i] != '\r') {
            return -1;
        }
        consume(i + 2 - start);
        return value;
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

    private static final long INVALID = Long.MIN_VALUE;

    /** Parses a decimal as Redis's string2ll does: an optional '-', digits, no leading zero, no '+', no blank. */
    private long parseLong(int from, int to) {
        if (from >= to || to - from > 20) {
            return INVALID;
        }
        boolean negative = buffer[from] == '-';
        int i = negative ? from + 1 : from;
        if (i >= to || (buffer[i] == '0' && (to - i > 1 || negative))) {
            return INVALID; // "-", "-0", "007": string2ll accepts a zero only as the whole number
        }
        long value = 0;
        for (; i < to; i++) {
            int digit = buffer[i] - '0';
            if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
                return INVALID;
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
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
            long capacity = Math.max(buffer.length, INITIAL_BUFFER); // a released buffer has length 0
            while (capacity - end < needed && capacity < MAX_BUFFER) {
                capacity = Math.min(capacity * 2, MAX_BUFFER);
            }
            if (capacity - end < needed) { // 2 GB unconsumed: the query-buffer limit (1 GB) closes clients long before
                throw new IllegalStateException("query buffer full at " + end + " bytes");
            }
            buffer = Arrays.copyOf(buffer, (int) capacity);
        }
    }
}
