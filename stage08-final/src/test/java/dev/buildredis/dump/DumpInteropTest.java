// @step 24
package dev.buildredis.dump;

import dev.buildredis.testing.BothServers;
import dev.buildredis.testing.WireClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DUMP payloads go both ways between this server and redis-server 7.0, for every type and each of its encodings:
 * what one dumps the other restores to the same value (DEBUG DIGEST-VALUE equal), and where Redis's bytes do not
 * depend on its hash tables' order, the two servers dump the same bytes.
 */
class DumpInteropTest {

    private static BothServers servers;
    private static WireClient ours;
    private static WireClient redis;

    /** Each key and the command that makes it; true where the payload's bytes are the same on both servers. */
    private static final Map<String, Boolean> SAME_BYTES = new LinkedHashMap<>();
    private static final List<List<String>> DATA = new ArrayList<>();

    static {
        add(true, "SET", "str:int", "-123456");
        add(true, "SET", "str:long", "12345678901234567890");
        add(true, "SET", "str:short", "hello");
        add(true, "SET", "str:lzf", "abc".repeat(200));
        add(true, "SET", "str:bin", "\u0000\u00ff\r\n");
        add(true, "RPUSH", "list:small", "a", "1", "-1", "300", "70000", "9999999999", "x".repeat(100));
        List<String> big = new ArrayList<>(List.of("RPUSH", "list:nodes"));
        for (int i = 0; i < 3000; i++) {
            big.add("e" + i);
        }
        add(true, big.toArray(String[]::new));                   // three quicklist nodes
        add(true, "RPUSH", "list:largeelement", "a", "x".repeat(10_000), "b");
        add(true, "HSET", "hash:small", "f", "v", "n", "123", "long", "y".repeat(60));
        List<String> hash = new ArrayList<>(List.of("HSET", "hash:big"));
        for (int i = 0; i < 600; i++) {
            hash.add("f" + i);
            hash.add("v" + i);
        }
        add(false, hash.toArray(String[]::new));                 // a hash table: Redis's order is its own
        add(true, "SADD", "set:int16", "3", "1", "-5");
        add(true, "SADD", "set:int32", "1", "100000");
        add(true, "SADD", "set:int64", "1", "10000000000");
        add(false, "SADD", "set:strings", "a", "b", "c");
        add(true, "ZADD", "zset:small", "1", "a", "2.5", "b", "-3", "c", "0.1", "d", "inf", "e");
        add(true, "GEOADD", "geo", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania"); // a zset
        List<String> zset = new ArrayList<>(List.of("ZADD", "zset:big"));
        for (int i = 0; i < 200; i++) {
            zset.add(Double.toString(i / 3.0));
            zset.add("m" + i);
        }
        add(true, zset.toArray(String[]::new));                  // a skip list, dumped from its top
        add(true, "PFADD", "hll:sparse", "a", "b", "c");             // a string, as Redis's HLLs are
        List<String> dense = new ArrayList<>(List.of("PFADD", "hll:dense"));
        for (int i = 0; i < 5000; i++) {
            dense.add("e" + i);
        }
        add(true, dense.toArray(String[]::new));
        for (int i = 1; i <= 250; i++) {                           // three nodes, a tombstone, no group
            add(true, "XADD", "stream:plain", i + "-" + i % 3, "f", "v" + i, "n", Integer.toString(i));
        }
        add(true, "XDEL", "stream:plain", "7-1");
        for (int i = 1; i <= 20; i++) {
            add(false, "XADD", "stream:groups", i + "-0", "f", "v" + i); // delivery times are each server's clock
        }
        run("XGROUP", "CREATE", "stream:groups", "g", "0");
        run("XGROUP", "CREATE", "stream:groups", "noack", "$");
        run("XREADGROUP", "GROUP", "g", "alice", "COUNT", "5", "STREAMS", "stream:groups", ">");
        run("XREADGROUP", "GROUP", "g", "bob", "COUNT", "3", "STREAMS", "stream:groups", ">");
        run("XACK", "stream:groups", "g", "2-0");
        run("XGROUP", "CREATECONSUMER", "stream:groups", "g", "carol");
    }

    private static void add(boolean sameBytes, String... command) {
        SAME_BYTES.put(command[1], sameBytes);
        DATA.add(List.of(command));
    }

    /** A command whose second argument is not the key it writes. */
    private static void run(String... command) {
        DATA.add(List.of(command));
    }

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        servers = BothServers.start(dir, "enable-debug-command", "yes");
        ours = servers.ours();
        redis = servers.redis();
        for (List<String> command : DATA) {
            ours.command(command.toArray(String[]::new)).readReply();
            redis.command(command.toArray(String[]::new)).readReply();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        servers.close();
    }

    @Test
    void whatThisServerDumpsRedisRestoresToTheSameValue() {
        for (String key : SAME_BYTES.keySet()) {
            Object payload = ours.command("DUMP", key).readReply();
            assertThat(redis.command("RESTORE", key + ":from-ours", "0", (String) payload).readReply()).as(key)
                    .isEqualTo("OK");
            assertThat(digest(redis, key + ":from-ours")).as(key).isEqualTo(digest(redis, key));
            if (key.startsWith("stream:")) { // groups, consumers, PELs and their times, which no digest covers
                assertThat(redis.command("XINFO", "STREAM", key + ":from-ours", "FULL").readReply()).as(key)
                        .isEqualTo(ours.command("XINFO", "STREAM", key, "FULL").readReply());
            }
        }
    }

    @Test
    void whatRedisDumpsThisServerRestoresToTheSameValue() {
        for (String key : SAME_BYTES.keySet()) {
            Object payload = redis.command("DUMP", key).readReply();
            assertThat(ours.command("RESTORE", key + ":from-redis", "0", (String) payload).readReply()).as(key)
                    .isEqualTo("OK");
            assertThat(digest(ours, key + ":from-redis")).as(key).isEqualTo(digest(redis, key));
            // the encoding RESTORE gives in Redis itself: a short HLL that PFADD made "raw" comes back "embstr"
            redis.command("RESTORE", key + ":restored", "0", (String) payload).readReply();
            assertThat(ours.command("OBJECT", "ENCODING", key + ":from-redis").readReply()).as(key)
                    .isEqualTo(redis.command("OBJECT", "ENCODING", key + ":restored").readReply());
            if (key.startsWith("stream:")) {
                assertThat(ours.command("XINFO", "STREAM", key + ":from-redis", "FULL").readReply()).as(key)
                        .isEqualTo(redis.command("XINFO", "STREAM", key, "FULL").readReply());
            }
        }
    }

    @Test
    void bothServersDumpTheSameBytesWhereRedisOrderIsItsInsertionOrder() {
        for (Map.Entry<String, Boolean> key : SAME_BYTES.entrySet()) {
            if (key.getValue()) {
                assertThat(ours.command("DUMP", key.getKey()).readReply()).as(key.getKey())
                        .isEqualTo(redis.command("DUMP", key.getKey()).readReply());
            }
        }
    }

    @Test
    void withoutCompressionBothDumpTheSameBytesToo() {
        for (WireClient c : List.of(ours, redis)) {
            c.command("CONFIG", "SET", "rdbcompression", "no").readReply();
        }
        try {
            for (String key : List.of("str:lzf", "list:nodes", "zset:big")) {
                assertThat(ours.command("DUMP", key).readReply()).as(key)
                        .isEqualTo(redis.command("DUMP", key).readReply());
            }
        } finally {
            for (WireClient c : List.of(ours, redis)) {
                c.command("CONFIG", "SET", "rdbcompression", "yes").readReply();
            }
        }
    }

    @Test
    void aSmallPackedThresholdMakesLargeElementsPlainNodesOnBothServers() {
        for (WireClient c : List.of(ours, redis)) {
            c.command("DEBUG", "QUICKLIST-PACKED-THRESHOLD", "100").readReply();
            c.command("RPUSH", "list:plain", "a", "x".repeat(200), "b").readReply();
        }
        try {
            assertThat(ours.command("DUMP", "list:plain").readReply())
                    .isEqualTo(redis.command("DUMP", "list:plain").readReply());
        } finally {
            for (WireClient c : List.of(ours, redis)) {
                c.command("DEBUG", "QUICKLIST-PACKED-THRESHOLD", "0").readReply();
            }
        }
    }

    private static Object digest(WireClient c, String key) {
        return c.command("DEBUG", "DIGEST-VALUE", key).readArray().get(0);
    }
}
