package dev.buildredis.command;

import dev.buildredis.engine.Client;
import dev.buildredis.store.Key;

import java.util.List;
import java.util.Set;

/**
 * Commands on keys whatever their values are (Redis keeps these in db.c). Both take many keys and count, and
 * see all of them at one moment, as in Redis:
 * <pre>
 * DEL k1 k2 k3          → :2\r\n   two of the three existed and are gone
 * EXISTS k1 k1 k2       → :2\r\n   a key named twice counts twice, as in Redis
 * </pre>
 */
final class KeyCommands {

    private KeyCommands() {
    }

    static List<Command> all() {
        return List.of(
                new Command("del", -2, Set.of(Command.Flag.WRITE), KeyCommands::del),
                new Command("exists", -2, Set.of(Command.Flag.READONLY), KeyCommands::exists));
    }

    /** How many of the keys in {@code args[1..]} existed and are gone now, with no other command in between. */
    private static void del(Client c, List<byte[]> args) {
        long count = 0;
        for (byte[] bytes : args.subList(1, args.size())) {
            Key key = new Key(bytes);
            if (c.db().delete(key)) {
                c.modified(key);
                count++;
            }
        }
        c.reply.integer(count);
    }

    /** How many of the keys in {@code args[1..]} exist; a key named twice counts twice. */
    private static void exists(Client c, List<byte[]> args) {
        long count = 0;
        for (byte[] key : args.subList(1, args.size())) {
            if (c.db().exists(new Key(key))) {
                count++;
            }
        }
        c.reply.integer(count);
    }
}
