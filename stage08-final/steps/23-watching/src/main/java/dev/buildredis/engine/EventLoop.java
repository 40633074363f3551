package dev.buildredis.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import jdk.net.ExtendedSocketOptions;
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
 *                                ──▶ a slice of a running snapshot (BGSAVE)             │
 *                                    (or of an AOF rewrite)                             │
 *                                ──▶ the turn's changes to the AOF (fsync if always)    │
 *                                ──▶ write each client's replies, as few writes as it takes
 * </pre>
 *
 * One thread executing every command is what makes each command atomic, MULTI/EXEC isolated and blocked clients
 * served in arrival order, with no lock anywhere. Its cost is that one slow command (KEYS on a large database)
 * makes every client wait, and that the thread must never die: whatever goes wrong while serving one client closes
 * that client ({@link #onReady}), whatever goes wrong in the rest of a turn is logged and the next turn runs
 * ({@link #contain}). Only a broken selector, an error of the JVM itself ({@link InternalError}: nothing can be trusted
 * after it), or the AOF failing under {@code appendfsync always} stops the server, and then {@link #failed()} says
 * so, so that {@link Main} exits with status 1.
 *
 * <pre>
 *   start() ──▶ RUNNING ──close() or SHUTDOWN──▶ CLOSED (every connection closed, port released)
 * </pre>
 */
public final class EventLoop implements AutoCloseable {

    /** After accept fails (no descriptor left), the listener rests this long instead of failing again at once. */
    static final long ACCEPT_PAUSE_MILLIS = 100;
    /** One log line per this long for a failure that repeats every turn. */
    private static final long LOG_INTERVAL_MILLIS = 1000;

    private final Selector selector;
    private final Consumer<SelectionKey> onReady = this::onReady; // made once, not per turn
    private final ServerSocketChannel listener;
    private final Engine engine;
    private final Thread loop;
    // By identity: a Client is its own key, with no boxed id to allocate and hash at every lookup of the loop.
    private final Map<Client, ClientConnection> connections = new IdentityHashMap<>();
    private volatile boolean running = true;
    private volatile String failure;     // why the loop stopped on its own, or null
    private long acceptPausedUntil;      // accept failed: the listener is not watched until then
    private long lastContainedLogMillis;

    private EventLoop(Selector selector, ServerSocketChannel listener, Engine engine) {
        this.selector = selector;
        this.listener = listener;
        this.engine = engine;
        this.loop = Thread.ofPlatform().name("event-loop").unstarted(this::run);
        engine.onShutdown(this::stop);
        engine.onWakeup(selector::wakeup);
    }

    /**
     * Binds {@code bind:port}, loads the data set, and starts the loop on a thread of its own to serve
     * {@code engine}, which the caller has configured.
     *
     * @throws IOException if the address cannot be bound, for example because another process has the port, or the
     *                     data set cannot be loaded
     */
    public static EventLoop start(Engine engine, String bind, int port) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(bind, port), engine.backlog());
        } catch (IOException e) {
            listener.close();
            throw new IOException("Could not bind " + bind + ":" + port + ": " + e.getMessage(), e);
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
        int bound = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        engine.boundTo(bound);
        EventLoop server = new EventLoop(selector, listener, engine);
        server.loop.start();
        Log.info("Ready to accept connections tcp on " + bind + ":" + bound);
        return server;
    }

    /** The port the server listens on; the one the system chose when the configured port was 0. */
    public int port() {
        return listener.socket().getLocalPort();
    }

    // tag::event-loop[]
    private void run() {
        long nextCron = System.currentTimeMillis() + engine.cronIntervalMillis();
        try {
            while (running) {
                // Not sleeping while replies made during the last flush wait (see flushPendingWrites), or while a
                // snapshot still walks the keyspace.
                int selected = engine.hasPendingWrites() || engine.backgroundWork() ? selector.selectNow(onReady)
                        : selector.select(onReady, timeoutMillis(nextCron));
                contain(engine::expireTimeouts);
                if (System.currentTimeMillis() >= nextCron) {
                    contain(engine::cron);
                    contain(this::connectionsCron);
                    nextCron = System.currentTimeMillis() + engine.cronIntervalMillis();
                }
                contain(this::runUnblocked);
                contain(() -> engine.backgroundStep(selected == 0));
                contain(engine::beforeReplies); // the AOF has this turn's writes before any client hears OK
                if (engine.failure() != null) {
                    failure = engine.failure();  // replies that the AOF does not have never leave
                    break;
                }
                contain(this::flushPendingWrites);
            }
        } catch (IOException | RuntimeException e) {
            failure = "the event loop's selector failed: " + e;
        } catch (Error e) { // the JVM itself failed (rethrowIfFatal): a failure, never a clean stop with status 0
            failure = "the event loop failed: " + e + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0]
                    : "?");
        } finally {
            if (failure == null) {
                stopPersistence();
            } else {
                Log.warn("Event loop stopped: " + failure);
                engine.abandonPersistence();
            }
            closeAll();
        }
    }
    // end::event-loop[]

    /**
     * Runs one part of a turn; a throwable from it is logged (at most once a second) and the loop goes on with the
     * next part and the next turn. Errors of the JVM itself other than running out of memory or stack are not
     * contained: after those nothing can be trusted.
     */
    private void contain(Runnable part) {
        try {
            part.run();
        } catch (Throwable t) {
            rethrowIfFatal(t);
            long now = System.currentTimeMillis();
            if (now - lastContainedLogMillis >= LOG_INTERVAL_MILLIS) {
                lastContainedLogMillis = now;
                Log.warn("Error in the event loop, the loop goes on: " + t + " at "
                        + (t.getStackTrace().length > 0 ? t.getStackTrace()[0] : "?"));
            }
        }
    }

    private static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof OutOfMemoryError) && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
    }

    // tag::ready[]
    /**
     * One ready key, as the selector finds it: no selected-key set in between. That set is a {@code HashSet} whose
     * table never shrinks, and iterating it visits every bucket: once thousands of connections had been ready
     * together, every later turn walked a table of thousands of buckets to find its few ready keys. Whatever goes
     * wrong while serving a client closes that client, and only it.
     */
    private void onReady(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            acceptAll();
            return;
        }
        ClientConnection connection = (ClientConnection) key.attachment();
        try {
            if (key.isReadable()) {
                connection.onReadable();
            }
            if (key.isValid() && key.isWritable()) {
                connection.flush();
            }
        } catch (Throwable t) {
            rethrowIfFatal(t);
            connection.failed(t);
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

    // tag::accept[]
    /**
     * Accepts every connection waiting. When accept itself fails (no file descriptor left: EMFILE), the listener
     * is left alone for {@link #ACCEPT_PAUSE_MILLIS}: the connection stays in the kernel's queue, and asking again
     * at once would fail again at once, turn after turn, with the loop spinning at 100% CPU.
     */
    private void acceptAll() {
        while (true) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                Log.warn("Accepting client connection: " + e.getMessage());
                pauseAccepting();
                return;
            }
            if (channel == null) {
                return;
            }
            try {
                accept(channel);
            } catch (IOException | RuntimeException e) {
                Log.warn("Error accepting a client connection: " + e.getMessage()); // reset before we got to it
                closeQuietly(channel);
            }
        }
    }

    private void accept(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // replies leave at once, not after 40 ms
        keepAlive(channel, engine.tcpKeepaliveSeconds());
        if (connections.size() >= engine.maxClients()) { // Redis's default: 10,000
            engine.rejectedConnections++;
            try {
                channel.write(ByteBuffer.wrap(MAX_CLIENTS_REACHED)); // a fresh socket's buffer takes it whole
            } finally {
                closeQuietly(channel);
            }
            return;
        }
        Client client = engine.connect();
        client.addresses(address(channel.getRemoteAddress()), address(channel.getLocalAddress()));
        SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
        ClientConnection connection = new ClientConnection(channel, key, client, engine, this::closed);
        key.attach(connection);
        connections.put(client, connection);
    }
    // end::accept[]

    private static final byte[] MAX_CLIENTS_REACHED = "-ERR max number of clients reached\r\n"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * {@code tcp-keepalive}: after that many seconds of silence the kernel probes the peer, and closes a connection
     * whose peer has vanished (a client machine that lost power never sends a FIN). Probes every third of it, three
     * times, as Redis's {@code anetKeepAlive}.
     */
    private static void keepAlive(SocketChannel channel, int seconds) throws IOException {
        if (seconds <= 0) {
            return;
        }
        channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
        if (channel.supportedOptions().contains(ExtendedSocketOptions.TCP_KEEPIDLE)) {
            channel.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, seconds);
            channel.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, Math.max(1, seconds / 3));
            channel.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, 3);
        }
    }

    private void pauseAccepting() {
        acceptPausedUntil = System.currentTimeMillis() + ACCEPT_PAUSE_MILLIS;
        listenerKey().interestOps(0);
    }

    private SelectionKey listenerKey() {
        return listener.keyFor(selector);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do: it is gone either way
        }
    }

    private static String address(java.net.SocketAddress address) {
        InetSocketAddress inet = (InetSocketAddress) address;
        return inet.getAddress().getHostAddress() + ":" + inet.getPort();
    }

    /**
     * The connections' share of the cron: quiet connections give their input buffers back, idle ones past
     * {@code timeout} are closed, and the listener is watched again after a pause. Every connection at every tick: a
     * check costs nanoseconds, so 10,000 connections cost tens of microseconds ten times a second.
     */
    private void connectionsCron() {
        long now = System.currentTimeMillis();
        long timeout = engine.idleTimeoutSeconds();
        for (ClientConnection connection : connections.values().toArray(new ClientConnection[0])) {
            connection.cron(now, timeout);
        }
        if (acceptPausedUntil != 0 && now >= acceptPausedUntil) {
            acceptPausedUntil = 0;
            listenerKey().interestOps(SelectionKey.OP_ACCEPT);
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

    /** Why the server stopped on its own (not by SHUTDOWN or {@link #close}), or {@code null}. */
    public String failed() {
        return failure;
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
