package dev.buildredis.engine;

import dev.buildredis.store.Database;
import dev.buildredis.store.Key;
import dev.buildredis.store.Keyspace;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the server's one command thread owns: the keyspace, the clients connected to it with what the server
 * knows about each ({@link Client}), and the settings ({@link Settings}) that the command line and CONFIG SET
 * change. The command table and persistence join it later.
 */
public final class Engine {

    private final Keyspace keyspace;
    public final Settings settings;
    private final List<Runnable> settingsAppliers = new ArrayList<>();

    private final Map<Long, Client> clients = new LinkedHashMap<>();
    private long nextClientId = 1;
    private boolean loading; // the AOF is being replayed

    // INFO stats
    public long connectionsReceived;
    public long dirty;

    public Engine(InstantSource clock, String bind, int port) {
        this.keyspace = new Keyspace(clock);
        this.settings = new Settings(bind, port);
    }

    /** The parameters CONFIG GET shows and CONFIG SET changes; a part of the server defines its own into it. */
    public Settings settings() {
        return settings;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    /**
     * Adds what runs after the settings changed (the command line, CONFIG SET): a part of the server that keeps a
     * setting parsed takes its new value there; one that cannot act on it throws a CommandError, and CONFIG SET
     * puts the old values back.
     */
    public void onSettingsChanged(Runnable applier) {
        settingsAppliers.add(applier);
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
        clients.put(client.id, client);
        connectionsReceived++;
        return client;
    }

    /** Forgets a client that has gone: its watches, subscriptions and blocking wait go with it. */
    public void disconnect(Client client) {
        clients.remove(client.id);
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

    // end::propagate[]

    // ---- change notification

    // tag::signal-modified[]
    /**
     * Called by every command after it changed a key: makes the EXEC of clients watching it fail, and lets
     * clients blocked on it try again once the command is done. Redis's {@code signalModifiedKey}.
     */
    public void signalModified(Database db, Key key) {
        dirty++;
        db.recount(key); // the command may have grown or shrunk the value in place
    }
    // end::signal-modified[]

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

    /** {@code tcp-backlog}: connections the kernel queues before the loop accepts them. */
    public int backlog() {
        return (int) settings.number("tcp-backlog");
    }

    // end::settings-read[]

    /** Acts on the settings: each part of the server that keeps a setting parsed gets its current value. */
    void applySettings() {
        settingsAppliers.forEach(Runnable::run);
    }

}
