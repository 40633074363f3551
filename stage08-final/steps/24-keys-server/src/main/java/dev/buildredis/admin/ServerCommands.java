package dev.buildredis.admin;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Info;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.SlowLog;
import dev.buildredis.store.Database;
import dev.buildredis.store.Keyspace;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Commands about the server as a whole.
 * <pre>
 * DBSIZE                       :&lt;keys in the selected database&gt;
 * FLUSHDB / FLUSHALL [SYNC|ASYNC]   +OK
 * CONFIG GET pattern [...]     a map of every matching parameter (RESP2: name, value, name, value...)
 * CONFIG SET name value        +OK, or Redis's error for an unknown or invalid parameter
 * INFO [section ...]           "# Server\r\nredis_version:7.0.15\r\n..." as a bulk (RESP3: verbatim) string
 * TIME                         *2 $&lt;unix seconds&gt; $&lt;microseconds&gt;
 * </pre>
 */
public final class ServerCommands {

    private ServerCommands() {
    }

    public static List<Command> all() {
        return List.of(
                Command.of("dbsize", 1, "readonly fast", 0, 0, 0, (c, a) -> c.reply.integer(c.db().size())),
                Command.of("flushdb", -1, "write", 0, 0, 0, (c, a) -> flush(c, a, c.db())),
                Command.of("flushall", -1, "write", 0, 0, 0, (c, a) -> flush(c, a, null)),
                Command.of("info", -1, "loading stale", 0, 0, 0, (c, a) -> c.reply.verbatim(Info.text(c, a))),
                Command.of("time", 1, "loading stale fast", 0, 0, 0, ServerCommands::time),
                Command.of("shutdown", -1, "admin noscript loading stale no_multi", 0, 0, 0, ServerCommands::shutdown),
                Command.container("debug", -2, List.of(
                        Command.of("debug|help", 2, "loading stale", 0, 0, 0,
                                (c, a) -> Command.help(c, "DEBUG", "RELOAD")))),
                Command.container("config", -2, List.of(
                        Command.of("config|get", -3, "admin noscript loading stale", 0, 0, 0, ServerCommands::configGet),
                        Command.of("config|set", -4, "admin noscript loading stale", 0, 0, 0, ServerCommands::configSet),
                        Command.of("config|resetstat", 2, "admin noscript loading stale", 0, 0, 0,
                                ServerCommands::resetStat)
                        , Command.of("config|rewrite", 2, "admin noscript loading stale", 0, 0, 0,
                                (c, a) -> { throw new CommandError("ERR The server is running without a config file"); }),
                        Command.of("config|help", 2, "loading stale", 0, 0, 0, (c, a) -> Command.help(c, "CONFIG",
                                "GET <pattern>", "SET <directive> <value>", "RESETSTAT", "REWRITE"))
                        )),
                SlowLog.command());
    }

    private static void flush(Client c, List<byte[]> a, Database only) {
        if (a.size() > 2 || (a.size() == 2 && !Args.is(a.get(1), "SYNC") && !Args.is(a.get(1), "ASYNC"))) {
            throw CommandError.syntax();
        }
        Keyspace keyspace = c.engine.keyspace();
        long keys = 0;
        for (int i = 0; i < keyspace.databaseCount(); i++) {
            keys += only == null || keyspace.db(i) == only ? keyspace.db(i).size() : 0;
        }
        c.engine.signalFlushed(only); // while the keys are still there: it touches the watched keys that exist
        if (only == null) {
            keyspace.flushAll();
        } else {
            only.clear();
        }
        c.engine.countChanges(keys, 1); // Redis: a change a key removed
        if (keys == 0) {
            c.engine.propagate(c.db(), a); // and the command goes to the AOF and replicas even so
        }
        c.reply.ok();
    }

    /** SHUTDOWN [NOSAVE | SAVE]: the others of Redis 7's options (NOW, FORCE, ABORT) change nothing here. */
    private static void shutdown(Client c, List<byte[]> a) {
        Boolean save = null;
        boolean force = false;
        for (int i = 1; i < a.size(); i++) {
            if (Args.is(a.get(i), "NOSAVE") && save == null) {
                save = false;
            } else if (Args.is(a.get(i), "SAVE") && save == null) {
                save = true;
            } else if (Args.is(a.get(i), "FORCE")) {
                force = true;
            } else if (!Args.is(a.get(i), "NOW")) {
                throw CommandError.syntax();
            }
        }
        try {
            c.engine.shutdown(save, force);
        } catch (java.io.IOException e) {
            throw new CommandError("ERR Errors trying to SHUTDOWN. Check logs.");
        }
    }


    private static void time(Client c, List<byte[]> a) {
        long micros = c.engine.keyspace().nowMillis() * 1000 + (System.nanoTime() / 1000) % 1000;
        c.reply.arrayHeader(2);
        c.reply.bulk(Args.bytes(micros / 1_000_000));
        c.reply.bulk(Args.bytes(micros % 1_000_000));
    }

    private static void configGet(Client c, List<byte[]> a) {
        Map<String, String[]> found = new java.util.LinkedHashMap<>(); // by lower-case name: {name as shown, value}
        for (int i = 2; i < a.size(); i++) {
            c.engine.settings.matching(a.get(i)).forEach((name, value) ->
                    found.putIfAbsent(name.toLowerCase(Locale.ROOT), new String[] {name, value}));
        }
        c.reply.mapHeader(found.size());
        found.values().forEach(nameAndValue -> {
            c.reply.bulk(nameAndValue[0]);
            c.reply.bulk(nameAndValue[1]);
        });
    }

    private static void configSet(Client c, List<byte[]> a) {
        if (a.size() % 2 != 0) {
            throw CommandError.syntax(); // as Redis: the arity (-4) is checked first, then the pairs
        }
        List<String[]> pairs = new java.util.ArrayList<>();
        for (int i = 2; i < a.size(); i += 2) {
            pairs.add(new String[] {Args.text(a.get(i)), Args.text(a.get(i + 1))});
            if (c.engine.settings.sensitive(Args.text(a.get(i)))) { // even if the CONFIG SET fails, as Redis
                c.redacted.set(i + 1);
            }
        }
        c.engine.configSet(c, pairs);
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
