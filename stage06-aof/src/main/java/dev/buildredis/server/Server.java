package dev.buildredis.server;

import dev.buildredis.command.CommandTable;
import dev.buildredis.store.Keyspace;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.InstantSource;

/**
 * A blocking TCP server that answers RESP commands, one client at a time, on one thread.
 *
 * <pre>
 *   start() ──▶ LISTENING ──accept()──▶ SERVING one client ──client leaves──▶ LISTENING
 *                   │                          │
 *                   └────────── close() ───────┴──▶ CLOSED
 * </pre>
 *
 * While one client is connected, the next one waits in the kernel's accept queue: it is connected as far as TCP
 * is concerned, but nobody reads what it sends. That limitation is on purpose; stage 04 removes it.
 */
public final class Server implements AutoCloseable {

    private final ServerSocket listener;
    private final CommandTable commands;
    private final Thread acceptThread;
    private volatile Socket current;

    private Server(ServerSocket listener, InstantSource clock) {
        this.listener = listener;
        this.commands = CommandTable.standard(new Keyspace(clock));
        this.acceptThread = Thread.ofPlatform().name("accept-loop").unstarted(this::acceptLoop);
    }

    /**
     * Binds the configured address and starts serving on a thread of its own.
     *
     * @throws IOException if the address cannot be bound, for example because another process has the port
     */
    public static Server start(Config config) throws IOException {
        return start(config, InstantSource.system());
    }

    /**
     * Like {@link #start(Config)}, with the clock that decides when keys expire: tests pass one they move by hand.
     */
    public static Server start(Config config, InstantSource clock) throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.bind(new InetSocketAddress(config.bind(), config.port()));
        } catch (IOException e) {
            listener.close();
            throw new IOException("Could not bind " + config.bind() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        Server server = new Server(listener, clock);
        server.acceptThread.start();
        Log.info("Ready to accept connections tcp on " + config.bind() + ":" + server.port());
        return server;
    }

    /** The port the server listens on; the one the system chose when the configured port was 0. */
    public int port() {
        return listener.getLocalPort();
    }

    // tag::accept-loop[]
    private void acceptLoop() {
        while (!listener.isClosed()) {
            try (Socket client = listener.accept()) { // <1>
                current = client;
                new ClientConnection(client, commands).serve(); // <2>
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    Log.warn("Client connection failed: " + e.getMessage()); // <3>
                }
            } finally {
                current = null;
            }
        }
    }
    // end::accept-loop[]

    /** Waits until the server has been closed. */
    public void awaitTermination() throws InterruptedException {
        acceptThread.join();
    }

    /** Stops accepting, disconnects the client being served, and waits for the serving thread to end. */
    @Override
    public void close() {
        try {
            listener.close();
            Socket client = current;
            if (client != null) {
                client.close();
            }
            acceptThread.join();
        } catch (IOException e) {
            Log.warn("Error while closing: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
