// @step 01-05
package dev.buildredis.command;

//> step 04-05
//~import dev.buildredis.engine.Client;
//< step 04-05
import dev.buildredis.metrics.Event;
import dev.buildredis.metrics.Metrics;
import dev.buildredis.protocol.Decimal;
//> step 01-03
//~import dev.buildredis.protocol.RespValue;
//< step 01-03
//> step 01-02
//~import dev.buildredis.store.Condition;
//< step 01-02
//> step 03-05
//~import dev.buildredis.store.Database;
//< step 03-05
import dev.buildredis.store.Expiry;
import dev.buildredis.store.Key;
//> step 01-02
//~import dev.buildredis.store.Keyspace;
//~import dev.buildredis.store.SetResult;
//< step 01-02
//> step 03-05
//~import dev.buildredis.store.StringValue;
//< step 03-05

import java.nio.charset.StandardCharsets;
//> step 01-03
//~import java.util.ArrayList;
//< step 01-03
import java.util.List;
import java.util.Set;

/**
 * Commands on string values (Redis keeps these in t_string.c). Each runs whole on the event loop's thread before
 * any other command starts, so no command is ever seen half done by another client's command, without a lock:
 * <pre>
 * GET key                   → $5\r\nvalue\r\n, or $-1\r\n if there is no such key
 * SET key value [options]   → +OK\r\n, $-1\r\n if NX / XX prevented it, the old value with GET
 * INCR key                  → :11\r\n     also DECR, INCRBY key 5, DECRBY key 5; a missing key counts as 0
 * MSET k1 v1 k2 v2          → +OK\r\n     all keys at once: no MGET sees some written and others not
 * MGET k1 k2 k3             → *3\r\n$2\r\nv1\r\n$2\r\nv2\r\n$-1\r\n
 * </pre>
 * A SET with an expiry is logged with the expiry as an absolute time, as Redis logs it:
 * <pre>
 * SET k v EX 10             logged as  SET k v PXAT 1767225610000
 * </pre>
 */
final class StringCommands {

    private static final byte[] SET = "SET".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PXAT = "PXAT".getBytes(StandardCharsets.US_ASCII);

    //> step 01-02
//~    private final Keyspace keyspace;
    //< step 01-02
    //> step 03-03
//~    private final Database db;
    //< step 03-03
    private final Journal journal;
    private final Metrics metrics;

    //> step 01-02
//~    StringCommands(Keyspace keyspace, Journal journal, Metrics metrics) {
//~        this.keyspace = keyspace;
    //< step 01-02
    //> step 03-03
//~    StringCommands(Database db, Journal journal, Metrics metrics) {
//~        this.db = db;
    //< step 03-03
    //> step 04-05
//~    StringCommands(Journal journal, Metrics metrics) {
    //< step 04-05
        this.journal = journal;
        this.metrics = metrics;
    }

    List<Command> all() {
        return List.of(
                new Command("get", 2, Set.of(Command.Flag.READONLY), this::get),
                new Command("set", -3, Set.of(Command.Flag.WRITE), this::set),
                //> step 01-03
//~                new Command("incr", 2, Set.of(Command.Flag.WRITE), args -> incrementBy(args, 1)),
//~                new Command("decr", 2, Set.of(Command.Flag.WRITE), args -> incrementBy(args, -1)),
                //< step 01-03
                //> step 04-05
//~                new Command("incr", 2, Set.of(Command.Flag.WRITE), (c, args) -> incrementBy(c, args, 1)),
//~                new Command("decr", 2, Set.of(Command.Flag.WRITE), (c, args) -> incrementBy(c, args, -1)),
                //< step 04-05
                new Command("incrby", 3, Set.of(Command.Flag.WRITE),
                        //> step 01-03
//~                        args -> incrementBy(args, increment(args.get(2)))),
                        //< step 01-03
                        //> step 04-05
//~                        (c, args) -> incrementBy(c, args, increment(args.get(2)))),
                        //< step 04-05
                new Command("decrby", 3, Set.of(Command.Flag.WRITE), this::decrementBy),
                new Command("mget", -2, Set.of(Command.Flag.READONLY), this::mget),
                new Command("mset", -3, Set.of(Command.Flag.WRITE), this::mset));
    }

    //> step 01-03
//~    private RespValue get(List<byte[]> args) {
//~        Key key = new Key(args.get(1));
    //< step 01-03
        //> step 01-02
//~        return bulkOrNull(countLookup(keyspace.get(key)));
        //< step 01-02
        //> step 03-03
//~        return bulkOrNull(countLookup(value(key)));
        //< step 03-03
    //> step 04-05
//~    // tag::get[]
//~    private void get(Client c, List<byte[]> args) {
//~        bulkOrNull(c, countLookup(value(c.db(), new Key(args.get(1)))));
    //< step 04-05
    }
    //> step 04-05
