// @step 19
package dev.buildredis.streams;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Blocking;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Lookup;
import dev.buildredis.store.Database;
import dev.buildredis.store.Key;
//> step 19-19
//~import dev.buildredis.store.StreamEntry;
//< step 19-19
//> step 20
import dev.buildredis.store.StreamGroup;
//< step 20
import dev.buildredis.store.StreamId;
import dev.buildredis.store.StreamValue;
import dev.buildredis.store.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
//> step 19-19
//~ * XREAD: the entries after an ID in one or more streams, or, with BLOCK, a wait for the next ones.
//< step 19-19
//> step 20
 * XREAD and XREADGROUP: the entries after an ID in one or more streams, or, with BLOCK, a wait for the next ones.
//< step 20
 * <pre>
 * XREAD COUNT 2 STREAMS s1 s2 0 $         entries after 0 in s1, after its last ID now in s2 (none yet)
 *   *1 of *2 [$2 s1, entries]             RESP3: %1 s1 → entries; only the streams that have some
 *   *-1                                   none anywhere (RESP3 _), or BLOCK's timeout
//> step 20
 * XREADGROUP GROUP g alice STREAMS s >    entries the group has not had yet: now pending for alice
 * XREADGROUP GROUP g alice STREAMS s 0    alice's pending entries (history): [ID, *-1] for one deleted since
//< step 20
 * </pre>
//> step 19-19
//~ * A blocked reader is served when an XADD appends to one of its streams (see {@link Blocking}). XREAD changes
//~ * nothing, so nothing of it goes to the AOF.
//< step 19-19
//> step 20
 * A blocked reader is served when an XADD appends to one of its streams (see {@link Blocking}); a blocked
 * XREADGROUP whose stream or group disappears gets an error. What XREADGROUP delivers goes to the AOF as the XCLAIMs
 * that recreate its pending entries, never as itself.
//< step 20
 */
final class StreamRead {

    private StreamRead() {
    }

    static List<Command> commands() {
        //> step 20
        return List.of(
                Command.of("xread", -4, "readonly blocking movablekeys", 0, 0, 0, (c, a) -> read(c, a, false)),
                Command.of("xreadgroup", -7, "write blocking movablekeys", 0, 0, 0, (c, a) -> read(c, a, true)));
        //< step 20
        //> step 19-19
//~        return List.of(Command.of("xread", -4, "readonly blocking movablekeys", 0, 0, 0, StreamRead::read));
        //< step 19-19
    }
    //> step 20

    /** A group read: its group and consumer names, and NOACK. */
    record GroupRead(byte[] group, byte[] consumer, boolean noAck) {
    }
    //< step 20

    //> step 20
    private static void read(Client c, List<byte[]> a, boolean withGroup) {
    //< step 20
    //> step 19-19
//~    private static void read(Client c, List<byte[]> a) {
    //< step 19-19
        long deadline = -1; // no BLOCK
        long count = 0;
        int streams = 0;
        //> step 20
        byte[] groupName = null;
        byte[] consumerName = null;
        boolean noAck = false;
        //< step 20
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
            //> step 20
            } else if (StreamIds.is(option, "GROUP") && more >= 2) {
                if (!withGroup) {
                    throw new CommandError("ERR The GROUP option is only supported by XREADGROUP. You called XREAD "
                            + "instead.");
                }
                groupName = a.get(++i);
                consumerName = a.get(++i);
            } else if (StreamIds.is(option, "NOACK")) {
                if (!withGroup) {
                    throw new CommandError("ERR The NOACK option is only supported by XREADGROUP. You called XREAD "
                            + "instead.");
                }
                noAck = true;
            //< step 20
            } else {
                throw CommandError.syntax();
            }
        }
        if (streams == 0) {
            throw CommandError.syntax();
        }
        //> step 20
        if (withGroup && groupName == null) {
            throw new CommandError("ERR Missing GROUP option for XREADGROUP");
        }
        GroupRead group = withGroup ? new GroupRead(groupName, consumerName, noAck) : null;
        //< step 20
        int keys = (a.size() - streams) / 2;
        List<Key> names = new ArrayList<>();
        List<StreamId> after = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            Key key = Args.key(a.get(streams + i));
            names.add(key);
            //> step 20
            after.add(startingPoint(c, key, a.get(streams + keys + i), group));
            //< step 20
            //> step 19-19
