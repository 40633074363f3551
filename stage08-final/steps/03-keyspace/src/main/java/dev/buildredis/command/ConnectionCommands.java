package dev.buildredis.command;

import dev.buildredis.protocol.RespValue;

import java.util.List;
import java.util.Set;

/**
 * Commands about the connection itself.
 * <pre>
 * PING            → +PONG
 * PING message    → $7\r\nmessage\r\n
 * ECHO message    → $7\r\nmessage\r\n
 * </pre>
 */
final class ConnectionCommands {

    private static final RespValue PONG = new RespValue.SimpleString("PONG");

    private ConnectionCommands() {
    }

    static List<Command> all() {
        return List.of(
                new Command("ping", -1, Set.of(), ConnectionCommands::ping),
                new Command("echo", 2, Set.of(), args -> new RespValue.BulkString(args.get(1))));
    }

    // tag::ping[]
    private static RespValue ping(List<byte[]> args) {
        return switch (args.size()) {
            case 1 -> PONG;
            case 2 -> new RespValue.BulkString(args.get(1));
            default -> CommandTable.wrongArity("ping"); // Redis's arity for PING is "at least 1", checked here
        };
    }
    // end::ping[]
}
