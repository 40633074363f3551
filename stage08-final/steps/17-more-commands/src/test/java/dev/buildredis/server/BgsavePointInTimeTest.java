package dev.buildredis.server;

import dev.buildredis.persistence.rdb.RdbReader;
import dev.buildredis.store.ListValue;
import dev.buildredis.store.StringValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Transaction;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BGSAVE while clients keep writing gives the data set of one instant: clients run transactions that each add one
 * to a counter, one element to a list and one new key, so that in any instant's data set the three agree. A snapshot
 * that mixed instants (a key written before a change, its neighbour after) would break the agreement.
 */
class BgsavePointInTimeTest {

    @TempDir
    Path dir;

    @Test
    void aBackgroundSaveUnderConcurrentTransactionsIsOneInstantOfTheDataSet() throws Exception {
        try (Server server = Server.start(Config.parse("--port", "0", "--dir", dir.toString()));
             Jedis admin = new Jedis("127.0.0.1", server.port())) {
            Pipeline pipeline = admin.pipelined(); // enough keys that the walk takes many loop turns
            for (int i = 0; i < 100_000; i++) {
                pipeline.set("filler:" + i, "x");
            }
            pipeline.sync();
            AtomicBoolean stop = new AtomicBoolean();
            Thread[] writers = new Thread[3];
            for (int w = 0; w < writers.length; w++) {
                writers[w] = Thread.ofPlatform().start(() -> transactions(server.port(), stop));
            }
            Thread.sleep(100);
            assertThat(admin.bgsave()).isEqualTo("Background saving started");
            while (admin.info("persistence").contains("rdb_bgsave_in_progress:1")) {
                Thread.sleep(5);
            }
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
            assertThat(Long.parseLong(admin.get("counter"))).as("the writers ran on after the save began")
                    .isGreaterThan(countersIn(dir.resolve("dump.rdb")).get("counter"));
        }
    }

    /** Checks the file's counter, list and "after:" keys against each other; returns the counter. */
    private static Map<String, Long> countersIn(Path file) throws Exception {
        Map<String, Long> found = new HashMap<>();
        long[] afterKeys = {0};
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            RdbReader.read(in, (db, key, value, expireAt) -> {
                String name = new String(key.bytes(), StandardCharsets.ISO_8859_1);
                if (name.equals("counter")) {
                    found.put("counter", Long.parseLong(new String(((StringValue) value).bytes(),
                            StandardCharsets.ISO_8859_1)));
                } else if (name.equals("list")) {
                    found.put("list", (long) ((ListValue) value).size());
                } else if (name.startsWith("after:")) {
                    afterKeys[0]++;
                }
            });
        }
        long counter = found.getOrDefault("counter", 0L);
        assertThat(counter).as("transactions before the save began").isPositive();
        assertThat(found.get("list")).as("list length = counter").isEqualTo(counter);
        assertThat(afterKeys[0]).as("after:* keys = counter").isEqualTo(counter);
        return found;
    }

    private static void transactions(int port, AtomicBoolean stop) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            while (!stop.get()) {
                Transaction multi = jedis.multi();
                multi.incr("counter");
                multi.rpush("list", "e");
                multi.set("after:" + java.util.UUID.randomUUID(), "1");
                multi.set("filler:" + java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000), "y");
                multi.exec();
            }
        }
    }
}