//~    // end::get[]
    //< step 04-05

    //> step 01-03
//~    private RespValue set(List<byte[]> args) {
    //< step 01-03
        //> step 01-02
//~        SetArguments options = SetArguments.parse(args, keyspace.nowMillis());
        //< step 01-02
    //> step 04-05
//~    private void set(Client c, List<byte[]> args) {
//~        Database db = c.db();
    //< step 04-05
        //> step 03-05
//~        SetArguments options = SetArguments.parse(args, db.now());
        //< step 03-05
        Key key = new Key(args.get(1));
        //> step 01-02
//~        SetResult result = keyspace.set(key, args.get(2), options.condition(), options.expiry());
//~        if (result.written() && options.expiry() instanceof Expiry.At at) {
//~            byte[] millis = Long.toString(at.epochMillis()).getBytes(StandardCharsets.US_ASCII);
//~            journal.logAs(List.of(SET, args.get(1), args.get(2), PXAT, millis)); // a replay must not restart the TTL
        //< step 01-02
        //> step 03-03
//~        byte[] previous = value(key);
        //< step 03-03
        //> step 04-05
//~        byte[] previous = value(db, key);
        //< step 04-05
        //> step 03-05
//~        if (!options.condition().allows(previous != null)) {
        //< step 03-05
            //> step 03-03
//~            return options.returnPrevious() ? bulkOrNull(previous) : RespValue.NULL;
            //< step 03-03
            //> step 04-05
//~            if (options.returnPrevious()) {
//~                bulkOrNull(c, previous);
//~            } else {
//~                c.reply.nullBulk();
//~            }
//~            return;
            //< step 04-05
        }
        //> step 01-02
//~        if (options.returnPrevious()) {
//~            return bulkOrNull(result.previous());
        //< step 01-02
        //> step 03-05
//~        // tag::set[]
//~        switch (options.expiry()) {
//~            case Expiry.Persist p -> db.set(key, args.get(2)); // a new value, without the old one's TTL
//~            case Expiry.Keep k -> db.put(key, args.get(2));    // KEEPTTL: the old deadline stays, in the expires table
//~            case Expiry.At at -> {
//~                db.set(key, args.get(2));
//~                db.setExpireAt(key, at.epochMillis());
//~                byte[] millis = Long.toString(at.epochMillis()).getBytes(StandardCharsets.US_ASCII);
//~                journal.logAs(List.of(SET, args.get(1), args.get(2), PXAT, millis)); // a replay must not restart the TTL
//~            }
        //< step 03-05
        }
        //> step 01-02
//~        return result.written() ? RespValue.OK : RespValue.NULL;
        //< step 01-02
        //> step 03-05
//~        // end::set[]
        //< step 03-05
        //> step 03-03
//~        journal.changed();
//~        return options.returnPrevious() ? bulkOrNull(previous) : RespValue.OK;
        //< step 03-03
        //> step 04-05
//~        c.modified(key);
//~        if (options.returnPrevious()) {
//~            bulkOrNull(c, previous);
//~        } else {
//~            c.reply.ok();
//~        }
        //< step 04-05
    }

    // tag::incr[]
    /** Read, add, write back: no other command runs in between, so two INCRs can never read the same value. */
    //> step 01-03
//~    private RespValue incrementBy(List<byte[]> args, long delta) {
    //< step 01-03
    //> step 04-05
//~    private void incrementBy(Client c, List<byte[]> args, long delta) {
    //< step 04-05
        Key key = new Key(args.get(1));
        //> step 01-02
//~        byte[] old = keyspace.get(key);
        //< step 01-02
        //> step 03-03
//~        byte[] old = value(key);
        //< step 03-03
        //> step 04-05
//~        byte[] old = value(c.db(), key);
        //< step 04-05
        long current = old == null ? 0 : Decimal.parse(old)
                .orElseThrow(() -> new CommandError(CommandError.NOT_AN_INTEGER));
        long next;
        try {
            next = Math.addExact(current, delta);
        } catch (ArithmeticException e) {
            throw new CommandError("ERR increment or decrement would overflow");
        }
        //> step 01-02
//~        keyspace.set(key, Long.toString(next).getBytes(StandardCharsets.US_ASCII), Condition.ALWAYS, Expiry.KEEP);
        //< step 01-02
        //> step 03-03
//~        db.put(key, Long.toString(next).getBytes(StandardCharsets.US_ASCII)); // keeps the TTL, as Redis's INCR
//~        journal.changed();
        //< step 03-03
        //> step 01-03
//~        return new RespValue.Int(next);
        //< step 01-03
        //> step 04-05
