package dev.buildredis.admin;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Info;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.SlowLog;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Commands about the server as a whole.
 * <pre>
 * CONFIG GET pattern [...]     a map of every matching parameter (RESP2: name, value, name, value...)
 * CONFIG SET name value        +OK, or Redis's error for an unknown or invalid parameter
 * INFO [section ...]           "# Server\r\nredis_version:7.0.15\r\n..." as a bulk (RESP3: verbatim) string
 * </pre>
 */
public final class ServerCommands {

    private ServerCommands() {
    }

    public static List<Command> all() {
        return List.of(
                Command.of("info", -1, "loading stale", 0, 0, 0, (c, a) -> c.reply.bulk(Info.text(c, a))),
                Command.container("config", -2, List.of(
                        Command.of("config|get", -3, "admin noscript loading stale", 0, 0, 0, ServerCommands::configGet),
                        Command.of("config|set", -4, "admin noscript loading stale", 0, 0, 0, ServerCommands::configSet),
                        Command.of("config|resetstat", 2, "admin noscript loading stale", 0, 0, 0,
                                ServerCommands::resetStat)
                        )),
                SlowLog.command());
    }

    private static void configGet(Client c, List<byte[]> a) {
        Map<String, String[]> found = new java.util.LinkedHashMap<>(); // by lower-case name: {name as shown, value}
        for (int i = 2; i < a.size(); i++) {
            c.engine.settings.matching(a.get(i)).forEach((name, value) ->
                    found.putIfAbsent(name.toLowerCase(Locale.ROOT), new String[] {name, value}));
        }
        c.reply.arrayHeader(found.size() * 2L); // name, value, name, value...
        found.values().forEach(nameAndValue -> {
            c.reply.bulk(nameAndValue[0]);
            c.reply.bulk(nameAndValue[1]);
        });
    }

    private static void configSet(Client c, List<byte[]> a) {
        if (a.size() % 2 != 0) {
            throw CommandError.wrongArity("config|set");
        }
        List<String[]> pairs = new java.util.ArrayList<>();
        for (int i = 2; i < a.size(); i += 2) {
            pairs.add(new String[] {Args.text(a.get(i)), Args.text(a.get(i + 1))});
        }
        c.engine.configSet(pairs);
        c.reply.ok();
    }

    private static void resetStat(Client c, List<byte[]> a) {
        c.engine.commandsProcessed = 0;
        c.engine.connectionsReceived = 0;
        c.engine.rejectedConnections = 0;
        c.engine.resetCommandStats();
        c.engine.keyspace().resetStats();
        c.reply.ok();
    }

    static String lower(byte[] arg) {
        return Args.text(arg).toLowerCase(Locale.ROOT);
    }
}
