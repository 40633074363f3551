// @step 21
package dev.buildredis.server;

import dev.buildredis.testing.KillableServer;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code appendfsync always} promises: a write acknowledged is a write kept, whatever happens next. The server
 * runs in a process of its own and is killed with SIGKILL at a random moment while clients write with every
 * family of commands, MULTI/EXEC, TTLs and deletes, while one client waits in BLPOP for another's pushes and a
 * third fills memory with keys that eviction takes away (maxmemory 8mb, volatile-lru). After every restart each
 * acknowledged write is checked; a write whose reply the kill cut off may be there or not, but nothing else may
 * differ. The same rounds run against a real redis-server, which keeps everything: the check asks for nothing
 * more than Redis does.
 */
class AcknowledgedWritesTest {

    private static final int ROUNDS = 5;
    private static final int WRITERS = 3;
    private static final String[] OPTIONS = {"--appendonly", "yes", "--appendfsync", "always", "--maxmemory", "8mb",
            "--maxmemory-policy", "volatile-lru"};

    @TempDir
    Path dir;

    /** What each key must hold now: null if it does, else what is wrong. Writers own disjoint keys. */
    @FunctionalInterface
    interface Check {
        String failure(Jedis jedis);
    }

    private final Map<String, Check> expected = new ConcurrentHashMap<>();
    private long seed;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {KillableServer.THIS_SERVER, KillableServer.REDIS_SERVER})
    void everyAcknowledgedWriteSurvivesAKillNine(String which) throws Exception {
        seed = System.nanoTime();
        Random random = new Random(seed);
        for (int r = 1; r <= ROUNDS + 1; r++) { // the last round only checks the last kill
            int round = r;
            KillableServer server = KillableServer.start(which, dir, OPTIONS);
            try (Jedis jedis = new Jedis("127.0.0.1", server.port())) {
                List<String> failures = new ArrayList<>();
                expected.forEach((key, check) -> {
                    String failure = check.failure(jedis);
                    if (failure != null) {
                        failures.add(key + ": " + failure);
                    }
                });
                assertThat(failures).as("%s, before round %d (seed %d): acknowledged and lost", which, round, seed)
                        .isEmpty();
            }
            if (round > ROUNDS) {
                server.kill();
                break;
            }
            List<Thread> clients = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                String prefix = "r" + round + ":w" + w + ":";
                clients.add(Thread.ofPlatform().start(() -> write(server.port(), prefix)));
            }
            clients.addAll(blockingPair(server.port(), "r" + round + ":queue"));
            clients.add(Thread.ofPlatform().start(() -> fillCache(server.port(), "r" + round + ":cache:")));
            Thread.sleep(600 + random.nextInt(600));
            server.kill();
            for (Thread client : clients) {
                client.join();
            }
        }
        assertThat(expected).as("acknowledged keys").hasSizeGreaterThan(ROUNDS * WRITERS * 9);
    }

    // ---- the writers

    /**
     * One client's writes, each to keys of its own, each recorded once acknowledged. The write in flight when the
     * connection dies is recorded as "either before or after".
     */
    private void write(int port, String p) {
        long counter = 0;
        long transactions = 0;
        List<String> list = new ArrayList<>();
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            for (int n = 0; ; n++) {
                int i = n;
                String v = "v" + i;
                switch (i % 8) {
                    case 0 -> change(p + "s:" + i, absent(p + "s:" + i), value(p + "s:" + i, v),
                            () -> jedis.set(p + "s:" + i, v));
                    case 1 -> {
                        String key = p + "counter";
                        Check before = counter == 0 ? absent(key) : value(key, Long.toString(counter));
                        change(key, before, value(key, Long.toString(counter + 1)), () -> jedis.incr(key));
                        counter++;
                    }
                    case 2 -> {
                        String key = p + "list";
                        Check before = list.isEmpty() ? absent(key) : list(key, List.copyOf(list));
                        list.add(v);
                        change(key, before, list(key, List.copyOf(list)), () -> jedis.rpush(key, v));
                    }
                    case 3 -> change(p + "hash:f" + i, j -> j.hexists(p + "hash", "f" + i) ? "f" + i + " exists" : null,
                            j -> equal(v, j.hget(p + "hash", "f" + i)), () -> jedis.hset(p + "hash", "f" + i, v));
                    case 4 -> change(p + "set:m" + i, j -> null,
                            j -> j.sismember(p + "set", "m" + i) ? null : "m" + i + " is not a member",
                            () -> jedis.sadd(p + "set", "m" + i));
                    case 5 -> change(p + "zset:m" + i, j -> null, j -> equal((double) i, j.zscore(p + "zset", "m" + i)),
                            () -> jedis.zadd(p + "zset", i, "m" + i));
                    case 6 -> {
                        long done = transactions;
                        Check before = done == 0 ? absent(p + "tx:a") : transaction(p, done);
                        change(p + "tx", before, transaction(p, done + 1), () -> {
                            Transaction tx = jedis.multi();
                            tx.set(p + "tx:a", Long.toString(done + 1));
                            tx.incr(p + "tx:b");
                            tx.exec();
                        });
                        transactions++;
                    }
                    default -> { // the key case 0 set seven writes ago: deleted, or given a TTL
                        String key = p + "s:" + (i - 7);
                        String old = "v" + (i - 7);
                        if (i % 16 == 7) {
                            change(key, value(key, old), absent(key), () -> jedis.del(key));
                        } else {
                            change(key, value(key, old), expiring(key, old), () -> jedis.expire(key, 100_000L));
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // killed: the write in flight stays "either"
        }
    }

    /**
     * Runs a write that takes {@code key} from {@code before} to {@code after}: while its reply has not come, either
     * will do (the kill may cut it off); once it has, only {@code after}.
     */
    private void change(String key, Check before, Check after, Runnable write) {
        expected.put(key, j -> after.failure(j) == null || before.failure(j) == null ? null
                : "neither before nor after the write in flight: " + after.failure(j));
        write.run();
        expected.put(key, after);
    }

    /**
     * BLPOP on one connection, RPUSH on another: an element popped (and acknowledged to the popper) must stay
     * popped; an element pushed must be in the list unless it was popped, or is the one a pop took whose reply the
     * kill cut off.
     */
    private List<Thread> blockingPair(int port, String queue) {
        Set<String> pushed = ConcurrentHashMap.newKeySet();
        Set<String> popped = ConcurrentHashMap.newKeySet();
        AtomicBoolean pushing = new AtomicBoolean(true);
        Thread popper = Thread.ofPlatform().start(() -> {
            try (Jedis jedis = new Jedis("127.0.0.1", port, 30_000)) {
                while (true) {
                    popped.add(jedis.blpop(0, queue).get(1));
                }
            } catch (RuntimeException e) {
                // killed
            }
        });
        Thread pusher = Thread.ofPlatform().start(() -> {
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                for (int i = 0; ; i++) {
                    jedis.rpush(queue, "e" + i);
                    pushed.add("e" + i);
                    Thread.sleep(2); // the popper is back in BLPOP, blocked, before the next push
                }
            } catch (RuntimeException | InterruptedException e) {
                pushing.set(false);
            }
        });
        expected.put(queue, j -> {
            List<String> left = j.lrange(queue, 0, -1);
            List<String> problems = new ArrayList<>();
            for (String element : left) {
                if (popped.contains(element)) {
                    problems.add(element + " was popped, and is back");
                }
            }
            long missing = pushed.stream().filter(e -> !popped.contains(e) && !left.contains(e)).count();
            if (missing > 1) {
                problems.add(missing + " pushed elements neither popped nor in the list");
            }
            return problems.isEmpty() ? null : String.join("; ", problems);
        });
        return List.of(popper, pusher);
    }

    /** Keys with a TTL and 20 KB values, many more than 8 MB hold: eviction takes them as new ones come. */
    private static void fillCache(int port, String prefix) {
        String value = "c".repeat(20_000);
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            for (int i = 0; ; i++) {
                jedis.setex(prefix + i, 100_000L, value);
            }
        } catch (RuntimeException e) {
            // killed (or refused with -OOM while eviction catches up, which ends this client's part)
        }
    }

    // ---- checks

    private static Check absent(String key) {
        return j -> j.exists(key) ? "exists" : null;
    }

    private static Check value(String key, String wanted) {
        return j -> equal(wanted, j.get(key));
    }

    private static Check list(String key, List<String> wanted) {
        return j -> equal(wanted, j.lrange(key, 0, -1));
    }

    /** Both keys of a MULTI/EXEC: all of it or none of it. */
    private static Check transaction(String p, long n) {
        return j -> equal(List.of(Long.toString(n), Long.toString(n)), List.of("" + j.get(p + "tx:a"),
                "" + j.get(p + "tx:b")));
    }

    /** The value, and a TTL that survived the restart (a volatile key that eviction took is fine too). */
    private static Check expiring(String key, String wanted) {
        return j -> {
            String value = j.get(key);
            if (value == null) {
                return null; // volatile-lru may evict it
            }
            long ttl = j.ttl(key);
            return !value.equals(wanted) ? equal(wanted, value) : ttl > 0 ? null : "no TTL: " + ttl;
        };
    }

    private static String equal(Object wanted, Object actual) {
        return wanted.equals(actual) ? null : "expected " + wanted + ", found " + actual;
    }
}
