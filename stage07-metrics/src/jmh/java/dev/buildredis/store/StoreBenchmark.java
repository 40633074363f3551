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

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The two stores under a mixed load, without the network: every operation is a GET (90%) or a SET (10%) of one of
 * 10,000 keys picked at random, the shape of a cache. Run with {@code -t 1, 2, 4, 16, 64} threads to see where
 * one lock stops scaling; with 2 cores, more threads than cores measure how the locks behave when their holders
 * are descheduled.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StoreBenchmark {

    private static final int KEYS = 10_000;
    private static final int SET_PERCENT = 10;

    @Param({"locked", "striped"})
    public String store;

    private Store target;
    private Key[] keys;
    private byte[] value;

    @Setup
    public void setUp() {
        target = Store.create(StoreKind.valueOf(store.toUpperCase(java.util.Locale.ROOT)), InstantSource.system());
        keys = new Key[KEYS];
        value = "xxx".getBytes(StandardCharsets.US_ASCII); // redis-benchmark's default payload is 3 bytes
        for (int i = 0; i < KEYS; i++) {
            Key key = new Key(String.format("key:%012d", i).getBytes(StandardCharsets.US_ASCII));
            keys[i] = key;
            target.withKey(key, keyspace -> keyspace.set(key, value, Condition.ALWAYS, Expiry.PERSIST));
        }
    }

    // tag::mixed[]
    @Benchmark
    public Object mixedGetSet() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Key key = keys[random.nextInt(KEYS)];
        if (random.nextInt(100) < SET_PERCENT) {
            return target.withKey(key, keyspace -> keyspace.set(key, value, Condition.ALWAYS, Expiry.PERSIST));
        }
        return target.withKey(key, keyspace -> keyspace.get(key));
    }
    // end::mixed[]
}
