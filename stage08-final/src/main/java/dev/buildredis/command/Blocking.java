package dev.buildredis.command;

import dev.buildredis.store.Database;
import dev.buildredis.store.Key;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
final class Blocking {

    /** Tries to serve a waiting client from {@code key}: writes its reply and returns true, or returns false. */
    @FunctionalInterface
    interface Server {
        boolean tryServe(Key key);
    }

    /** One parked client: where it waits, until when (0: for ever), how to serve it, what to say on timeout. */
    record Wait(Client client, Database db, List<Key> keys, long deadlineMillis, Server server, Runnable onTimeout) {
    }

    private final Engine engine;
    private final Map<DbKey, ArrayDeque<Client>> waiting = new HashMap<>();
    private final Set<DbKey> ready = new LinkedHashSet<>();
    private final Set<Client> blocked = new LinkedHashSet<>();

    Blocking(Engine engine) {
        this.engine = engine;
    }

    void block(Wait wait) {
        Client client = wait.client();
        client.blocked = wait;
        blocked.add(client);
        for (Key key : wait.keys()) {
            ArrayDeque<Client> queue = waiting.computeIfAbsent(new DbKey(wait.db(), key), k -> new ArrayDeque<>());
            if (!queue.contains(client)) {
                queue.add(client);
            }
        }
    }

    void unblock(Client client) {
        Wait wait = client.blocked;
        if (wait == null) {
            return;
        }
        client.blocked = null;
        blocked.remove(client);
        for (Key key : wait.keys()) {
            DbKey dbKey = new DbKey(wait.db(), key);
            ArrayDeque<Client> queue = waiting.get(dbKey);
            if (queue != null) {
                queue.remove(client);
                if (queue.isEmpty()) {
                    waiting.remove(dbKey);
                }
            }
        }
    }

    /** Whether any client waits on a key: if none does, a change need not be looked up here. */
    boolean anyWaiting() {
        return !waiting.isEmpty();
    }

    void keyChanged(DbKey key) {
        if (waiting.containsKey(key)) {
            ready.add(key);
        }
    }

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
}
