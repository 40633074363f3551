package dev.buildredis.differential;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One client connection that sends commands as RESP arrays of bulk strings and reads replies back as
 * {@link Frame}s, RESP2 and RESP3 alike. A reply that does not come within {@link #REPLY_TIMEOUT_MILLIS}, or a
 * closed connection, is a {@link Frame#missing} frame rather than an exception: for the differential test a
 * silent server is one more way to differ.
 */
final class Wire implements AutoCloseable {

    /** Long enough for a 20 ms blocking timeout and a busy machine; short enough that a hang fails soon. */
    static final int REPLY_TIMEOUT_MILLIS = 5_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean broken;
    private final List<Frame> interleavedPushes = new ArrayList<>();

    private Wire(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(REPLY_TIMEOUT_MILLIS);
    }

    static Wire connect(InetSocketAddress address) {
        try {
            Socket socket = new Socket();
            socket.connect(address, REPLY_TIMEOUT_MILLIS);
            return new Wire(socket);
        } catch (IOException e) {
            throw new IllegalStateException("Could not connect to " + address + ": " + e.getMessage(), e);
        }
    }

    /** Writes one command; nothing is sent until {@link #flush()}, so that both servers get theirs at once. */
    void write(List<String> args) {
        if (broken) {
            return;
        }
        try {
            out.write(header('*', args.size()));
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.ISO_8859_1);
                out.write(header('$', bytes.length));
                out.write(bytes);
                out.write('\r');
                out.write('\n');
            }
        } catch (IOException e) {
            broken = true;
        }
    }

    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            broken = true;
        }
    }

    /** Sends one command and reads one reply. */
    Frame call(String... args) {
        write(List.of(args));
        flush();
        return read();
    }

    /** The next reply, or a {@link Frame#missing} frame if the server closed the connection or stayed silent. */
    Frame read() {
        if (broken) {
            return Frame.missing("(connection closed)");
        }
        try {
            return frame();
        } catch (SocketTimeoutException e) {
            broken = true;
            return Frame.missing("(no reply within " + REPLY_TIMEOUT_MILLIS + " ms)");
        } catch (IOException e) {
            broken = true;
            return Frame.missing("(connection closed)");
        }
    }

    /**
     * Pushes read from inside another reply, and so left out of it: Redis 7.0 writes a message a client publishes to
     * itself inside EXEC at once, between the elements of EXEC's array; RESP3 clients take pushes wherever they come.
     */
    List<Frame> drainInterleavedPushes() {
        List<Frame> pushes = List.copyOf(interleavedPushes);
        interleavedPushes.clear();
        return pushes;
    }

    boolean broken() {
        return broken;
    }

    /** Reads one frame; an aggregate's bytes are its header followed by its children's. */
    private Frame frame() throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        int type = in.read();
        if (type < 0) {
            throw new IOException("closed");
        }
        raw.write(type);
        byte[] line = line(raw);
        String text = new String(line, StandardCharsets.ISO_8859_1);
        return switch (type) {
            case '$', '=', '!' -> {
                int length = Integer.parseInt(text);
                if (length < 0) {
                    yield new Frame((char) type, raw.toByteArray(), null, List.of());
                }
                byte[] content = in.readNBytes(length + 2);
                if (content.length < length + 2) {
                    throw new IOException("closed");
                }
                raw.write(content);
                yield new Frame((char) type, raw.toByteArray(), Arrays.copyOf(content, length), List.of());
            }
            case '*', '~', '>', '%', '|' -> {
                long count = Long.parseLong(text) * (type == '%' || type == '|' ? 2 : 1);
                List<Frame> children = new ArrayList<>();
                for (long i = 0; i < count; i++) {
                    Frame child = frame();
                    if (child.isPush() && type != '>') { // a message to this client in the middle of EXEC's reply
                        interleavedPushes.add(child);
                        i--;
                        continue;
                    }
                    raw.write(child.raw());
                    children.add(child);
                }
                if (type == '|') { // an attribute: Redis 7.0 sends none, and it precedes a reply rather than is one
                    yield frame();
                }
                yield new Frame((char) type, raw.toByteArray(), null, List.copyOf(children));
            }
            case '+', '-', ':', ',', '#', '(', '_' -> new Frame((char) type, raw.toByteArray(),
                    type == '_' ? null : line, List.of());
            default -> throw new IOException("not a RESP type: " + (char) type);
        };
    }

    private byte[] line(ByteArrayOutputStream raw) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed");
            }
            raw.write(b);
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return Arrays.copyOf(bytes, bytes.length - 1);
            }
            line.write(b);
            previous = b;
        }
    }

    private static byte[] header(char type, int count) {
        return (type + Integer.toString(count) + "\r\n").getBytes(StandardCharsets.US_ASCII);
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
