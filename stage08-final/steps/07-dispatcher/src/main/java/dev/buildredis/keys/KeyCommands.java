package dev.buildredis.keys;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.store.Key;

import java.util.List;

/**
 * Commands about keys whatever they hold: whether they exist, and deleting them.
 * <pre>
 * DEL k1 k2 k3          :2 when two of the three existed and are gone
 * EXISTS k1 k1 k2       :2 when k1 exists and k2 does not: a key named twice counts twice
 * </pre>
 */
public final class KeyCommands {

    private KeyCommands() {
    }

    public static List<Command> all() {
        return List.of(
                Command.of("del", -2, "write", 1, -1, 1, KeyCommands::del),
                Command.of("exists", -2, "readonly fast", 1, -1, 1, KeyCommands::exists)
        );
    }

    private static void del(Client c, List<byte[]> a) {
        long deleted = 0;
        for (int i = 1; i < a.size(); i++) {
            Key key = Args.key(a.get(i));
            if (c.db().get(key) != null && c.db().delete(key)) {
                c.modified(key);
                deleted++;
            }
        }
        c.reply.integer(deleted);
    }

    private static void exists(Client c, List<byte[]> a) {
        long found = 0;
        for (int i = 1; i < a.size(); i++) {
            if (c.db().exists(Args.key(a.get(i)))) {
                found++;
            }
        }
        c.reply.integer(found);
    }
}
