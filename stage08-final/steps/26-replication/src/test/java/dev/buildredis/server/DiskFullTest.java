package dev.buildredis.server;

import dev.buildredis.testing.KillableServer;
import dev.buildredis.testing.RedisServerProcess;
import dev.buildredis.testing.SmallDisk;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real full disk (a tmpfs of a few megabytes, filled up) under the append-only file and under BGSAVE, against this server
 * and redis-server: what a client hears, what is on disk afterwards, and that the server serves again once there
 * is room.
 */
class DiskFullTest {

    private static final String MISCONF_AOF = "MISCONF Errors writing to the AOF file: No space left on device";
    private static final String MISCONF_RDB = "MISCONF Redis is configured to save RDB snapshots, but it's currently "
            + "unable to persist to disk. Commands that may modify the data set are disabled, because this instance "
            + "is configured to report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error "
            + "option). Please check the Redis logs for details about the RDB error.";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {KillableServer.THIS_SERVER, KillableServer.REDIS_SERVER})
    void underEverysecAFullDiskRefusesWritesUntilThereIsRoomAndTheFileStaysWhole(String which) throws Exception {
        String[] options = {"--appendonly", "yes", "--appendfsync", "everysec"};
        try (SmallDisk disk = SmallDisk.mount(dir, 8)) {
            try (KillableServer server = KillableServer.start(which, disk.dir(), options);
                 Jedis jedis = new Jedis("127.0.0.1", server.port())) {
                jedis.set("before", "1");
                disk.fill(6000); // the next 20 KB command goes out in part, then the disk is full
                jedis.set("big", "b".repeat(20_000)); // it ran: only the file failed, and the next writes learn it
                assertThat(eventually(() -> reply(() -> jedis.set("k", "v")), MISCONF_AOF)).isEqualTo(MISCONF_AOF);
                assertThat(jedis.get("before")).as("reads go on").isEqualTo("1");

                disk.free();
                assertThat(eventually(() -> reply(() -> jedis.set("after", "2")), "OK")).isEqualTo("OK");
            }
            try (KillableServer server = KillableServer.start(which, disk.dir(), options);
                 Jedis jedis = new Jedis("127.0.0.1", server.port())) {
                assertThat(jedis.get("before")).isEqualTo("1");
                assertThat(jedis.strlen("big")).as("written whole once there was room").isEqualTo(20_000);
                assertThat(jedis.get("after")).isEqualTo("2");
            }
            assertThat(checkAof(disk)).contains("All AOF files and manifest are valid");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {KillableServer.THIS_SERVER, KillableServer.REDIS_SERVER})
    void underAlwaysAFullDiskStopsTheServerBeforeItAcknowledgesAnything(String which) throws Exception {
        String[] options = {"--appendonly", "yes", "--appendfsync", "always"};
        try (SmallDisk disk = SmallDisk.mount(dir, 8)) {
            try (KillableServer server = KillableServer.start(which, disk.dir(), options);
                 Jedis jedis = new Jedis("127.0.0.1", server.port())) {
                jedis.set("before", "1");
                disk.fill(0);
                assertThatThrownBy(() -> jedis.set("k", "v".repeat(10_000)))
                        .isInstanceOf(JedisConnectionException.class);
                assertThat(server.awaitExit(10)).as("exit status").isEqualTo(1);
            }
            disk.free();
            try (KillableServer server = KillableServer.start(which, disk.dir(), options);
                 Jedis jedis = new Jedis("127.0.0.1", server.port())) {
                assertThat(jedis.get("before")).isEqualTo("1");
            }
            assertThat(checkAof(disk)).contains("All AOF files and manifest are valid");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {KillableServer.THIS_SERVER, KillableServer.REDIS_SERVER})
    void aBackgroundSaveThatMeetsAFullDiskFailsAndWritesWaitForOneThatSucceeds(String which) throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir, 64);
             KillableServer server = KillableServer.start(which, disk.dir(), "--save", "3600 1");
             Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            // 40 MB that LZF cannot shrink: more than the disk will have left, and more than this server's snapshot
            // holds in memory waiting for the disk (32 MB), so that a writer that died must be noticed, not waited for
            Pipeline pipeline = jedis.pipelined();
            java.util.SplittableRandom random = new java.util.SplittableRandom(1);
            for (int i = 0; i < 40_000; i++) {
                StringBuilder value = new StringBuilder();
                random.ints(1000, 33, 127).forEach(c -> value.append((char) c));
                pipeline.set("k" + i, value.toString());
            }
            pipeline.sync();
            disk.fill(100_000);
            assertThat(jedis.bgsave()).isEqualTo("Background saving started");
            assertThat(eventually(() -> persistence(jedis, "rdb_bgsave_in_progress"), "0")).isEqualTo("0");
            assertThat(persistence(jedis, "rdb_last_bgsave_status")).isEqualTo("err");
            assertThat(reply(() -> jedis.set("x", "1"))).isEqualTo(MISCONF_RDB);
            assertThat(jedis.get("k1")).as("reads go on").isNotNull();

            disk.free();
            jedis.bgsave();
            assertThat(eventually(() -> persistence(jedis, "rdb_last_bgsave_status"), "ok")).isEqualTo("ok");
            assertThat(reply(() -> jedis.set("x", "1"))).isEqualTo("OK");
        }
    }

    private static String persistence(Jedis jedis, String field) {
        return jedis.info("persistence").replaceAll("(?s).*\r\n" + field + ":([^\r]*)\r\n.*", "$1");
    }

    /** The reply, or the error's text. */
    private static String reply(Supplier<String> command) {
        try {
            return command.get();
        } catch (JedisDataException e) {
            return e.getMessage();
        }
    }

    /** Asks again until the answer is {@code wanted}, for up to 10 s (the everysec retry, the writer thread). */
    private static String eventually(Supplier<String> ask, String wanted) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        String answer = ask.get();
        while (!wanted.equals(answer) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            answer = ask.get();
        }
        return answer;
    }

    private static String checkAof(SmallDisk disk) throws Exception {
        return RedisServerProcess.run(List.of(RedisServerProcess.requireTool("redis-check-aof"),
                disk.dir().resolve("appendonlydir/appendonly.aof.manifest").toString()));
    }
}
