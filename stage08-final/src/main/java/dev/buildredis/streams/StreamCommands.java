// @step 19
package dev.buildredis.streams;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Engine;
import dev.buildredis.engine.Lookup;
import dev.buildredis.store.Database;
import dev.buildredis.store.Key;
import dev.buildredis.store.StreamId;
import dev.buildredis.store.StreamValue;

import java.util.ArrayList;
import java.util.List;

/**
 * The stream commands on entries: XADD, XRANGE, XREVRANGE, XLEN, XDEL, XTRIM and XSETID; and the family's command
//> step 19-19
//~ * table (reading in {@link StreamRead}, XINFO in {@link StreamInfo}).
//< step 19-19
//> step 20
 * table (reading in {@link StreamRead}, groups in {@link GroupCommands}, {@link PendingCommands} and
 * {@link ClaimCommands}, XINFO in
 * {@link StreamInfo}).
//< step 20
 * <pre>
 * XADD s * f v                 $15 1526919030474-0       the ID given to the new entry
 * XADD s MAXLEN ~ 1000 * f v   trimmed too, by whole nodes (see StreamValue.trim)
 * XRANGE s - + COUNT 2         *2 of *2 [ID, *2 [f, v]]  entries from - to +, at most 2
 * XLEN s                       :3
 * XDEL s 1-0 2-0               :2                        entries deleted
 * XTRIM s MAXLEN 0             :3                        entries trimmed; the empty stream stays
 * </pre>
//> step 20
 * Only XADD, XDEL, XTRIM and a stream created by XGROUP CREATE MKSTREAM touch WATCH, as in Redis 7.0; the other writes
 * only count as changes ({@link #changed}).
//< step 20
 */
public final class StreamCommands {

    private StreamCommands() {
    }

    // tag::table[]
    /** The family's commands; defines its parameters into the engine's settings. */
    public static List<Command> all(Engine engine) {
        StreamParameters.define(engine);
        List<Command> commands = new ArrayList<>(List.of(
                Command.of("xadd", -5, "write denyoom fast", 1, 1, 1, StreamCommands::xadd),
                Command.of("xrange", -4, "readonly", 1, 1, 1, (c, a) -> xrange(c, a, false)),
                Command.of("xrevrange", -4, "readonly", 1, 1, 1, (c, a) -> xrange(c, a, true)),
                Command.of("xlen", 2, "readonly fast", 1, 1, 1, StreamCommands::xlen),
                Command.of("xdel", -3, "write fast", 1, 1, 1, StreamCommands::xdel),
                Command.of("xtrim", -4, "write", 1, 1, 1, StreamCommands::xtrim),
                Command.of("xsetid", -3, "write denyoom fast", 1, 1, 1, StreamCommands::xsetid)));
        commands.addAll(StreamRead.commands());
        //> step 20
        commands.addAll(GroupCommands.commands());
        commands.addAll(PendingCommands.commands());
        commands.addAll(ClaimCommands.commands());
        //< step 20
        commands.add(StreamInfo.command());
        return commands;
    }
    // end::table[]
    //> step 20

    /**
     * A change that does not touch WATCH or wake blocked clients (XACK, XCLAIM, XGROUP...): it counts for the AOF
     * and the save points, and the stream's memory is counted again.
     */
    static void changed(Client c, Key key) {
        c.engine.dirty++;
        c.db().recount(key);
    }
    //< step 20

    //> step 23
    /** A change to a stream's groups or consumers: counted, and the keyspace event Redis publishes for it. */
    static void changed(Client c, Key key, String event) {
        changed(c, key);
        c.engine.notifyKeyspaceEvent(event, c.db(), key);
    }

    /** A consumer made by XREADGROUP, XCLAIM or XAUTOCLAIM: Redis says so, as XGROUP CREATECONSUMER would. */
    static void consumerCreated(Client c, Database db, Key key) {
        c.engine.notifyKeyspaceEvent("xgroup-createconsumer", db, key);
    }
    //< step 23

