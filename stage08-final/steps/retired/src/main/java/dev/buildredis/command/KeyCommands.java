// @step 01-05
package dev.buildredis.command;

import dev.buildredis.protocol.RespValue;
//> step 03-05
//~import dev.buildredis.store.Database;
//< step 03-05
import dev.buildredis.store.Key;
//> step 01-02
//~import dev.buildredis.store.Keyspace;
//< step 01-02

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

    //> step 01-02
//~    private final Keyspace keyspace;
    //< step 01-02
    //> step 03-05
//~    private final Database db;
//~    private final Journal journal;
    //< step 03-05

    //> step 01-02
//~    KeyCommands(Keyspace keyspace) {
//~        this.keyspace = keyspace;
    //< step 01-02
    //> step 03-05
//~    KeyCommands(Database db, Journal journal) {
//~        this.db = db;
//~        this.journal = journal;
    //< step 03-05
    }

    List<Command> all() {
        return List.of(
                //> step 01-02
//~                new Command("del", -2, Set.of(Command.Flag.WRITE), args -> count(args, Keyspace::delete)),
//~                new Command("exists", -2, Set.of(Command.Flag.READONLY), args -> count(args, Keyspace::exists)));
                //< step 01-02
                //> step 03-05
//~                new Command("del", -2, Set.of(Command.Flag.WRITE), this::del),
//~                new Command("exists", -2, Set.of(Command.Flag.READONLY), args -> count(args, Database::exists)));
//~    }
//~
//~    private RespValue del(List<byte[]> args) {
//~        RespValue deleted = count(args, Database::delete);
//~        if (!deleted.equals(new RespValue.Int(0))) {
//~            journal.changed();
//~        }
//~        return deleted;
                //< step 03-05
    }

    /** How many of the keys in {@code args[1..]} the action reports true for, with no other command in between. */
    //> step 01-02
//~    private RespValue count(List<byte[]> args, BiPredicate<Keyspace, Key> action) {
    //< step 01-02
    //> step 03-05
//~    private RespValue count(List<byte[]> args, BiPredicate<Database, Key> action) {
    //< step 03-05
        long count = 0;
        for (byte[] key : args.subList(1, args.size())) {
            //> step 01-02
//~            if (action.test(keyspace, new Key(key))) {
            //< step 01-02
            //> step 03-05
//~            if (action.test(db, new Key(key))) {
            //< step 03-05
                count++;
            }
        }
        return new RespValue.Int(count);
    }
}
