package dev.buildredis.streams;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Lookup;
import dev.buildredis.store.PendingEntry;
import dev.buildredis.store.StreamConsumer;
import dev.buildredis.store.StreamEntry;
import dev.buildredis.store.StreamGroup;
import dev.buildredis.store.StreamId;
import dev.buildredis.store.StreamValue;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * XINFO: what a stream, its groups and their consumers hold, as maps (a flat array of names and values in RESP2),
 * with Redis 7.0's fields:
 * <pre>
 * XINFO STREAM s        length, radix-tree-keys, radix-tree-nodes, last-generated-id, max-deleted-entry-id,
 *                       entries-added, recorded-first-entry-id, groups, first-entry, last-entry
 * XINFO STREAM s FULL [COUNT n]   ... entries (n, default 10, 0: all), groups with their PEL and consumers
 * XINFO GROUPS s        per group: name, consumers, pending, last-delivered-id, entries-read, lag
 * XINFO CONSUMERS s g   per consumer: name, pending, idle
 * </pre>
 */
final class StreamInfo {

    /** XINFO STREAM FULL shows this many entries, and of each PEL, unless COUNT says otherwise. */
    private static final long DEFAULT_FULL_COUNT = 10;

    private StreamInfo() {
    }

    static Command command() {
        return Command.container("xinfo", -2, List.of(
                Command.of("xinfo|consumers", 4, "readonly", 2, 2, 1, StreamInfo::consumers),
                Command.of("xinfo|groups", 3, "readonly", 2, 2, 1, StreamInfo::groups),
                Command.of("xinfo|stream", -3, "readonly", 2, 2, 1, StreamInfo::stream),
                Command.of("xinfo|help", 2, "loading stale", 0, 0, 0, (c, a) -> Command.help(c, "XINFO",
                        "CONSUMERS <key> <groupname>",
                        "    Show consumers of <groupname>.",
                        "GROUPS <key>",
                        "    Show the stream consumer groups.",
                        "STREAM <key> [FULL [COUNT <count>]",
                        "    Show information about the stream."))));
    }

    /** Redis's reply to a subcommand it does not know or whose arguments do not fit (XINFO's, XGROUP's). */
    static CommandError subcommandSyntax(List<byte[]> a) {
        String given = StreamIds.text(a.get(1));
        return new CommandError("ERR unknown subcommand or wrong number of arguments for '"
                + given.substring(0, Math.min(given.length(), 128)) + "'. Try "
                + StreamIds.text(a.get(0)).toUpperCase(Locale.ROOT) + " HELP.");
    }

    private static StreamValue lookup(Client c, byte[] key) {
        StreamValue stream = Lookup.stream(c.db(), Args.key(key));
        if (stream == null) {
            throw new CommandError(CommandError.NO_SUCH_KEY);
        }
        return stream;
    }

    private static void consumers(Client c, List<byte[]> a) {
        StreamValue stream = lookup(c, a.get(2));
        StreamGroup group = stream.group(a.get(3));
        if (group == null) {
            throw new CommandError("NOGROUP No such consumer group '" + StreamIds.text(a.get(3)) + "' for key name '"
                    + StreamIds.text(a.get(2)) + "'");
        }
        long now = c.db().now();
        c.reply.arrayHeader(group.consumerCount());
        for (StreamConsumer consumer : group.consumers()) {
            c.reply.mapHeader(3);
            c.reply.bulk("name");
            c.reply.bulk(consumer.name());
            c.reply.bulk("pending");
            c.reply.integer(consumer.pending().size());
            c.reply.bulk("idle");
            c.reply.integer(Math.max(0, now - consumer.seenTime));
        }
    }

    private static void groups(Client c, List<byte[]> a) {
        StreamValue stream = lookup(c, a.get(2));
        c.reply.arrayHeader(stream.groupCount());
        for (StreamGroup group : stream.groups()) {
            c.reply.mapHeader(6);
            c.reply.bulk("name");
            c.reply.bulk(group.name());
            c.reply.bulk("consumers");
            c.reply.integer(group.consumerCount());
            c.reply.bulk("pending");
            c.reply.integer(group.pending().size());
            c.reply.bulk("last-delivered-id");
            StreamReplies.id(c, group.lastId());
            readCounters(c, stream, group);
        }
    }

    /** entries-read (null when unknown) and lag (null when it cannot be computed). */
    private static void readCounters(Client c, StreamValue stream, StreamGroup group) {
        c.reply.bulk("entries-read");
        if (group.entriesRead() == StreamGroup.UNKNOWN_ENTRIES_READ) {
            c.reply.nullBulk();
        } else {
            c.reply.integer(group.entriesRead());
        }
        c.reply.bulk("lag");
        Long lag = stream.lag(group);
        if (lag == null) {
            c.reply.nullBulk();
        } else {
            c.reply.integer(lag);
        }
    }

