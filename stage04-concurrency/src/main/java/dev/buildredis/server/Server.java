package dev.buildredis.server;

import dev.buildredis.command.CommandTable;
import dev.buildredis.store.Store;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A blocking TCP server that answers RESP commands, every client on a virtual thread of its own.
 *
 * <pre>
 *   start() ──▶ LISTENING ──accept()──▶ start a virtual thread for the client ──▶ LISTENING
 *                   │                        │ serves it until it leaves
 *                   └── close() ──▶ CLOSED: stops accepting, closes every client's socket
 * </pre>
 *
 * Blocking code, one thread per client, as simple to read as the single-client server before it. Virtual threads
 * make it cheap: a client waiting for its next command costs a small heap object, not a platform thread with its
 * own stack, and the JDK parks it on the socket so that a few carrier threads (one per core) serve them all.
 * All clients share one {@link Store}, which keeps each command atomic.
 */
public final class Server implements AutoCloseable {

    /** How long the accept thread rests after accept failed. */
    static final long ACCEPT_PAUSE_MILLIS = 100;

    private final ServerSocket listener;
    private final CommandTable commands;
    private final ReplyLocks replyLocks; // null unless --hold-lock-over-write yes (chapter 4)
    private final Thread acceptThread;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();

    private Server(ServerSocket listener, Config config, Store store) {
        this.listener = listener;
        this.replyLocks = config.holdLockOverWrite() ? new ReplyLocks(config.store()) : null;
        this.commands = CommandTable.standard(store);
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
        Server server = new Server(listener, config, Store.create(config.store(), clock));
        server.acceptThread.start();
        Log.info("Ready to accept connections tcp on " + config.bind() + ":" + server.port()
                + " (store: " + config.store().optionValue()
                + (config.holdLockOverWrite() ? ", lock held over the reply write" : "") + ")");
        return server;
    }

    /** The port the server listens on; the one the system chose when the configured port was 0. */
    public int port() {
        return listener.getLocalPort();
    }

    // tag::accept-loop[]
    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                clients.add(client);
                Thread.ofVirtual().name("client-" + client.getPort()).start(() -> serve(client)); // <1>
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    Log.warn("Accept failed: " + e.getMessage());
                    pauseAccepting();
                }
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            new ClientConnection(client, commands, replyLocks).serve(); // <2>
        } catch (IOException e) {
            if (!listener.isClosed()) {
                Log.warn("Client connection failed: " + e.getMessage());
            }
        } finally {
            clients.remove(client);
        }
    }
    // end::accept-loop[]

    /**
     * After accept failed (no file descriptor left: EMFILE), the accept thread rests before it tries again: the
     * connection waits in the kernel's queue meanwhile, and trying again at once would fail again at once, in a
     * loop that keeps a core busy and fills the log.
     */
    private static void pauseAccepting() {
        try {
            Thread.sleep(ACCEPT_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the server has been closed. */
    public void awaitTermination() throws InterruptedException {
        acceptThread.join();
    }

    /** Stops accepting, disconnects every client (their threads then end), and waits for the accept thread. */
    @Override
    public void close() {
        try {
            listener.close();
            for (Socket client : clients) {
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
