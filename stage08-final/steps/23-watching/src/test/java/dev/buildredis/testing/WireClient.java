package dev.buildredis.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.fail;

/**
 * A raw TCP client for black-box tests: it sends exact bytes and checks the exact bytes that come back.
 *
 * <p>Its failure messages show what was sent, what was expected and what arrived, with {@code \r\n} and every
 * other unprintable byte escaped, so that a failing test says what the server did wrong:
 * <pre>
 * sent:     "PING\r\n"
 * expected: "+PONG\r\n"   (what redis-server answers: this suite passes against it)
 * got:      "+PONG\n" and then nothing for 2000 ms
 * </pre>
 */
public final class WireClient implements AutoCloseable {

    /** How long a test waits for a reply before it calls the server silent. */
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(2);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();

    private WireClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        socket.setSoTimeout((int) REPLY_TIMEOUT.toMillis());
        socket.setTcpNoDelay(true);
    }

    /** Connects to a server. */
    public static WireClient connect(InetSocketAddress address) {
        try {
            Socket socket = new Socket();
            socket.connect(address, (int) REPLY_TIMEOUT.toMillis());
            return new WireClient(socket);
        } catch (IOException e) {
            throw new AssertionError("Could not connect to " + address + ": " + e.getMessage(), e);
        }
    }

    /** Sends text as bytes, one byte a character (write {@code \r\n} in the Java string). */
    public WireClient send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends bytes as they are. */
    public WireClient send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            sent.write(bytes);
            return this;
        } catch (IOException e) {
            throw new AssertionError("Could not send " + escape(bytes) + ": " + e.getMessage(), e);
        }
    }

    /** Sends one command as a RESP array of bulk strings, the way client libraries send commands. */
    public WireClient command(String... args) {
        StringBuilder resp = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            resp.append('$').append(arg.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n").append(arg)
                    .append("\r\n");
        }
        return send(resp.toString());
    }

    /** Sends a command and checks its exact reply. */
    public WireClient call(String expected, String... args) {
        return command(args).expect(expected);
    }

    /**
     * Reads one whole reply of any kind, for tests whose reply order is not fixed (SMEMBERS, KEYS): a simple or
     * bulk string as a String (one char a byte), an integer as a Long, an array, map or set as a List, a null as
     * null, and an error as an {@link Error}.
     */
    public Object readReply() {
        String line = readLine();
        char type = line.charAt(0);
        String rest = line.substring(1);
        return switch (type) {
            case '+' -> rest;
            case '-' -> new Error(rest);
            case ':' -> Long.parseLong(rest);
            case ',' -> rest;
            case '_' -> null;
            case '#' -> rest.equals("t");
            case '$' -> {
                int length = Integer.parseInt(rest);
                if (length < 0) {
                    yield null;
                }
                String bulk = new String(read(length + 2), StandardCharsets.ISO_8859_1);
                yield bulk.substring(0, length);
            }
            case '*', '~', '%', '>' -> {
                long count = Long.parseLong(rest) * (type == '%' ? 2 : 1);
                if (count < 0) {
                    yield null;
                }
                java.util.List<Object> items = new java.util.ArrayList<>();
                for (long i = 0; i < count; i++) {
                    items.add(readReply());
                }
                yield items;
            }
            default -> throw new AssertionError("not a RESP reply: " + escape(line.getBytes(StandardCharsets.ISO_8859_1)));
        };
    }

    /** Reads one reply that must be an array (or map, set, push), as {@link #readReply()} reads it. */
    @SuppressWarnings("unchecked")
    public java.util.List<Object> readArray() {
        Object reply = readReply();
        if (!(reply instanceof java.util.List<?>)) {
            fail("%nsent:     %s%nexpected an array%ngot:      %s", escape(sent.toByteArray()), reply);
        }
        sent.reset();
        return (java.util.List<Object>) reply;
    }

    /** An error reply, as {@link #readReply()} returns it. */
    public record Error(String message) {
    }

    /**
     * Reads one whole reply and gives it back as it came, every byte, as text (one char a byte): for tests
     * that send the same command to two servers and compare what each answered. RESP3's maps, sets and pushes are
     * read whole too.
     */
    public String rawReply() {
        String line = readLine();
        StringBuilder raw = new StringBuilder(line).append("\r\n");
        switch (line.charAt(0)) {
            case '$' -> {
                int length = Integer.parseInt(line.substring(1));
                if (length >= 0) {
                    raw.append(new String(read(length + 2), StandardCharsets.ISO_8859_1));
                }
            }
            case '*', '~', '>', '%' -> {
                long elements = Long.parseLong(line.substring(1)) * (line.charAt(0) == '%' ? 2 : 1);
                for (long i = 0; i < elements; i++) {
                    raw.append(rawReply());
                }
            }
            default -> {
                // a line: +, -, :
            }
        }
        sent.reset();
        return raw.toString();
    }

    private String readLine() {
        StringBuilder line = new StringBuilder();
        while (line.length() < 2 || line.charAt(line.length() - 2) != '\r' || line.charAt(line.length() - 1) != '\n') {
            line.append((char) (read(1)[0] & 0xff));
        }
        return line.substring(0, line.length() - 2);
    }

    /** Reads exactly as many bytes as {@code expected} has and fails unless they are the same. */
    public WireClient expect(String expected) {
        return expect(expected.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Reads exactly as many bytes as {@code expected} has and fails unless they are the same. */
    public WireClient expect(byte[] expected) {
        byte[] got = readUpTo(expected.length);
        if (!Arrays.equals(expected, got)) {
            String ending = got.length < expected.length
                    ? " and then nothing for " + REPLY_TIMEOUT.toMillis() + " ms"
                    : "";
            fail("%nsent:     %s%nexpected: %s   (what redis-server answers: this suite passes against it)"
                    + "%ngot:      %s%s", escape(sent.toByteArray()), escape(expected), escape(got), ending);
        }
        sent.reset();
        return this;
    }

    /** Reads exactly {@code count} bytes, failing if the server sends fewer within the timeout. */
    public byte[] read(int count) {
        byte[] got = readUpTo(count);
        if (got.length < count) {
            fail("%nsent:     %s%nexpected %d bytes of reply%ngot:      %s and then nothing for %d ms",
                    escape(sent.toByteArray()), count, escape(got), REPLY_TIMEOUT.toMillis());
        }
        return got;
    }

    /** Sends PING and says whether {@code +PONG} came back, for tests that wait for a server to be ready. */
    public boolean answersPing() {
        send("PING\r\n");
        byte[] got = readUpTo(7);
        sent.reset();
        return Arrays.equals(got, "+PONG\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Fails unless the server sends nothing at all for {@code quiet}. */
    public void expectNoReplyWithin(Duration quiet) {
        try {
            socket.setSoTimeout((int) quiet.toMillis());
            int first = in.read();
            if (first != -1) {
                fail("%nsent:     %s%nexpected no reply within %d ms%ngot:      %s", escape(sent.toByteArray()),
                        quiet.toMillis(), escape(new byte[] {(byte) first}));
            }
        } catch (SocketTimeoutException e) {
            // silence is what we expected
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            restoreTimeout();
        }
    }

    /** Fails unless the server closes the connection (after whatever it still had to say) within the timeout. */
    public void expectClosed() {
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) != -1) {
                extra.write(b);
            }
        } catch (SocketTimeoutException e) {
            fail("%nsent:     %s%nexpected the server to close the connection%ngot:      %s and the connection still open",
                    escape(sent.toByteArray()), escape(extra.toByteArray()));
        } catch (IOException e) {
            // a reset is a close, too
        }
    }

    private byte[] readUpTo(int count) {
        byte[] buffer = new byte[count];
        int filled = 0;
        try {
            while (filled < count) {
                int n = in.read(buffer, filled, count - filled);
                if (n == -1) {
                    break;
                }
                filled += n;
            }
        } catch (SocketTimeoutException e) {
            // fewer bytes than expected: the caller reports it
        } catch (IOException e) {
            // a reset connection also means fewer bytes than expected
        }
        return Arrays.copyOf(buffer, filled);
    }

    private void restoreTimeout() {
        try {
            socket.setSoTimeout((int) REPLY_TIMEOUT.toMillis());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Shows bytes as a Java string literal: printable ASCII as is, {@code \r \n \t \\ \"} escaped, the rest as \xHH. */
    public static String escape(byte[] bytes) {
        StringBuilder s = new StringBuilder("\"");
        int shown = Math.min(bytes.length, 512);
        for (int i = 0; i < shown; i++) {
            int b = bytes[i] & 0xff;
            switch (b) {
                case '\r' -> s.append("\\r");
                case '\n' -> s.append("\\n");
                case '\t' -> s.append("\\t");
                case '\\' -> s.append("\\\\");
                case '"' -> s.append("\\\"");
                default -> {
                    if (b >= 0x20 && b < 0x7f) {
                        s.append((char) b);
                    } else {
                        s.append(String.format("\\x%02x", b));
                    }
                }
            }
        }
        s.append('"');
        if (bytes.length > shown) {
            s.append(" (").append(bytes.length - shown).append(" more bytes)");
        }
        return s.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do with a socket that will not close
        }
    }
}