    private static void stream(Client c, List<byte[]> a) {
        StreamValue stream = lookup(c, a.get(2));
        boolean full = a.size() > 3;
        long count = DEFAULT_FULL_COUNT;
        if (full) {
            if (a.size() != 4 && a.size() != 6 || !StreamIds.is(a.get(3), "FULL")
                    || a.size() == 6 && !StreamIds.is(a.get(4), "COUNT")) {
                throw subcommandSyntax(a);
            }
            if (a.size() == 6) {
                count = Args.integer(a.get(5));
                if (count < 0) {
                    count = DEFAULT_FULL_COUNT;
                }
            }
        }
        c.reply.mapHeader(full ? 9 : 10);
        c.reply.bulk("length");
        c.reply.integer(stream.length());
        c.reply.bulk("radix-tree-keys");
        c.reply.integer(stream.nodeCount());
        c.reply.bulk("radix-tree-nodes");
        c.reply.integer(stream.radixTreeNodes());
        c.reply.bulk("last-generated-id");
        StreamReplies.id(c, stream.lastId());
        c.reply.bulk("max-deleted-entry-id");
        StreamReplies.id(c, stream.maxDeletedId());
        c.reply.bulk("entries-added");
        c.reply.integer(stream.entriesAdded());
        c.reply.bulk("recorded-first-entry-id");
        StreamReplies.id(c, stream.firstId());
        if (!full) {
            c.reply.bulk("groups");
            c.reply.integer(stream.groupCount());
            c.reply.bulk("first-entry");
            entryOrNull(c, stream.first());
            c.reply.bulk("last-entry");
            entryOrNull(c, stream.last());
            return;
        }
        c.reply.bulk("entries");
        StreamReplies.entries(c, StreamReplies.take(stream.range(StreamId.MIN, StreamId.MAX, false), count));
        c.reply.bulk("groups");
        c.reply.arrayHeader(stream.groupCount());
        for (StreamGroup group : stream.groups()) {
            fullGroup(c, stream, group, count);
        }
    }

    private static void entryOrNull(Client c, StreamEntry entry) {
        if (entry == null) {
            c.reply.nullBulk();
        } else {
            StreamReplies.entry(c, entry);
        }
    }

    private static void fullGroup(Client c, StreamValue stream, StreamGroup group, long count) {
        c.reply.mapHeader(7);
        c.reply.bulk("name");
        c.reply.bulk(group.name());
        c.reply.bulk("last-delivered-id");
        StreamReplies.id(c, group.lastId());
        readCounters(c, stream, group);
        c.reply.bulk("pel-count");
        c.reply.integer(group.pending().size());
        c.reply.bulk("pending");
        List<Map.Entry<StreamId, PendingEntry>> pel = limit(group.pending(), count);
        c.reply.arrayHeader(pel.size());
        for (Map.Entry<StreamId, PendingEntry> entry : pel) {
            c.reply.arrayHeader(4);
            StreamReplies.id(c, entry.getKey());
            c.reply.bulk(entry.getValue().consumer().name());
            c.reply.integer(entry.getValue().deliveryTime);
            c.reply.integer(entry.getValue().deliveryCount);
        }
        c.reply.bulk("consumers");
        c.reply.arrayHeader(group.consumerCount());
        for (StreamConsumer consumer : group.consumers()) {
            c.reply.mapHeader(4);
            c.reply.bulk("name");
            c.reply.bulk(consumer.name());
            c.reply.bulk("seen-time");
            c.reply.integer(consumer.seenTime);
            c.reply.bulk("pel-count");
            c.reply.integer(consumer.pending().size());
            c.reply.bulk("pending");
            List<Map.Entry<StreamId, PendingEntry>> own = limit(consumer.pending(), count);
            c.reply.arrayHeader(own.size());
            for (Map.Entry<StreamId, PendingEntry> entry : own) {
                c.reply.arrayHeader(3);
                StreamReplies.id(c, entry.getKey());
                c.reply.integer(entry.getValue().deliveryTime);
                c.reply.integer(entry.getValue().deliveryCount);
            }
        }
    }

    /** The first {@code count} entries of a PEL (0: all). */
    private static List<Map.Entry<StreamId, PendingEntry>> limit(Map<StreamId, PendingEntry> pel, long count) {
        return pel.entrySet().stream().limit(count == 0 ? Long.MAX_VALUE : count).toList();
    }
}
