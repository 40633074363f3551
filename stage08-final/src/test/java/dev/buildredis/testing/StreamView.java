// @step 19
package dev.buildredis.testing;

//> step 20
import dev.buildredis.store.PendingEntry;
import dev.buildredis.store.StreamConsumer;
//< step 20
import dev.buildredis.store.StreamEntry;
//> step 20
import dev.buildredis.store.StreamGroup;
//< step 20
import dev.buildredis.store.StreamId;
import dev.buildredis.store.StreamValue;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
//> step 20
import java.util.Map;
//< step 20

/**
 * Everything a stream holds, as {@code XINFO STREAM key FULL COUNT 0} shows it (entries, counters, the radix tree's
//> step 19-19
//~ * size, an empty list of groups), in plain nested lists of strings and numbers: read over the wire from
//< step 19-19
//> step 20
 * size, groups with their PELs and consumers), in plain nested lists of strings and numbers: read over the wire from
//< step 20
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
        //> step 20
        List<Object> groups = new ArrayList<>();
        for (StreamGroup group : stream.groups()) {
            groups.add(group(stream, group));
        }
        //< step 20
        view.add("groups");
        //> step 20
        view.add(groups);
        //< step 20
        //> step 19-19
//~        view.add(List.of()); // no consumer groups
        //< step 19-19
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

    //> step 20
    private static List<Object> group(StreamValue stream, StreamGroup group) {
        List<Object> pel = new ArrayList<>();
        for (Map.Entry<StreamId, PendingEntry> pending : group.pending().entrySet()) {
            pel.add(List.of(pending.getKey().toString(), text(pending.getValue().consumer().name()),
                    pending.getValue().deliveryTime, pending.getValue().deliveryCount));
        }
        List<Object> consumers = new ArrayList<>();
        for (StreamConsumer consumer : group.consumers()) {
            List<Object> own = new ArrayList<>();
            consumer.pending().forEach((id, pending) -> own.add(List.of(id.toString(), pending.deliveryTime,
                    pending.deliveryCount)));
            consumers.add(List.of("name", text(consumer.name()), "seen-time", consumer.seenTime,
                    "pel-count", (long) consumer.pending().size(), "pending", own));
        }
        List<Object> view = new ArrayList<>();
        view.add("name");
        view.add(text(group.name()));
        view.add("last-delivered-id");
        view.add(group.lastId().toString());
        view.add("entries-read");
        view.add(group.entriesRead() == StreamGroup.UNKNOWN_ENTRIES_READ ? null : group.entriesRead());
        view.add("lag");
        view.add(stream.lag(group));
        view.add("pel-count");
        view.add((long) group.pending().size());
        view.add("pending");
        view.add(pel);
        view.add("consumers");
        view.add(consumers);
        return view;
    }
    //< step 20

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
    //> step 20

    /**
     * The view without the consumers' seen-times: when a server last saw a consumer is not data a replay can give
     * back (Redis propagates no seen-time), so a comparison across an AOF replay leaves it out.
     */
    @SuppressWarnings("unchecked")
    public static List<Object> withoutSeenTimes(List<Object> view) {
        List<Object> copy = new ArrayList<>(view);
        List<Object> groups = new ArrayList<>();
        for (Object group : (List<Object>) copy.get(copy.indexOf("groups") + 1)) {
            List<Object> g = new ArrayList<>((List<Object>) group);
            List<Object> consumers = new ArrayList<>();
            for (Object consumer : (List<Object>) g.get(g.indexOf("consumers") + 1)) {
                List<Object> c = new ArrayList<>((List<Object>) consumer);
                c.set(c.indexOf("seen-time") + 1, "?");
                consumers.add(c);
            }
            g.set(g.indexOf("consumers") + 1, consumers);
            groups.add(g);
        }
        copy.set(copy.indexOf("groups") + 1, groups);
        return copy;
    }
    //< step 20
}
