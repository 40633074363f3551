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

    public Blocking.Wait blocked;
    /** Set while EXEC runs: a blocking command then answers at once, as if it had timed out. */
    public boolean denyBlocking;

    public boolean closeAfterReply;
    public boolean killed;
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
        return blocked != null;
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
        return channels.size() + patterns.size();
    }

    public boolean inMulti() {
        return queued != null;
    }

    /** Tells WATCH, blocked clients and the change counter that this command changed {@code key}. */
    public void modified(Key key) {
        engine.signalModified(db, key);
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
