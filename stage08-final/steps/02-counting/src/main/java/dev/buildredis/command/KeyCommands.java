package dev.buildredis.command;

import dev.buildredis.protocol.RespValue;
import dev.buildredis.store.Key;
import dev.buildredis.store.Keyspace;

import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Commands on keys whatever their values are (Redis keeps these in db.c). Both take many keys and count, and
 * see all of them at one moment, as in Redis:
 * <pre>
 * DEL k1 k2 k3          → :2\r\n   two of the three existed and are gone
 * EXISTS k1 k1 k2       → :2\r\n   a key named twice counts twice, as in Redis
 * </pre>
 */
final class KeyCommands {

    private final Keyspace keyspace;

    KeyCommands(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    List<Command> all() {
        return List.of(
                new Command("del", -2, Set.of(Command.Flag.WRITE), args -> count(args, Keyspace::delete)),
                new Command("exists", -2, Set.of(Command.Flag.READONLY), args -> count(args, Keyspace::exists)));
    }

    /** How many of the keys in {@code args[1..]} the action reports true for, with no other command in between. */
    private RespValue count(List<byte[]> args, BiPredicate<Keyspace, Key> action) {
        long count = 0;
        for (byte[] key : args.subList(1, args.size())) {
            if (action.test(keyspace, new Key(key))) {
                count++;
            }
        }
        return new RespValue.Int(count);
    }
}
