package dev.buildredis.server;

import dev.buildredis.command.CommandTable;
import dev.buildredis.command.Journal;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Engine;
import dev.buildredis.metrics.Event;
import dev.buildredis.metrics.Metrics;
import dev.buildredis.metrics.Monitor;
import dev.buildredis.metrics.OpsPerSecond;
import dev.buildredis.metrics.SlowLog;
import dev.buildredis.persistence.AofConfig;
import dev.buildredis.persistence.AofLoader;
import dev.buildredis.persistence.AppendOnlyFile;
import dev.buildredis.store.Keyspace;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The server: one thread and one {@link Selector} serve every client, as Redis's event loop does. The thread asks
 * the selector which sockets are ready, reads what they sent, runs every complete command, writes the append-only
 * file, and sends the replies. It never waits for one client: a socket that has nothing to give or cannot take
 * more is left until the selector says otherwise.
 *
 * <pre>
 *   ┌──▶ select ──── wait until a socket is ready, or for the cron (100 ms at most)
 *   │    accept ──── each new connection: non-blocking, watched for reads
 *   │    read ────── what each ready client sent, never waiting for more
 *   │    parse ───── every complete command (a partial one waits for more bytes)
 *   │    execute ─── one command at a time, each whole; replies into the client's
 *   │                buffer, changes into the append-only file's buffer
 *   │    propagate ─ the turn's changes to the file: one write, one fsync if always
 *   │    write ───── each client's replies, as much as its socket takes now
 *   └─── cron ────── every 100 ms (hz 10): ops/sec, idle timeout, accept, AOF retry, rehash
 * </pre>
 *
 * One thread running every command is what makes each command atomic without a lock: nothing else runs while
 * {@code INCR} reads and writes back, or while {@code MSET} writes its keys. Its price is that a slow command makes
 * every client wait, and that the thread must never block: sockets are non-blocking, and the only waits are the
 * select and, under {@code appendfsync always}, the fsync that the whole turn shares.
 *
 * <p>The connection settings of {@link Config} are applied here, where sockets are made: the listen backlog and
 * {@code SO_REUSEADDR} when binding; {@code maxclients} and {@code TCP_NODELAY} on every accepted connection, and
 * the idle timeout in the cron. A client over the limit gets Redis's reply and is closed:
 * <pre>
 * -ERR max number of clients reached\r\n
 * </pre>
 *
 * <pre>
 *   start() ──▶ RUNNING ──close()──▶ CLOSED: every connection closed, the port released, the file completed
 *                  └──the file fails under appendfsync always──▶ FAILED: the same, no reply of the turn sent,
 *                                                                {@link #failure()} says why (Main exits with 1)
 * </pre>
 */
public final class Server implements AutoCloseable {

    private static final byte[] MAX_CLIENTS_REACHED =
            "-ERR max number of clients reached\r\n".getBytes(StandardCharsets.US_ASCII);

    /** How long the listener rests after accept failed. */
    static final long ACCEPT_PAUSE_MILLIS = 100;

    /** Redis's default {@code hz 10}: the cron runs every 100 ms, when the ops/sec sampler wants it. */
    static final long CRON_MILLIS = OpsPerSecond.SAMPLE_EVERY_MILLIS;

    /** How often the cron tries again to write the append-only file while it fails, as Redis's cron does. */
    private static final long AOF_RETRY_MILLIS = 1000;

    /** Redis's {@code activerehashing}: a millisecond of each cron moves keys of the tables that are resizing. */
    private static final long REHASH_BUDGET_NANOS = 1_000_000L;

    private final Selector selector;
    private final ServerSocketChannel listener;
    private final int port;
    private final Config config;
    private final CommandTable commands;
    private final Engine engine;
    private final AppendOnlyFile aof; // null with appendonly no
    private final Set<ClientConnection> clients;
    private final Monitor monitor;
    private final Metrics metrics;
    private final Thread loop;
    private final Set<ClientConnection> replying = new LinkedHashSet<>(); // replies to write at the turn's end
    private final List<ClientConnection> resumed = new ArrayList<>();     // reads resumed: commands to run
    private volatile boolean running = true;
    private volatile String failure;
    private long acceptPausedUntil; // 0 while accepting
    private long nextAofRetry;
    private volatile long socketWrites;

    private Server(Selector selector, ServerSocketChannel listener, Config config, CommandTable commands,
                   Engine engine, AppendOnlyFile aof, Set<ClientConnection> clients, Monitor monitor) {
        this.selector = selector;
        this.listener = listener;
        this.port = listener.socket().getLocalPort();
        this.config = config;
        this.commands = commands;
        this.engine = engine;
        this.aof = aof;
        this.clients = clients;
        this.monitor = monitor;
        this.metrics = monitor.metrics();
        this.loop = Thread.ofPlatform().name("event-loop").unstarted(this::run);
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
        return start(config, clock, AppendOnlyFile.Opener.FILES);
    }

    /** Like {@link #start(Config, InstantSource)}, with the append-only file opened by {@code opener}. */
    static Server start(Config config, InstantSource clock, AppendOnlyFile.Opener opener) throws IOException {
        Metrics metrics = new Metrics();
        Engine engine = new Engine(clock, config.bind(), config.port()); // the keyspace, the clients, the settings
        AofConfig.define(engine.settings());
        engine.configure(config.settings()); // every option checked as CONFIG SET checks it, before the port opens
        AofConfig aofConfig = AofConfig.of(engine.settings());
        Keyspace keyspace = engine.keyspace();
        Journal journal = new Journal();
        keyspace.onExpired((db, key) -> {
            metrics.record(Event.EXPIRED_KEY);
            journal.expired(db, key);
        });
        ServerSocketChannel listener = ServerSocketChannel.open();
        Set<ClientConnection> clients = new HashSet<>(); // only the loop's thread touches it, INFO included
        ServerInfo info = new ServerInfo(engine, aofConfig, clock, () -> listener.socket().getLocalPort(),
                clients::size);
        Monitor monitor = new Monitor(metrics, new SlowLog(clock), new OpsPerSecond(), info::section);
        // tag::applier[]
        Runnable slowLogSettings = () -> { // the slow log keeps its two parameters parsed
            monitor.slowLog().slowerThanMicros(engine.settings().number("slowlog-log-slower-than"));
            monitor.slowLog().maxLen((int) Math.min(Integer.MAX_VALUE, engine.settings().number("slowlog-max-len")));
        };
        slowLogSettings.run();                      // the values the command line gave
        engine.onSettingsChanged(slowLogSettings);  // and those of every CONFIG SET from now on
        // end::applier[]
        CommandTable commands = CommandTable.standard(engine, journal, monitor);
        AppendOnlyFile aof;
        try {
            aof = replayAndOpen(aofConfig, engine, commands, journal, opener);
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        info.attach(aof);
        // Replayed commands are the file's, not clients': Redis does not count them either.
        monitor.resetStats();
        monitor.slowLog().reset();
        try {
            // tag::listen[]
            // A restarted server must be able to bind while connections of the old one linger in TIME_WAIT.
            // The JDK already sets this on Linux and macOS; it is said here because the server relies on it.
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(config.bind(), config.port()), engine.backlog());
            // end::listen[]
        } catch (IOException e) {
            listener.close();
            if (aof != null) {
                aof.close();
            }
            throw new IOException("Could not bind " + config.bind() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        engine.boundTo(listener.socket().getLocalPort()); // CONFIG GET port: the one the system chose for 0
        listener.configureBlocking(false);
        Selector selector = Selector.open();
        listener.register(selector, SelectionKey.OP_ACCEPT);
        Server server = new Server(selector, listener, config, commands, engine, aof, clients, monitor);
        server.loop.start();
        Log.info("Ready to accept connections tcp on " + config.bind() + ":" + server.port()
                + " (one event loop)");
        return server;
    }

    // tag::replay[]
    /**
     * Replays the append-only file into the data set, then logs every change to it. Both happen before the port
     * opens, so no client ever sees a half-loaded data set, and nothing replayed is logged a second time. Nothing
     * expires while the file is replayed: each command meets the keys it met when it ran.
     */
    private static AppendOnlyFile replayAndOpen(AofConfig settings, Engine engine, CommandTable commands,
                                                Journal journal, AppendOnlyFile.Opener opener) throws IOException {
        if (!settings.enabled()) {
            return null;
        }
        if (!Files.isDirectory(settings.dir())) {
            throw new IOException("Can't chdir to '" + settings.dir() + "': No such file or directory");
        }
        Client replay = engine.internalClient(); // the file's commands run for a client of the server's own
        engine.loading(true);
        try {
            AofLoader.load(settings.file(), command -> {
                commands.execute(replay, command);
                String reply = new String(replay.reply.drain(), StandardCharsets.ISO_8859_1);
                return reply.startsWith("-") ? reply.substring(1).strip() : null; // an error fails the load
            });
        } finally {
            engine.loading(false);
        }
        AppendOnlyFile aof = AppendOnlyFile.open(settings.file(), settings.fsync(), settings.groupCommit(), opener);
        journal.attach(aof, engine);
        return aof;
    }
    // end::replay[]

    /** The port the server listens on; the one the system chose when the configured port was 0. */
    public int port() {
        return port;
    }

    // tag::event-loop[]
    private void run() {
        long nextCron = System.currentTimeMillis() + CRON_MILLIS;
        try {
            while (running) {
                if (resumed.isEmpty()) {
                    selector.select(this::onReady, Math.max(1, nextCron - System.currentTimeMillis())); // <1>
                } else {
                    selector.selectNow(this::onReady); // clients whose reads resumed have commands waiting
                }
                runResumed();
                if (!propagate()) {                                                                   // <2>
                    return;
                }
                writeReplies();                                                                       // <3>
                if (System.currentTimeMillis() >= nextCron) {
                    cron();                                                                           // <4>
                    nextCron = System.currentTimeMillis() + CRON_MILLIS;
                }
            }
        } catch (IOException | RuntimeException e) {
            failure = "The event loop failed: " + e;
        } finally {
            shutDown();
        }
    }
    // end::event-loop[]

    // tag::ready[]
    /** One ready socket, as the selector finds it: the listener, or a client that sent bytes or can take more. */
    private void onReady(SelectionKey key) {
        if (key.isAcceptable()) {
            acceptAll();
            return;
        }
        ClientConnection client = (ClientConnection) key.attachment();
        try {
            if (key.isReadable()) {
                client.onReadable();   // read, parse, execute: the replies wait in the client's buffer
            }
            if (key.isValid() && key.isWritable()) {
                replying.add(client);  // replies left over from an earlier turn: written with this turn's
            }
        } catch (RuntimeException e) {
            Log.warn("Closing a client after an error in the server: " + e); // that client only: the loop goes on
            client.close();
        }
    }
    // end::ready[]

    // tag::propagate[]
    /**
     * The turn's changes go to the append-only file before any reply of the turn leaves, so that no client hears
     * OK for a write the file does not have. Under {@code appendfsync always} a write or fsync that fails stops
     * the server here, as Redis exits: it can no longer promise what its replies say.
     */
    private boolean propagate() {
        if (aof == null) {
            return true;
        }
        try {
            aof.flush();
            return true;
        } catch (IOException e) {
            failure = "Can't recover from AOF write error when the AOF fsync policy is 'always': " + e.getMessage()
                    + ". Exiting...";
            return false;
        }
    }
    // end::propagate[]

    // tag::accept[]
    /**
     * Accepts every connection waiting. When accept itself fails (no file descriptor left: EMFILE), the listener
     * is left alone for {@link #ACCEPT_PAUSE_MILLIS}: the connection waits in the kernel's queue meanwhile, and
     * asking again at once would fail again at once, turn after turn, with the loop spinning at 100% CPU.
     */
    private void acceptAll() {
        while (true) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                Log.warn("Accept failed: " + e.getMessage());
                acceptPausedUntil = System.currentTimeMillis() + ACCEPT_PAUSE_MILLIS;
                listener.keyFor(selector).interestOps(0); // the cron watches it again
                return;
            }
            if (channel == null) {
                return; // no connection left waiting
            }
            try {
                accept(channel);
            } catch (IOException e) {
                Log.warn("Accepting a client failed: " + e.getMessage()); // reset before we got to it
                closeQuietly(channel);
            }
        }
    }

    private void accept(SocketChannel channel) throws IOException {
        if (clients.size() >= engine.maxClients()) {                                    // <1>
            metrics.record(Event.CONNECTION_REJECTED);
            refuse(channel);
            return;
        }
        metrics.record(Event.CONNECTION_RECEIVED);
        channel.configureBlocking(false);                                               // <2>
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);                     // <3>
        SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
        ClientConnection client = new ClientConnection(channel, key, commands, this, engine.connect());
        key.attach(client);
        clients.add(client);
    }
    // end::accept[]

    /** Tells a client over the limit why, as Redis does, and closes it; the write fits any fresh socket buffer. */
    private static void refuse(SocketChannel channel) {
        try (channel) {
            channel.write(ByteBuffer.wrap(MAX_CLIENTS_REACHED)); // still blocking: a fresh socket takes it whole
            channel.shutdownOutput(); // FIN after the reply, so that the client reads it before the close
        } catch (IOException e) {
            // the client left already: nothing to tell it
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // gone either way
        }
    }

    private void runResumed() {
        List<ClientConnection> now = new ArrayList<>(resumed);
        resumed.clear();
        for (ClientConnection client : now) {
            client.runCommands();
        }
    }

    private void writeReplies() {
        for (ClientConnection client : replying) {
            client.write();
        }
        replying.clear();
    }

    // tag::cron[]
    /** What Redis's serverCron does ten times a second, and what stage 7 did on threads of their own. */
    private void cron() {
        long now = System.currentTimeMillis();
        monitor.opsPerSecond().sample(System.nanoTime() / 1_000_000, metrics.totalCommands()); // <1>
        long timeoutMillis = engine.idleTimeoutSeconds() * 1000L;
        if (timeoutMillis > 0) {
            for (ClientConnection client : clients.toArray(new ClientConnection[0])) {
                if (client.idleMillis(now) > timeoutMillis) { // without a reply, as Redis closes idle clients
                    client.close(); // <2>
                }
            }
        }
        if (acceptPausedUntil != 0 && now >= acceptPausedUntil) {
            acceptPausedUntil = 0;
            listener.keyFor(selector).interestOps(SelectionKey.OP_ACCEPT); // <3>
        }
        if (aof != null && now >= nextAofRetry) {
            nextAofRetry = now + AOF_RETRY_MILLIS;
            aof.retry(); // <4>
        }
        if (engine.settings().yes("activerehashing")) {
            engine.keyspace().rehash(REHASH_BUDGET_NANOS); // <5>
        }
    }
    // end::cron[]

    /** A client has replies to send: they leave at the end of this turn, after the append-only file. */
    void replyLater(ClientConnection client) {
        replying.add(client);
    }

    /** A client's replies drained under the limit: its buffered commands run in the next turn. */
    void resume(ClientConnection client) {
        resumed.add(client);
    }

    /** A client is about to write to its socket. */
    void wrote() {
        socketWrites++; // only the loop's thread writes it
    }

    /** How many writes to client sockets (system calls) the loop has made: a pipelined batch's replies take one. */
    long socketWrites() {
        return socketWrites;
    }

    void closed(ClientConnection connection, Client client) {
        clients.remove(connection);
        engine.disconnect(client);
    }

    private void shutDown() {
        if (failure != null) {
            Log.warn(failure);
        }
        for (ClientConnection client : clients.toArray(new ClientConnection[0])) {
            client.close();
        }
        try {
            listener.close();
            selector.close();
            if (aof != null) {
                aof.close(); // written and fsynced, unless it failed under always
            }
        } catch (IOException e) {
            Log.warn("Error while closing: " + e.getMessage());
        }
    }

    /** Why the server stopped on its own, or {@code null}: Main exits with status 1 then. */
    public String failure() {
        return failure;
    }

    /** Waits until the server has stopped. */
    public void awaitTermination() throws InterruptedException {
        loop.join();
    }

    /** Stops the loop, which closes every connection and the port, and completes the append-only file. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            loop.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
