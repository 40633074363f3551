package dev.buildredis.server;

import dev.buildredis.command.CommandTable;
import dev.buildredis.command.Journal;
import dev.buildredis.metrics.Event;
import dev.buildredis.metrics.Metrics;
import dev.buildredis.metrics.Monitor;
import dev.buildredis.metrics.OpsPerSecond;
import dev.buildredis.metrics.SlowLog;
import dev.buildredis.persistence.AofConfig;
import dev.buildredis.persistence.AofLoader;
import dev.buildredis.persistence.AppendOnlyFile;
import dev.buildredis.store.Store;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
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
 *
 * <p>The connection settings of {@link Config} are applied here, where sockets are made: the listen backlog and
 * {@code SO_REUSEADDR} when binding; {@code maxclients}, {@code TCP_NODELAY} and the idle timeout on every accepted
 * connection. A client over the limit gets Redis's reply and is closed:
 * <pre>
 * -ERR max number of clients reached\r\n
 * </pre>
 *
 * <p>It also owns what INFO reports: the {@link Metrics} every command records into (chosen with
 * {@code --metrics}), the slow log, and a platform thread that samples the command count every 100 ms for
 * {@code instantaneous_ops_per_sec}, as Redis's cron does. Accepted and refused connections are counted here.
 */
public final class Server implements AutoCloseable {

    private static final byte[] MAX_CLIENTS_REACHED =
            "-ERR max number of clients reached\r\n".getBytes(StandardCharsets.US_ASCII);

    /** How long the accept thread rests after accept failed. */
    static final long ACCEPT_PAUSE_MILLIS = 100;

    private final ServerSocket listener;
    private final Config config;
    private final CommandTable commands;
    private final ReplyLocks replyLocks; // null unless --hold-lock-over-write yes (chapter 4)
    private final AppendOnlyFile aof; // null with appendonly no
    private final Thread acceptThread;
    private final Set<Socket> clients;
    private final Monitor monitor;
    private final Metrics metrics;
    private final Thread sampler;

    private Server(ServerSocket listener, Config config, CommandTable commands, AppendOnlyFile aof,
                   Set<Socket> clients, Monitor monitor) {
        this.listener = listener;
        this.config = config;
        this.replyLocks = config.holdLockOverWrite() ? new ReplyLocks(config.store()) : null;
        this.commands = commands;
        this.aof = aof;
        this.clients = clients;
        this.monitor = monitor;
        this.metrics = monitor.metrics();
        this.acceptThread = Thread.ofPlatform().name("accept-loop").unstarted(this::acceptLoop);
        this.sampler = Thread.ofPlatform().name("ops-sampler").daemon().unstarted(this::sampleOps);
    }

    /**
     * Binds the configured address and starts serving on a thread of its own.
     *
     * @throws IOException if the address cannot be bound, for example because another process has the port, or
     *                     the append-only file cannot be read back or opened
     */
    public static Server start(Config config) throws IOException {
        return start(config, InstantSource.system());
    }

