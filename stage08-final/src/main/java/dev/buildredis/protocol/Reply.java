// @step 04
package dev.buildredis.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One client's output buffer, and the only way commands answer: they append replies here, encoded at once, and the
 * event loop sends whatever has piled up in as few writes as the socket allows. No reply object is built and
 * then serialized, so a reply costs its bytes and nothing else.
//> step 09
 *
 * <p>The same call gives RESP2 or RESP3 bytes depending on the protocol the client chose with HELLO:
 * <pre>
 * call              RESP2                    RESP3
 * nullBulk()        $-1\r\n                  _\r\n
 * nullArray()       *-1\r\n                  _\r\n
 * mapHeader(2)      *4\r\n                   %2\r\n        then key, value, key, value
 * setHeader(3)      *3\r\n                   ~3\r\n
 * pushHeader(3)     *3\r\n                   &gt;3\r\n        pub/sub messages
 * doubleValue(1.5)  $3\r\n1.5\r\n            ,1.5\r\n
 * bool(true)        :1\r\n                   #t\r\n
 * </pre>
//< step 09
 */
public final class Reply {

    private static final byte[] CRLF = {'\r', '\n'};

    /**
     * Array and bulk headers for counts and lengths under 32 ({@code *2\r\n}, {@code $3\r\n}) are built once and
     * copied, as Redis does with its {@code shared.mbulkhdr} and {@code shared.bulkhdr}: most replies of a
     * SET/GET load are short values, and turning their lengths into digits again at every reply was measured as
     * the encoder's main cost.
     */
    private static final int SHARED_HEADERS = 32;
    private static final byte[][] ARRAY_HEADERS = headers('*');
    private static final byte[][] BULK_HEADERS = headers('$');

    /** The longest header: a type byte, a long's 20 characters with its sign, CR LF. */
    private static final int MAX_HEADER = 23;
    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int INITIAL_SIZE = 1024;

    /** A buffer that grew for one big reply is given back once sent, if it is larger than this. */
    private static final int KEEP_SIZE = 64 * 1024;

    private byte[] buffer = new byte[INITIAL_SIZE];
    private ByteBuffer view = ByteBuffer.wrap(buffer); // the buffer as the channel takes it, kept between writes
    private int start; // first byte not yet sent
    private int end;   // one past the last byte written
    //> step 07
    private long errors; // error replies written so far: the dispatcher counts a call that answered one as failed
    //< step 07
    //> step 21
    private java.util.function.Consumer<String> onError = message -> { }; // INFO errorstats
    //< step 21
    //> step 09
    private int protocol = 2;
    //< step 09

    //> step 09
    /** 2 or 3, as HELLO chose. */
    public int protocol() {
        return protocol;
    }

    public void protocol(int version) {
        protocol = version;
    }

    public boolean resp3() {
        return protocol == 3;
    }
    //< step 09

    // ---- replies

    /** {@code +OK}. */
    public void ok() {
        raw(OK);
    }

    /** A simple string: {@code +text}; the text must not hold CR or LF. */
    public void simple(String text) {
        line('+', text);
    }

    /** An error: {@code -ERR message}; CR and LF in the message (a client's bytes quoted back) become spaces. */
    public void error(String message) {
        line('-', message.replace('\r', ' ').replace('\n', ' '));
        //> step 07
        errors++;
        //< step 07
        //> step 21
        onError.accept(message);
        //< step 21
    }

    //> step 21
    /** Who hears of each error reply written here (the server's error statistics). */
    public void onError(java.util.function.Consumer<String> listener) {
        onError = listener;
    }
    //< step 21

    //> step 07
    /** How many error replies this client has been sent: Redis's failed calls are the calls that sent one. */
    public long errors() {
        return errors;
    }
    //< step 07

    public void integer(long value) {
        header(':', value);
    }

    public void bulk(byte[] bytes) {
        bulk(bytes, 0, bytes.length);
    }

    /** {@code $length\r\n}, the bytes, {@code \r\n}: room made once, a short header copied whole. */
    public void bulk(byte[] bytes, int from, int length) {
        ensure(length + MAX_HEADER);
        if (length < SHARED_HEADERS) {
            byte[] header = BULK_HEADERS[length];
            System.arraycopy(header, 0, buffer, end, header.length);
            end += header.length;
        } else {
            buffer[end++] = '$';
            decimal(length);
            buffer[end++] = '\r';
            buffer[end++] = '\n';
        }
        System.arraycopy(bytes, from, buffer, end, length);
        end += length;
        buffer[end++] = '\r';
        buffer[end++] = '\n';
    }

    /** A bulk string of the text's UTF-8 bytes. */
    public void bulk(String text) {
        bulk(text.getBytes(StandardCharsets.UTF_8));
    }

    /** "No such value": RESP2's null bulk string or RESP3's null. */
    public void nullBulk() {
        //> step 04-08
//~        raw(NULL_BULK);
        //< step 04-08
        //> step 09
        raw(resp3() ? NULL3 : NULL_BULK);
        //< step 09
    }

    /** "No result": RESP2's null array or RESP3's null (BLPOP timing out, EXEC after a WATCH failed). */
    public void nullArray() {
        //> step 04-08
//~        raw(NULL_ARRAY);
        //< step 04-08
        //> step 09
        raw(resp3() ? NULL3 : NULL_ARRAY);
        //< step 09
    }

    public void arrayHeader(long count) {
        header('*', count);
    }

