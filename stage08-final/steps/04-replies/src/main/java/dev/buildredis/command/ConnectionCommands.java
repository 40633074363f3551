package dev.buildredis.command;

import dev.buildredis.engine.Client;
import dev.buildredis.protocol.Decimal;

import java.util.List;
import java.util.Set;

/**
 * Commands about the connection itself.
 * <pre>
 * PING            → +PONG
 * PING message    → $7\r\nmessage\r\n
 * ECHO message    → $7\r\nmessage\r\n
 * SELECT 3        → +OK\r\n       this client's commands work on database 3 from now on
 * </pre>
 */
final class ConnectionCommands {

    private ConnectionCommands() {
    }

    static List<Command> all() {
        return List.of(
                new Command("ping", -1, Set.of(), ConnectionCommands::ping),
                new Command("echo", 2, Set.of(), (c, args) -> c.reply.bulk(args.get(1))),
                new Command("select", 2, Set.of(), ConnectionCommands::select));
    }

    // tag::ping[]
    private static void ping(Client c, List<byte[]> args) {
        switch (args.size()) {
            case 1 -> c.reply.simple("PONG");
            case 2 -> c.reply.bulk(args.get(1));
            default -> throw new CommandError(CommandTable.wrongArity("ping")); // Redis's arity: at least 1
        }
    }
    // end::ping[]

    // tag::select[]
    /** Chooses the database this client's commands use; the others keep theirs. */
    private static void select(Client c, List<byte[]> args) {
        long index = Decimal.parse(args.get(1)).orElseThrow(() -> new CommandError(CommandError.NOT_AN_INTEGER));
        if (index < 0 || index >= c.engine.keyspace().databaseCount()) {
            throw new CommandError("ERR DB index is out of range");
        }
        c.db = c.engine.keyspace().db((int) index);
        c.reply.ok();
    }
    // end::select[]
}
