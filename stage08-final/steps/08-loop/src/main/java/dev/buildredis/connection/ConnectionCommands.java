package dev.buildredis.connection;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Engine;

import java.util.List;

/**
 * Commands about the connection itself.
 * <pre>
 * PING [message]     +PONG or the message; while subscribed in RESP2: *2 $4 pong $&lt;message or empty&gt;
 * ECHO message       the message as a bulk string
 * SELECT 3           +OK, or -ERR DB index is out of range
 * </pre>
 */
public final class ConnectionCommands {

    /** The version this server reports: the Redis version whose behaviour it follows. */

    private ConnectionCommands() {
    }

    public static List<Command> all() {
        return List.of(
                Command.of("ping", -1, "fast stale allowed_while_subscribed", 0, 0, 0, ConnectionCommands::ping),
                Command.of("echo", 2, "fast", 0, 0, 0, (c, a) -> c.reply.bulk(a.get(1))),
                Command.of("select", 2, "loading stale fast", 0, 0, 0, ConnectionCommands::select)
        );
    }

    // tag::ping[]
    private static void ping(Client c, List<byte[]> a) {
        if (a.size() > 2) {
            throw CommandError.wrongArity("ping");
        }
        if (a.size() == 2) {
            c.reply.bulk(a.get(1));
        } else {
            c.reply.simple("PONG");
        }
    }
    // end::ping[]

    private static void select(Client c, List<byte[]> a) {
        int index = Args.int32(a.get(1));
        if (index < 0 || index >= c.engine.keyspace().databaseCount()) {
            throw new CommandError(CommandError.DB_OUT_OF_RANGE);
        }
        c.db = c.engine.keyspace().db(index);
        c.reply.ok();
    }

}
