package dev.buildredis.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A server with one deliberate mistake, for proving that the stage suite catches it: a proxy on a free loopback
 * port in front of a correct server, which hands each connection to a {@link Mistake} that distorts the traffic
 * the way a server with that mistake would answer.
 *
 * <pre>
 *   test ──▶ proxy (the mistake) ──▶ this stage's server, correct
 *        ◀──                     ◀──
 * </pre>
 *
 * Stage 08's server is one event loop whose parts cannot be rewired from outside without switches in the shipped
 * code, so the mistake sits between the client and a correct server instead.
 */
public final class BrokenProxy implements AutoCloseable {

    /** One way of serving a connection wrongly, given the test's socket and a fresh one to the correct server. */
    @FunctionalInterface
    public interface Mistake {
        void serve(Socket client, Socket server) throws IOException;
    }

    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    public BrokenProxy(InetSocketAddress server, Mistake mistake) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Socket upstream = new Socket(server.getAddress(), server.getPort());
                    client.setTcpNoDelay(true);
                    upstream.setTcpNoDelay(true);
                    open.add(client);
                    open.add(upstream);
                    Thread.ofVirtual().start(() -> {
                        try (client; upstream) {
                            mistake.serve(client, upstream);
                        } catch (IOException e) {
                            // one side went away; a broken server does not care either
                        } finally {
                            open.remove(client);
                            open.remove(upstream);
                        }
                    });
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
    }

    /** {@code 127.0.0.1:port}, for {@code redis.target}. */
    public String target() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    /** Copies bytes unchanged, on a thread of its own, until {@code from} ends: the direction a mistake leaves alone. */
    public static void relay(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
                to.shutdownOutput();
            } catch (IOException e) {
                // either side closed
            }
        });
    }

    /** Encodes a command as clients send it: a RESP array of bulk strings. */
    public static byte[] encode(List<byte[]> command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("*" + command.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] arg : command) {
            out.writeBytes(("$" + arg.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(arg);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    /** Reads one whole reply (RESP2 or RESP3, aggregates included) and returns its bytes. */
    public static byte[] readReply(InputStream in) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        copyReply(in, reply);
        return reply.toByteArray();
    }

    private static void copyReply(InputStream in, OutputStream out) throws IOException {
        String line = readLine(in);
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        switch (line.charAt(0)) {
            case '$', '=', '!' -> {
                long length = Long.parseLong(line.substring(1));
                if (length >= 0) {
                    out.write(readExactly(in, (int) length + 2));
                }
            }
            case '*', '~', '>', '%', '|' -> {
                long count = Long.parseLong(line.substring(1)) * (line.charAt(0) == '%' || line.charAt(0) == '|' ? 2 : 1);
                for (long i = 0; i < count; i++) {
                    copyReply(in, out);
                }
            }
            default -> {
                // a one-line reply: + - : _ , # (
            }
        }
    }

    /** One line without its {@code \r\n}, one character a byte. */
    public static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n' && !line.isEmpty() && line.charAt(line.length() - 1) == '\r') {
                return line.substring(0, line.length() - 1);
            }
            line.append((char) b);
        }
        throw new EOFException();
    }

    /** Exactly {@code count} bytes. */
    public static byte[] readExactly(InputStream in, int count) throws IOException {
        byte[] bytes = in.readNBytes(count);
        if (bytes.length < count) {
            throw new EOFException();
        }
        return bytes;
    }

    /** Stops accepting and closes every connection, so that no proxy thread outlives the case. */
    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
