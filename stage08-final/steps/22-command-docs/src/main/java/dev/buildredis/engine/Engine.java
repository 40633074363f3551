package dev.buildredis.engine;

import dev.buildredis.store.Database;
import dev.buildredis.store.Key;
import dev.buildredis.store.Keyspace;
import dev.buildredis.store.Policy;

import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Everything the server's one command thread owns: the keyspace, the command table, the connected clients, the
 * pub/sub and blocking registries, settings and counters. The event loop hands it commands
 * ({@link #execute}) and time ({@link #cron}); it hands back the clients that have replies to send
 * ({@link #takePendingWrites}) and the clients that a push has just unblocked ({@link #takeUnblocked}).
 *
 * <p>Because only one thread ever runs commands, every command is atomic, MULTI/EXEC is isolated and a blocked
 * client is served in arrival order without a single lock.
 */
public final class Engine {

    /** The Redis version this server answers as (HELLO, INFO): the one whose behaviour it follows. */
    public static final String REDIS_VERSION = "7.0.15";

    private static final long REHASH_BUDGET_NANOS = 1_000_000L;

    private final Keyspace keyspace;
    final CommandClock clock;
    private final CommandTable commands;
    private final Dispatcher dispatcher;
    public final PubSub pubsub = new PubSub();
    public final Blocking blocking = new Blocking(this);
    public final Settings settings;
    final SlowLog slowLog = new SlowLog();
    /** INFO errorstats, and the server's run_id: 40 random hex digits, new at each start, as Redis's. */
    final ErrorStats errors = new ErrorStats();
    public final String runId = randomId();

    /** 40 random hex digits, as Redis makes its run_id and replication IDs. */
    public static String randomId() {
        byte[] bytes = new byte[20];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }
    /** INFO's network counters, which the connections keep (ClientConnection). */
    long netInputBytes;
    long netOutputBytes;
    long readsProcessed;
    long writesProcessed;
    final OpsPerSecond inputPerSecond = new OpsPerSecond();
    final OpsPerSecond outputPerSecond = new OpsPerSecond();
    /** LATENCY's samples and latency-monitor-threshold. */
    public final LatencyMonitor latency;
    /** DEBUG SET-ACTIVE-EXPIRE: whether the cron deletes expired keys nobody looks up. */
    public boolean activeExpire = true;
    /** INFO's master_replid: 40 hex digits, new at each start and at DEBUG CHANGE-REPL-ID. */
    private String replicationId;
    private Durability durability = Durability.NONE;
    private final List<Runnable> settingsAppliers = new ArrayList<>();
    public final SplittableRandom random = new SplittableRandom();
    final long startMillis;

    private final Map<Long, Client> clients = new LinkedHashMap<>();
    private long nextClientId = 1;
    // Clients with replies to send, in the order they got them, each once (Client.pendingWrite). Two lists that
    // take turns, so that a loop turn allocates nothing to hand them over.
    private ArrayList<Client> pendingWrites = new ArrayList<>();
    private ArrayList<Client> handedOver = new ArrayList<>();
    private final ArrayDeque<Client> unblocked = new ArrayDeque<>();
    private final Map<DbKey, List<Client>> watchers = new HashMap<>();
    private Runnable shutdown = () -> { };
    private String failure;  // the server must stop (see fatal)
    private boolean loading; // the AOF is being replayed

    // Propagation: the changes commands make, as commands to append to the AOF (null while nothing listens).
    private Propagator propagator;
    private boolean propagatedExplicitly; // the running command said itself what to propagate
    private boolean inTransaction;        // EXEC is running its queue
    private boolean multiPropagated;      // ... and MULTI has gone out before its first change

    // INFO stats
    public long commandsProcessed;
    public long rejectedConnections; // over maxclients
    final OpsPerSecond opsPerSecond = new OpsPerSecond();
    public long connectionsReceived;
    public long dirty;

    public Engine(InstantSource clock, String bind, int port) {
        this.clock = new CommandClock(clock);
        this.keyspace = new Keyspace(this.clock);
        this.settings = new Settings(bind, port);
        this.commands = new CommandTable();
        this.dispatcher = new Dispatcher(this, commands);
        this.startMillis = clock.millis();
        this.latency = new LatencyMonitor(settings);
        this.replicationId = randomId();
        keyspace.onExpired(this::expired);
    }

    public String replicationId() {
        return replicationId;
    }

    /** DEBUG CHANGE-REPL-ID: a new replication id, as a master that changed its history. */
    public void changeReplicationId() {
        replicationId = randomId();
    }

    /** Milliseconds since the server started, by the keyspace's clock. */
    public long uptimeMillis() {
        return keyspace.nowMillis() - startMillis;
    }

    /** The parameters CONFIG GET shows and CONFIG SET changes; a part of the server defines its own into it. */
    public Settings settings() {
        return settings;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public CommandTable commands() {
        return commands;
    }

    /** What SHUTDOWN does: set by the server, which knows how to stop itself. */
    public void onShutdown(Runnable action) {
        shutdown = action;
    }

    public void shutdown() {
        shutdown.run();
    }

    /**
     * SHUTDOWN [NOSAVE | SAVE] [FORCE]: saves as asked (or as the save points say), then stops the server; if the
     * save fails, the server goes on (unless forced).
     */
    public void shutdown(Boolean save, boolean force) throws java.io.IOException {
        durability.shutdown(save, force);
        shutdown.run();
    }

    /**
     * Stops the server because it cannot go on safely (the AOF failed under {@code appendfsync always}): the loop
     * ends at once, before sending the replies it has, and the process exits with status 1.
     */
    public void fatal(String reason) {
        if (failure == null) {
            failure = reason;
        }
    }

    /** Why the server must stop now, or {@code null}. */
    public String failure() {
        return failure;
    }

    /** Plugs in what keeps the data set on disk (see {@link Durability}); before the server starts. */
    public void durability(Durability durability) {
        this.durability = durability;
    }

    /** What keeps the data set on disk: for INFO, and for the commands that save. */
    public Durability durability() {
        return durability;
    }

    /**
     * Adds what runs after the settings changed (the command line, CONFIG SET): a part of the server that keeps a
     * setting parsed takes its new value there; one that cannot act on it throws a CommandError, and CONFIG SET
     * puts the old values back.
     */
    public void onSettingsChanged(Runnable applier) {
        settingsAppliers.add(applier);
    }

    /** Closes the persistence files as they are, without writing: the server is stopping on {@link #failure}. */
    public void abandonPersistence() {
        durability.abandon();
    }

    /** Whether the data set is being loaded: commands replayed from the AOF then neither evict nor expire keys. */
    public void loading(boolean loading) {
        this.loading = loading;
        keyspace.loading(loading);
    }

    public boolean loading() {
        return loading;
    }

    // ---- clients

    /** A client of the server's own, such as the one that replays the AOF: id 0, in no list of clients. */
    public Client internalClient() {
        return new Client(0, this);
    }

    /** Registers a newly connected client. */
    public Client connect() {
        Client client = new Client(nextClientId++, this);
        client.authenticated = settings.text("requirepass").isEmpty(); // Redis: authenticated if the user has nopass
        clients.put(client.id, client);
        connectionsReceived++;
        return client;
    }

    /** Forgets a client that has gone: its watches, subscriptions and blocking wait go with it. */
    public void disconnect(Client client) {
        clients.remove(client.id);
        unwatchAll(client);
        pubsub.unsubscribeAll(client);
        blocking.unblock(client);
        if (client.pendingWrite) {
            pendingWrites.remove(client);
            client.pendingWrite = false;
        }
    }

    public Iterable<Client> clients() {
        return clients.values();
    }

    int clientCount() {
        return clients.size();
    }

    public Client client(long id) {
        return clients.get(id);
    }

    /** Notes that a client (not necessarily the one running the command) has replies to send. */
    public void flushLater(Client client) {
        if (!client.pendingWrite) {
            client.pendingWrite = true;
            pendingWrites.add(client);
        }
    }

    /**
     * The clients with replies written since the last call, in the order they got them. The list is valid until
     * the next call; clients that get replies while the caller walks it are in the next one.
     */
    public List<Client> takePendingWrites() {
        ArrayList<Client> taken = pendingWrites;
        pendingWrites = handedOver;
        pendingWrites.clear();
        handedOver = taken;
        for (Client client : taken) {
            client.pendingWrite = false;
        }
        return taken;
    }

    /** Whether some client has replies that {@link #takePendingWrites} has not handed over yet. */
    public boolean hasPendingWrites() {
        return !pendingWrites.isEmpty();
    }

    public void unblocked(Client client) {
        unblocked.add(client);
        flushLater(client);
    }

    /** Clients that were served while blocked: the loop runs the commands waiting in their input next. */
    public Client takeUnblocked() {
        return unblocked.poll();
    }

    // ---- commands

    // tag::execute[]
    /** Runs one command from a client: checks, queues (MULTI) or executes, then serves clients it unblocked. */
    public void execute(Client client, List<byte[]> args) {
        dispatcher.execute(client, args);
        blocking.serveReadyKeys();
        flushLater(client);
    }
    // end::execute[]

    /**
     * The periodic work, every {@link #cronIntervalMillis} ms (hz times a second): active expiry, allowed a quarter
     * of the interval as Redis's slow expiry cycle is, a millisecond of moving keys
     * into resized tables (Redis's {@code activerehashing}), blocked-client timeouts, durability.
     */
    public void cron() {
        if (activeExpire) {
            long start = System.nanoTime();
            keyspace.activeExpireCycle(cronIntervalMillis() * 1_000_000L / 4);
            latency.sample("expire-cycle", (System.nanoTime() - start) / 1_000_000);
        }
        blocking.serveReadyKeys(); // the clients blocked on keys that have just expired
        if (settings.yes("activerehashing")) {
            keyspace.rehash(REHASH_BUDGET_NANOS);
        }
        blocking.expireTimeouts(keyspace.nowMillis());
        sampleOpsPerSecond();
        durability.cron();
    }

    // ---- persistence, for the event loop

    /** Loads the AOF or the RDB file, as the settings say; called once, before the port opens. */
    public void load() throws java.io.IOException {
        durability.load();
    }

    /** Sets what wakes the event loop from select when a background job (a snapshot on disk) has finished. */
    public void onWakeup(Runnable wakeup) {
        durability.onWakeup(wakeup);
    }

    /** Whether a snapshot is being written, so that the loop must come back soon even if no client sends. */
    public boolean backgroundWork() {
        return durability.busy();
    }

    /** A slice of the running snapshot's work; a longer one if the loop turn found nothing else to do. */
    public void backgroundStep(boolean idle) {
        durability.step(idle);
    }

    /** Before the replies of a loop turn go out: the AOF gets the turn's changes first. */
    public void beforeReplies() {
        durability.flush();
    }

    /**
     * Stops persistence when the server stops: a running snapshot is dropped, the AOF written and fsynced, and the
     * data set saved if {@code save} is true, or if null and save points are configured (Redis's default SHUTDOWN).
     */
    public void stopPersistence(Boolean save) throws java.io.IOException {
        durability.shutdown(save, false);
    }

    /** The time at which the earliest blocked client times out, or {@code Long.MAX_VALUE}. */
    public long nextTimeoutMillis() {
        return blocking.nextDeadline();
    }

    /** Handles the blocked clients whose timeout has passed. */
    public void expireTimeouts() {
        blocking.expireTimeouts(keyspace.nowMillis());
    }

    /** The dispatcher's end of a call that ran: sample latency. */
    void afterCall(Client client, Command command, List<byte[]> args, long nanos) {
        latency.sample(command.has(CommandFlag.FAST) ? "fast-command" : "command", nanos / 1_000_000);
    }

    // ---- propagation

    /** Where the commands that changed the data set go, in order: the append-only file. */
    @FunctionalInterface
    public interface Propagator {
        /** One command that changed database {@code db} ({@code -1}: MULTI and EXEC, which belong to no database). */
        void propagate(int db, List<byte[]> args);
    }

    /** Sets (or with {@code null} removes) where changes are propagated. */
    public void propagateTo(Propagator target) {
        propagator = target;
    }

    /** Whether anything listens to propagated changes; commands skip building a rewrite when nothing does. */
    public boolean propagating() {
        return propagator != null;
    }

    // tag::propagate[]
    /**
     * Propagates {@code args} instead of the running command: what Redis's {@code alsoPropagate} with
     * {@code preventCommandPropagation} do. Used where replaying the command as sent would not give the same data:
     * a relative TTL (SET EX 10 becomes SET PXAT), a random choice (SPOP becomes SREM of the members chosen), a
     * blocking command (BLPOP becomes LPOP), a float computed here (INCRBYFLOAT becomes SET).
     */
    public void propagate(Database db, byte[]... args) {
        propagate(db, List.of(args));
    }

    public void propagate(Database db, List<byte[]> args) {
        propagatedExplicitly = true;
        emit(db.index(), args);
    }

    // tag::propagate-all[]
    /**
     * Propagates {@code commands} instead of the running command (none at all is a say too): more than one go out
     * between MULTI and EXEC, unless a transaction wraps them already, as Redis's {@code propagatePendingCommands}
     * wraps what one command propagates. XREADGROUP propagates an XCLAIM for each entry it delivers.
     */
    public void propagateAll(Database db, List<List<byte[]>> commands) {
        propagatedExplicitly = true;
        boolean wrap = commands.size() > 1 && !inTransaction && propagator != null;
        if (wrap) {
            propagator.propagate(-1, List.of(MULTI));
        }
        for (List<byte[]> args : commands) {
            emit(db.index(), args);
        }
        if (wrap) {
            propagator.propagate(-1, List.of(EXEC));
        }
    }
    // end::propagate-all[]

    /**
     * The dispatcher's start of a command: whatever was propagated since the last command (a blocked client served
     * after it, with its pop) was not this command's say.
     */
    void beginCall() {
        propagatedExplicitly = false;
    }

    /** The dispatcher's end of a command: a command that changed something goes out as sent, unless it said otherwise. */
    void propagateCall(Database db, List<byte[]> args, boolean changed) {
        if (changed && !propagatedExplicitly) {
            emit(db.index(), args);
        }
        propagatedExplicitly = false;
    }
    // end::propagate[]

    private void emit(int db, List<byte[]> args) {
        if (propagator == null) {
            return;
        }
        if (inTransaction && !multiPropagated) {
            multiPropagated = true;
            propagator.propagate(-1, List.of(MULTI));
        }
        propagator.propagate(db, args);
    }

    private static final byte[] MULTI = {'M', 'U', 'L', 'T', 'I'};
    private static final byte[] EXEC = {'E', 'X', 'E', 'C'};

    /** EXEC's queue begins: its changes go out between MULTI and EXEC, so that a replay applies all or none. */
    public void beginTransaction() {
        inTransaction = true;
        multiPropagated = false;
    }

    public void endTransaction() {
        if (multiPropagated && propagator != null) {
            propagator.propagate(-1, List.of(EXEC));
        }
        inTransaction = false;
        multiPropagated = false;
    }

    /** A key deleted by expiry or eviction: replicas and the AOF get a DEL, as Redis's propagateDeletion. */
    void propagateDeletion(Database db, Key key) {
        if (propagator != null) {
            boolean explicit = propagatedExplicitly;
            emit(db.index(), List.of(DEL, key.bytes()));
            propagatedExplicitly = explicit;
        }
    }

    private static final byte[] DEL = {'D', 'E', 'L'};

    // ---- change notification

    // tag::signal-modified[]
    /**
     * Called by every command after it changed a key: makes the EXEC of clients watching it fail, and lets
     * clients blocked on it try again once the command is done. Redis's {@code signalModifiedKey}.
     */
    public void signalModified(Database db, Key key) {
        dirty++;
        db.recount(key); // the command may have grown or shrunk the value in place
        if (watchers.isEmpty() && !blocking.anyWaiting()) {
            return; // the usual case: no WATCH, no blocked client, so no DbKey and no second hashing of the key
        }
        DbKey dbKey = new DbKey(db, key);
        List<Client> watching = watchers.isEmpty() ? null : watchers.get(dbKey);
        if (watching != null) {
            for (Client client : watching) {
                client.watchedKeyTouched = true;
            }
        }
        blocking.keyChanged(dbKey);
    }
    // end::signal-modified[]

    // tag::signal-ready[]
    /**
     * Lets the clients blocked on a key try again without counting a change (WATCH is not touched): XGROUP DESTROY,
     * whose blocked readers must learn that their group is gone, as Redis's {@code signalKeyAsReady}.
     */
    public void signalReady(Database db, Key key) {
        if (blocking.anyWaiting()) {
            blocking.keyChanged(new DbKey(db, key));
        }
    }

    /**
     * A key deleted because its TTL passed, lazily or by the active cycle: a DEL to propagate, and a reader blocked
     * on it learns that it is gone (XREADGROUP's -UNBLOCKED); "expired" for keyspace events and client caches.
     */
    private void expired(Database db, Key key) {
        propagateDeletion(db, key);
        signalReady(db, key);
    }
    // end::signal-ready[]

    // tag::evict[]
    /**
     * Evicts keys as the maxmemory policy allows until used memory is under maxmemory; false if it is still over.
     * An evicted key is a change like any other: WATCH fails and the key counts as modified.
     */
    boolean evictIfNeeded() {
        long start = System.nanoTime();
        int[] evicted = {0};
        boolean under = keyspace.eviction().performEvictions((db, key) -> {
            propagateDeletion(db, key);
            signalModified(db, key);
            evicted[0]++;
        });
        if (evicted[0] > 0) {
            latency.sample("eviction-cycle", (System.nanoTime() - start) / 1_000_000);
        }
        return under;
    }
    // end::evict[]

    /**
     * Sets parameters as the server's command line gives them ({@code --maxmemory 100mb}): any CONFIG parameter,
     * the ones CONFIG SET may not change included, all checked before any is set.
     *
     * @throws IllegalArgumentException with CONFIG SET's error text if a name or value is refused
     */
    public void configure(Map<String, String> values) {
        List<String[]> pairs = new ArrayList<>();
        values.forEach((name, value) -> {
            if (!settings.has(name)) {
                throw new IllegalArgumentException("Unknown option '--" + name + "'");
            }
            pairs.add(new String[] {name, value});
        });
        try {
            settings.set(pairs, true);
            if (settings.number("databases") != keyspace.databaseCount()) {
                keyspace.databases((int) settings.number("databases")); // before anything is loaded into them
            }
            applySettings();
        } catch (CommandError e) { // "... (possibly related to argument 'x') - reason": said for a command line
            throw new IllegalArgumentException(e.getMessage().replaceFirst(
                    "^ERR CONFIG SET failed \\(possibly related to argument '([^']*)'\\) - ", "Bad value for option '--$1': "));
        }
    }

    /** Whether {@code name} is a parameter the command line may set. */
    public boolean isParameter(String name) {
        return settings.has(name);
    }

    /**
     * CONFIG SET: every pair set or none; if acting on the new values fails, the old ones are put back and acted on
     * again, as Redis 7's {@code restoreBackupConfig}.
     */
    public void configSet(List<String[]> pairs) {
        Settings.Change change = settings.set(pairs, false);
        apply(change);
    }

    /**
     * CONFIG SET from {@code client}: as {@link #configSet(List)}, and dir and dbfilename only if
     * enable-protected-configs allows it this client (yes, or local and the client on loopback).
     */
    public void configSet(Client client, List<String[]> pairs) {
        String allowed = settings.text("enable-protected-configs");
        apply(settings.set(pairs, false, allowed.equals("yes") || allowed.equals("local") && client.isLocal()));
    }

    private void apply(Settings.Change change) {
        try {
            applySettings();
        } catch (CommandError e) {
            settings.undo(change);
            applySettings();
            throw e;
        }
    }

    /** Records the port the listener got, which CONFIG GET port and INFO show (the system's choice for port 0). */
    public void boundTo(int port) {
        settings.setFixed("port", (long) port);
    }

    // tag::settings-read[]
    /** The most clients the server accepts at once: maxclients, from the command line or CONFIG SET. */
    public int maxClients() {
        return (int) Math.min(Integer.MAX_VALUE, settings.number("maxclients"));
    }

    /** {@code timeout}: seconds after which a quiet client is closed (0: never). */
    public long idleTimeoutSeconds() {
        return settings.number("timeout");
    }

    /** {@code tcp-keepalive}: seconds of silence before the kernel probes a client's connection (0: no probes). */
    public int tcpKeepaliveSeconds() {
        return (int) settings.number("tcp-keepalive");
    }

    /** {@code tcp-backlog}: connections the kernel queues before the loop accepts them. */
    public int backlog() {
        return (int) settings.number("tcp-backlog");
    }

    /** {@code client-query-buffer-limit}: the most bytes of unfinished commands one client may send. */
    public long queryBufferLimit() {
        return settings.number("client-query-buffer-limit");
    }

    /** {@code proto-max-bulk-len}: the longest argument, and the longest string a command may make. */
    public long maxBulkLength() {
        return settings.number("proto-max-bulk-len");
    }

    /** The periodic tasks' interval: 1000 / {@code hz} milliseconds. */
    public long cronIntervalMillis() {
        return 1000 / settings.number("hz");
    }
    // end::settings-read[]

    /**
     * The output-buffer limit that applies to {@code client} now, by its class: a subscriber's is pubsub's, every
     * other client's is normal's (no limit by default).
     */
    public long[] outputLimit(Client client) {
        OutputLimits limits = settings.value("client-output-buffer-limit");
        int type = client.subscriptionCount() > 0 ? OutputLimits.PUBSUB : OutputLimits.NORMAL;
        return limits.limits()[type];
    }

    /** Acts on the settings: each part of the server that keeps a setting parsed gets its current value. */
    void applySettings() {
        latency.configure(settings.number("latency-monitor-threshold"), settings.yes("latency-tracking"));
        keyspace.encodings().listFill(settings.number("list-max-listpack-size"));
        slowLog.configure(settings.number("slowlog-log-slower-than"),
                (int) Math.min(Integer.MAX_VALUE, settings.number("slowlog-max-len")));
        keyspace.eviction().configure(settings.number("maxmemory"), Policy.parse(settings.text("maxmemory-policy")),
                (int) settings.number("maxmemory-samples"), (int) settings.number("lfu-log-factor"),
                (int) settings.number("lfu-decay-time"));
        keyspace.encodings().update(settings.number("hash-max-listpack-entries"),
                settings.number("hash-max-listpack-value"), settings.number("set-max-intset-entries"),
                settings.number("zset-max-listpack-entries"), settings.number("zset-max-listpack-value"));
        settingsAppliers.forEach(Runnable::run);
        evictIfNeeded();
    }

    /**
     * The running command made {@code count} changes where it signalled {@code signalled} keys modified: Redis's
     * {@code server.dirty} (INFO's rdb_changes_since_last_save, which the save points count) grows by the element
     * for some commands (HSET of three fields is 3, RPUSH of five elements 5, LTRIM the elements it cut, ZADD the
     * members added or updated) and once for a command that changed two keys (RENAME, LMOVE).
     */
    public void countChanges(long count, long signalled) {
        dirty += count - signalled;
    }

    /**
     * FLUSHDB / FLUSHALL, before the keys go: every watcher of a key that exists in {@code db} (every db if null)
     * is touched. A watched key that does not exist is not, as in Redis 7.0 ({@code touchAllWatchedKeysInDb}).
     */
    public void signalFlushed(Database db) {
        dirty++;
        watchers.forEach((key, clients) -> {
            if ((db == null || key.db() == db) && key.db().exists(key.key())) {
                clients.forEach(c -> c.watchedKeyTouched = true);
            }
        });
    }

    public void watch(Client client, DbKey key) {
        for (Client.Watch w : client.watched) {
            if (w.key().equals(key)) {
                return;
            }
        }
        client.watched.add(new Client.Watch(key, key.db().exists(key.key())));
        watchers.computeIfAbsent(key, k -> new ArrayList<>()).add(client);
    }

    public void unwatchAll(Client client) {
        for (Client.Watch w : client.watched) {
            List<Client> list = watchers.get(w.key());
            if (list != null) {
                list.remove(client);
                if (list.isEmpty()) {
                    watchers.remove(w.key());
                }
            }
        }
        client.watched.clear();
        client.watchedKeyTouched = false;
    }

    void recordCall(Command command, long nanos) {
        commandsProcessed++;
        command.stats().record(nanos, latency.tracking());
    }

    /** INFO's instantaneous_ops_per_sec: the cron samples the command count, as Redis's trackInstantaneousMetric. */
    public void sampleOpsPerSecond() {
        opsPerSecond.sample(System.nanoTime() / 1_000_000, commandsProcessed);
        inputPerSecond.sample(System.nanoTime() / 1_000_000, netInputBytes);
        outputPerSecond.sample(System.nanoTime() / 1_000_000, netOutputBytes);
    }

    /** CONFIG RESETSTAT: every command's INFO commandstats counters, and the ops/sec samples, back to zero. */
    public void resetCommandStats() {
        for (Command command : commands.all()) {
            command.stats().reset();
            command.subcommands().values().forEach(sub -> sub.stats().reset());
        }
        opsPerSecond.reset();
        errors.reset();
        inputPerSecond.reset();
        outputPerSecond.reset();
        netInputBytes = netOutputBytes = readsProcessed = writesProcessed = 0;
    }
}
