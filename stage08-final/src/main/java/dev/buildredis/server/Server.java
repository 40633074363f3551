package dev.buildredis.server;

import dev.buildredis.command.Client;
import dev.buildredis.command.Engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.InstantSource;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The server: one thread, one NIO selector, every client. The thread accepts connections, reads what clients
 * send, runs every complete command it finds, and writes the replies, as Redis's event loop does.
 *
 * <pre>
 *        ┌──────────────────────────────────────────────────────────────────────────────┐
 *        ▼                                                                              │
 *   select(until the next timer) ──▶ accept new clients                                 │
 *   (no wait if replies are due)                                                        │
 *                                ──▶ read ready clients ──▶ run every complete command  │
 *                                ──▶ time out blocked clients, cron (active expiry) 10/s│
 *                                ──▶ run what unblocked clients had queued              │
 *                                ──▶ a slice of a running snapshot (BGSAVE, AOF rewrite)│
 *                                ──▶ the turn's changes to the AOF (fsync if always)    │
 *                                ──▶ write each client's replies, as few writes as it takes
 * </pre>
 *
 * One thread executing every command is what makes each command atomic, MULTI/EXEC isolated and blocked clients
 * served in arrival order, with no lock anywhere. Its cost is that one slow command (KEYS on a large database)
 * makes every client wait.
 *
 * <pre>
 *   start() ──▶ RUNNING ──close() or SHUTDOWN──▶ CLOSED (every connection closed, port released)
 * </pre>
 */
public final class Server implements AutoCloseable {

    /** Redis's default tcp-backlog: connections the kernel queues before the loop accepts them. */
    static final int BACKLOG = 511;

    private final Selector selector;
    private final Consumer<SelectionKey> onReady = this::onReady; // made once, not per turn
    private final ServerSocketChannel listener;
    private final Engine engine;
    private final Thread loop;
    // By identity: a Client is its own key, with no boxed id to allocate and hash at every lookup of the loop.
    private final Map<Client, ClientConnection> connections = new IdentityHashMap<>();
    private volatile boolean running = true;

    private Server(Selector selector, ServerSocketChannel listener, Engine engine) {
        this.selector = selector;
        this.listener = listener;
        this.engine = engine;
        this.loop = Thread.ofPlatform().name("event-loop").unstarted(this::run);
        engine.onShutdown(this::stop);
        engine.onWakeup(selector::wakeup);
    }

    /** Binds the configured address and starts the event loop on a thread of its own, with the system clock. */
    public static Server start(Config config) throws IOException {
        return start(config, InstantSource.system());
    }

