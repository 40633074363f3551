// @step 16
package dev.buildredis.engine;

import dev.buildredis.store.Database;
import dev.buildredis.store.Key;
import dev.buildredis.store.LongDouble;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Clients parked by BLPOP, BRPOP, BLMOVE and BZPOPMIN/MAX, and the rule that wakes them, as Redis does it:
 * <ol>
 *   <li>A blocking command that finds nothing parks the client on its keys, in arrival order per key.</li>
 *   <li>Any command that changes a key with waiters marks the key ready ({@link #keyChanged}).</li>
 *   <li>After that command (after the whole EXEC, for a transaction), each ready key serves its waiters, first come
 *       first served, while it has something to give ({@link #serveReadyKeys}).</li>
 *   <li>The event loop ends the waits whose timeout has passed ({@link #expireTimeouts}).</li>
 * </ol>
 * A served client's reply goes out with the loop's next writes, and the commands it pipelined behind the blocking
 * one run next.
 */
public final class Blocking {

    /** Tries to serve a waiting client from {@code key}: writes its reply and returns true, or returns false. */
    @FunctionalInterface
    public interface Server {
        boolean tryServe(Key key);
    }

    //> step 16-18
//~    /** One parked client: where it waits, until when (0: for ever), how to serve it, what to say on timeout. */
//~    public record Wait(Client client, Database db, List<Key> keys, long deadlineMillis, Server server, Runnable onTimeout) {
//~    }
    //< step 16-18
    //> step 19
    /**
     * One parked client: where it waits, until when (0: for ever), how to serve it, what to say on timeout, and
     * whether it is served independently of the clients ahead of it on the same key: stream readers (XREAD,
     * XREADGROUP) each wait for entries after their own ID, so one that cannot be served does not stop the ones
     * behind it, as an empty list stops the pops.
     */
    public record Wait(Client client, Database db, List<Key> keys, long deadlineMillis, Server server, Runnable onTimeout,
                       boolean independent) {

        /** A pop: served in turn, and a client that cannot be served stops the ones behind it. */
        public Wait(Client client, Database db, List<Key> keys, long deadlineMillis, Server server, Runnable onTimeout) {
            this(client, db, keys, deadlineMillis, server, onTimeout, false);
        }
    }
    //< step 19

    private final Engine engine;
    private final Map<DbKey, ArrayDeque<Client>> waiting = new HashMap<>();
    //> step 19
    private final Map<DbKey, ArrayDeque<Client>> independent = new HashMap<>(); // every one tried when its key is ready
    //< step 19
    private final Set<DbKey> ready = new LinkedHashSet<>();
    private final Set<Client> blocked = new LinkedHashSet<>();

    Blocking(Engine engine) {
        this.engine = engine;
    }

    public void block(Wait wait) {
        Client client = wait.client();
        client.blocked = wait;
        blocked.add(client);
        for (Key key : wait.keys()) {
            //> step 16-18
//~            ArrayDeque<Client> queue = waiting.computeIfAbsent(new DbKey(wait.db(), key), k -> new ArrayDeque<>());
            //< step 16-18
            //> step 19
            ArrayDeque<Client> queue = queues(wait).computeIfAbsent(new DbKey(wait.db(), key), k -> new ArrayDeque<>());
            //< step 19
            if (!queue.contains(client)) {
                queue.add(client);
            }
        }
    }

    public void unblock(Client client) {
        Wait wait = client.blocked;
        if (wait == null) {
            return;
        }
        client.blocked = null;
        blocked.remove(client);
        for (Key key : wait.keys()) {
            DbKey dbKey = new DbKey(wait.db(), key);
            //> step 16-18
//~            ArrayDeque<Client> queue = waiting.get(dbKey);
//~            if (queue != null) {
//~                queue.remove(client);
//~                if (queue.isEmpty()) {
//~                    waiting.remove(dbKey);
//~                }
//~            }
            //< step 16-18
            //> step 19
            ArrayDeque<Client> queue = queues(wait).get(dbKey);
            if (queue != null) {
                queue.remove(client);
                if (queue.isEmpty()) {
                    queues(wait).remove(dbKey);
                }
            }
            //< step 19
        }
    }
    //> step 19

    private Map<DbKey, ArrayDeque<Client>> queues(Wait wait) {
        return wait.independent() ? independent : waiting;
    }
    //< step 19

    /** Whether any client waits on a key: if none does, a change need not be looked up here. */
    boolean anyWaiting() {
        //> step 16-18
//~        return !waiting.isEmpty();
        //< step 16-18
        //> step 19
        return !waiting.isEmpty() || !independent.isEmpty();
        //< step 19
    }

    void keyChanged(DbKey key) {
        //> step 16-18
//~        if (waiting.containsKey(key)) {
        //< step 16-18
        //> step 19
        if (waiting.containsKey(key) || independent.containsKey(key)) {
        //< step 19
            ready.add(key);
        }
    }

    //> step 24
    /** SWAPDB: a key waited for in either database that now holds a value may serve its waiters. */
    void databasesSwapped(Database a, Database b) {
        for (DbKey key : waiting.keySet()) {
            if ((key.db() == a || key.db() == b) && key.db().contains(key.key())) {
                ready.add(key);
            }
        }
    }
    //< step 24

    // tag::serve-ready[]
    void serveReadyKeys() {
        while (!ready.isEmpty()) {
            DbKey key = ready.iterator().next();
            ready.remove(key);
            ArrayDeque<Client> queue = waiting.get(key);
            while (queue != null && !queue.isEmpty()) {
                Client client = queue.peekFirst();
                if (!client.blocked.server().tryServe(key.key())) {
                    break;                  // nothing (left) to give: the others keep waiting
                }
                unblock(client);
                engine.unblocked(client);   // its pipelined commands run next
                queue = waiting.get(key);
            }
            //> step 19
            ArrayDeque<Client> readers = independent.get(key);
            if (readers != null) {
                for (Client client : readers.toArray(Client[]::new)) {
                    if (client.blocked != null && client.blocked.server().tryServe(key.key())) {
                        unblock(client);
                        engine.unblocked(client);
                    }
                }
            }
            //< step 19
        }
    }
    // end::serve-ready[]

    void expireTimeouts(long now) {
        if (blocked.isEmpty()) {
            return;
        }
        List<Client> expired = new ArrayList<>();
        for (Client client : blocked) {
            long deadline = client.blocked.deadlineMillis();
            if (deadline != 0 && now >= deadline) {
                expired.add(client);
            }
        }
        for (Client client : expired) {
            Runnable onTimeout = client.blocked.onTimeout();
            unblock(client);
            onTimeout.run();
            engine.unblocked(client);
        }
    }

    long nextDeadline() {
        if (blocked.isEmpty()) {
            return Long.MAX_VALUE; // asked at every turn of the loop: no iterator for nobody
        }
        long next = Long.MAX_VALUE;
        for (Client client : blocked) {
            long deadline = client.blocked.deadlineMillis();
            if (deadline != 0) {
                next = Math.min(next, deadline);
            }
        }
        return next;
    }

    int blockedCount() {
        return blocked.size();
    }

    /**
     * A timeout in seconds (fractions allowed) as an absolute deadline in ms; 0 for "for ever". Redis 7.0 reads it
     * as a long double, takes {@code (long long) ceill(seconds * 1000)} and only then checks the sign, so what
     * does not fit a 64-bit integer ({@code inf}, {@code 1e20}) becomes the most negative one and "is negative",
     * {@code -0.0001} becomes 0 (for ever), and {@code 0.0001} 1 ms. A deadline past the 64-bit clock wraps in
     * Redis and is never reached: for ever here too.
     */
    public static long deadline(Client c, byte[] timeout) {
        LongDouble seconds = LongDouble.parse(timeout);
        if (seconds == null) {
            throw new CommandError("ERR timeout is not a float or out of range");
        }
        long ms = seconds.times(1000).ceilToLong();
        if (ms < 0) {
            throw new CommandError("ERR timeout is negative");
        }
        long now = c.db().now();
        return ms == 0 || ms > Long.MAX_VALUE - now ? 0 : now + ms;
    }

    //> step 19
    /**
     * XREAD and XREADGROUP's {@code BLOCK}: milliseconds as an integer, not negative, as an absolute deadline in ms; 0
     * for "for ever", and so is a deadline past the 64-bit clock, as for {@link #deadline}.
     */
    public static long deadlineMillis(Client c, byte[] timeout) {
        Long ms = dev.buildredis.store.Numbers.parseLong(timeout);
        if (ms == null) {
            throw new CommandError("ERR timeout is not an integer or out of range");
        }
        if (ms < 0) {
            throw new CommandError("ERR timeout is negative");
        }
        long now = c.db().now();
        return ms == 0 || ms > Long.MAX_VALUE - now ? 0 : now + ms;
    }
    //< step 19

    /** Serves a popped value of one kind from the key it was found under. */
    @FunctionalInterface
    public interface Pop<V> {
        void serve(Database db, Key key, V value);
    }

    // tag::pop-or-block[]
    /**
     * The blocking pops (BLPOP, BRPOP, BZPOPMIN, BZPOPMAX): serve the first key that holds a value of the kind; if
     * none does, park the client until a push to one of the keys, or until its timeout (the last argument).
     */
    public static <V> void popOrBlock(Client c, List<byte[]> a, BiFunction<Database, Key, V> lookup,
                               Class<V> kind, Pop<V> pop) {
        long deadline = deadline(c, a.get(a.size() - 1));
        List<Key> keys = new ArrayList<>();
        for (int i = 1; i < a.size() - 1; i++) {
            keys.add(Args.key(a.get(i)));
        }
        for (Key key : keys) {
            V value = lookup.apply(c.db(), key); // never empty: a key that holds one has something to pop
            if (value != null) {
                pop.serve(c.db(), key, value);
                return;
            }
        }
        if (c.denyBlocking) {
            c.reply.nullArray();
            return;
        }
        Database db = c.db();
        c.engine.blocking.block(new Blocking.Wait(c, db, keys, deadline, key -> {
            if (kind.isInstance(db.get(key))) {
                pop.serve(db, key, kind.cast(db.get(key)));
                return true;
            }
            return false;
        }, c.reply::nullArray));
    }
    // end::pop-or-block[]
}
