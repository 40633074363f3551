package dev.buildredis.store;

import dev.buildredis.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * What every {@link Store} must guarantee to many threads at once; each implementation's test class extends this.
 * Platform threads, more of them than cores, so that threads are preempted in the middle of a command.
 */
abstract class StoreContract {

    private static final int THREADS = 8;

    final ManualClock clock = new ManualClock();

    abstract Store create(ManualClock clock);

    @Test
    void readModifyWriteInsideWithKeyLosesNoUpdate() throws Exception {
        Store store = create(clock);
        Key counter = key("counter");
        int perThread = 20_000;

        runConcurrently(THREADS, thread -> {
            for (int i = 0; i < perThread; i++) {
                store.withKey(counter, keyspace -> {
                    byte[] old = keyspace.get(counter);
                    long next = (old == null ? 0 : Long.parseLong(text(old))) + 1;
                    return keyspace.set(counter, bytes(Long.toString(next)), Condition.ALWAYS, Expiry.KEEP);
                });
            }
        });

        assertThat(text(store.withKey(counter, keyspace -> keyspace.get(counter))))
                .isEqualTo(Long.toString((long) THREADS * perThread));
    }

    @Test
    void keysWrittenTogetherInWithKeysAreNeverSeenApart() throws Exception {
        Store store = create(clock);
        List<Key> keys = List.of(key("a"), key("b"), key("c"), key("d"));
        writeAll(store, keys, "0");
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> torn = Collections.synchronizedList(new ArrayList<>());

        runConcurrently(THREADS, thread -> {
            if (thread == 0) {
                for (int i = 1; i <= 20_000; i++) {
                    writeAll(store, keys, Integer.toString(i));
                }
                writing.set(false);
                return;
            }
            while (writing.get()) {
                List<String> seen = store.withKeys(keys, shards ->
                        keys.stream().map(k -> text(shards.of(k).get(k))).toList());
                if (seen.stream().distinct().count() > 1) {
                    torn.add(seen.toString());
                }
            }
        });

        assertThat(torn).as("reads that saw some keys of a write and not others").isEmpty();
    }

    @Test
    void overlappingMultiKeyCallsInAnyKeyOrderDoNotDeadlock() {
        Store store = create(clock);
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            keys.add(key("k" + i));
        }

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> runConcurrently(THREADS, thread -> {
            for (int i = 0; i < 5_000; i++) {
                List<Key> some = new ArrayList<>(keys);
                Collections.shuffle(some, ThreadLocalRandom.current());
                List<Key> picked = some.subList(0, 1 + ThreadLocalRandom.current().nextInt(8));
                store.withKeys(picked, shards -> picked.stream().filter(k -> shards.of(k).exists(k)).count());
            }
        }));
    }

    @Test
    void anExceptionInsideACallReleasesItsLocks() {
        Store store = create(clock);
        Key key = key("k");

        assertThatThrownBy(() -> store.withKey(key, keyspace -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThatThrownBy(() -> store.withKeys(List.of(key, key("other")), shards -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> runConcurrently(1,
                thread -> store.withKey(key, keyspace -> keyspace.exists(key))));
    }

    @Test
    void keysExpireByTheStoresClock() {
        Store store = create(clock);
        Key key = key("k");
        store.withKey(key, keyspace -> keyspace.set(key, bytes("v"), Condition.ALWAYS,
                new Expiry.At(store.nowMillis() + 1000)));

        clock.advance(Duration.ofMillis(1001));

        byte[] value = store.withKey(key, keyspace -> keyspace.get(key));
        assertThat(value).isNull();
    }

    @Test
    void everyKeyspaceTellsTheListenerAndStopsExpiringWhileLoading() {
        Store store = create(clock);
        List<Key> expired = new ArrayList<>();
        store.onExpired(expired::add);
        List<Key> keys = List.of(key("a"), key("b"), key("c"), key("d"), key("e"), key("f"));
        for (Key key : keys) {
            store.withKey(key, keyspace -> keyspace.set(key, bytes("v"), Condition.ALWAYS,
                    new Expiry.At(store.nowMillis() + 1000)));
        }
        clock.advance(Duration.ofSeconds(2));

        store.loading(true);
        assertThat(keys).allMatch(key -> store.withKey(key, keyspace -> keyspace.exists(key)));
        store.loading(false);
        for (Key key : keys) {
            store.withKey(key, keyspace -> keyspace.delete(key));
        }

        assertThat(expired).containsExactlyInAnyOrderElementsOf(keys);
    }

    private static void writeAll(Store store, List<Key> keys, String value) {
        store.withKeys(keys, shards -> {
            keys.forEach(k -> shards.of(k).set(k, bytes(value), Condition.ALWAYS, Expiry.PERSIST));
            return null;
        });
    }

    /** Runs {@code body(threadIndex)} on that many threads, started together; rethrows the first failure. */
    static void runConcurrently(int threads, ThrowingIntConsumer body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int index = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    body.accept(index);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @FunctionalInterface
    interface ThrowingIntConsumer {
        void accept(int value) throws Exception;
    }

    static Key key(String text) {
        return new Key(bytes(text));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
