// @step 20
package dev.buildredis.streams;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Lookup;
import dev.buildredis.store.Database;
import dev.buildredis.store.Key;
import dev.buildredis.store.PendingEntry;
import dev.buildredis.store.StreamConsumer;
import dev.buildredis.store.StreamEntry;
import dev.buildredis.store.StreamGroup;
import dev.buildredis.store.StreamId;
import dev.buildredis.store.StreamValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One XREAD or XREADGROUP serving its streams, at once or when it was blocked (Redis's streamReplyWithRange with a
 * group): which entries each stream gives, what that changes in the group (its last ID, read counter and PEL, the
 * consumer), and the commands that make a replica or the AOF do the same:
 * <pre>
 *   XCLAIM key group consumer 0 id TIME ms RETRYCOUNT n FORCE JUSTID LASTID id   each entry now pending
 *   XGROUP CREATECONSUMER key group consumer                                      NOACK, a new consumer
 *   XGROUP SETID key group id ENTRIESREAD n                                       NOACK: where the group is now
 * </pre>
 */
final class Delivery {

    /** An entry served, or, in a consumer's history, the ID of one deleted since it was delivered ({@code entry} null). */
    record Item(StreamId id, StreamEntry entry) {
    }

    /** What one stream gave. */
    record Served(Key key, List<Item> items) {
    }

    private final Client client;
    private final Database db;
    private final StreamRead.GroupRead group;
    private final List<List<byte[]>> propagated = new ArrayList<>();

    Delivery(Client client, Database db, StreamRead.GroupRead group) {
        this.client = client;
        this.db = db;
        this.group = group;
    }

    StreamRead.GroupRead group() {
        return group;
    }

    List<List<byte[]>> propagated() {
        return propagated;
    }

    /**
     * Serves one stream at once if it has something for the reader, else {@code null}: XREAD if its last entry is
     * after {@code after}; XREADGROUP always for a history ID, for {@code >} if its last entry is after the group's.
     */
    Served serveNow(Key key, StreamId after, long count) {
        StreamValue stream = Lookup.stream(db, key);
        if (stream == null) {
            return null;
        }
        StreamEntry last = stream.last();
        if (group == null) {
            return last != null && last.id().isAfter(after) ? serve(key, stream, after, count, false) : null;
        }
        if (!after.equals(StreamId.MAX)) {
            return serve(key, stream, after, count, true);
        }
        StreamId delivered = stream.group(group.group()).lastId();
        return last != null && last.id().isAfter(delivered) ? serve(key, stream, delivered, count, false) : null;
    }

    /** The entries after {@code after} (at most {@code count}, 0: all), or the consumer's pending ones ({@code history}). */
    Served serve(Key key, StreamValue stream, StreamId after, long count, boolean history) {
        StreamId start = after.next() == null ? StreamId.MIN : after.next(); // Redis's increment wraps
        if (group == null) {
            List<Item> items = new ArrayList<>();
            StreamReplies.take(stream.range(start, StreamId.MAX, false), count)
                    .forEach(entry -> items.add(new Item(entry.id(), entry)));
            return new Served(key, items);
        }
        StreamGroup streamGroup = stream.group(group.group());
        long now = db.now();
        StreamConsumer consumer = streamGroup.consumer(group.consumer());
        if (consumer == null) {
            consumer = streamGroup.createConsumer(group.consumer(), now);
            client.engine.dirty++; // Redis counts a consumer made as a change of its own
            //> step 23
            StreamCommands.consumerCreated(client, db, key);
            //< step 23
            if (group.noAck()) { // no XCLAIM will create it on the replica
                propagated.add(List.of(Args.bytes("XGROUP"), Args.bytes("CREATECONSUMER"), key.bytes(),
                        group.group(), group.consumer()));
            }
        }
        consumer.seenTime = now;
        List<Item> items = history ? history(stream, consumer, start, count, now)
                : deliver(key, stream, streamGroup, consumer, start, count, now);
        StreamCommands.changed(client, key);
        return new Served(key, items);
    }

    // tag::deliver[]
    /** New entries for the group: the group moves past them, and each becomes pending for the consumer (unless NOACK). */
    private List<Item> deliver(Key key, StreamValue stream, StreamGroup streamGroup, StreamConsumer consumer,
                               StreamId start, long count, long now) {
        List<Item> items = new ArrayList<>();
        boolean moved = false;
        for (StreamEntry entry : StreamReplies.take(stream.range(start, StreamId.MAX, false), count)) {
            moved |= stream.advance(streamGroup, entry.id());
            items.add(new Item(entry.id(), entry));
            if (!group.noAck()) {
                PendingEntry pending = streamGroup.deliver(entry.id(), consumer, now);
                propagated.add(ClaimCommands.claimCommand(key.bytes(), group.group(), entry.id(), pending,
                        streamGroup.lastId()));
            }
        }
        if (moved && group.noAck()) { // without XCLAIMs, the replica learns the group's position from SETID
            propagated.add(List.of(Args.bytes("XGROUP"), Args.bytes("SETID"), key.bytes(), group.group(),
                    streamGroup.lastId().text(), Args.bytes("ENTRIESREAD"), Args.bytes(streamGroup.entriesRead())));
        }
        return items;
    }
    // end::deliver[]

    /** The consumer's pending entries from {@code start}: each counts as delivered again (not propagated, as in Redis). */
    private static List<Item> history(StreamValue stream, StreamConsumer consumer, StreamId start, long count,
                                      long now) {
        List<Item> items = new ArrayList<>();
        for (Map.Entry<StreamId, PendingEntry> pending : consumer.pending().tailMap(start, true).entrySet()) {
            if (count != 0 && items.size() >= count) {
                break;
            }
            StreamEntry entry = stream.entry(pending.getKey());
            items.add(new Item(pending.getKey(), entry));
            if (entry != null) {
                pending.getValue().deliveryTime = now;
                pending.getValue().deliveryCount++;
            }
        }
        return items;
    }

    /** The reply: per stream, its key and its entries; an array of [key, entries] pairs in RESP2, a map in RESP3. */
    static void reply(Client c, List<Served> served) {
        if (c.reply.resp3()) {
            c.reply.mapHeader(served.size());
        } else {
            c.reply.arrayHeader(served.size());
        }
        for (Served one : served) {
            if (!c.reply.resp3()) {
                c.reply.arrayHeader(2);
            }
            c.reply.bulk(one.key().bytes());
            c.reply.arrayHeader(one.items().size());
            for (Item item : one.items()) {
                if (item.entry() != null) {
                    StreamReplies.entry(c, item.entry());
                } else {
                    c.reply.arrayHeader(2);
                    StreamReplies.id(c, item.id());
                    c.reply.nullArray();
                }
            }
        }
    }
}