    /**
     * Binds and starts, with {@code clock} as the time that expiry and timeouts read.
     *
     * @throws IOException              if the address cannot be bound, for example because another process has the port
     * @throws IllegalArgumentException if a setting is unknown or its value invalid, with CONFIG SET's reason
     */
    public static Server start(Config config, InstantSource clock) throws IOException {
        Engine engine = new Engine(clock, config.bind(), config.port());
        config.settings().forEach(engine::configure); // a bad value stops the start before the port is bound
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(config.bind(), config.port()), BACKLOG);
        } catch (IOException e) {
            listener.close();
            throw new IOException("Could not bind " + config.bind() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        try {
            engine.load(); // the AOF or the RDB file: a damaged one stops the start with its reason
        } catch (IOException | RuntimeException e) {
            listener.close();
            engine.stopPersistence(false);
            throw e;
        }
        listener.configureBlocking(false);
        Selector selector = Selector.open();
        listener.register(selector, SelectionKey.OP_ACCEPT);
        int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        engine.boundTo(port);
        Server server = new Server(selector, listener, engine);
        server.loop.start();
        Log.info("Ready to accept connections tcp on " + config.bind() + ":" + port);
        return server;
    }

    /** The port the server listens on; the one the system chose when the configured port was 0. */
    public int port() {
        return listener.socket().getLocalPort();
    }

    // tag::event-loop[]
    private void run() {
        long nextCron = System.currentTimeMillis() + Engine.CRON_INTERVAL_MILLIS;
        try {
            while (running) {
                // Not sleeping while replies made during the last flush wait (see flushPendingWrites), or while a
                // snapshot still walks the keyspace.
                int selected = engine.hasPendingWrites() || engine.backgroundWork() ? selector.selectNow(onReady)
                        : selector.select(onReady, timeoutMillis(nextCron));
                engine.expireTimeouts();
                if (System.currentTimeMillis() >= nextCron) {
                    engine.cron();
                    releaseIdleBuffers();
                    nextCron = System.currentTimeMillis() + Engine.CRON_INTERVAL_MILLIS;
                }
                runUnblocked();
                engine.backgroundStep(selected == 0);
                engine.beforeReplies(); // the AOF has this turn's writes before any client hears OK
                flushPendingWrites();
            }
        } catch (IOException | UncheckedIOException e) {
            Log.warn("Event loop stopped: " + e.getMessage());
        } finally {
            stopPersistence();
            closeAll();
        }
    }
    // end::event-loop[]

    // tag::ready[]
    /**
     * One ready key, as the selector finds it: no selected-key set in between. That set is a {@code HashSet} whose
     * table never shrinks, and iterating it visits every bucket: once thousands of connections had been ready
     * together, every later turn walked a table of thousands of buckets to find its few ready keys.
     */
    private void onReady(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            try {
                acceptAll();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            ClientConnection connection = (ClientConnection) key.attachment();
            if (key.isReadable()) {
                connection.onReadable();
            }
            if (key.isValid() && key.isWritable()) {
                connection.flush();
            }
        }
    }
    // end::ready[]

    /** Sleep until the next cron tick or blocked-client timeout, whichever is first (0 would mean for ever). */
    private long timeoutMillis(long nextCron) {
        long now = System.currentTimeMillis();
        long until = nextCron - now;
        long nextTimeout = engine.nextTimeoutMillis();
        if (nextTimeout != Long.MAX_VALUE) {
            until = Math.min(until, nextTimeout - engine.keyspace().nowMillis());
        }
        return Math.max(1, until);
    }

    private void acceptAll() throws IOException {
        SocketChannel channel;
        while ((channel = listener.accept()) != null) {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // replies leave at once, not after 40 ms
            if (connections.size() >= engine.maxClients()) { // Redis's default: 10,000
                channel.write(java.nio.ByteBuffer.wrap("-ERR max number of clients reached\r\n".getBytes()));
                channel.close();
                continue;
            }
            Client client = engine.connect();
            client.addresses(address(channel.getRemoteAddress()), address(channel.getLocalAddress()));
            SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
            ClientConnection connection = new ClientConnection(channel, key, client, engine, this::closed);
            key.attach(connection);
            connections.put(client, connection);
        }
    }

    private static String address(java.net.SocketAddress address) {
        InetSocketAddress inet = (InetSocketAddress) address;
        return inet.getAddress().getHostAddress() + ":" + inet.getPort();
    }

    /**
     * Lets connections that have been quiet give their input buffers back. Every connection at every tick: a check
     * costs nanoseconds, so 10,000 connections cost tens of microseconds ten times a second.
     */
    private void releaseIdleBuffers() {
        long now = System.currentTimeMillis();
        for (ClientConnection connection : connections.values()) {
            connection.releaseIfIdle(now);
        }
    }

    private void runUnblocked() {
        Client client;
        while ((client = engine.takeUnblocked()) != null) {
            ClientConnection connection = connections.get(client);
            if (connection != null) {
                connection.processInput();
            }
        }
    }

    /**
     * Sends the replies of this turn, one write per client. A flush can make more replies: a client whose reads
     * were paused runs its buffered commands once its output drains. Those clients are flushed in the next turn,
     * which then does not wait in select.
     */
    private void flushPendingWrites() {
        for (Client client : engine.takePendingWrites()) {
            ClientConnection connection = connections.get(client);
            if (connection != null) {
                connection.flush();
            }
        }
    }

    private void closed(ClientConnection connection) {
        connections.remove(connection.client());
    }

    private void stop() {
        running = false;
        selector.wakeup();
    }

    /** As Redis on SIGTERM: the AOF fsynced, and the data set saved if save points are configured. */
    private void stopPersistence() {
        try {
            engine.stopPersistence(null);
        } catch (IOException e) {
            Log.warn("Error trying to save the DB: " + e.getMessage());
        }
    }

    private void closeAll() {
        for (ClientConnection connection : connections.values().toArray(new ClientConnection[0])) {
            connection.close();
        }
        try {
            listener.close();
            selector.close();
        } catch (IOException e) {
            Log.warn("Error while closing: " + e.getMessage());
        }
    }

    /** Waits until the server has stopped. */
    public void awaitTermination() throws InterruptedException {
        loop.join();
    }

    /** Stops the loop, closes every connection and the listening socket, and waits for all of it. */
    @Override
    public void close() {
        stop();
        if (Thread.currentThread() != loop) {
            try {
                loop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