//~            after.add(startingPoint(c, key, a.get(streams + keys + i)));
            //< step 19-19
        }
        //> step 20
        Delivery delivery = new Delivery(c, c.db(), group);
        List<Delivery.Served> served = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            Delivery.Served one = delivery.serveNow(names.get(i), after.get(i), count);
            if (one != null) {
                served.add(one);
            }
        }
        if (!served.isEmpty()) {
            Delivery.reply(c, served);
        //< step 20
        //> step 19-19
//~        List<Served> served = new ArrayList<>();
//~        for (int i = 0; i < keys; i++) {
//~            Served one = serveNow(c.db(), names.get(i), after.get(i), count);
//~            if (one != null) {
//~                served.add(one);
//~            }
//~        }
//~        if (!served.isEmpty()) {
//~            reply(c, served);
        //< step 19-19
        } else if (deadline == -1 || c.denyBlocking) {
            c.reply.nullArray(); // no BLOCK, or inside MULTI: as if the wait had timed out
        } else {
            //> step 20
            block(c, names, after, count, deadline, delivery);
            //< step 20
            //> step 19-19
//~            block(c, names, after, count, deadline);
            //< step 19-19
        }
        //> step 20
        c.engine.propagateAll(c.db(), delivery.propagated()); // XCLAIMs, or nothing: never the command as sent
        //< step 20
    }

    //> step 19-19
//~    /** Where reading starts in one stream (exclusive): the ID given, or {@code $}, the stream's last ID now. */
//~    private static StreamId startingPoint(Client c, Key key, byte[] arg) {
//~        StreamValue stream = Lookup.stream(c.db(), key); // the key's type is checked first, as in Redis
    //< step 19-19
    //> step 20
    /**
     * Where reading starts in one stream (exclusive): the ID given, {@code $} (XREAD: the stream's last ID now), or
     * {@code >} (XREADGROUP: the group's last ID, marked as MAX until then). Checks the key's type and, for
     * XREADGROUP, that the group exists, in Redis's order.
     */
    private static StreamId startingPoint(Client c, Key key, byte[] arg, GroupRead group) {
        StreamValue stream = Lookup.stream(c.db(), key);
        if (group != null && (stream == null || stream.group(group.group()) == null)) {
            throw new CommandError("NOGROUP No such key '" + StreamIds.text(key.bytes()) + "' or consumer group '"
                    + StreamIds.text(group.group()) + "' in XREADGROUP with GROUP option");
        }
    //< step 20
        String text = StreamIds.text(arg);
        if (text.equals("$")) {
            //> step 20
            if (group != null) {
                throw new CommandError("ERR The $ ID is meaningless in the context of XREADGROUP: you want to read "
                        + "the history of this consumer by specifying a proper ID, or use the > ID to get new "
                        + "messages. The $ ID would just return an empty result set.");
            }
            //< step 20
            return stream == null ? StreamId.MIN : stream.lastId();
        }
        //> step 20
        if (text.equals(">")) {
            if (group == null) {
                throw new CommandError("ERR The > ID can be specified only when calling XREADGROUP using the GROUP "
                        + "<group> <consumer> option.");
            }
            return StreamId.MAX;
        }
        //< step 20
        return StreamIds.strict(arg);
    }

    /** What a blocked reader waits for on one key: entries after {@code after}, in a stream XADD has appended to. */
    private record Target(StreamId after, Value stream, long appends) {
    }

    // tag::block[]
    //> step 20
    private static void block(Client c, List<Key> keys, List<StreamId> after, long count, long deadline,
                              Delivery delivery) {
    //< step 20
    //> step 19-19
//~    private static void block(Client c, List<Key> keys, List<StreamId> after, long count, long deadline) {
    //< step 19-19
        Database db = c.db();
        Map<Key, Target> targets = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            Value value = db.peek(keys.get(i));
            long appends = value instanceof StreamValue stream ? stream.appends() : -1;
            targets.putIfAbsent(keys.get(i), new Target(after.get(i), value, appends)); // a repeated key: its first ID
        }
        c.engine.blocking.block(new Blocking.Wait(c, db, List.copyOf(targets.keySet()), deadline,
                //> step 20
                key -> serveBlocked(c, db, key, targets.get(key), count, delivery.group()),
                //< step 20
                //> step 19-19
//~                key -> serveBlocked(c, db, key, targets.get(key), count),
                //< step 19-19
                c.reply::nullArray, true));
    }

    //> step 19-19
