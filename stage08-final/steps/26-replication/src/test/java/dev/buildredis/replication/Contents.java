package dev.buildredis.replication;

import dev.buildredis.testing.StreamView;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.Tuple;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything a server holds, as {@code testing.DataSet} reads it (every key of every database with its type,
 * contents and deadline; a stream with its groups, consumers and pending entries, without the consumers'
 * seen-times), read in pipelines: a data set of tens of thousands of keys is compared in a few round
 * trips rather than one per key. With {@link #differences}, what differs between two servers, and only that.
 */
final class Contents {

    private Contents() {
    }

    static Map<Integer, Map<String, String>> of(Jedis jedis) {
        Map<Integer, Map<String, String>> all = new TreeMap<>();
        for (int db = 0; db < 16; db++) {
            jedis.select(db);
            List<byte[]> keys = new ArrayList<>(jedis.keys("*".getBytes(StandardCharsets.ISO_8859_1)));
            Pipeline types = jedis.pipelined();
            List<Response<String>> type = new ArrayList<>();
            for (byte[] key : keys) {
                type.add(types.type(key));
            }
            types.sync();
            Pipeline reads = jedis.pipelined();
            List<Response<?>> contents = new ArrayList<>();
            List<Response<Long>> deadlines = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                byte[] key = keys.get(i);
                contents.add(switch (type.get(i).get()) {
                    case "string" -> reads.get(key);
                    case "list" -> reads.lrange(key, 0, -1);
                    case "hash" -> reads.hgetAll(key);
                    case "set" -> reads.smembers(key);
                    case "zset" -> reads.zrangeWithScores(key, 0, -1);
                    default -> reads.type(key);
                });
                deadlines.add(reads.pexpireTime(key));
            }
            reads.sync();
            Map<String, String> described = new TreeMap<>();
            for (int i = 0; i < keys.size(); i++) {
                String value = "stream".equals(type.get(i).get())
                        ? stream(jedis, keys.get(i))
                        : describe(contents.get(i).get());
                described.put(text(keys.get(i)), type.get(i).get() + " " + value + " @" + deadlines.get(i).get());
            }
            if (!described.isEmpty()) {
                all.put(db, described);
            }
        }
        jedis.select(0);
        return all;
    }

    /**
     * A stream as XINFO STREAM FULL shows it, one key at a time, without what replication does not carry: the
     * consumers' seen-times, and each group's entries-read and lag. Redis 7.0 sends a group read as XCLAIM ... LASTID
     * and no XGROUP SETID ... ENTRIESREAD, so a redis-server replica of a redis-server shows entries-read as nil.
     */
    @SuppressWarnings("unchecked")
    private static String stream(Jedis jedis, byte[] key) {
        List<Object> view;
        try {
            view = StreamView.withoutSeenTimes(StreamView.of(jedis, key));
        } catch (JedisDataException noSuchKey) {
            return "gone"; // since KEYS (evicted, or deleted by the master's stream): the caller reads again
        }
        for (Object group : (List<Object>) view.get(view.indexOf("groups") + 1)) {
            List<Object> g = (List<Object>) group;
            g.set(g.indexOf("entries-read") + 1, "?");
            g.set(g.indexOf("lag") + 1, "?");
        }
        return view.toString();
    }

    @SuppressWarnings("unchecked")
    private static String describe(Object value) {
        if (value instanceof byte[] bytes) {
            return text(bytes);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, String> fields = new TreeMap<>();
            ((Map<byte[], byte[]>) map).forEach((f, v) -> fields.put(text(f), text(v)));
            return fields.toString();
        }
        if (value instanceof Set<?> set) {
            Set<String> members = new TreeSet<>();
            ((Set<byte[]>) set).forEach(m -> members.add(text(m)));
            return members.toString();
        }
        if (value instanceof List<?> list) {
            List<String> elements = new ArrayList<>();
            for (Object element : list) {
                elements.add(element instanceof Tuple t ? text(t.getBinaryElement()) + "=" + t.getScore()
                        : text((byte[]) element));
            }
            return elements.toString();
        }
        return String.valueOf(value);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The keys that differ between two data sets, "db key: left | right", at most {@code limit} of them. */
    static List<String> differences(Map<Integer, Map<String, String>> left, Map<Integer, Map<String, String>> right,
                                    int limit) {
        List<String> found = new ArrayList<>();
        for (int db = 0; db < 16 && found.size() < limit; db++) {
            Map<String, String> l = left.getOrDefault(db, Map.of());
            Map<String, String> r = right.getOrDefault(db, Map.of());
            Set<String> keys = new TreeSet<>(l.keySet());
            keys.addAll(r.keySet());
            for (String key : keys) {
                if (!java.util.Objects.equals(l.get(key), r.get(key)) && found.size() < limit) {
                    found.add("db" + db + " " + key + ": " + l.get(key) + " | " + r.get(key));
                }
            }
        }
        return found;
    }
}
