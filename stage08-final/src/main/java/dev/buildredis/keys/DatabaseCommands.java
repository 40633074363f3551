// @step 24
package dev.buildredis.keys;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.store.Database;
import dev.buildredis.store.Key;
import dev.buildredis.store.Value;

import java.util.List;

/**
 * The commands that move data between the numbered databases.
 * <pre>
 * MOVE k 3        :1 moved (with its TTL); :0 if k is not here or already there
 *                 -ERR source and destination objects are the same    (3 is the selected database)
 * SWAPDB 0 1      +OK: the two databases exchange their data; every client stays in the one it selected
 * </pre>
 */
public final class DatabaseCommands {

    private DatabaseCommands() {
    }

    public static List<Command> all() {
        return List.of(
                Command.of("move", 3, "write fast", 1, 1, 1, DatabaseCommands::move),
                Command.of("swapdb", 3, "write fast", 0, 0, 0, DatabaseCommands::swapdb));
    }

    /**
     * A database number as Redis's getIntFromObjectOrReply reads one: {@code error} if it is no integer, and if it
     * is one beyond an int, {@code error} again when one was given, else Redis's own words for it.
     */
    private static int index(byte[] arg, String error) {
        long index = Args.integer(arg, error == null ? CommandError.NOT_INTEGER : error);
        if (index < Integer.MIN_VALUE || index > Integer.MAX_VALUE) {
            throw new CommandError(error != null ? error
                    : "ERR value is out of range, value must between -2147483648 and 2147483647");
        }
        return (int) index;
    }

    private static Database database(Client c, int index) {
        if (index < 0 || index >= c.engine.keyspace().databaseCount()) {
            throw new CommandError(CommandError.DB_OUT_OF_RANGE);
        }
        return c.engine.keyspace().db(index);
    }

    // tag::move[]
    /** Redis's moveCommand: the target checked first, then the key; the value and its TTL change database. */
    private static void move(Client c, List<byte[]> a) {
        Database source = c.db();
        Database target = database(c, index(a.get(2), null));
        if (target == source) {
            throw new CommandError("ERR source and destination objects are the same");
        }
        Key key = Args.key(a.get(1));
        Value value = source.get(key);
        if (value == null || target.exists(key)) {
            c.reply.integer(0);
            return;
        }
        long when = source.expireAt(key);
        target.set(key, value);
        if (when >= 0) {
            target.setExpireAt(key, when);
        }
        source.delete(key);
        c.modified(key, "move_from");
        c.engine.modified(target, key, "move_to");
        c.engine.countChanges(1, 2); // Redis counts the move once
        c.reply.integer(1);
    }
    // end::move[]

    private static void swapdb(Client c, List<byte[]> a) {
        int first = index(a.get(1), "ERR invalid first DB index");
        int second = index(a.get(2), "ERR invalid second DB index");
        database(c, first);
        database(c, second);
        c.engine.swapDatabases(first, second);
        c.reply.ok();
    }
}