    // tag::xadd[]
    private static void xadd(Client c, List<byte[]> a) {
        TrimOptions options = TrimOptions.parse(c, a, true);
        int fields = options.idArg() + 1;
        if (a.size() - fields < 2 || (a.size() - fields) % 2 == 1) {
            throw CommandError.wrongArity("xadd");
        }
        StreamIds.Given given = options.id();
        if (given != null && given.seqGiven() && given.id().isZero()) {
            throw new CommandError("ERR The ID specified in XADD must be greater than 0-0");
        }
        byte[][] names = new byte[(a.size() - fields) / 2][];
        byte[][] values = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            names[i] = a.get(fields + 2 * i);
            values[i] = a.get(fields + 2 * i + 1);
        }
        Database db = c.db();
        Key key = Args.key(a.get(1));
        StreamValue stream = Lookup.stream(db, key);
        if (stream == null) {
            if (options.noMkStream()) {
                c.reply.nullBulk();
                return;
            }
            stream = new StreamValue(db.encodings());
            db.put(key, stream);
        }
        if (stream.lastId().equals(StreamId.MAX)) {
            throw new CommandError("ERR The stream has exhausted the last possible ID, unable to add more items");
        }
        StreamId id = newId(stream, given, db.now());
        if (StreamValue.tooLarge(names, values)) {
            throw new CommandError("ERR Elements are too large to be stored");
        }
        stream.append(id, names, values);
        StreamReplies.id(c, id);
        //> step 23
        long trimmed = options.trim() != null ? stream.trim(options.trim()) : 0;
        c.modified(key);
        if (trimmed > 0) {
            c.engine.notifyKeyspaceEvent("xtrim", c.db(), key); // after "xadd", as Redis
        }
        //< step 23
        //> step 17-22
//~        if (options.trim() != null) {
//~            stream.trim(options.trim());
//~        }
//~        c.modified(key);
        //< step 17-22
        if (given == null || !given.seqGiven() || options.trim() != null && options.trim().approximate()) {
            List<byte[]> propagated = new ArrayList<>(a); // the ID chosen here, and what ~ trimmed, made exact
            propagated.set(options.idArg(), id.text());
            options.rewriteForExactReplay(propagated, stream);
            c.engine.propagate(db, propagated);
        }
    }

    /** The ID of the new entry: the next one ({@code *}), the next of a millisecond ({@code ms-*}), or the one given. */
    private static StreamId newId(StreamValue stream, StreamIds.Given given, long now) {
        StreamId last = stream.lastId();
        StreamId id;
        if (given == null) {
            id = stream.nextId(now);
        } else if (given.seqGiven()) {
            id = given.id();
        } else if (last.ms() == given.id().ms()) {
            if (last.seq() == -1) {
                // Redis 7.0 fails here without setting errno, so XADD answers with its other error
                throw new CommandError("ERR Elements are too large to be stored");
            }
            id = new StreamId(last.ms(), last.seq() + 1);
        } else {
            id = given.id();
        }
        if (!id.isAfter(last)) {
            throw new CommandError("ERR The ID specified in XADD is equal or smaller than the target stream top item");
        }
        return id;
    }
    // end::xadd[]

    private static void xrange(Client c, List<byte[]> a, boolean reverse) {
        StreamId start = StreamIds.start(a.get(reverse ? 3 : 2));
        StreamId end = StreamIds.end(a.get(reverse ? 2 : 3));
        long count = -1; // no COUNT
        for (int j = 4; j < a.size(); j++) {
            if (StreamIds.is(a.get(j), "COUNT") && j + 1 < a.size()) {
                count = Math.max(0, Args.integer(a.get(++j)));
            } else {
                throw CommandError.syntax();
            }
        }
        StreamValue stream = Lookup.stream(c.db(), Args.key(a.get(1)));
        if (stream == null) {
            c.reply.arrayHeader(0);
        } else if (count == 0) {
            c.reply.nullArray();
        } else {
            StreamReplies.entries(c, StreamReplies.take(stream.range(start, end, reverse), Math.max(count, 0)));
        }
    }

    private static void xlen(Client c, List<byte[]> a) {
        StreamValue stream = Lookup.stream(c.db(), Args.key(a.get(1)));
        c.reply.integer(stream == null ? 0 : stream.length());
    }

    private static void xdel(Client c, List<byte[]> a) {
        Key key = Args.key(a.get(1));
        StreamValue stream = Lookup.stream(c.db(), key);
        if (stream == null) {
            c.reply.integer(0);
            return;
        }
        List<StreamId> ids = new ArrayList<>();
        for (int i = 2; i < a.size(); i++) {
            ids.add(StreamIds.strict(a.get(i))); // every ID checked before any entry goes
        }
        int deleted = stream.deleteAll(ids);
        if (deleted > 0) {
            c.modified(key);
            c.engine.dirty += deleted - 1; // Redis counts each entry as a change
        }
        c.reply.integer(deleted);
    }

    private static void xtrim(Client c, List<byte[]> a) {
        TrimOptions options = TrimOptions.parse(c, a, false);
        Key key = Args.key(a.get(1));
        StreamValue stream = Lookup.stream(c.db(), key);
        if (stream == null) {
            c.reply.integer(0);
            return;
        }
        long deleted = stream.trim(options.trim());
        if (deleted > 0) {
            c.modified(key);
            c.engine.dirty += deleted - 1;
            if (options.trim().approximate()) {
                List<byte[]> propagated = new ArrayList<>(a);
                options.rewriteForExactReplay(propagated, stream);
                c.engine.propagate(c.db(), propagated);
            }
        }
        c.reply.integer(deleted);
    }

    /** XSETID key id [ENTRIESADDED n] [MAXDELETEDID id]: the stream's last ID and counters, as a replica needs them. */
    private static void xsetid(Client c, List<byte[]> a) {
        StreamId id = StreamIds.strict(a.get(2));
        long entriesAdded = -1;
        StreamId maxDeleted = StreamId.MIN;
        for (int i = 3; i < a.size(); i++) {
            boolean more = i + 1 < a.size();
            if (StreamIds.is(a.get(i), "ENTRIESADDED") && more) {
                entriesAdded = Args.integer(a.get(++i));
                if (entriesAdded < 0) {
                    throw new CommandError("ERR entries_added must be positive");
                }
            } else if (StreamIds.is(a.get(i), "MAXDELETEDID") && more) {
                maxDeleted = StreamIds.strict(a.get(++i));
                if (id.isBefore(maxDeleted)) {
                    throw new CommandError(
                            "ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id");
                }
            } else {
                throw CommandError.syntax();
            }
        }
        Key key = Args.key(a.get(1));
        StreamValue stream = Lookup.stream(c.db(), key);
        if (stream == null) {
            throw new CommandError(CommandError.NO_SUCH_KEY);
        }
        if (stream.length() > 0) {
            if (id.isBefore(stream.last().id())) {
                throw new CommandError("ERR The ID specified in XSETID is smaller than the target stream top item");
            }
            if (entriesAdded != -1 && stream.length() > entriesAdded) {
                throw new CommandError(
                        "ERR The entries_added specified in XSETID is smaller than the target stream length");
            }
        }
        stream.setLastId(id, entriesAdded != -1 ? entriesAdded : stream.entriesAdded(),
                maxDeleted.isZero() ? stream.maxDeletedId() : maxDeleted);
        c.reply.ok();
        c.modified(key); // after the reply, as Redis: a WATCH on the stream fires, and "xsetid" is published
    }
}
