package dev.buildredis.command;

import dev.buildredis.protocol.RespValue;
import dev.buildredis.store.Expiry;
import dev.buildredis.store.Key;
import dev.buildredis.store.Keyspace;
import dev.buildredis.store.SetResult;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Commands on string values, thin wrappers over {@link Keyspace} (Redis keeps these in t_string.c):
 * <pre>
 * GET key                   → $5\r\nvalue\r\n, or $-1\r\n if there is no such key
 * SET key value             → +OK\r\n
 * SET key value NX          → $-1\r\n when the key exists and nothing was written
 * SET key value GET         → the old value ($-1\r\n if none), whether or not NX / XX let the write happen
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

    StringCommands(Keyspace keyspace, Journal journal) {
        this.keyspace = keyspace;
        this.journal = journal;
    }

    List<Command> all() {
        return List.of(
                new Command("get", 2, Set.of(Command.Flag.READONLY), this::get),
                new Command("set", -3, Set.of(Command.Flag.WRITE), this::set));
    }

    private RespValue get(List<byte[]> args) {
        return bulkOrNull(keyspace.get(new Key(args.get(1))));
    }

    // tag::set-command[]
    private RespValue set(List<byte[]> args) {
        SetArguments options = SetArguments.parse(args, keyspace.nowMillis());
        SetResult result = keyspace.set(new Key(args.get(1)), args.get(2), options.condition(), options.expiry());
        if (result.written() && options.expiry() instanceof Expiry.At at) {
            byte[] millis = Long.toString(at.epochMillis()).getBytes(StandardCharsets.US_ASCII);
            journal.logAs(List.of(SET, args.get(1), args.get(2), PXAT, millis)); // a replay must not restart the TTL
        }
        if (options.returnPrevious()) {
            return bulkOrNull(result.previous());
        }
        return result.written() ? RespValue.OK : RespValue.NULL;
    }
    // end::set-command[]

    private static RespValue bulkOrNull(byte[] value) {
        return value == null ? RespValue.NULL : new RespValue.BulkString(value);
    }
}
