package dev.buildredis.engine;

import dev.buildredis.protocol.Reply;
import dev.buildredis.store.Database;
import dev.buildredis.store.Key;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the server knows about one connected client, apart from its socket: the database it selected, its reply
 * buffer, its name, and the states a connection can be in besides "ready for a command".
 *
 * <pre>
 *                 MULTI               EXEC / DISCARD
 *   READY ───────────────────▶ IN MULTI ─────────▶ READY      commands are queued, not run
 *     │  SUBSCRIBE     (last UNSUBSCRIBE)
 *     ├──────────────▶ SUBSCRIBED ───────▶ READY              RESP2: only (P)SUBSCRIBE, (P)UNSUBSCRIBE, PING, QUIT, RESET
 *     │  BLPOP on empty lists        pushed to / timed out
 *     └──────────────▶ BLOCKED ───────────────────▶ READY     later commands wait in the input buffer
 * </pre>
 * All of it is read and written on the one command thread only.
 */
public final class Client {

    public final long id;
    public final Engine engine;
    /** Where every reply to this client goes. */
    public final Reply reply = new Reply();
    public Database db;
    public byte[] name = new byte[0];
    public String address = "?";
    public String localAddress = "?";
    public final long createdMillis;
    public long lastInteractionMillis;
    public String lastCommand = "NULL";

    // MULTI: the queued commands (null when not in a transaction), and whether one of them was refused.
    public List<Queued> queued;
    public boolean queueingError;
    public final List<Watch> watched = new ArrayList<>();
    public boolean watchedKeyTouched;

    public final Set<Key> channels = new LinkedHashSet<>();
    public final Set<Key> patterns = new LinkedHashSet<>();
    /** SSUBSCRIBE's shard channels: a namespace of their own, counted apart in the replies. */
    public final Set<Key> shardChannels = new LinkedHashSet<>();

    public Blocking.Wait blocked;
    /** Set while EXEC runs: a blocking command then answers at once, as if it had timed out. */
    public boolean denyBlocking;

    // tag::connection-modes[]
    /** CLIENT TRACKING's options, null while tracking is off; CLIENT CACHING's flag for the next command. */
    public Tracking.State tracking;
    public boolean trackingCaching;
    /** MONITOR: this client receives every command's line (and may not touch the keyspace). */
    public boolean monitor;
    /** CLIENT REPLY OFF; SKIP (this command's reply is dropped); SKIP asked for the next command. */
    public boolean replyOff;
    public boolean replySkip;
    public boolean replySkipNext;
    /** CLIENT NO-EVICT ON (CLIENT LIST's flag e). */
    public boolean noEvict;
    /** The command CLIENT PAUSE holds back, to run when the pause ends; the client reads nothing meanwhile. */
    java.util.List<byte[]> postponed;
    // end::connection-modes[]

    /** Whether the client may run commands while requirepass is set: it connected without one, or it has AUTHed. */
    public boolean authenticated = true;
    /** The arguments of the running command that SLOWLOG and MONITOR show as "(redacted)": passwords, as Redis hides them. */
    public final java.util.BitSet redacted = new java.util.BitSet();

    /** Whether the client connected over loopback, as Redis's islocalClient: enable-*-command "local". */
    public boolean isLocal() {
        return address.startsWith("127.") || address.startsWith("0:0:0:0:0:0:0:1");
    }

    public boolean closeAfterReply;
    public boolean killed;
    /** A replica of this server: its output is the replication stream, and it is never idle. */
    public boolean replica;
    /** The replication offset right after this client's last change: what its WAIT waits for (Redis's woff). */
    public long replicationOffset;
    /** In the engine's list of clients with replies to send (so that it is there once). */
    boolean pendingWrite;

    /** A command accepted by MULTI, checked already, to run at EXEC. */
    public record Queued(Command command, List<byte[]> args) {
    }

    /** A watched key, and whether it held a value when WATCH ran (to notice that it expired since). */
    public record Watch(DbKey key, boolean existed) {
    }

    Client(long id, Engine engine) {
        this.id = id;
        this.engine = engine;
        this.db = engine.keyspace().db(0);
        this.createdMillis = engine.keyspace().nowMillis();
        this.lastInteractionMillis = createdMillis;
        this.reply.onError(engine.errors::count);
    }

    public long id() {
        return id;
    }

    /** Set by the server when the connection is made, for CLIENT LIST. */
    public void addresses(String remote, String local) {
        this.address = remote;
        this.localAddress = local;
    }

    public Database db() {
        return db;
    }

    /** Waiting on BLPOP or similar: the server must not run its next command yet. */
    public boolean isBlocked() {
        return blocked != null || postponed != null;
    }

    /** The server should close the connection once the replies written so far are sent (QUIT, protocol error). */
    public boolean closeAfterReply() {
        return closeAfterReply;
    }

    public void closeAfterReply(boolean close) {
        closeAfterReply = close;
    }

    /** CLIENT KILL or an output buffer over its limit: close at once, without sending what is pending. */
    public boolean killed() {
        return killed;
    }

    public void kill() {
        killed = true;
    }

    /** The client's address, host:port, as CLIENT LIST shows it. */
    public String address() {
        return address;
    }

    /** Subscribed to a channel, a pattern or a shard channel: others fill its output; the idle timeout spares it. */
    public boolean isSubscribed() {
        return subscriptionCount() > 0;
    }

    public int subscriptionCount() {
        return channels.size() + patterns.size() + shardChannels.size(); // Redis's pubsub mode: any of them
    }

    public boolean inMulti() {
        return queued != null;
    }

    /**
     * Tells WATCH, blocked clients and the change counter that this command changed {@code key}, and publishes the
     * command's keyspace event (see {@link Notifications}).
     */
    public void modified(Key key) {
        engine.modified(db, key, null);
    }

    /** As {@link #modified(Key)}, where the keyspace event is not the command's own ("rename_from", "lpop"...). */
    public void modified(Key key, String keyspaceEvent) {
        engine.modified(db, key, keyspaceEvent);
    }

    /** A keyspace event alone, for a key already signalled modified (SET EX's "expire" after its "set"). */
    public void notifyKeyspaceEvent(String keyspaceEvent, Key key) {
        engine.notifyKeyspaceEvent(keyspaceEvent, db, key);
    }

    /** A name without spaces or control characters, as Redis requires; empty clears the name. */
    public static byte[] validName(byte[] name) {
        for (byte b : name) {
            if (b < '!' || b > '~') {
                throw new CommandError("ERR Client names cannot contain spaces, newlines or special characters.");
            }
        }
        return name;
    }
}
