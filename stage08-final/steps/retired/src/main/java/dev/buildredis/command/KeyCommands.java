// @step 01-05
package dev.buildredis.command;

//> step 01-03
//~import dev.buildredis.protocol.RespValue;
//< step 01-03
//> step 03-03
//~import dev.buildredis.store.Database;
//< step 03-03
//> step 04-05
//~import dev.buildredis.engine.Client;
//< step 04-05
import dev.buildredis.store.Key;
//> step 01-02
//~import dev.buildredis.store.Keyspace;
//< step 01-02

import java.util.List;
import java.util.Set;
//> step 01-03
//~import java.util.function.BiPredicate;
//< step 01-03

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
    //> step 03-03
//~    private final Database db;
//~    private final Journal journal;
    //< step 03-03
//> step 01-03
//~
//< step 01-03
    //> step 01-02
//~    KeyCommands(Keyspace keyspace) {
//~        this.keyspace = keyspace;
    //< step 01-02
    //> step 03-03
//~    KeyCommands(Database db, Journal journal) {
//~        this.db = db;
//~        this.journal = journal;
    //< step 03-03
    //> step 04-05
//~    private KeyCommands() {
    //< step 04-05
    }

    //> step 01-03
//~    List<Command> all() {
    //< step 01-03
    //> step 04-05
//~    static List<Command> all() {
    //< step 04-05
        return List.of(
                //> step 01-02
//~                new Command("del", -2, Set.of(Command.Flag.WRITE), args -> count(args, Keyspace::delete)),
//~                new Command("exists", -2, Set.of(Command.Flag.READONLY), args -> count(args, Keyspace::exists)));
                //< step 01-02
                //> step 03-03
//~                new Command("del", -2, Set.of(Command.Flag.WRITE), this::del),
//~                new Command("exists", -2, Set.of(Command.Flag.READONLY), args -> count(args, Database::exists)));
                //< step 03-03
                //> step 04-05
//~                new Command("del", -2, Set.of(Command.Flag.WRITE), KeyCommands::del),
//~                new Command("exists", -2, Set.of(Command.Flag.READONLY), KeyCommands::exists));
                //< step 04-05
    //> step 03-05
//~    }
//~
    //< step 03-05
    //> step 03-03
//~    private RespValue del(List<byte[]> args) {
//~        RespValue deleted = count(args, Database::delete);
//~        if (!deleted.equals(new RespValue.Int(0))) {
//~            journal.changed();
//~        }
//~        return deleted;
    //< step 03-03
    //> step 01-03
//~    }
//~
//~    /** How many of the keys in {@code args[1..]} the action reports true for, with no other command in between. */
    //< step 01-03
    //> step 01-02
//~    private RespValue count(List<byte[]> args, BiPredicate<Keyspace, Key> action) {
    //< step 01-02
    //> step 03-03
//~    private RespValue count(List<byte[]> args, BiPredicate<Database, Key> action) {
    //< step 03-03
    //> step 04-05
//~    /** How many of the keys in {@code args[1..]} existed and are gone now, with no other command in between. */
//~    private static void del(Client c, List<byte[]> args) {
    //< step 04-05
        long count = 0;
        //> step 01-03
//~        for (byte[] key : args.subList(1, args.size())) {
        //< step 01-03
            //> step 01-02
//~            if (action.test(keyspace, new Key(key))) {
            //< step 01-02
            //> step 03-03
//~            if (action.test(db, new Key(key))) {
            //< step 03-03
        //> step 04-05
//~        for (byte[] bytes : args.subList(1, args.size())) {
//~            Key key = new Key(bytes);
//~            if (c.db().delete(key)) {
//~                c.modified(key);
        //< step 04-05
                count++;
            }
        }
        //> step 01-03
//~        return new RespValue.Int(count);
        //< step 01-03
        //> step 04-05
//~        c.reply.integer(count);
//~    }
//~
//~    /** How many of the keys in {@code args[1..]} exist; a key named twice counts twice. */
//~    private static void exists(Client c, List<byte[]> args) {
//~        long count = 0;
//~        for (byte[] key : args.subList(1, args.size())) {
//~            if (c.db().exists(new Key(key))) {
//~                count++;
//~            }
//~        }
//~        c.reply.integer(count);
        //< step 04-05
    }
}
