package dev.buildredis.store;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The stores under a mixed load, without the network: every operation is a GET (90%) or a SET (10%) of one of
 * 10,000 keys picked at random, the shape of a cache. {@code bench/jmh.sh} runs it at 1, 2, 4 and 8 threads.
 *
 * <p>Three ways to guard the data, and how long the guard is held:
 * <ul>
 *   <li>{@code store}: {@code locked} (one lock), {@code striped} (64), and {@code concurrent-map}, a plain
 *       {@link ConcurrentHashMap} of the same keys and values: no store, no {@code Keyspace}, no expiry, a lock per
 *       bin of the table only for writes. It is the floor, not a third store: it cannot make {@code MSET} atomic.
 *   <li>{@code workInLock}: extra work done while the guard is held, in {@link Blackhole#consumeCPU} tokens (a
 *       token is a few nanoseconds): 0 is the map operation alone; more stands for a slow command, or for anything
 *       else done before the lock is released. For {@code concurrent-map} the work runs inside
 *       {@link ConcurrentHashMap#compute}, which holds the lock of the key's bin.
 * </ul>
 * With 2 cores, threads beyond the second measure what the locks cost when their holders are descheduled, not
 * more parallelism.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class StoreBenchmark {

    private static final int KEYS = 10_000;
    private static final int SET_PERCENT = 10;

    @Param({"locked", "striped", "concurrent-map"})
    public String store;

    @Param({"0", "256"})
    public int workInLock;

    private Store target;                          // null for concurrent-map
    private ConcurrentHashMap<Key, byte[]> map;    // null for the stores
    private Key[] keys;
    private byte[] value;

    @Setup
    public void setUp() {
        keys = new Key[KEYS];
        value = "xxx".getBytes(StandardCharsets.US_ASCII); // redis-benchmark's default payload is 3 bytes
        if (store.equals("concurrent-map")) {
            map = new ConcurrentHashMap<>();
        } else {
            target = Store.create(StoreKind.valueOf(store.toUpperCase(Locale.ROOT)), InstantSource.system());
        }
        for (int i = 0; i < KEYS; i++) {
            Key key = new Key(String.format("key:%012d", i).getBytes(StandardCharsets.US_ASCII));
            keys[i] = key;
            if (map != null) {
                map.put(key, value);
            } else {
                target.withKey(key, keyspace -> keyspace.set(key, value, Condition.ALWAYS, Expiry.PERSIST));
            }
        }
    }

    // tag::mixed[]
    @Benchmark
    public Object mixedGetSet() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Key key = keys[random.nextInt(KEYS)];
        boolean set = random.nextInt(100) < SET_PERCENT;
        if (map != null) {
            return concurrentMap(key, set);
        }
        if (set) {
            return target.withKey(key, keyspace -> {
                Blackhole.consumeCPU(workInLock); // held: the lock is not released until this is done
                return keyspace.set(key, value, Condition.ALWAYS, Expiry.PERSIST);
            });
        }
        return target.withKey(key, keyspace -> {
            Blackhole.consumeCPU(workInLock);
            return keyspace.get(key);
        });
    }
    // end::mixed[]

    /** The floor: reads without a lock, writes under the lock of one bin, extra work inside the bin's lock. */
    private Object concurrentMap(Key key, boolean set) {
        if (workInLock == 0) {
            return set ? map.put(key, value) : map.get(key);
        }
        return map.compute(key, (k, old) -> {
            Blackhole.consumeCPU(workInLock);
            return set ? value : old;
        });
    }
}
