package dev.buildredis.testing;

import dev.buildredis.store.StreamEntry;
import dev.buildredis.store.StreamId;
import dev.buildredis.store.StreamValue;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a stream holds, as {@code XINFO STREAM key FULL COUNT 0} shows it (entries, counters, the radix tree's
 * size, an empty list of groups), in plain nested lists of strings and numbers: read over the wire from
 * any server ({@link #of(Jedis, byte[])}), or made from a value in memory ({@link #of(StreamValue)}), so that a file
 * read here and the same file loaded by redis-server compare directly.
 */
public final class StreamView {

    private StreamView() {
    }

    /** The stream at {@code key}, from the server's XINFO STREAM FULL COUNT 0. */
    public static List<Object> of(Jedis jedis, byte[] key) {
        Object reply = jedis.sendCommand(Protocol.Command.XINFO, "STREAM".getBytes(StandardCharsets.US_ASCII), key,
                "FULL".getBytes(StandardCharsets.US_ASCII), "COUNT".getBytes(StandardCharsets.US_ASCII),
                "0".getBytes(StandardCharsets.US_ASCII));
        @SuppressWarnings("unchecked")
        List<Object> plain = (List<Object>) plain(reply);
        return plain;
    }

    private static Object plain(Object reply) {
        if (reply instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        if (reply instanceof List<?> list) {
            List<Object> items = new ArrayList<>();
            list.forEach(item -> items.add(plain(item)));
            return items;
        }
        return reply; // Long, or null
    }

    /** The same view of a value in memory. */
    public static List<Object> of(StreamValue stream) {
        List<Object> view = new ArrayList<>(List.of(
                "length", stream.length(),
                "radix-tree-keys", (long) stream.nodeCount(),
                "radix-tree-nodes", stream.radixTreeNodes(),
                "last-generated-id", stream.lastId().toString(),
                "max-deleted-entry-id", stream.maxDeletedId().toString(),
                "entries-added", stream.entriesAdded(),
                "recorded-first-entry-id", stream.firstId().toString()));
        List<Object> entries = new ArrayList<>();
        stream.range(StreamId.MIN, StreamId.MAX, false).forEachRemaining(entry -> entries.add(entry(entry)));
        view.add("entries");
        view.add(entries);
        view.add("groups");
        view.add(List.of()); // no consumer groups
        return view;
    }

    private static List<Object> entry(StreamEntry entry) {
        List<Object> pairs = new ArrayList<>();
        for (int i = 0; i < entry.fieldCount(); i++) {
            pairs.add(text(entry.field(i)));
            pairs.add(text(entry.value(i)));
        }
        return List.of(entry.id().toString(), pairs);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
