package dev.buildredis.persistence.rdb;

import dev.buildredis.store.Key;
import dev.buildredis.store.StringValue;
import dev.buildredis.testing.DataSet;
import dev.buildredis.testing.RedisServerProcess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static dev.buildredis.persistence.rdb.RdbData.bytes;
import static dev.buildredis.persistence.rdb.RdbData.string;
import static org.assertj.core.api.Assertions.assertThat;

/** Files go both ways between {@link RdbWriter}/{@link RdbReader} and a real redis-server 7.0. */
class RdbInteropTest {

    /** Redis's default number of databases. */
    private static final int DATABASES = 16;

    /** An expiry an hour from now, whole milliseconds: Redis drops keys whose expiry has passed when it loads. */
    private final long inAnHour = System.currentTimeMillis() + 3_600_000;

    // tag::to-redis[]
    @Test
    void aFileWrittenHereIsAcceptedByRedisCheckRdbAndLoadedByRedisServerWithTheSameData(@TempDir Path dir)
            throws Exception {
        RdbData written = everyTypeHere();
        Files.write(dir.resolve("dump.rdb"), written.toRdb());

        String check = RedisServerProcess.run(List.of(RedisServerProcess.requireTool("redis-check-rdb"),
                dir.resolve("dump.rdb").toString()));
        assertThat(check).startsWith("0\n").contains("RDB looks OK");

        try (RedisServerProcess redis = RedisServerProcess.start(dir); Jedis jedis = redis.client()) {
            assertThat(DataSet.of(jedis)).isEqualTo(written.asServed());
            jedis.save(); // and back: the file Redis writes from what it loaded reads as the same data here
        }
        RdbData.assertSameContents(RdbData.fromRdb(Files.readAllBytes(dir.resolve("dump.rdb"))).contents(),
                written.contents());
    }
    // end::to-redis[]

    @Test
    void aFileWrittenByRedisServerIsReadWithExactlyTheSameData(@TempDir Path dir) throws Exception {
        RdbData expected = new RdbData();
        try (RedisServerProcess redis = RedisServerProcess.start(dir); Jedis jedis = redis.client()) {
            fillBothWays(jedis, expected);
            jedis.select(0);
            assertThat(jedis.objectEncoding("integer")).isEqualTo("int");
            assertThat(jedis.configGet("rdbcompression")).containsEntry("rdbcompression", "yes");
            assertThat(jedis.save()).isEqualTo("OK");
        }
        byte[] file = Files.readAllBytes(dir.resolve("dump.rdb"));
        assertThat(file.length).as("the 100 KB string was LZF-compressed").isLessThan(100_000);
        RdbData.assertSameContents(RdbData.fromRdb(file).contents(), expected.contents());
    }

    /** Every type, binary data, values over 64 KB, extreme scores, expiries, several databases. */
    private RdbData everyTypeHere() {
        byte[] big = new byte[100_000];
        new Random(1).nextBytes(big);
        RdbData data = new RdbData()
                .put(0, "", string(""))
                .put(0, bytes("bin\0\r\nkey"), string("a\0b\r\n\u00ff"), inAnHour)
                .put(0, "big string", new StringValue(big))
                .put(0, "integer", string("-2147483648"))
                .put(0, "long integer", string("9223372036854775807"))
                .put(1, bytes("in one"), string("1"), inAnHour + 2);
        return data;
    }

    /** Writes every type in its small and large encodings to Redis, and the same data into {@code expected}. */
    private void fillBothWays(Jedis jedis, RdbData expected) {
        String lzfText = "0123456789 repeated text compresses well; ".repeat(2400);
        storeString(jedis, expected, 0, "compressible", lzfText, -1);
        storeString(jedis, expected, 0, "integer", "12345", -1);
        storeString(jedis, expected, 0, "negative integer", "-9000000000", -1);
        storeString(jedis, expected, 0, "binary\r\n\0", "\0\r\n\u00ff", inAnHour);
        storeString(jedis, expected, 3, "in three", "x", inAnHour + 3);

    }

    private static void storeString(Jedis jedis, RdbData expected, int db, String key, String value, long expireAt) {
        jedis.select(db);
        jedis.set(bytes(key), bytes(value));
        expire(jedis, key, expireAt);
        expected.put(db, bytes(key), string(value), expireAt);
    }

    private static void expire(Jedis jedis, String key, long expireAt) {
        if (expireAt >= 0) {
            jedis.pexpireAt(bytes(key), expireAt);
        }
    }
}
