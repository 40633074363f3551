package dev.buildredis.testing;

import dev.buildredis.store.HashValue;
import dev.buildredis.store.ListValue;
import dev.buildredis.store.SetValue;
import dev.buildredis.store.SkipList;
import dev.buildredis.store.SortedSetValue;
import dev.buildredis.store.StreamValue;
import dev.buildredis.store.StringValue;
import dev.buildredis.store.Value;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
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
            // as XINFO STREAM FULL shows it, without the seen-times, which an AOF replay sets anew (in Redis too)
            case "stream" -> StreamView.withoutSeenTimes(StreamView.of(jedis, key)).toString();
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
            case ListValue list -> {
                List<String> elements = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    elements.add(text(list.get(i)));
                }
                yield elements.toString();
            }
            case HashValue hash -> {
                Map<String, String> fields = new TreeMap<>();
                hash.fields().forEach((f, v) -> fields.put(text(f.bytes()), text(v)));
                yield fields.toString();
            }
            case SetValue set -> {
                Set<String> members = new TreeSet<>();
                set.members().forEach(m -> members.add(text(m.bytes())));
                yield members.toString();
            }
            case SortedSetValue zset -> {
                List<String> members = new ArrayList<>();
                for (SkipList.Node n = zset.list().first(); n != null; n = n.next()) {
                    members.add(text(n.member().bytes()) + "=" + n.score());
                }
                yield members.toString();
            }
            case StreamValue stream -> StreamView.withoutSeenTimes(StreamView.of(stream)).toString();
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
        jedis.rpush(prefix + "list", "a", "b", "c");
        jedis.hset(prefix + "hash", Map.of("f1", "v1", "f2", "v2"));
        for (int i = 0; i < 300; i++) {
            jedis.rpush(prefix + "longlist", "element-" + i);
            jedis.hset(prefix + "bighash", "field-" + i, "value-" + i);
        }
        jedis.sadd(prefix + "intset", "3", "1", "2", "-5");
        jedis.sadd(prefix + "set", "x", "y");
        jedis.zadd(prefix + "zset", Map.of("a", 1.5, "b", -2.0, "c", Double.POSITIVE_INFINITY));
        for (int i = 0; i < 300; i++) {
            jedis.sadd(prefix + "bigset", "member-" + i);
            jedis.zadd(prefix + "bigzset", i * 0.5, "m" + i);
        }
        fillStream(jedis, prefix);
        jedis.select(3);
        jedis.set(prefix + "in-db-3", "three");
        jedis.rpush(prefix + "list-db-3", Arrays.asList("p", "q").toArray(new String[0]));
        jedis.select(0);
    }

    /**
     * A stream over three nodes (250 entries, 100 a node) with tombstones, a group whose PEL two consumers share, a
     * NOACK group, and an empty stream with a group.
     */
    private static void fillStream(Jedis jedis, String prefix) {
        String stream = prefix + "stream";
        jedis.del(stream, prefix + "empty-stream"); // written afresh each time: its IDs are given, not chosen
        for (int i = 1; i <= 250; i++) {
            jedis.sendCommand(Protocol.Command.XADD, stream, i + "-" + i % 3, "field", "value-" + i, "n",
                    Integer.toString(i * 1000));
        }
        jedis.sendCommand(Protocol.Command.XADD, stream, "300-0", "other", "\0\r\nx");
        jedis.sendCommand(Protocol.Command.XDEL, stream, "2-2", "3-0", "150-0");
        jedis.sendCommand(Protocol.Command.XADD, prefix + "empty-stream", "1-0", "f", "v");
        jedis.sendCommand(Protocol.Command.XDEL, prefix + "empty-stream", "1-0"); // empty, and still a key
        jedis.sendCommand(Protocol.Command.XGROUP, "CREATE", stream, "group", "0");
        jedis.sendCommand(Protocol.Command.XREADGROUP, "GROUP", "group", "alice", "COUNT", "5", "STREAMS", stream, ">");
        jedis.sendCommand(Protocol.Command.XREADGROUP, "GROUP", "group", "bob", "COUNT", "3", "STREAMS", stream, ">");
        jedis.sendCommand(Protocol.Command.XACK, stream, "group", "1-1");
        jedis.sendCommand(Protocol.Command.XGROUP, "CREATE", stream, "noack", "100-1");
        jedis.sendCommand(Protocol.Command.XREADGROUP, "GROUP", "noack", "carol", "NOACK", "COUNT", "2", "STREAMS",
                stream, ">");
        jedis.sendCommand(Protocol.Command.XGROUP, "CREATE", prefix + "empty-stream", "group", "$");
    }
}
