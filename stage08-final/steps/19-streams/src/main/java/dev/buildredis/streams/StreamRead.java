package dev.buildredis.streams;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Blocking;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Lookup;
import dev.buildredis.store.Database;
import dev.buildredis.store.Key;
import dev.buildredis.store.StreamEntry;
import dev.buildredis.store.StreamId;
import dev.buildredis.store.StreamValue;
import dev.buildredis.store.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * XREAD: the entries after an ID in one or more streams, or, with BLOCK, a wait for the next ones.
 * <pre>
 * XREAD COUNT 2 STREAMS s1 s2 0 $         entries after 0 in s1, after its last ID now in s2 (none yet)
 *   *1 of *2 [$2 s1, entries]             RESP3: %1 s1 → entries; only the streams that have some
 *   *-1                                   none anywhere (RESP3 _), or BLOCK's timeout
 * </pre>
 * A blocked reader is served when an XADD appends to one of its streams (see {@link Blocking}). XREAD changes
 * nothing, so nothing of it goes to the AOF.
 */
final class StreamRead {

    private StreamRead() {
    }

    static List<Command> commands() {
        return List.of(Command.of("xread", -4, "readonly blocking movablekeys", 0, 0, 0, StreamRead::read));
    }

    private static void read(Client c, List<byte[]> a) {
        long deadline = -1; // no BLOCK
        long count = 0;
        int streams = 0;
        for (int i = 1; i < a.size(); i++) {
            int more = a.size() - i - 1;
            byte[] option = a.get(i);
            if (StreamIds.is(option, "BLOCK") && more > 0) {
                deadline = Blocking.deadlineMillis(c, a.get(++i));
            } else if (StreamIds.is(option, "COUNT") && more > 0) {
                count = Math.max(0, Args.integer(a.get(++i)));
            } else if (StreamIds.is(option, "STREAMS") && more > 0) {
                streams = i + 1;
                if ((a.size() - streams) % 2 != 0) {
                    throw new CommandError("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' "
                            + "must be specified.");
                }
                break;
            } else {
                throw CommandError.syntax();
            }
        }
        if (streams == 0) {
            throw CommandError.syntax();
        }
        int keys = (a.size() - streams) / 2;
        List<Key> names = new ArrayList<>();
        List<StreamId> after = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            Key key = Args.key(a.get(streams + i));
            names.add(key);
            after.add(startingPoint(c, key, a.get(streams + keys + i)));
        }
        List<Served> served = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            Served one = serveNow(c.db(), names.get(i), after.get(i), count);
            if (one != null) {
                served.add(one);
            }
        }
        if (!served.isEmpty()) {
            reply(c, served);
        } else if (deadline == -1 || c.denyBlocking) {
            c.reply.nullArray(); // no BLOCK, or inside MULTI: as if the wait had timed out
        } else {
            block(c, names, after, count, deadline);
        }
    }

    /** Where reading starts in one stream (exclusive): the ID given, or {@code $}, the stream's last ID now. */
    private static StreamId startingPoint(Client c, Key key, byte[] arg) {
        StreamValue stream = Lookup.stream(c.db(), key); // the key's type is checked first, as in Redis
        String text = StreamIds.text(arg);
        if (text.equals("$")) {
            return stream == null ? StreamId.MIN : stream.lastId();
        }
        return StreamIds.strict(arg);
    }

    /** What a blocked reader waits for on one key: entries after {@code after}, in a stream XADD has appended to. */
    private record Target(StreamId after, Value stream, long appends) {
    }

    // tag::block[]
    private static void block(Client c, List<Key> keys, List<StreamId> after, long count, long deadline) {
        Database db = c.db();
        Map<Key, Target> targets = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            Value value = db.peek(keys.get(i));
            long appends = value instanceof StreamValue stream ? stream.appends() : -1;
            targets.putIfAbsent(keys.get(i), new Target(after.get(i), value, appends)); // a repeated key: its first ID
        }
        c.engine.blocking.block(new Blocking.Wait(c, db, List.copyOf(targets.keySet()), deadline,
                key -> serveBlocked(c, db, key, targets.get(key), count),
                c.reply::nullArray, true));
    }

    /**
     * Tries to serve a blocked reader after a change to {@code key}, as Redis's serveClientsBlockedOnStreamKey: a
     * reader is served once an XADD (or a new stream at the key) has put an ID after its own, with the entries after
     * it.
     */
    private static boolean serveBlocked(Client c, Database db, Key key, Target target, long count) {
        if (!(db.peek(key) instanceof StreamValue stream)) {
            return false;
        }
        if (stream == target.stream() && stream.appends() == target.appends()) {
            return false; // not an XADD: Redis would not look at this key
        }
        StreamId after = target.after();
        if (!stream.lastId().isAfter(after)) {
            return false;
        }
        reply(c, List.of(serve(key, stream, after, count)));
        return true;
    }
    // end::block[]

    /** What one stream gave: its key and its entries. */
    private record Served(Key key, List<StreamEntry> entries) {
    }

    /** The entries of one stream after {@code after} if its last entry is after it, else {@code null}. */
    private static Served serveNow(Database db, Key key, StreamId after, long count) {
        StreamValue stream = Lookup.stream(db, key);
        StreamEntry last = stream == null ? null : stream.last();
        return last != null && last.id().isAfter(after) ? serve(key, stream, after, count) : null;
    }

    /** The entries after {@code after}, at most {@code count} (0: all). */
    private static Served serve(Key key, StreamValue stream, StreamId after, long count) {
        StreamId start = after.next() == null ? StreamId.MIN : after.next(); // Redis's increment wraps
        return new Served(key, StreamReplies.take(stream.range(start, StreamId.MAX, false), count));
    }

    /** The reply: per stream, its key and its entries; an array of [key, entries] pairs in RESP2, a map in RESP3. */
    private static void reply(Client c, List<Served> served) {
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
            StreamReplies.entries(c, one.entries());
        }
    }
}
