package dev.buildredis.command;

import dev.buildredis.protocol.RespValue;
import dev.buildredis.store.Key;
import dev.buildredis.store.Keyspace;
import dev.buildredis.store.SetResult;

import java.util.List;

/**
 * Commands on string values, thin wrappers over {@link Keyspace} (Redis keeps these in t_string.c):
 * <pre>
 * GET key                   → $5\r\nvalue\r\n, or $-1\r\n if there is no such key
 * SET key value             → +OK\r\n
 * SET key value NX          → $-1\r\n when the key exists and nothing was written
 * SET key value GET         → the old value ($-1\r\n if none), whether or not NX / XX let the write happen
 * </pre>
 */
final class StringCommands {

    private final Keyspace keyspace;

    StringCommands(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    List<Command> all() {
        return List.of(
                new Command("get", 2, this::get),
                new Command("set", -3, this::set));
    }

    private RespValue get(List<byte[]> args) {
        return bulkOrNull(keyspace.get(new Key(args.get(1))));
    }

    // tag::set-command[]
    private RespValue set(List<byte[]> args) {
        SetArguments options = SetArguments.parse(args, keyspace.nowMillis());
        SetResult result = keyspace.set(new Key(args.get(1)), args.get(2), options.condition(), options.expiry());
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
