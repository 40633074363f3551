package dev.buildredis.store;

import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One {@link Keyspace} behind one lock: a command on any key waits for a command on any other key. This is what
 * Redis's single thread gives for free, and the baseline {@link StripedStore} is measured against.
 *
 * <p>A {@link ReentrantLock} rather than {@code synchronized}: both let a virtual thread that waits unmount from
 * its carrier since Java 24, and the striped store needs {@code lock()}/{@code unlock()} calls it can make in a
 * loop; the two stores then differ only in how many locks they have.
 */
final class LockedStore implements Store {

    private final ReentrantLock lock = new ReentrantLock();
    private final Keyspace keyspace;
    private final InstantSource clock;

    LockedStore(InstantSource clock) {
        this.clock = clock;
        this.keyspace = new Keyspace(clock);
    }

    // tag::locked[]
    @Override
    public <T> T withKey(Key key, Function<Keyspace, T> action) {
        lock.lock();
        try {
            return action.apply(keyspace);
        } finally {
            lock.unlock();
        }
    }
    // end::locked[]

    @Override
    public <T> T withKeys(List<Key> keys, Function<Shards, T> action) {
        lock.lock();
        try {
            return action.apply(key -> keyspace);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long nowMillis() {
        return clock.millis();
    }

    @Override
    public long changes() {
        return keyspace.changes();
    }

    @Override
    public KeyCount count() {
        lock.lock();
        try {
            return keyspace.count();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onExpired(Consumer<Key> listener) {
        keyspace.onExpired(listener);
    }

    @Override
    public void loading(boolean loading) {
        keyspace.loading(loading);
    }
}
