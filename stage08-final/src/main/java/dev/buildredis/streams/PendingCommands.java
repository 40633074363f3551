// @step 20
package dev.buildredis.streams;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Lookup;
import dev.buildredis.store.Key;
import dev.buildredis.store.PendingEntry;
import dev.buildredis.store.StreamConsumer;
import dev.buildredis.store.StreamGroup;
import dev.buildredis.store.StreamId;
import dev.buildredis.store.StreamValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The pending entries list of a group, acknowledged and listed: XACK and XPENDING (claimed in {@link ClaimCommands}).
 * <pre>
 * XACK s g 1-0 2-0                      :2      entries no longer pending
 * XPENDING s g                          *4 [count, first ID, last ID, *n of [consumer, $count]]
 * XPENDING s g IDLE 1000 - + 10 alice   *n of *4 [ID, consumer, idle ms, deliveries]
 * </pre>
 */
final class PendingCommands {

    private PendingCommands() {
    }

    static List<Command> commands() {
        return List.of(
                Command.of("xack", -4, "write fast", 1, 1, 1, PendingCommands::xack),
                Command.of("xpending", -3, "readonly", 1, 1, 1, PendingCommands::xpending));
    }


    /** The stream and group a command names, or Redis's NOGROUP error. */
    static StreamGroup group(StreamValue stream, byte[] key, byte[] name) {
        StreamGroup group = stream == null ? null : stream.group(name);
        if (group == null) {
            throw new CommandError("NOGROUP No such key '" + StreamIds.text(key) + "' or consumer group '"
                    + StreamIds.text(name) + "'");
        }
        return group;
    }

    private static void xack(Client c, List<byte[]> a) {
        Key key = Args.key(a.get(1));
        StreamValue stream = Lookup.stream(c.db(), key);
        StreamGroup group = stream == null ? null : stream.group(a.get(2));
        if (group == null) {
            c.reply.integer(0);
            return;
        }
        List<StreamId> ids = new ArrayList<>();
        for (int i = 3; i < a.size(); i++) {
            ids.add(StreamIds.strict(a.get(i))); // all or nothing: every ID checked first
        }
        int acknowledged = 0;
        for (StreamId id : ids) {
            if (group.acknowledge(id)) {
                acknowledged++;
                StreamCommands.changed(c, key);
            }
        }
        c.reply.integer(acknowledged);
    }

    private static void xpending(Client c, List<byte[]> a) {
        if (a.size() != 3 && (a.size() < 6 || a.size() > 9)) {
            throw CommandError.syntax();
        }
        long minIdle = 0;
        long count = 0;
        StreamId start = null;
        StreamId end = null;
        byte[] consumerName = null;
        if (a.size() >= 6) {
            int at = 3;
            if (StreamIds.is(a.get(3), "IDLE")) {
                minIdle = Args.integer(a.get(4));
                if (a.size() < 8) {
                    throw CommandError.syntax();
                }
                at += 2;
            }
            count = Math.max(0, Args.integer(a.get(at + 2)));
            start = StreamIds.start(a.get(at));
            end = StreamIds.end(a.get(at + 1));
            if (at + 3 < a.size()) {
                consumerName = a.get(at + 3);
            }
        }
        StreamGroup group = group(Lookup.stream(c.db(), Args.key(a.get(1))), a.get(1), a.get(2));
        if (start == null) {
            summary(c, group);
            return;
        }
        NavigableMap<StreamId, PendingEntry> pel = group.pending();
        if (consumerName != null) {
            StreamConsumer consumer = group.consumer(consumerName);
            if (consumer == null) {
                c.reply.arrayHeader(0);
                return;
            }
            pel = consumer.pending();
        }
        long now = c.db().now();
        List<Map.Entry<StreamId, PendingEntry>> listed = new ArrayList<>();
        for (Map.Entry<StreamId, PendingEntry> entry : pel.tailMap(start, true).entrySet()) {
            if (count == 0 || entry.getKey().isAfter(end)) {
                break;
            }
            if (minIdle != 0 && now - entry.getValue().deliveryTime < minIdle) {
                continue;
            }
            listed.add(entry);
            count--;
        }
        c.reply.arrayHeader(listed.size());
        for (Map.Entry<StreamId, PendingEntry> entry : listed) {
            c.reply.arrayHeader(4);
            StreamReplies.id(c, entry.getKey());
            c.reply.bulk(entry.getValue().consumer().name());
            c.reply.integer(Math.max(0, now - entry.getValue().deliveryTime));
            c.reply.integer(entry.getValue().deliveryCount);
        }
    }

    /** XPENDING key group: how many, the first and last IDs, and how many each consumer has (those that have some). */
    private static void summary(Client c, StreamGroup group) {
        c.reply.arrayHeader(4);
        c.reply.integer(group.pending().size());
        if (group.pending().isEmpty()) {
            c.reply.nullBulk();
            c.reply.nullBulk();
            c.reply.nullArray();
            return;
        }
        StreamReplies.id(c, group.pending().firstKey());
        StreamReplies.id(c, group.pending().lastKey());
        List<StreamConsumer> owners = new ArrayList<>();
        for (StreamConsumer consumer : group.consumers()) {
            if (!consumer.pending().isEmpty()) {
                owners.add(consumer);
            }
        }
        c.reply.arrayHeader(owners.size());
        for (StreamConsumer consumer : owners) {
            c.reply.arrayHeader(2);
            c.reply.bulk(consumer.name());
            c.reply.bulk(Args.bytes(consumer.pending().size()));
        }
    }
}
