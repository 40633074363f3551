package dev.buildredis.streams;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Lookup;
import dev.buildredis.store.StreamEntry;
import dev.buildredis.store.StreamId;
import dev.buildredis.store.StreamValue;

import java.util.List;
import java.util.Locale;

/**
 * XINFO STREAM: what a stream holds, as a map (a flat array of names and values in RESP2), with Redis 7.0's fields;
 * {@code groups} is there as in Redis, and 0 (FULL: empty), since a stream has no consumer groups yet:
 * <pre>
 * XINFO STREAM s        length, radix-tree-keys, radix-tree-nodes, last-generated-id, max-deleted-entry-id,
 *                       entries-added, recorded-first-entry-id, groups, first-entry, last-entry
 * XINFO STREAM s FULL [COUNT n]   ... entries (n, default 10, 0: all), groups with their PEL and consumers
 * </pre>
 */
final class StreamInfo {

    /** XINFO STREAM FULL shows this many entries, and of each PEL, unless COUNT says otherwise. */
    private static final long DEFAULT_FULL_COUNT = 10;

    private StreamInfo() {
    }

    static Command command() {
        return Command.container("xinfo", -2, List.of(
                Command.of("xinfo|stream", -3, "readonly", 2, 2, 1, StreamInfo::stream),
                Command.of("xinfo|help", 2, "loading stale", 0, 0, 0, (c, a) -> Command.help(c, "XINFO",
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
            c.reply.integer(0);
            c.reply.bulk("first-entry");
            entryOrNull(c, stream.first());
            c.reply.bulk("last-entry");
            entryOrNull(c, stream.last());
            return;
        }
        c.reply.bulk("entries");
        StreamReplies.entries(c, StreamReplies.take(stream.range(StreamId.MIN, StreamId.MAX, false), count));
        c.reply.bulk("groups");
        c.reply.arrayHeader(0);
    }

    private static void entryOrNull(Client c, StreamEntry entry) {
        if (entry == null) {
            c.reply.nullBulk();
        } else {
            StreamReplies.entry(c, entry);
        }
    }
}