    /**
     * Like {@link #start(Config)}, with the clock that decides when keys expire: tests pass one they move by hand.
     */
    public static Server start(Config config, InstantSource clock) throws IOException {
        Metrics metrics = Metrics.create(config.metrics());
        Store store = Store.create(config.store(), clock);
        Journal journal = new Journal(store::changes);
        store.onExpired(key -> { // a key a write finds expired: counted for INFO, and logged as DEL
            metrics.record(Event.EXPIRED_KEY);
            journal.expired(key);
        });
        ServerSocket listener = new ServerSocket();
        Set<Socket> clients = ConcurrentHashMap.newKeySet();
        ServerInfo info = new ServerInfo(config, clock, listener::getLocalPort, clients::size, store::count);
        Monitor monitor = new Monitor(metrics, new SlowLog(clock), new OpsPerSecond(), info::section);
        CommandTable commands = CommandTable.standard(store, journal, config.aof().parameters(), monitor);
        AppendOnlyFile aof = replayAndOpen(config.aof(), store, commands, journal);
        info.attach(aof);
        // Replayed commands are the file's, not clients': Redis does not count them either.
        monitor.resetStats();
        monitor.slowLog().reset();
        try {
            // tag::listen[]
            // A restarted server must be able to bind while connections of the old one linger in TIME_WAIT.
            // The JDK already sets this on Linux and macOS; it is said here because the server relies on it.
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(config.bind(), config.port()), config.backlog());
            // end::listen[]
        } catch (IOException e) {
            listener.close();
            if (aof != null) {
                aof.close();
            }
            throw new IOException("Could not bind " + config.bind() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        Server server = new Server(listener, config, commands, aof, clients, monitor);
        server.acceptThread.start();
        server.sampler.start();
        Log.info("Ready to accept connections tcp on " + config.bind() + ":" + server.port()
                + " (store: " + config.store().optionValue()
                + (config.holdLockOverWrite() ? ", lock held over the reply write" : "") + ", metrics: " + config.metrics().optionValue() + ")");
        return server;
    }

    // tag::replay[]
    /**
     * Replays the append-only file into the data set, then logs every change to it. Both happen before the port
     * opens, so no client ever sees a half-loaded data set, and nothing replayed is logged a second time. Nothing
     * expires while the file is replayed: each command meets the keys it met when it ran.
     */
    private static AppendOnlyFile replayAndOpen(AofConfig settings, Store store, CommandTable commands,
                                                Journal journal) throws IOException {
        if (!settings.enabled()) {
            return null;
        }
        if (!Files.isDirectory(settings.dir())) {
            throw new IOException("Can't chdir to '" + settings.dir() + "': No such file or directory");
        }
        store.loading(true);
        try {
            AofLoader.load(settings.file(), commands::execute);
        } finally {
            store.loading(false);
        }
        AppendOnlyFile aof = AppendOnlyFile.open(settings.file(), settings.fsync(), settings.groupCommit());
        journal.attach(aof);
        return aof;
    }
    // end::replay[]

    /** The port the server listens on; the one the system chose when the configured port was 0. */
    public int port() {
        return listener.getLocalPort();
    }

    // tag::accept-loop[]
    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (clients.size() >= config.maxClients()) { // <1>
                    metrics.record(Event.CONNECTION_REJECTED);
                    refuse(client);
                    continue;
                }
                metrics.record(Event.CONNECTION_RECEIVED);
                client.setTcpNoDelay(config.tcpNoDelay());                   // <2>
                client.setSoTimeout(config.timeoutSeconds() * 1000);        // <3>
                clients.add(client);
                Thread.ofVirtual().name("client-" + client.getPort()).start(() -> serve(client));
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    Log.warn("Accept failed: " + e.getMessage());
                    pauseAccepting();
                }
            }
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

    /** Tells a client over the limit why, as Redis does, and closes it; the write fits any fresh socket buffer. */
    private static void refuse(Socket client) {
        try (client) {
            client.getOutputStream().write(MAX_CLIENTS_REACHED);
            client.shutdownOutput(); // FIN after the reply, so that the client reads it before the close
        } catch (IOException e) {
            // the client left already: nothing to tell it
        }
    }

    private void serve(Socket client) {
        try (client) {
            new ClientConnection(client, commands, replyLocks).serve();
        } catch (SocketTimeoutException e) {
            // idle for longer than --timeout: closed without a reply, as Redis closes idle clients
        } catch (IOException e) {
            if (!listener.isClosed()) {
                Log.warn("Client connection failed: " + e.getMessage());
            }
        } finally {
            clients.remove(client);
            metrics.threadDone(); // this client's thread records nothing more
        }
    }

    /** Redis's cron samples the command count every 100 ms for instantaneous_ops_per_sec; so does this thread. */
    private void sampleOps() {
        try {
            while (!listener.isClosed()) {
                monitor.opsPerSecond().sample(System.nanoTime() / 1_000_000, metrics.totalCommands());
                Thread.sleep(OpsPerSecond.SAMPLE_EVERY_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the server has been closed. */
    public void awaitTermination() throws InterruptedException {
        acceptThread.join();
    }

    /**
     * Stops accepting, disconnects every client (their threads then end), waits for the accept thread, and writes
     * and fsyncs what is left of the append-only file.
     */
    @Override
    public void close() {
        try {
            listener.close();
            for (Socket client : clients) {
                client.close();
            }
            acceptThread.join();
            sampler.interrupt();
            if (aof != null) {
                aof.close();
            }
        } catch (IOException e) {
            Log.warn("Error while closing: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