//~        c.db().put(key, Long.toString(next).getBytes(StandardCharsets.US_ASCII)); // keeps the TTL, as Redis's INCR
//~        c.modified(key);
//~        c.reply.integer(next);
        //< step 04-05
    }
    // end::incr[]

    //> step 01-03
//~    private RespValue decrementBy(List<byte[]> args) {
    //< step 01-03
    //> step 04-05
//~    private void decrementBy(Client c, List<byte[]> args) {
    //< step 04-05
        long decrement = increment(args.get(2));
        if (decrement == Long.MIN_VALUE) {
            //> step 01-03
//~            return new RespValue.SimpleError("ERR decrement would overflow"); // its negation is no long
            //< step 01-03
            //> step 04-05
//~            throw new CommandError("ERR decrement would overflow"); // its negation is no long
            //< step 04-05
        }
        //> step 01-03
//~        return incrementBy(args, -decrement);
        //< step 01-03
        //> step 04-05
//~        incrementBy(c, args, -decrement);
        //< step 04-05
    }

    // tag::mset[]
    //> step 01-03
//~    private RespValue mset(List<byte[]> args) {
    //< step 01-03
    //> step 04-05
//~    private void mset(Client c, List<byte[]> args) {
    //< step 04-05
        if (args.size() % 2 == 0) {
            //> step 01-03
//~            return CommandTable.wrongArity("mset"); // a key without its value
            //< step 01-03
            //> step 04-05
//~            throw new CommandError(CommandTable.wrongArity("mset")); // a key without its value
            //< step 04-05
        }
        for (int i = 1; i < args.size(); i += 2) {
            //> step 01-02
//~            keyspace.set(new Key(args.get(i)), args.get(i + 1), Condition.ALWAYS, Expiry.PERSIST);
            //< step 01-02
            //> step 03-03
//~            db.set(new Key(args.get(i)), args.get(i + 1));
            //< step 03-03
            //> step 04-05
//~            Key key = new Key(args.get(i));
//~            c.db().set(key, args.get(i + 1));
//~            c.modified(key);
            //< step 04-05
        }
        //> step 03-03
//~        journal.changed();
        //< step 03-03
        //> step 01-03
//~        return RespValue.OK;
        //< step 01-03
        //> step 04-05
//~        c.reply.ok();
        //< step 04-05
    }

    //> step 01-03
//~    private RespValue mget(List<byte[]> args) {
//~        List<RespValue> values = new ArrayList<>(args.size() - 1);
    //< step 01-03
    //> step 04-05
//~    private void mget(Client c, List<byte[]> args) {
//~        c.reply.arrayHeader(args.size() - 1); // the header first, then each value straight into the buffer
    //< step 04-05
        for (byte[] key : args.subList(1, args.size())) {
            //> step 01-02
//~            values.add(bulkOrNull(countLookup(keyspace.get(new Key(key)))));
            //< step 01-02
            //> step 03-03
//~            values.add(bulkOrNull(countLookup(value(new Key(key)))));
            //< step 03-03
            //> step 04-05
//~            bulkOrNull(c, countLookup(value(c.db(), new Key(key))));
            //< step 04-05
        }
        //> step 01-03
//~        return new RespValue.Array(values);
        //< step 01-03
    }
    // end::mset[]

    private static long increment(byte[] argument) {
        return Decimal.parse(argument).orElseThrow(() -> new CommandError(CommandError.NOT_AN_INTEGER));
    //> step 03-05
//~    }
//~
//~    /** The key's string, or {@code null}: stage 7's data set held only strings, and so does this one. */
    //< step 03-05
    //> step 03-03
//~    private byte[] value(Key key) {
    //< step 03-03
    //> step 04-05
//~    private static byte[] value(Database db, Key key) {
    //< step 04-05
        //> step 03-05
//~        StringValue value = (StringValue) db.get(key);
//~        return value == null ? null : value.bytes();
        //< step 03-05
    }

    //> step 01-03
//~    private static RespValue bulkOrNull(byte[] value) {
//~        return value == null ? RespValue.NULL : new RespValue.BulkString(value);
    //< step 01-03
    //> step 04-05
//~    private static void bulkOrNull(Client c, byte[] value) {
//~        if (value == null) {
//~            c.reply.nullBulk();
//~        } else {
//~            c.reply.bulk(value);
//~        }
    //< step 04-05
    }

    /** Counts a read of a key as INFO's keyspace_hits or keyspace_misses, as Redis's lookupKeyRead does. */
    private byte[] countLookup(byte[] value) {
        metrics.record(value == null ? Event.KEYSPACE_MISS : Event.KEYSPACE_HIT);
        return value;
    }
}
