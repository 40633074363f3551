package dev.buildredis.testing;

import dev.buildredis.store.StringValue;
import dev.buildredis.store.Value;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.Tuple;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything a server holds, read over the wire into plain text that compares and prints well: for every database,
 * every key with its type, its contents and its deadline. Works against this server and real Redis alike, so that
 * "the same data" means the same thing for both.
 */
public final class DataSet {

    private DataSet() {
    }

    /** db → key → "type contents @deadline" (hash fields and set members sorted; lists and zsets in order). */
    public static Map<Integer, Map<String, String>> of(Jedis jedis) {
        Map<Integer, Map<String, String>> all = new TreeMap<>();
        for (int db = 0; db < 16; db++) {
            jedis.select(db);
            Map<String, String> keys = new TreeMap<>();
            for (byte[] key : jedis.keys("*".getBytes(StandardCharsets.ISO_8859_1))) {
                keys.put(text(key), describe(jedis, key));
            }
            if (!keys.isEmpty()) {
                all.put(db, keys);
            }
        }
        jedis.select(0);
        return all;
    }

    private static String describe(Jedis jedis, byte[] key) {
        String type = jedis.type(key);
        String contents = switch (type) {
            case "string" -> text(jedis.get(key));
            case "list" -> texts(jedis.lrange(key, 0, -1)).toString();
            case "hash" -> {
                Map<String, String> fields = new TreeMap<>();
                jedis.hgetAll(key).forEach((f, v) -> fields.put(text(f), text(v)));
                yield fields.toString();
            }
            case "set" -> {
                Set<String> members = new TreeSet<>();
                jedis.smembers(key).forEach(m -> members.add(text(m)));
                yield members.toString();
            }
            case "zset" -> {
                List<String> members = new ArrayList<>();
                for (Tuple t : jedis.zrangeWithScores(key, 0, -1)) {
                    members.add(text(t.getBinaryElement()) + "=" + t.getScore());
                }
                yield members.toString();
            }
            default -> "?";
        };
        return type + " " + contents + " @" + jedis.pexpireTime(key);
    }

    /**
     * A value held in memory (by a test, or read from a file) in the form {@link #of} gives a key read over the wire,
     * so that what a file holds and what a server answers compare directly.
     */
    public static String describe(Value value, long expireAtMillis) {
        String contents = switch (value) {
            case StringValue string -> text(string.bytes());
        };
        return value.typeName() + " " + contents + " @" + expireAtMillis;
    }

    private static List<String> texts(List<byte[]> values) {
        return values.stream().map(DataSet::text).toList();
    }

    /** The bytes as ISO-8859-1 text, one char a byte, so that binary values compare exactly. */
    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes a bit of everything: every type in small and large sizes, binary keys and values, integers, TTLs,
     * several databases.
     */
    public static void fill(Jedis jedis, String prefix) {
        byte[] binary = {0, '\r', '\n', (byte) 0xff, 'x'};
        jedis.select(0);
        jedis.set((prefix + "str").getBytes(StandardCharsets.ISO_8859_1), binary);
        jedis.set(prefix + "int", "-9223372036854775808");
        jedis.set(prefix + "empty", "");
        jedis.set(prefix + "big", "abc".repeat(30_000));
        jedis.set(prefix + "ttl", "v");
        jedis.pexpireAt(prefix + "ttl", System.currentTimeMillis() + 3_600_000);
        jedis.select(3);
        jedis.set(prefix + "in-db-3", "three");
        jedis.select(0);
    }
}
