package dev.buildredis.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A server with one deliberate mistake, for proving that the stage suite catches it: it accepts connections on a
 * free loopback port and lets a {@link Mistake} serve each one, on a virtual thread of its own.
 */
public final class BrokenServer implements AutoCloseable {

    /** One way of serving a connection wrongly. */
    @FunctionalInterface
    public interface Mistake {
        void serve(Socket client) throws IOException;
    }

    private final ServerSocket listener;

    public BrokenServer(Mistake mistake) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Thread.ofVirtual().start(() -> {
                        try (client) {
                            mistake.serve(client);
                        } catch (IOException e) {
                            // the client went away; a broken server does not care either
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

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
