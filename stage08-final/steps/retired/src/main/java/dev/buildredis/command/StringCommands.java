// @step 01-01
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
import dev.buildredis.store.Store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Commands on string values (Redis keeps these in t_string.c). Each runs as one {@link Store} call, so that a
 * command is never seen half done by another client's command:
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

    private final Store store;
    private final Journal journal;
    private final Metrics metrics;

    StringCommands(Store store, Journal journal, Metrics metrics) {
        this.store = store;
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
        return bulkOrNull(countLookup(store.withKey(key, keyspace -> keyspace.get(key))));
    }

    private RespValue set(List<byte[]> args) {
        SetArguments options = SetArguments.parse(args, store.nowMillis());
        Key key = new Key(args.get(1));
        SetResult result = store.withKey(key,
                keyspace -> keyspace.set(key, args.get(2), options.condition(), options.expiry()));
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
    /** Read, add, write back, all under the key's lock: two clients' INCRs can never both read the same value. */
    private RespValue incrementBy(List<byte[]> args, long delta) {
        Key key = new Key(args.get(1));
        return new RespValue.Int(store.withKey(key, keyspace -> {
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
            return next;
        }));
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
        List<Key> keys = new ArrayList<>();
        for (int i = 1; i < args.size(); i += 2) {
            keys.add(new Key(args.get(i)));
        }
        store.withKeys(keys, shards -> {
            for (int i = 0; i < keys.size(); i++) {
                Key key = keys.get(i);
                shards.of(key).set(key, args.get(2 * i + 2), Condition.ALWAYS, Expiry.PERSIST);
            }
            return null;
        });
        return RespValue.OK;
    }

    private RespValue mget(List<byte[]> args) {
        List<Key> keys = args.subList(1, args.size()).stream().map(Key::new).toList();
        return new RespValue.Array(store.withKeys(keys, shards -> {
            List<RespValue> values = new ArrayList<>(keys.size());
            for (Key key : keys) {
                values.add(bulkOrNull(countLookup(shards.of(key).get(key))));
            }
            return values;
        }));
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
