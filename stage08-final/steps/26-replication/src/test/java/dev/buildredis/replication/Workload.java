package dev.buildredis.replication;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.GetExParams;
import redis.clients.jedis.params.SetParams;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Several clients writing to a master at once, every type and the ways a change reaches the stream: plain commands
 * (bitmaps and HyperLogLogs among them), relative TTLs (sent as deadlines), keys that expire while written to and
 * read (sent as DEL), random pops (sent as what they popped), floats (sent as results), MULTI/EXEC, other databases
 * (SELECT), streams trimmed as they grow and read by a group (sent as XCLAIM), and a client blocked in BLPOP that
 * the others' pushes serve (sent as LPOP). Each client has a seed of its own: a run is the same mix each time, only
 * the interleaving differs.
 */
final class Workload {

    private static final int KEYS = 40;

    private Workload() {
    }

    /** Runs {@code clients} writers of {@code commandsEach} commands each, and a blocked popper, to their end. */
    static void run(Node master, int clients, int commandsEach) throws InterruptedException {
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong popped = new AtomicLong();
        List<Thread> writers = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread popper = Thread.ofVirtual().start(() -> {
            try (Jedis jedis = master.client()) {
                while (writing.get()) {
                    if (jedis.blpop(0.2, "queue:0", "queue:1") != null) {
                        popped.incrementAndGet();
                    }
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        });
        for (int i = 0; i < clients; i++) {
            long seed = 1000 + i;
            writers.add(Thread.ofVirtual().start(() -> {
                try (Jedis jedis = master.client()) {
                    Random random = new Random(seed);
                    for (int n = 0; n < commandsEach; n++) {
                        write(jedis, random);
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread writer : writers) {
            writer.join();
        }
        writing.set(false);
        popper.join();
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError("a client of the workload failed: " + failures.get(0));
            failures.forEach(error::addSuppressed);
            throw error;
        }
    }

    // tag::mix[]
    private static void write(Jedis jedis, Random random) {
        int key = random.nextInt(KEYS);
        String k = Integer.toString(key);
        String other = Integer.toString((key + 1 + random.nextInt(KEYS - 1)) % KEYS); // never k itself
        switch (random.nextInt(28)) {
            case 0 -> jedis.set("s:" + k, "v" + random.nextInt(1000));
            case 1 -> jedis.set("s:" + k, "short", SetParams.setParams().px(1 + random.nextInt(30)));
            case 2 -> jedis.append("s:" + k, "x");       // on a key that may have just expired: DEL, then APPEND
            case 3 -> jedis.incr("n:" + k);
            case 4 -> jedis.incrByFloat("f:" + k, 0.1);   // goes out as SET f <result> KEEPTTL
            case 5 -> jedis.rpush("l:" + k, "a", "b", "c");
            case 6 -> jedis.lpop("l:" + k);
            case 7 -> jedis.lmove("l:" + k, "l:" + other, ListDirection.LEFT, ListDirection.RIGHT);
            case 8 -> jedis.hset("h:" + k, "f" + random.nextInt(20), "v");
            case 9 -> jedis.hincrBy("h:" + k, "count", 1);
            case 10 -> jedis.hincrByFloat("h:" + k, "float", 1.5);
            case 11 -> jedis.sadd("set:" + k, "m" + random.nextInt(30), "m" + random.nextInt(30));
            case 12 -> jedis.spop("set:" + k, 2);         // a random choice: goes out as what was popped
            case 13 -> jedis.zadd("z:" + k, random.nextInt(100) / 4.0, "m" + random.nextInt(30));
            case 14 -> jedis.zincrby("z:" + k, 0.5, "m" + random.nextInt(30));
            case 15 -> jedis.zpopmin("z:" + k);
            case 16 -> jedis.expire("s:" + k, 100);       // goes out as PEXPIREAT
            case 17 -> jedis.pexpire("n:" + k, 1 + random.nextInt(30));
            case 18 -> jedis.del(random.nextBoolean() ? "s:" + k : "l:" + k);
            case 19 -> jedis.getEx("s:" + k, GetExParams.getExParams().px(5 + random.nextInt(30)));
            case 20 -> {                                  // a transaction: MULTI ... EXEC in the stream
                Transaction multi = jedis.multi();
                multi.set("t:" + k, "in-multi");
                multi.incr("n:" + k);
                multi.rpush("l:" + k, "m");
                multi.exec();
            }
            case 21 -> {                                  // another database: SELECT in the stream
                jedis.select(1 + random.nextInt(3));
                jedis.hset("h:" + k, Map.of("db", "other"));
                jedis.set("s:" + k, "elsewhere");
                jedis.select(0);
            }
            case 22 -> jedis.rpush("queue:" + random.nextInt(2), "job" + random.nextInt(100)); // serves the popper
            case 23 -> jedis.setbit("bits:" + k, random.nextInt(200), random.nextBoolean());
            case 24 -> jedis.pfadd("hll:" + k, "e" + random.nextInt(500), "e" + random.nextInt(500));
            case 25 -> jedis.sendCommand(Protocol.Command.XADD, "x:" + k, "MAXLEN", // goes out with the ID it chose
                    random.nextBoolean() ? "=" : "~", "5", "*", "f", "v" + random.nextInt(100));
            case 26 -> {                                  // a group read: goes out as XCLAIM and XGROUP SETID
                try {
                    jedis.sendCommand(Protocol.Command.XGROUP, "CREATE", "x:" + k, "g", "0", "MKSTREAM");
                } catch (JedisDataException busyGroup) {
                    // the group is there already
                }
                jedis.sendCommand(Protocol.Command.XREADGROUP, "GROUP", "g", "c" + random.nextInt(3), "COUNT", "2",
                        "STREAMS", "x:" + k, ">");
            }
            default -> jedis.copy("s:" + k, "s:" + other, false);
        }
    }
    // end::mix[]
}
