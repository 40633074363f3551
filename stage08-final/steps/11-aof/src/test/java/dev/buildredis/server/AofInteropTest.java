package dev.buildredis.server;

import dev.buildredis.testing.DataSet;
import dev.buildredis.testing.RedisServerProcess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The append-only directory is Redis 7's: redis-check-aof accepts ours and a real redis-server loads it with the same
 * data; ours loads the one a real redis-server wrote, and the dump.rdb it saved.
 */
class AofInteropTest {

    @TempDir
    Path dir;

    /** Every kind of command that goes to the AOF other than as sent, after a rewrite and around it. */
    private static void changeInEveryWay(Jedis jedis) {
        DataSet.fill(jedis, "");
        jedis.set("ex", "v", SetParams.setParams().ex(3600));
        jedis.expire("ttl", 7200);
        jedis.incrByFloat("float", 2.5);
    }

    // tag::interop[]
    @Test
    void redisCheckAofAcceptsOurDirectoryAndRedisServerLoadsItWithTheSameData() throws Exception {
        Map<Integer, Map<String, String>> ours;
        try (Server server = Server.start(Config.parse("--port", "0", "--dir", dir.toString(), "--appendonly", "yes"));
             Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            changeInEveryWay(jedis);
            ours = DataSet.of(jedis);
        }
        String check = RedisServerProcess.run(List.of(RedisServerProcess.requireTool("redis-check-aof"),
                dir.resolve("appendonlydir/appendonly.aof.manifest").toString()));
        assertThat(check).startsWith("0\n").contains("All AOF files and manifest are valid");
        try (RedisServerProcess redis = RedisServerProcess.start(dir, "--appendonly", "yes");
             Jedis jedis = redis.client()) {
            assertThat(DataSet.of(jedis)).isEqualTo(ours);
        }
    }
    // end::interop[]

    @Test
    void aDirectoryWrittenByRedisServerLoadsIntoOursWithTheSameData() throws Exception {
        Map<Integer, Map<String, String>> theirs;
        try (RedisServerProcess redis = RedisServerProcess.start(dir, "--appendonly", "yes");
             Jedis jedis = redis.client()) {
            changeInEveryWay(jedis);
            jedis.bgrewriteaof();
            awaitNoRewrite(jedis);
            changeInEveryWay(jedis);
            theirs = DataSet.of(jedis);
        }
        try (Server server = Server.start(Config.parse("--port", "0", "--dir", dir.toString(), "--appendonly", "yes"));
             Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            assertThat(DataSet.of(jedis)).isEqualTo(theirs);
        }
    }

    @Test
    void aDumpWrittenByRedisServerLoadsIntoOursAtStart() throws Exception {
        Map<Integer, Map<String, String>> theirs;
        try (RedisServerProcess redis = RedisServerProcess.start(dir); Jedis jedis = redis.client()) {
            changeInEveryWay(jedis);  // small sizes (listpack, intset) and large ones, TTLs, several databases
            assertThat(jedis.save()).isEqualTo("OK");
            theirs = DataSet.of(jedis);
        }
        try (Server server = Server.start(Config.parse("--port", "0", "--dir", dir.toString()));
             Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            assertThat(DataSet.of(jedis)).isEqualTo(theirs);
        }
    }

    private static void awaitNoRewrite(Jedis jedis) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (jedis.info("persistence").contains("aof_rewrite_in_progress:1")
                || jedis.info("persistence").contains("aof_rewrite_scheduled:1")) {
            assertThat(System.nanoTime()).as("the rewrite is still running after 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
