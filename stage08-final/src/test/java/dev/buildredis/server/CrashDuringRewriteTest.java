// @step 12
package dev.buildredis.server;

import dev.buildredis.testing.RedisServerProcess;
import dev.buildredis.testing.ServerProcess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server, in a process of its own with {@code appendfsync always}, is killed with SIGKILL at random moments
 * while clients write and another client starts one AOF rewrite after the other, so that kills land before, during
 * and after the manifest switches. After every restart, every write that was acknowledged is there, and the
 * directory is one that redis-check-aof accepts.
 */
class CrashDuringRewriteTest {

    private static final int ROUNDS = 12;
    private static final int WRITERS = 3;

    @TempDir
    Path dir;

    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger killsDuringRewrite = new AtomicInteger();

    // tag::crash-during-rewrite[]
    @Test
    void aKillAtAnyPointOfARewriteLosesNoAcknowledgedWrite() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String[] options = {"--appendonly", "yes", "--appendfsync", "always", "--dir", dir.toString()};
        try (ServerProcess first = ServerProcess.start(options); Jedis jedis = new Jedis("127.0.0.1", first.port())) {
            Pipeline pipeline = jedis.pipelined(); // a data set that takes a rewrite some milliseconds to walk
            for (int i = 0; i < 30_000; i++) {
                pipeline.set("base:" + i, "v".repeat(100));
            }
            pipeline.sync();
        }
        for (int round = 1; round <= ROUNDS + 1; round++) { // the last round only checks the last kill
            ServerProcess server = ServerProcess.start(options);
            assertThat(lostWrites(server.port())).as("round %d (seed %d): acknowledged and lost", round, seed)
                    .isEmpty();
            if (round > ROUNDS) {
                server.kill();
                break;
            }
            AtomicBoolean rewriting = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                String prefix = "r" + round + ":w" + w + ":";
                clients.add(Thread.ofPlatform().start(() -> write(server.port(), prefix)));
            }
            clients.add(Thread.ofPlatform().start(() -> rewriteAgainAndAgain(server.port(), rewriting)));
            Thread.sleep(200 + random.nextInt(800));
            boolean duringRewrite = rewriting.get();
            server.kill();
            if (duringRewrite) {
                killsDuringRewrite.incrementAndGet();
            }
            for (Thread client : clients) {
                client.join();
            }
        }
        assertThat(acknowledged).hasSizeGreaterThan(ROUNDS * WRITERS);
        assertThat(killsDuringRewrite.get()).as("kills that landed while a rewrite ran").isPositive();
        String check = RedisServerProcess.run(List.of(RedisServerProcess.requireTool("redis-check-aof"),
                dir.resolve("appendonlydir/appendonly.aof.manifest").toString()));
        assertThat(check).startsWith("0\n").contains("All AOF files and manifest are valid");
    }
    // end::crash-during-rewrite[]

    private void write(int port, String prefix) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            for (int i = 0; ; i++) {
                jedis.set(prefix + i, prefix);
                acknowledged.add(prefix + i);
            }
        } catch (RuntimeException e) {
            // killed: the write in flight was not acknowledged
        }
    }

    /** BGREWRITEAOF as soon as the last one is over, noting whether one is running. */
    private static void rewriteAgainAndAgain(int port, AtomicBoolean rewriting) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            while (true) {
                rewriting.set(jedis.info("persistence").contains("aof_rewrite_in_progress:1"));
                if (!rewriting.get()) {
                    jedis.bgrewriteaof();
                    rewriting.set(true);
                }
                Thread.sleep(5);
            }
        } catch (RuntimeException e) {
            // killed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<String> lostWrites(int port) {
        List<String> keys = new ArrayList<>(acknowledged);
        List<String> lost = new ArrayList<>();
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            Pipeline pipeline = jedis.pipelined();
            List<Response<String>> values = new ArrayList<>(keys.size());
            for (String key : keys) {
                values.add(pipeline.get(key));
            }
            pipeline.sync();
            for (int i = 0; i < keys.size(); i++) {
                if (!keys.get(i).startsWith(String.valueOf(values.get(i).get()))) {
                    lost.add(keys.get(i));
                }
            }
        }
        return lost;
    }
}
