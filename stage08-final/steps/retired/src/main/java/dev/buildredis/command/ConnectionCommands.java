// @step 01-05
package dev.buildredis.command;

//> step 01-03
//~import dev.buildredis.protocol.RespValue;
//< step 01-03
//> step 04-05
//~import dev.buildredis.engine.Client;
//~import dev.buildredis.protocol.Decimal;
//< step 04-05

import java.util.List;
import java.util.Set;

/**
 * Commands about the connection itself.
 * <pre>
 * PING            → +PONG
 * PING message    → $7\r\nmessage\r\n
 * ECHO message    → $7\r\nmessage\r\n
 //> step 04-05
//~ * SELECT 3        → +OK\r\n       this client's commands work on database 3 from now on
 //< step 04-05
 * </pre>
 */
final class ConnectionCommands {
    //> step 01-03
//~
//~    private static final RespValue PONG = new RespValue.SimpleString("PONG");
    //< step 01-03

    private ConnectionCommands() {
    }

    static List<Command> all() {
        return List.of(
                new Command("ping", -1, Set.of(), ConnectionCommands::ping),
                //> step 01-03
//~                new Command("echo", 2, Set.of(), args -> new RespValue.BulkString(args.get(1))));
                //< step 01-03
                //> step 04-05
//~                new Command("echo", 2, Set.of(), (c, args) -> c.reply.bulk(args.get(1))),
//~                new Command("select", 2, Set.of(), ConnectionCommands::select));
                //< step 04-05
    }

    // tag::ping[]
    //> step 01-03
//~    private static RespValue ping(List<byte[]> args) {
//~        return switch (args.size()) {
//~            case 1 -> PONG;
//~            case 2 -> new RespValue.BulkString(args.get(1));
//~            default -> CommandTable.wrongArity("ping"); // Redis's arity for PING is "at least 1", checked here
//~        };
    //< step 01-03
    //> step 04-05
//~    private static void ping(Client c, List<byte[]> args) {
//~        switch (args.size()) {
//~            case 1 -> c.reply.simple("PONG");
//~            case 2 -> c.reply.bulk(args.get(1));
//~            default -> throw new CommandError(CommandTable.wrongArity("ping")); // Redis's arity: at least 1
//~        }
    //< step 04-05
    }
    // end::ping[]
    //> step 04-05
//~
//~    // tag::select[]
//~    /** Chooses the database this client's commands use; the others keep theirs. */
//~    private static void select(Client c, List<byte[]> args) {
//~        long index = Decimal.parse(args.get(1)).orElseThrow(() -> new CommandError(CommandError.NOT_AN_INTEGER));
//~        if (index < 0 || index >= c.engine.keyspace().databaseCount()) {
//~            throw new CommandError("ERR DB index is out of range");
//~        }
//~        c.db = c.engine.keyspace().db((int) index);
//~        c.reply.ok();
//~    }
//~    // end::select[]
    //< step 04-05
}
