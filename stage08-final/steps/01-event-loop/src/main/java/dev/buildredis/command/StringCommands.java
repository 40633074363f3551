package dev.buildredis.command;

import dev.buildredis.metrics.Event;
import dev.buildredis.metrics.Metrics;
import dev.buildredis.protocol.Decimal;
import dev.buildredis.protocol.RespValue;
import dev.buildredis.store.Condition;
import dev.buildredis.store.Expiry;
import dev.buildredis.store.Key;
import dev.buildredis.store.Keyspace;
import dev.buildredis.store.SetResult;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

    private final Keyspace keyspace;
    private final Journal journal;
    private final Metrics metrics;

    StringCommands(Keyspace keyspace, Journal journal, Metrics metrics) {
        this.keyspace = keyspace;
        this.journal = journal;
        this.metrics = metrics;
    }

    List<Command> all() {
        return List.of(
                new Command("get", 2, Set.of(Command.Flag.READONLY), this::get),
                new Command("set", -3, Set.of(Command.Flag.WRITE), this::set),
                new Command("incr", 2, Set.of(Command.Flag.WRITE), args -> incrementBy(args, 1)),
                new Command("decr", 2, Set.of(Command.Flag.WRITE), args -> incrementBy(args, -1)),
                new Command("incrby", 3, Set.of(Command.Flag.WRITE),
                        args -> incrementBy(args, increment(args.get(2)))),
                new Command("decrby", 3, Set.of(Command.Flag.WRITE), this::decrementBy),
                new Command("mget", -2, Set.of(Command.Flag.READONLY), this::mget),
                new Command("mset", -3, Set.of(Command.Flag.WRITE), this::mset));
    }

    private RespValue get(List<byte[]> args) {
        Key key = new Key(args.get(1));
        return bulkOrNull(countLookup(keyspace.get(key)));
    }

    private RespValue set(List<byte[]> args) {
        SetArguments options = SetArguments.parse(args, keyspace.nowMillis());
        Key key = new Key(args.get(1));
        SetResult result = keyspace.set(key, args.get(2), options.condition(), options.expiry());
        if (result.written() && options.expiry() instanceof Expiry.At at) {
            byte[] millis = Long.toString(at.epochMillis()).getBytes(StandardCharsets.US_ASCII);
            journal.logAs(List.of(SET, args.get(1), args.get(2), PXAT, millis)); // a replay must not restart the TTL
        }
        if (options.returnPrevious()) {
            return bulkOrNull(result.previous());
        }
        return result.written() ? RespValue.OK : RespValue.NULL;
    }

    // tag::incr[]
    /** Read, add, write back: no other command runs in between, so two INCRs can never read the same value. */
    private RespValue incrementBy(List<byte[]> args, long delta) {
        Key key = new Key(args.get(1));
        byte[] old = keyspace.get(key);
        long current = old == null ? 0 : Decimal.parse(old)
                .orElseThrow(() -> new CommandError(CommandError.NOT_AN_INTEGER));
        long next;
        try {
            next = Math.addExact(current, delta);
        } catch (ArithmeticException e) {
            throw new CommandError("ERR increment or decrement would overflow");
        }
        keyspace.set(key, Long.toString(next).getBytes(StandardCharsets.US_ASCII), Condition.ALWAYS, Expiry.KEEP);
        return new RespValue.Int(next);
    }
    // end::incr[]

    private RespValue decrementBy(List<byte[]> args) {
        long decrement = increment(args.get(2));
        if (decrement == Long.MIN_VALUE) {
            return new RespValue.SimpleError("ERR decrement would overflow"); // its negation is no long
        }
        return incrementBy(args, -decrement);
    }

    // tag::mset[]
    private RespValue mset(List<byte[]> args) {
        if (args.size() % 2 == 0) {
            return CommandTable.wrongArity("mset"); // a key without its value
        }
        for (int i = 1; i < args.size(); i += 2) {
            keyspace.set(new Key(args.get(i)), args.get(i + 1), Condition.ALWAYS, Expiry.PERSIST);
        }
        return RespValue.OK;
    }

    private RespValue mget(List<byte[]> args) {
        List<RespValue> values = new ArrayList<>(args.size() - 1);
        for (byte[] key : args.subList(1, args.size())) {
            values.add(bulkOrNull(countLookup(keyspace.get(new Key(key)))));
        }
        return new RespValue.Array(values);
    }
    // end::mset[]

    private static long increment(byte[] argument) {
        return Decimal.parse(argument).orElseThrow(() -> new CommandError(CommandError.NOT_AN_INTEGER));
    }

    private static RespValue bulkOrNull(byte[] value) {
        return value == null ? RespValue.NULL : new RespValue.BulkString(value);
    }

    /** Counts a read of a key as INFO's keyspace_hits or keyspace_misses, as Redis's lookupKeyRead does. */
    private byte[] countLookup(byte[] value) {
        metrics.record(value == null ? Event.KEYSPACE_MISS : Event.KEYSPACE_HIT);
        return value;
    }
}
