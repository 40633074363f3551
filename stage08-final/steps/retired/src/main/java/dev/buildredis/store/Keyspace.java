// @step 01-02
package dev.buildredis.store;

import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The data: a map from {@link Key} to value, where a key may carry an expiry time.
 *
 * <p>Expiry is lazy: nothing watches the clock; a key whose time has passed is removed when a command next
 * touches it, and until then it only takes memory. Redis does the same on every access and adds a background
 * sweep that samples keys with a TTL, so that keys nobody reads again are freed too; this stage leaves the sweep
 * out.
 *
 * <p>The clock is an {@link InstantSource}, given by whoever creates the keyspace: the server passes the system
 * clock, tests pass one they move by hand, so expiry tests never sleep.
 *
 * <p>It counts its changes (Redis's "dirty" counter): a write or delete that changed something counts one, a
 * {@code SET ... NX} that wrote nothing or a lazy expiry counts none. The dispatcher logs a command to the
 * append-only file only if the count moved while the command ran.
 *
 * <p>While the append-only file is replayed ({@link #loading}), nothing expires, as in Redis: the file's commands
 * must meet the keys they met when they ran. {@code SET k 5 PXAT t} then {@code INCR k} replayed after {@code t}
 * would otherwise find {@code k} gone and make a new {@code k} of 1 that never expires.
 *
 * <p>Not thread-safe, and it needs not be: one thread, the server's event loop, runs every command.
 */
public final class Keyspace {

    private final Map<Key, Entry> entries = new HashMap<>();
    private final InstantSource clock;
    private long changes;
    private boolean loading;
    private Consumer<Key> onExpired = key -> { };

    public Keyspace(InstantSource clock) {
        this.clock = clock;
    }

    /**
     * Tells {@code listener} of every key removed because its time ran out: INFO's {@code expired_keys}, and the
     * append-only file, which logs it as a {@code DEL}.
     */
    public void onExpired(Consumer<Key> listener) {
        this.onExpired = listener;
    }

    /** While true, no key expires: the append-only file is being replayed. */
    public void loading(boolean loading) {
        this.loading = loading;
    }

    /** The current time in Unix milliseconds, as commands need it to turn {@code EX 10} into an expiry time. */
    public long nowMillis() {
        return clock.millis();
    }

    /** The value of a key, or {@code null} if it does not exist (or has expired). */
    public byte[] get(Key key) {
        Entry entry = live(key);
        return entry == null ? null : entry.value();
    }

    // tag::set[]
    /** Writes a value if {@code condition} allows it, and says what the key held before. */
    public SetResult set(Key key, byte[] value, Condition condition, Expiry expiry) {
        Entry previous = live(key);
        if (!condition.allows(previous != null)) {
            return new SetResult(false, previous == null ? null : previous.value());
        }
        long expiresAt = switch (expiry) {
            case Expiry.Persist p -> Entry.NEVER;
            case Expiry.At at -> at.epochMillis();
            case Expiry.Keep k -> previous == null ? Entry.NEVER : previous.expiresAt();
        };
        entries.put(key, new Entry(value, expiresAt));
        changes++;
        return new SetResult(true, previous == null ? null : previous.value());
    }
    // end::set[]

    /** Removes a key; true if it existed. */
    public boolean delete(Key key) {
        if (live(key) == null) {
            return false;
        }
        entries.remove(key);
        changes++;
        return true;
    }

    /** How many changes the data set has had: writes and deletes that changed something. */
    public long changes() {
        return changes;
    }

    /** True if the key exists and has not expired. */
    public boolean exists(Key key) {
        return live(key) != null;
    }

    /** How many entries the map holds, expired ones not yet removed included: tests see lazy expiry with it. */
    int size() {
        return entries.size();
    }

    /**
     * The keys and how many have an expiry. Redis keeps a second table of the keys with one; this counts them,
     * which takes time in proportion to the keys, once per INFO.
     */
    public KeyCount count() {
        long expires = entries.values().stream().filter(entry -> entry.expiresAt() != Entry.NEVER).count();
        return new KeyCount(entries.size(), expires);
    }

    // tag::lazy-expiry[]
    /** The key's entry if it exists and has not expired; an expired entry is removed on the way. */
    private Entry live(Key key) {
        Entry entry = entries.get(key);
        if (entry != null && !loading && entry.isExpiredAt(clock.millis())) {
            entries.remove(key);
            onExpired.accept(key);
            return null;
        }
        return entry;
    }
    // end::lazy-expiry[]
}
