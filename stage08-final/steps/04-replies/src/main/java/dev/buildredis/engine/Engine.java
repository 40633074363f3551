package dev.buildredis.engine;

import dev.buildredis.store.Database;
import dev.buildredis.store.Key;
import dev.buildredis.store.Keyspace;

import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the server's one command thread owns: the keyspace, and the clients connected to it with what the
 * server knows about each ({@link Client}). The command table, the settings and persistence join it later.
 */
public final class Engine {

    private final Keyspace keyspace;

    private final Map<Long, Client> clients = new LinkedHashMap<>();
    private long nextClientId = 1;
    private boolean loading; // the AOF is being replayed

    // INFO stats
    public long connectionsReceived;
    public long dirty;

    public Engine(InstantSource clock, String bind, int port) {
        this.keyspace = new Keyspace(clock);
    }

    public Keyspace keyspace() {
        return keyspace;
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

}
