package dev.buildredis.persistence.rdb;

import dev.buildredis.store.HashValue;
import dev.buildredis.store.Key;
import dev.buildredis.store.ListValue;
import dev.buildredis.store.SetValue;
import dev.buildredis.store.SortedSetValue;
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
import static dev.buildredis.persistence.rdb.RdbData.hash;
import static dev.buildredis.persistence.rdb.RdbData.list;
import static dev.buildredis.persistence.rdb.RdbData.set;
import static dev.buildredis.persistence.rdb.RdbData.string;
import static dev.buildredis.persistence.rdb.RdbData.zset;
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
            assertThat(jedis.objectEncoding("small hash")).isEqualTo("listpack");
            assertThat(jedis.objectEncoding("big hash")).isEqualTo("hashtable");
            assertThat(jedis.objectEncoding("small list")).isEqualTo("quicklist");
            assertThat(jedis.objectEncoding("small set")).isEqualTo("intset");
            assertThat(jedis.objectEncoding("wide intset")).isEqualTo("intset");
            assertThat(jedis.objectEncoding("big set")).isEqualTo("hashtable");
            assertThat(jedis.objectEncoding("small zset")).isEqualTo("listpack");
            jedis.select(15);
            assertThat(jedis.objectEncoding("big zset")).isEqualTo("skiplist");
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
        ListValue longList = new ListValue();
        HashValue bigHash = new HashValue(dev.buildredis.store.Encodings.DEFAULTS);
        for (int i = 0; i < 1000; i++) {
            longList.addLast(bytes("element " + i));
            bigHash.put(Key.of("field " + i), bytes(Integer.toString(i)));
        }
        bigHash.put(Key.of("big"), big);
        data.put(0, "list", list("a", "\0", "", "-1", "b"))
                .put(0, "long list", longList)
                .put(0, "hash", hash("f", "v", "\0", "", "n", "12"))
                .put(0, "big hash", bigHash)
                .put(1, bytes("in one too"), list("1"), inAnHour + 2)
                .put(15, "in fifteen", hash("a", "b"));
        SetValue bigSet = new SetValue(dev.buildredis.store.Encodings.DEFAULTS);
        SortedSetValue bigZset = new SortedSetValue(dev.buildredis.store.Encodings.DEFAULTS);
        for (int i = 0; i < 1000; i++) {
            bigSet.add(Key.of("member " + i));
            bigZset.put(Key.of("member " + i), i * 0.5 - 100);
        }
        data.put(0, "set", set("x", "y", "\r\n"))
                .put(0, "intset", set("3", "1", "-70000"))
                .put(0, "big set", bigSet)
                .put(0, bytes("zset"), zset("-inf", Double.NEGATIVE_INFINITY, "inf", Double.POSITIVE_INFINITY,
                        "neg", -1.5, "tenth", 0.1, "zero", 0, "tiny", 1e-300), inAnHour + 1)
                .put(0, "big zset", bigZset);
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

        storeList(jedis, expected, 0, "small list", inAnHour + 1, "a", "b", "c".repeat(100), "d".repeat(5000), "7",
                "-4096", "4095", "-32768", "8388607", "-2147483648", "9223372036854775807", "");
        List<String> longList = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            longList.add("element " + i);
        }
        storeList(jedis, expected, 5, "long list", -1, longList.toArray(String[]::new));

        Map<String, String> smallHash = new TreeMap<>(Map.of("seven", "7", "neg", "-4096", "int16", "-32768",
                "int24", "8388607", "int32", "-2147483648", "int64", "9223372036854775807", "text", "t".repeat(63),
                "empty", ""));
        storeHash(jedis, expected, 0, "small hash", smallHash);
        Map<String, String> bigHash = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            bigHash.put("field " + i, i % 2 == 0 ? Integer.toString(i) : "value ".repeat(i));
        }
        storeHash(jedis, expected, 0, "big hash", bigHash);

        storeSet(jedis, expected, 0, "small set", "1", "2", "3", "-5", "70000");
        storeSet(jedis, expected, 0, "wide intset", "5000000000", "-1");
        List<String> bigSet = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            bigSet.add("member " + i);
        }
        storeSet(jedis, expected, 0, "big set", bigSet.toArray(String[]::new));

        Map<String, Double> smallZset = Map.of("a", 1.0, "b", 2.5, "c", -3.0, "min", Double.NEGATIVE_INFINITY,
                "max", Double.POSITIVE_INFINITY, "tenth", 0.1);
        storeZset(jedis, expected, 0, "small zset", smallZset);
        Map<String, Double> bigZset = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            bigZset.put("member " + i, i / 3.0 - 20);
        }
        storeZset(jedis, expected, 15, "big zset", bigZset);
    }

    private static void storeString(Jedis jedis, RdbData expected, int db, String key, String value, long expireAt) {
        jedis.select(db);
        jedis.set(bytes(key), bytes(value));
        expire(jedis, key, expireAt);
        expected.put(db, bytes(key), string(value), expireAt);
    }

    private static void storeList(Jedis jedis, RdbData expected, int db, String key, long expireAt, String... elements) {
        jedis.select(db);
        for (String element : elements) {
            jedis.rpush(bytes(key), bytes(element));
        }
        expire(jedis, key, expireAt);
        expected.put(db, bytes(key), list(elements), expireAt);
    }

    private static void storeSet(Jedis jedis, RdbData expected, int db, String key, String... members) {
        jedis.select(db);
        for (String member : members) {
            jedis.sadd(bytes(key), bytes(member));
        }
        expected.put(db, key, set(members));
    }

    private static void storeHash(Jedis jedis, RdbData expected, int db, String key, Map<String, String> fields) {
        jedis.select(db);
        HashValue value = new HashValue(dev.buildredis.store.Encodings.DEFAULTS);
        fields.forEach((field, v) -> {
            jedis.hset(bytes(key), bytes(field), bytes(v));
            value.put(Key.of(field), bytes(v));
        });
        expected.put(db, key, value);
    }

    private static void storeZset(Jedis jedis, RdbData expected, int db, String key, Map<String, Double> scores) {
        jedis.select(db);
        SortedSetValue value = new SortedSetValue(dev.buildredis.store.Encodings.DEFAULTS);
        scores.forEach((member, score) -> {
            jedis.zadd(bytes(key), score, bytes(member));
            value.put(Key.of(member), score);
        });
        expected.put(db, key, value);
    }

    private static void expire(Jedis jedis, String key, long expireAt) {
        if (expireAt >= 0) {
            jedis.pexpireAt(bytes(key), expireAt);
        }
    }
}
