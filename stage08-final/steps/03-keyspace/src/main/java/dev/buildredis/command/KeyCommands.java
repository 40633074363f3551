package dev.buildredis.command;

import dev.buildredis.protocol.RespValue;
import dev.buildredis.store.Database;
import dev.buildredis.store.Key;

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

    private final Database db;
    private final Journal journal;

    KeyCommands(Database db, Journal journal) {
        this.db = db;
        this.journal = journal;
    }

    List<Command> all() {
        return List.of(
                new Command("del", -2, Set.of(Command.Flag.WRITE), this::del),
                new Command("exists", -2, Set.of(Command.Flag.READONLY), args -> count(args, Database::exists)));
    }

    private RespValue del(List<byte[]> args) {
        RespValue deleted = count(args, Database::delete);
        if (!deleted.equals(new RespValue.Int(0))) {
            journal.changed();
        }
        return deleted;
    }

    /** How many of the keys in {@code args[1..]} the action reports true for, with no other command in between. */
    private RespValue count(List<byte[]> args, BiPredicate<Database, Key> action) {
        long count = 0;
        for (byte[] key : args.subList(1, args.size())) {
            if (action.test(db, new Key(key))) {
                count++;
            }
        }
        return new RespValue.Int(count);
    }
}