    //> step 09
    /** A map of {@code count} pairs; RESP2 sees a flat array of twice as many elements. */
    public void mapHeader(long count) {
        if (resp3()) {
            header('%', count);
        } else {
            header('*', count * 2);
        }
    }

    public void setHeader(long count) {
        header(resp3() ? '~' : '*', count);
    }

    /** An out-of-band message (pub/sub); RESP2 sees an array. */
    public void pushHeader(long count) {
        header(resp3() ? '>' : '*', count);
    }

    /** A double as Redis 7.0 prints it (%.17g); a bulk string in RESP2. */
    public void doubleValue(double value) {
        String text = dev.buildredis.store.Numbers.formatDouble(value);
        if (resp3()) {
            line(',', text);
        } else {
            bulk(text.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** A boolean; RESP2 sees 1 or 0. */
    public void bool(boolean value) {
        if (resp3()) {
            line('#', value ? "t" : "f");
        } else {
            integer(value ? 1 : 0);
        }
    }

    /** Text meant for humans (INFO, CLIENT LIST): a verbatim string in RESP3, a bulk string in RESP2. */
    public void verbatim(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (resp3()) {
            put((byte) '=');
            decimal(bytes.length + 4);
            raw(CRLF);
            raw("txt:".getBytes(StandardCharsets.US_ASCII));
            raw(bytes);
            raw(CRLF);
        } else {
            bulk(bytes);
        }
    }
    //< step 09

    /** Appends bytes that are already RESP. */
    public void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, end, bytes.length);
        end += bytes.length;
    }

    private static final byte[] NULL_BULK = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_ARRAY = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);
    //> step 09
    private static final byte[] NULL3 = "_\r\n".getBytes(StandardCharsets.US_ASCII);
    //< step 09

    // ---- sending

    /** The bytes written and not yet sent. */
    public int pending() {
        return end - start;
    }

    // tag::write[]
    /**
     * Writes as much as the channel takes now, all the replies of this loop turn in one write when the socket
     * has room; returns true when everything has been sent.
     */
    public boolean writeTo(WritableByteChannel channel) throws IOException {
        if (view.array() != buffer) {
            view = ByteBuffer.wrap(buffer); // the buffer grew or shrank: wrap it once, not at every write
        }
        while (start < end) {
            int written = channel.write(view.limit(end).position(start));
            if (written == 0) {
                return false; // the socket's send buffer is full: wait until the selector says writable
            }
            start += written;
        }
        start = end = 0;
        if (buffer.length > KEEP_SIZE) {
            buffer = new byte[INITIAL_SIZE];
        }
        return true;
    }
    // end::write[]

    //> step 27
    /** The first line of what is written and not sent, if it is an error: a replica checks its master's commands. */
    public String error() {
        if (end == start || buffer[start] != '-') {
            return null;
        }
        int lineEnd = start;
        while (lineEnd < end && buffer[lineEnd] != '\r') {
            lineEnd++;
        }
        return new String(buffer, start + 1, lineEnd - start - 1, StandardCharsets.ISO_8859_1);
    }

    //< step 27
    //> step 07
    /** A point to go back to: what is written and not sent so far (see {@link #rewind}). */
    public int mark() {
        return end - start;
    }

    /** Drops what was written after {@code mark}: a command that failed halfway must not leave half a reply. */
    public void rewind(int mark) {
        end = start + mark;
    }
    //< step 07

    /** Everything written and not sent, for tests. */
    public byte[] drain() {
        byte[] bytes = Arrays.copyOfRange(buffer, start, end);
        start = end = 0;
        return bytes;
    }

    //> step 08
    /** Drops everything not sent yet (a client being closed for exceeding its output limit). */
    public void discard() {
        start = end = 0;
        buffer = new byte[INITIAL_SIZE];
    }
    //< step 08

    // ---- encoding

    private void header(char type, long count) {
        if (type == '*' && count >= 0 && count < SHARED_HEADERS) {
            raw(ARRAY_HEADERS[(int) count]);
            return;
        }
        ensure(MAX_HEADER);
        buffer[end++] = (byte) type;
        decimal(count);
        buffer[end++] = '\r';
        buffer[end++] = '\n';
    }

    private void line(char type, String text) {
        put((byte) type);
        // ISO-8859-1: one byte a char, so a client's key quoted in an error message goes back unchanged
        raw(text.getBytes(StandardCharsets.ISO_8859_1));
        raw(CRLF);
    }

    private void put(byte b) {
        ensure(1);
        buffer[end++] = b;
    }

    /**
     * Writes the digits of a long without making a String. Lengths and counts fit in an int, whose division by 10
     * is cheaper than a long's, so they take that path.
     */
    private void decimal(long value) {
        ensure(20);
        if (value == Long.MIN_VALUE) {
            raw("-9223372036854775808".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        if (value < 0) {
            buffer[end++] = '-';
            value = -value;
        }
        if (value <= Integer.MAX_VALUE) {
            decimal((int) value);
            return;
        }
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        for (int i = end + digits - 1; i >= end; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        end += digits;
    }

    private void decimal(int value) {
        int digits = 1;
        for (int v = value; v >= 10; v /= 10) {
            digits++;
        }
        for (int i = end + digits - 1; i >= end; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        end += digits;
    }

    private static byte[][] headers(char type) {
        byte[][] headers = new byte[SHARED_HEADERS][];
        for (int i = 0; i < SHARED_HEADERS; i++) {
            headers[i] = (type + Integer.toString(i) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
        return headers;
    }

    private void ensure(int needed) {
        if (buffer.length - end >= needed) {
            return;
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
