package dev.buildredis.store;

import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The keyspace cut into stripes, each a {@link Keyspace} with a lock of its own; a key's hash picks its stripe.
 * Commands on keys in different stripes do not wait for each other; the sharded map (DashMap) of the Rust server in
 * "I Built a Redis Server in Rust — and Found Where It Breaks" works the same way.
 *
 * <pre>
 *  key ──hash──▶ stripe 0 [lock] Keyspace
 *                stripe 1 [lock] Keyspace
 *                ...
 *                stripe 63 [lock] Keyspace
 * </pre>
 *
 * A command on many keys ({@code MSET}, {@code MGET}, {@code DEL}) takes the locks of all their stripes before it
 * touches any key, always in ascending stripe order. The order is what prevents deadlock: two commands that need
 * stripes 3 and 7 both take 3 first, so neither can hold 7 while waiting for 3.
 */
final class StripedStore implements Store {

    /** Many more stripes than cores, so that two busy keys rarely share one; a power of two, for a cheap index. */
    static final int DEFAULT_STRIPES = 64;

    private final Keyspace[] stripes;
    private final ReentrantLock[] locks;
    private final InstantSource clock;

    StripedStore(InstantSource clock, int stripeCount) {
        if (Integer.bitCount(stripeCount) != 1) {
            throw new IllegalArgumentException("stripe count must be a power of two, not " + stripeCount);
        }
        this.clock = clock;
        this.stripes = new Keyspace[stripeCount];
        this.locks = new ReentrantLock[stripeCount];
        for (int i = 0; i < stripeCount; i++) {
            stripes[i] = new Keyspace(clock);
            locks[i] = new ReentrantLock();
        }
    }

    @Override
    public <T> T withKey(Key key, Function<Keyspace, T> action) {
        int stripe = stripeOf(key);
        locks[stripe].lock();
        try {
            return action.apply(stripes[stripe]);
        } finally {
            locks[stripe].unlock();
        }
    }

    // tag::with-keys[]
    @Override
    public <T> T withKeys(List<Key> keys, Function<Shards, T> action) {
        int[] needed = keys.stream().mapToInt(this::stripeOf).distinct().sorted().toArray();
        for (int stripe : needed) {
            locks[stripe].lock(); // ascending order everywhere: no two commands wait for each other in a circle
        }
        try {
            return action.apply(key -> stripes[stripeOf(key)]);
        } finally {
            for (int i = needed.length - 1; i >= 0; i--) {
                locks[needed[i]].unlock();
            }
        }
    }
    // end::with-keys[]

    @Override
    public long nowMillis() {
        return clock.millis();
    }

    @Override
    public long changes() {
        long sum = 0;
        for (Keyspace stripe : stripes) {
            sum += stripe.changes();
        }
        return sum;
    }

    @Override
    public void onExpired(Consumer<Key> listener) {
        for (Keyspace stripe : stripes) {
            stripe.onExpired(listener);
        }
    }

    @Override
    public void loading(boolean loading) {
        for (Keyspace stripe : stripes) {
            stripe.loading(loading);
        }
    }

    /** The stripe of a key: its hash with the high bits folded in (as HashMap does), masked to the stripe count. */
    int stripeOf(Key key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (stripes.length - 1);
    }

    /** How many keys each stripe holds, for tests that check the hash spreads keys. */
    int[] stripeSizes() {
        return Arrays.stream(stripes).mapToInt(Keyspace::size).toArray();
    }
}
