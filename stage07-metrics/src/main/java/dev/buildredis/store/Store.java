package dev.buildredis.store;

import java.time.InstantSource;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The data, shared by every client's thread: {@link Keyspace}s (which are not thread-safe) behind locks.
 *
 * <p>A command does its whole read-modify-write inside one call, so that no other command sees it half done:
 * <pre>
 * INCR k       store.withKey(k, keyspace -&gt; read, add one, write)          one key, one lock
 * MSET a 1 b 2 store.withKeys([a, b], shards -&gt; write a, write b)         all of the keys' locks at once
 * </pre>
 * What a command does stays in the command; how keys are guarded is the implementation's business. Two
 * implementations, chosen with {@code --store}:
 * <ul>
 *   <li>{@link LockedStore}: one keyspace, one lock. Simple and always correct; every command waits for every other.
 *   <li>{@link StripedStore}: many keyspaces, one lock each, a key's hash picks its keyspace. Commands on keys in
 *       different stripes run in parallel.
 * </ul>
 */
public interface Store {

    /** Which keyspace holds each key; valid only inside {@link #withKeys}, and only for the keys given there. */
    @FunctionalInterface
    interface Shards {
        Keyspace of(Key key);
    }

    /** Runs {@code action} on the keyspace that holds {@code key}, while no other command can touch that key. */
    <T> T withKey(Key key, Function<Keyspace, T> action);

    /** Runs {@code action} while no other command can touch any of {@code keys}: it sees and leaves them together. */
    <T> T withKeys(List<Key> keys, Function<Shards, T> action);

    /** The current time in Unix milliseconds, from the clock the keyspaces expire keys by. */
    long nowMillis();

    /**
     * How many changes the keyspaces have had, together ({@link Keyspace#changes}). Read without their locks, so
     * exact only while no write runs and after the last one is seen: the journal reads it holding the write order
     * that every write command holds while it runs, which gives both.
     */
    long changes();

    /**
     * Tells {@code listener} of every key a write removed because its time ran out ({@link Keyspace#onExpired}),
     * on the thread of that write, while it holds the key's lock. Set once, before the first command.
     */
    void onExpired(Consumer<Key> listener);

    /** While true, no key expires ({@link Keyspace#loading}): set around the replay, before any client connects. */
    void loading(boolean loading);

    /** How many keys there are and how many have an expiry, for INFO's keyspace section. */
    KeyCount count();

    // tag::create[]
    /** The implementation {@code kind} names, with keys expiring by {@code clock}. */
    static Store create(StoreKind kind, InstantSource clock) {
        return switch (kind) {
            case LOCKED -> new LockedStore(clock);
            case STRIPED -> new StripedStore(clock, StripedStore.DEFAULT_STRIPES);
        };
    }
    // end::create[]
}
