package dev.buildredis.server;

import dev.buildredis.testing.KillableServer;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol.Command;
import redis.clients.jedis.Transaction;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
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
 * family of commands (streams with XDEL, XTRIM and a consumer group's XREADGROUP and XACK; SETBIT, BITFIELD,
 * PFADD, PFMERGE and GEOADD among them), MULTI/EXEC, TTLs and deletes, while one client waits in BLPOP for another's pushes and a
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
        Stream stream = new Stream(p + "stream");
        long counter16 = 0;
        List<String> hll = new ArrayList<>();
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            for (int n = 0; ; n++) {
                int i = n;
                String v = "v" + i;
                switch (i % 16) {
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
                    case 8 -> stream.add(jedis, i + "-1", v);
                    case 9 -> {
                        switch ((i / 16) % 3) {
                            case 0 -> stream.delete(jedis, true);
                            case 1 -> stream.delete(jedis, false);
                            default -> stream.add(jedis, i + "-1", v);
                        }
                    }
                    case 10 -> stream.group(jedis);
                    case 11 -> change(p + "bit:" + i, j -> null, j -> j.getbit(p + "bits", i) ? null : "bit " + i + " is 0",
                            () -> jedis.setbit(p + "bits", i, true));
                    case 12 -> {
                        String key = p + "bitfield";
                        long done = counter16;
                        change(key, j -> done == 0 ? absent(key).failure(j) : bitfield(key, done).failure(j),
                                bitfield(key, done + 1),
                                () -> jedis.sendCommand(Command.BITFIELD, key, "INCRBY", "u16", "16", "1"));
                        counter16++;
                    }
                    case 13 -> {
                        String key = p + "hll";
                        Check before = hll.isEmpty() ? absent(key) : hyperLogLog(key, List.copyOf(hll));
                        hll.add("e" + i);
                        change(key, before, hyperLogLog(key, List.copyOf(hll)),
                                () -> jedis.sendCommand(Command.PFADD, key, "e" + i));
                    }
                    case 14 -> { // the merge holds every element the HLL had when it was acknowledged
                        String key = p + "hll-merged";
                        Check before = expected.getOrDefault(key, absent(key));
                        change(key, before, hyperLogLog(key, List.copyOf(hll)),
                                () -> jedis.sendCommand(Command.PFMERGE, key, p + "hll"));
                    }
                    case 15 -> change(p + "geo:m" + i, j -> null, position(p + "geo", "m" + i, i),
                            () -> jedis.geoadd(p + "geo", longitude(i), latitude(i), "m" + i));
                    default -> { // the key case 0 set seven writes ago: deleted, or given a TTL
                        String key = p + "s:" + (i - 7);
                        String old = "v" + (i - 7);
                        if ((i / 16) % 2 == 0) {
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

    // ---- streams

    /**
     * One writer's stream and its consumer group, as acknowledged: the entries (XADD with IDs of its own, XDEL of
     * one in the middle, XTRIM MAXLEN to one fewer), and the group's last delivered ID and pending entries (XGROUP CREATE,
     * XREADGROUP of one entry, XACK of it). The entry XREADGROUP delivers next is known before it is sent: the first
     * entry after the last one delivered.
     */
    private final class Stream {
        private final String key;
        private final List<String> entries = new ArrayList<>(); // IDs, ascending; each entry's field f is v<n>
        private String lastDelivered; // null until the group is created
        private final Set<String> pending = new HashSet<>();

        Stream(String key) {
            this.key = key;
        }

        void add(Jedis jedis, String id, String value) {
            Check before = entries.isEmpty() ? absent(key) : entries(List.copyOf(entries));
            entries.add(id);
            change(key, before, entries(List.copyOf(entries)),
                    () -> jedis.sendCommand(Command.XADD, key, id, "f", "v" + id.substring(0, id.indexOf('-'))));
        }

        /**
         * XDEL of the middle entry, or XTRIM MAXLEN of the oldest: not both of the oldest, since a trim by length
         * replayed after a lost XDEL of the oldest would take it anyway, and hide the loss.
         */
        void delete(Jedis jedis, boolean xdel) {
            if (entries.size() < 2) {
                return;
            }
            Check before = entries(List.copyOf(entries));
            String gone = xdel ? entries.remove(entries.size() / 2) : entries.removeFirst();
            change(key, before, entries(List.copyOf(entries)), xdel
                    ? () -> jedis.sendCommand(Command.XDEL, key, gone)
                    : () -> jedis.sendCommand(Command.XTRIM, key, "MAXLEN", Integer.toString(entries.size())));
        }

        void group(Jedis jedis) {
            String groupKey = key + ":group";
            if (lastDelivered == null) {
                lastDelivered = "0-0";
                change(groupKey, j -> null, group(lastDelivered, Set.of()),
                        () -> jedis.sendCommand(Command.XGROUP, "CREATE", key, "g", "0"));
                return;
            }
            Check before = group(lastDelivered, Set.copyOf(pending));
            if (!pending.isEmpty()) {
                String id = pending.iterator().next();
                pending.remove(id);
                change(groupKey, before, group(lastDelivered, Set.copyOf(pending)),
                        () -> jedis.sendCommand(Command.XACK, key, "g", id));
                return;
            }
            String next = entries.stream().filter(id -> compare(id, lastDelivered) > 0).findFirst().orElse(null);
            if (next == null) {
                return;
            }
            lastDelivered = next;
            pending.add(next);
            change(groupKey, before, group(lastDelivered, Set.copyOf(pending)),
                    () -> jedis.sendCommand(Command.XREADGROUP, "GROUP", "g", "c", "COUNT", "1", "STREAMS", key, ">"));
        }

        /** The stream holds exactly these entries, each with its field. */
        private Check entries(List<String> ids) {
            return j -> {
                List<String> found = new ArrayList<>();
                for (Object entry : (List<?>) j.sendCommand(Command.XRANGE, key, "-", "+")) {
                    List<?> parts = (List<?>) entry;
                    found.add(text(parts.get(0)) + "=" + ((List<?>) parts.get(1)).stream().map(b -> text(b)).toList());
                }
                List<String> wanted = ids.stream()
                        .map(id -> id + "=" + List.of("f", "v" + id.substring(0, id.indexOf('-')))).toList();
                return equal(wanted, found);
            };
        }

        /** The group's last delivered ID, and its pending entries. */
        private Check group(String last, Set<String> pendingIds) {
            return j -> {
                List<?> groups = (List<?>) j.sendCommand(Command.XINFO, "GROUPS", key);
                if (groups.size() != 1) {
                    return "groups: " + groups.size();
                }
                List<?> info = (List<?>) groups.getFirst();
                String lastFound = null;
                for (int k = 0; k + 1 < info.size(); k += 2) {
                    if (text(info.get(k)).equals("last-delivered-id")) {
                        lastFound = text(info.get(k + 1));
                    }
                }
                Set<String> pendingFound = new HashSet<>();
                for (Object entry : (List<?>) j.sendCommand(Command.XPENDING, key, "g", "-", "+", "1000")) {
                    pendingFound.add(text(((List<?>) entry).getFirst()));
                }
                return equal(last + " " + pendingIds, lastFound + " " + pendingFound);
            };
        }
    }

    private static int compare(String a, String b) {
        String[] x = a.split("-");
        String[] y = b.split("-");
        int c = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
        return c != 0 ? c : Long.compare(Long.parseLong(x[1]), Long.parseLong(y[1]));
    }

    private static String text(Object reply) {
        return new String((byte[]) reply, StandardCharsets.UTF_8);
    }

    // ---- bitmaps, HyperLogLogs, geo

    private static Check bitfield(String key, long value) {
        return j -> equal(List.of(value), j.sendCommand(Command.BITFIELD, key, "GET", "u16", "16"));
    }

    /**
     * The HyperLogLog's registers are those of exactly these elements: its count is that of a HyperLogLog built
     * afresh from them (in a key of the check's own), and so is the count of the two merged.
     */
    private static Check hyperLogLog(String key, List<String> elements) {
        return j -> {
            if (!j.exists(key)) {
                return "missing";
            }
            String model = key + ":model";
            j.del(model);
            List<String> args = new ArrayList<>(List.of(model));
            args.addAll(elements);
            j.sendCommand(Command.PFADD, args.toArray(String[]::new));
            Object stored = j.sendCommand(Command.PFCOUNT, key);
            Object wanted = j.sendCommand(Command.PFCOUNT, model);
            Object union = j.sendCommand(Command.PFCOUNT, key, model);
            j.del(model);
            return wanted.equals(stored) && wanted.equals(union) ? null
                    : "count " + stored + ", union " + union + ", expected " + wanted;
        };
    }

    private static double longitude(int i) {
        return -180 + (i * 7.31) % 360;
    }

    private static double latitude(int i) {
        return -85 + (i * 3.17) % 170;
    }

    /** The member is at its point, to well within a geohash cell (1e-4 degrees). */
    private static Check position(String key, String member, int i) {
        return j -> {
            var positions = j.geopos(key, member);
            if (positions.isEmpty() || positions.getFirst() == null) {
                return member + " is not there";
            }
            var found = positions.getFirst();
            return Math.abs(found.getLongitude() - longitude(i)) < 1e-4 && Math.abs(found.getLatitude() - latitude(i))
                    < 1e-4 ? null : member + " at " + found + ", expected " + longitude(i) + "," + latitude(i);
        };
    }

    private static String equal(Object wanted, Object actual) {
        return wanted.equals(actual) ? null : "expected " + wanted + ", found " + actual;
    }
}
