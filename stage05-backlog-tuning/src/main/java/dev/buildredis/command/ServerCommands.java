package dev.buildredis.command;

import dev.buildredis.protocol.RespValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code CONFIG GET}, answering for the parameters clients ask about before they start: redis-benchmark reads
 * {@code save} and {@code appendonly} and prints a warning if it cannot. The values are true for this server,
 * which persists nothing.
 * <pre>
 * CONFIG GET save           → *2\r\n$4\r\nsave\r\n$0\r\n\r\n
 * CONFIG GET app*           → *2\r\n$10\r\nappendonly\r\n$2\r\nno\r\n
 * CONFIG GET nosuch*        → *0\r\n                   a pattern that matches nothing is no error
 * CONFIG SET save ""        → -ERR unknown subcommand 'SET'. Try CONFIG HELP.
 * </pre>
 */
final class ServerCommands {

    // tag::config-parameters[]
    /** The parameters this server answers for, with their values (a real server has some two hundred). */
    private static final Map<String, String> PARAMETERS = Map.of(
            "save", "",         // no snapshots
            "appendonly", "no"); // no append-only file
    // end::config-parameters[]

    private ServerCommands() {
    }

    static List<Command> all() {
        return List.of(new Command("config", -2, ServerCommands::config));
    }

    private static RespValue config(List<byte[]> args) {
        String subcommand = CommandTable.text(args.get(1));
        if (!subcommand.equalsIgnoreCase("get")) {
            return new RespValue.SimpleError("ERR unknown subcommand '" + subcommand + "'. Try CONFIG HELP.");
        }
        if (args.size() < 3) {
            return CommandTable.wrongArity("config|get");
        }
        return configGet(args.subList(2, args.size()));
    }

    /** Name and value of every parameter some pattern matches, each once, as one flat array. */
    private static RespValue configGet(List<byte[]> patterns) {
        Map<String, String> found = new LinkedHashMap<>();
        for (byte[] bytes : patterns) {
            String pattern = CommandTable.text(bytes);
            if (Glob.isLiteral(pattern)) {
                // Redis looks an exact name up directly and answers with the name as the client spelled it.
                String value = PARAMETERS.get(pattern.toLowerCase(Locale.ROOT));
                if (value != null) {
                    found.putIfAbsent(pattern, value);
                }
            } else {
                PARAMETERS.forEach((name, value) -> {
                    if (Glob.matches(pattern, name)) {
                        found.putIfAbsent(name, value);
                    }
                });
            }
        }
        List<RespValue> reply = new ArrayList<>();
        found.forEach((name, value) -> {
            reply.add(RespValue.BulkString.of(name));
            reply.add(RespValue.BulkString.of(value));
        });
        return new RespValue.Array(reply);
    }
}
