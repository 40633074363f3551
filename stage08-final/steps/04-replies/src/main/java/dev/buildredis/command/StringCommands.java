package dev.buildredis.command;

import dev.buildredis.engine.Client;
import dev.buildredis.metrics.Event;
import dev.buildredis.metrics.Metrics;
import dev.buildredis.protocol.Decimal;
import dev.buildredis.store.Database;
import dev.buildredis.store.Expiry;
import dev.buildredis.store.Key;
import dev.buildredis.store.StringValue;

import java.nio.charset.StandardCharsets;
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

    private final Journal journal;
    private final Metrics metrics;

    StringCommands(Journal journal, Metrics metrics) {
        this.journal = journal;
        this.metrics = metrics;
    }

    List<Command> all() {
        return List.of(
                new Command("get", 2, Set.of(Command.Flag.READONLY), this::get),
                new Command("set", -3, Set.of(Command.Flag.WRITE), this::set),
                new Command("incr", 2, Set.of(Command.Flag.WRITE), (c, args) -> incrementBy(c, args, 1)),
                new Command("decr", 2, Set.of(Command.Flag.WRITE), (c, args) -> incrementBy(c, args, -1)),
                new Command("incrby", 3, Set.of(Command.Flag.WRITE),
                        (c, args) -> incrementBy(c, args, increment(args.get(2)))),
                new Command("decrby", 3, Set.of(Command.Flag.WRITE), this::decrementBy),
                new Command("mget", -2, Set.of(Command.Flag.READONLY), this::mget),
                new Command("mset", -3, Set.of(Command.Flag.WRITE), this::mset));
    }

    // tag::get[]
    private void get(Client c, List<byte[]> args) {
        bulkOrNull(c, countLookup(value(c.db(), new Key(args.get(1)))));
    }
    // end::get[]

    private void set(Client c, List<byte[]> args) {
        Database db = c.db();
        SetArguments options = SetArguments.parse(args, db.now());
        Key key = new Key(args.get(1));
        byte[] previous = value(db, key);
        if (!options.condition().allows(previous != null)) {
            if (options.returnPrevious()) {
                bulkOrNull(c, previous);
            } else {
                c.reply.nullBulk();
            }
            return;
        }
        // tag::set[]
        switch (options.expiry()) {
            case Expiry.Persist p -> db.set(key, args.get(2)); // a new value, without the old one's TTL
            case Expiry.Keep k -> db.put(key, args.get(2));    // KEEPTTL: the old deadline stays, in the expires table
            case Expiry.At at -> {
                db.set(key, args.get(2));
                db.setExpireAt(key, at.epochMillis());
                byte[] millis = Long.toString(at.epochMillis()).getBytes(StandardCharsets.US_ASCII);
                journal.logAs(List.of(SET, args.get(1), args.get(2), PXAT, millis)); // a replay must not restart the TTL
            }
        }
        // end::set[]
        c.modified(key);
        if (options.returnPrevious()) {
            bulkOrNull(c, previous);
        } else {
            c.reply.ok();
        }
    }

    // tag::incr[]
    /** Read, add, write back: no other command runs in between, so two INCRs can never read the same value. */
    private void incrementBy(Client c, List<byte[]> args, long delta) {
        Key key = new Key(args.get(1));
        byte[] old = value(c.db(), key);
        long current = old == null ? 0 : Decimal.parse(old)
                .orElseThrow(() -> new CommandError(CommandError.NOT_AN_INTEGER));
        long next;
        try {
            next = Math.addExact(current, delta);
        } catch (ArithmeticException e) {
            throw new CommandError("ERR increment or decrement would overflow");
        }
        c.db().put(key, Long.toString(next).getBytes(StandardCharsets.US_ASCII)); // keeps the TTL, as Redis's INCR
        c.modified(key);
        c.reply.integer(next);
    }
    // end::incr[]

    private void decrementBy(Client c, List<byte[]> args) {
        long decrement = increment(args.get(2));
        if (decrement == Long.MIN_VALUE) {
            throw new CommandError("ERR decrement would overflow"); // its negation is no long
        }
        incrementBy(c, args, -decrement);
    }

    // tag::mset[]
    private void mset(Client c, List<byte[]> args) {
        if (args.size() % 2 == 0) {
            throw new CommandError(CommandTable.wrongArity("mset")); // a key without its value
        }
        for (int i = 1; i < args.size(); i += 2) {
            Key key = new Key(args.get(i));
            c.db().set(key, args.get(i + 1));
            c.modified(key);
        }
        c.reply.ok();
    }

    private void mget(Client c, List<byte[]> args) {
        c.reply.arrayHeader(args.size() - 1); // the header first, then each value straight into the buffer
        for (byte[] key : args.subList(1, args.size())) {
            bulkOrNull(c, countLookup(value(c.db(), new Key(key))));
        }
    }
    // end::mset[]

    private static long increment(byte[] argument) {
        return Decimal.parse(argument).orElseThrow(() -> new CommandError(CommandError.NOT_AN_INTEGER));
    }

    /** The key's string, or {@code null}: stage 7's data set held only strings, and so does this one. */
    private static byte[] value(Database db, Key key) {
        StringValue value = (StringValue) db.get(key);
        return value == null ? null : value.bytes();
    }

    private static void bulkOrNull(Client c, byte[] value) {
        if (value == null) {
            c.reply.nullBulk();
        } else {
            c.reply.bulk(value);
        }
    }

    /** Counts a read of a key as INFO's keyspace_hits or keyspace_misses, as Redis's lookupKeyRead does. */
    private byte[] countLookup(byte[] value) {
        metrics.record(value == null ? Event.KEYSPACE_MISS : Event.KEYSPACE_HIT);
        return value;
    }
}
