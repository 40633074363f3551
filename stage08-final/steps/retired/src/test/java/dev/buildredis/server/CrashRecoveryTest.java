// @step 01-11
package dev.buildredis.server;

import dev.buildredis.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.SetParams;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server, in a process of its own, is killed with SIGKILL at random moments while several clients write,
 * then started again on the same file, round after round. After every restart:
 * <ul>
 *   <li>the file loads (a cut last command is dropped, nothing else is wrong);</li>
 *   <li>with {@code always}, every write that was acknowledged is there;</li>
 *   <li>with {@code everysec}, a lost write was acknowledged at most two seconds before the kill. A process
 *       crash leaves the kernel's page cache alone, so this server, which writes before it replies, loses
 *       nothing here either; what everysec risks is a machine crash, which a test cannot cause.</li>
 * </ul>
 */
class CrashRecoveryTest {

    private static final int ROUNDS = 20;
    private static final int CLIENTS = 4;
    private static final long EVERYSEC_LOSS_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(2);

    @TempDir
    Path dir;

    /** Acknowledged writes: key → when the reply came (System.nanoTime). The value is always the key reversed. */
    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();

    // tag::crash-test[]
    @ParameterizedTest(name = "appendfsync {0}")
    @ValueSource(strings = {"always", "everysec"})
    void acknowledgedWritesSurviveAKillAtARandomMoment(String fsync) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String[] options = {"--appendonly", "yes", "--appendfsync", fsync, "--dir", dir.toString()};
        long killedAt = 0;
        for (int round = 1; round <= ROUNDS + 1; round++) { // the last round only checks the last kill
            ServerProcess server = ServerProcess.start(options);
            List<String> lost = lostWrites(server.port());
            for (String key : lost) {
                assertThat(fsync).as("round %d (seed %d): %s was acknowledged and is lost", round, seed, key)
                        .isEqualTo("everysec");
                assertThat(killedAt - acknowledged.get(key)).as("lost %s, acknowledged long before the kill", key)
                        .isLessThan(EVERYSEC_LOSS_WINDOW_NANOS);
                acknowledged.remove(key);
            }
            if (round > ROUNDS) {
                server.kill();
                break;
            }
            List<Thread> writers = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                String prefix = "r" + round + ":c" + client + ":";
                writers.add(Thread.ofPlatform().start(() -> write(server.port(), prefix)));
            }
            Thread.sleep(100 + random.nextInt(500));
            server.kill();
            killedAt = System.nanoTime();
            for (Thread writer : writers) {
                writer.join();
            }
        }
        assertThat(acknowledged).hasSizeGreaterThan(ROUNDS * CLIENTS); // the clients did get writes through
    }
    // end::crash-test[]

    @Test
    void aKeyThatExpiredBeforeTheCrashIsStillGoneAfterTheReplay() throws Exception {
        String[] options = {"--appendonly", "yes", "--appendfsync", "everysec", "--dir", dir.toString()};
        try (ServerProcess server = ServerProcess.start(options); Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            jedis.set("k", "5", SetParams.setParams().px(1500)); // SET k 5 PX 1500
            assertThat(jedis.incr("k")).isEqualTo(6);
            Thread.sleep(2000);
            server.kill();
        }
        try (ServerProcess server = ServerProcess.start(options); Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            assertThat(jedis.get("k")).as("replayed without expiring: SET k 5 PXAT t, INCR k, then gone").isNull();
        }
    }

    /** Writes new keys until the server goes away, and records each one acknowledged. */
    private void write(int port, String prefix) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            for (int i = 0; ; i++) {
                String key = prefix + i;
                jedis.set(key, reversed(key));
                acknowledged.put(key, System.nanoTime());
            }
        } catch (RuntimeException e) {
            // killed: the write in flight may or may not have made it, and nobody was told it did
        }
    }

    /** The acknowledged keys the server does not have, or has with another value. */
    private List<String> lostWrites(int port) {
        List<String> keys = new ArrayList<>(acknowledged.keySet());
        List<String> lost = new ArrayList<>();
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            Pipeline pipeline = jedis.pipelined();
            List<Response<String>> values = new ArrayList<>(keys.size());
            for (String key : keys) {
                values.add(pipeline.get(key));
            }
            pipeline.sync();
            for (int i = 0; i < keys.size(); i++) {
                if (!reversed(keys.get(i)).equals(values.get(i).get())) {
                    lost.add(keys.get(i));
                }
            }
        }
        return lost;
    }

    private static String reversed(String key) {
        return new StringBuilder(key).reverse().toString();
    }
}