//~    /**
//~     * Tries to serve a blocked reader after a change to {@code key}, as Redis's serveClientsBlockedOnStreamKey: a
//~     * reader is served once an XADD (or a new stream at the key) has put an ID after its own, with the entries after
//~     * it.
//~     */
//~    private static boolean serveBlocked(Client c, Database db, Key key, Target target, long count) {
//~        if (!(db.peek(key) instanceof StreamValue stream)) {
//~            return false;
//~        }
    //< step 19-19
    //> step 20
    /**
     * Tries to serve a blocked reader after a change to {@code key}, as Redis's serveClientsBlockedOnStreamKey: an
     * XREADGROUP whose stream or group has gone gets an error; a reader is served once an XADD (or a new stream at the
     * key) has put an ID after its own, with the entries after it.
     */
    private static boolean serveBlocked(Client c, Database db, Key key, Target target, long count, GroupRead group) {
        if (!(db.peek(key) instanceof StreamValue stream)) {
            if (group == null) {
                return false;
            }
            c.reply.error("UNBLOCKED the stream key no longer exists");
            return true;
        }
        StreamGroup streamGroup = group == null ? null : stream.group(group.group());
        if (group != null && streamGroup == null) {
            c.reply.error("NOGROUP the consumer group this client was blocked on no longer exists");
            return true;
        }
    //< step 20
        if (stream == target.stream() && stream.appends() == target.appends()) {
            return false; // not an XADD: Redis would not look at this key
        }
        //> step 20
        StreamId after = streamGroup == null ? target.after() : streamGroup.lastId();
        //< step 20
        //> step 19-19
//~        StreamId after = target.after();
        //< step 19-19
        if (!stream.lastId().isAfter(after)) {
            return false;
        }
        //> step 20
        Delivery delivery = new Delivery(c, db, group);
        Delivery.reply(c, List.of(delivery.serve(key, stream, after, count, false)));
        c.engine.propagateAll(db, delivery.propagated());
        //< step 20
        //> step 19-19
//~        reply(c, List.of(serve(key, stream, after, count)));
        //< step 19-19
        return true;
    }
    // end::block[]
    //> step 19-19
//~
//~    /** What one stream gave: its key and its entries. */
//~    private record Served(Key key, List<StreamEntry> entries) {
//~    }
//~
//~    /** The entries of one stream after {@code after} if its last entry is after it, else {@code null}. */
//~    private static Served serveNow(Database db, Key key, StreamId after, long count) {
//~        StreamValue stream = Lookup.stream(db, key);
//~        StreamEntry last = stream == null ? null : stream.last();
//~        return last != null && last.id().isAfter(after) ? serve(key, stream, after, count) : null;
//~    }
//~
//~    /** The entries after {@code after}, at most {@code count} (0: all). */
//~    private static Served serve(Key key, StreamValue stream, StreamId after, long count) {
//~        StreamId start = after.next() == null ? StreamId.MIN : after.next(); // Redis's increment wraps
//~        return new Served(key, StreamReplies.take(stream.range(start, StreamId.MAX, false), count));
//~    }
//~
//~    /** The reply: per stream, its key and its entries; an array of [key, entries] pairs in RESP2, a map in RESP3. */
//~    private static void reply(Client c, List<Served> served) {
//~        if (c.reply.resp3()) {
//~            c.reply.mapHeader(served.size());
//~        } else {
//~            c.reply.arrayHeader(served.size());
//~        }
//~        for (Served one : served) {
//~            if (!c.reply.resp3()) {
//~                c.reply.arrayHeader(2);
//~            }
//~            c.reply.bulk(one.key().bytes());
//~            StreamReplies.entries(c, one.entries());
//~        }
//~    }
    //< step 19-19
}
