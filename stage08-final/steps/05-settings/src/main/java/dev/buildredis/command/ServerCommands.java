package dev.buildredis.command;

import dev.buildredis.metrics.Monitor;
import dev.buildredis.metrics.SlowLog;
import dev.buildredis.metrics.SlowLogEntry;
import dev.buildredis.engine.Client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The commands about the server itself: {@code CONFIG}, {@code INFO} and {@code SLOWLOG}.
 * <pre>
 * CONFIG GET appendonly                    → *2\r\n$10\r\nappendonly\r\n$2\r\nno\r\n   the server's Settings
 * CONFIG SET timeout 30 maxclients 100     → +OK\r\n       all the pairs or none, as Redis 7
 * CONFIG RESETSTAT                         → +OK\r\n       INFO's counts and histograms start from zero
 * INFO [section ...]                       → $1234\r\n# Server\r\n...   Redis's text, see InfoReport
 * SLOWLOG GET [count] | LEN | RESET        → the entries newest first (see SlowLogEntry) | :3\r\n | +OK\r\n
 * </pre>
 */
final class ServerCommands {

    private final Monitor monitor;

    ServerCommands(Monitor monitor) {
        this.monitor = monitor;
    }

    List<Command> all() {
        return List.of(
                new Command("config", -2, Set.of(), this::config, Set.of("get", "set", "resetstat")),
                new Command("info", -1, Set.of(), this::info),
                new Command("slowlog", -2, Set.of(), this::slowlog, Set.of("get", "len", "reset")));
    }

    private void config(Client c, List<byte[]> args) {
        String subcommand = CommandTable.text(args.get(1)).toLowerCase(Locale.ROOT);
        switch (subcommand) {
            case "get" -> {
                if (args.size() < 3) {
                    throw new CommandError(CommandTable.wrongArity("config|get"));
                }
                configGet(c, args.subList(2, args.size()));
            }
            case "set" -> {
                if (args.size() < 4 || args.size() % 2 != 0) {
                    throw new CommandError(CommandTable.wrongArity("config|set"));
                }
                configSet(c, args);
            }
            case "resetstat" -> {
                monitor.resetStats();
                c.reply.ok();
            }
            default -> throw new CommandError("ERR unknown subcommand '" + CommandTable.text(args.get(1))
                    + "'. Try CONFIG HELP.");
        }
    }

    /** Name and value of every parameter some pattern matches, each once, as one flat array. */
    // tag::config[]
    /** Name and value of every parameter some pattern matches, each once, as one flat array. */
    private void configGet(Client c, List<byte[]> patterns) {
        Map<String, String[]> found = new LinkedHashMap<>(); // by lower-case name: {name as shown, value}
        for (byte[] pattern : patterns) {
            c.engine.settings().matching(pattern).forEach((name, value) ->
                    found.putIfAbsent(name.toLowerCase(Locale.ROOT), new String[] {name, value}));
        }
        c.reply.arrayHeader(found.size() * 2L);
        found.values().forEach(nameAndValue -> {
            c.reply.bulk(nameAndValue[0]);
            c.reply.bulk(nameAndValue[1]);
        });
    }

    /** Sets every pair or none, with Redis's texts for an unknown name or a refused value. */
    private void configSet(Client c, List<byte[]> args) {
        List<String[]> pairs = new ArrayList<>();
        for (int i = 2; i < args.size(); i += 2) {
            pairs.add(new String[] {CommandTable.text(args.get(i)), CommandTable.text(args.get(i + 1))});
        }
        try {
            c.engine.configSet(pairs);
        } catch (dev.buildredis.engine.CommandError e) { // the settings' own; this table catches its own kind
            throw new CommandError(e.getMessage());
        }
        c.reply.ok();
    }
    // end::config[]

    // tag::info[]
    private void info(Client c, List<byte[]> args) {
        List<String> sections = args.subList(1, args.size()).stream().map(CommandTable::text).toList();
        c.reply.bulk(monitor.info(sections));
    }
    // end::info[]

    private void slowlog(Client c, List<byte[]> args) {
        SlowLog slowLog = monitor.slowLog();
        String subcommand = CommandTable.text(args.get(1)).toLowerCase(Locale.ROOT);
        switch (subcommand) {
            case "len" -> c.reply.integer(slowLog.len());
            case "reset" -> {
                slowLog.reset();
                c.reply.ok();
            }
            case "get" -> {
                if (args.size() > 3) {
                    throw new CommandError(CommandTable.wrongArity("slowlog|get"));
                }
                long count = args.size() == 3 ? slowlogCount(args.get(2)) : 10; // Redis's default: the last ten
                List<SlowLogEntry> entries = slowLog.get(count);
                c.reply.arrayHeader(entries.size());
                entries.forEach(entry -> entry.write(c.reply));
            }
            default -> throw new CommandError("ERR unknown subcommand '" + CommandTable.text(args.get(1))
                    + "'. Try SLOWLOG HELP.");
        }
    }

    /** SLOWLOG GET's count: -1 means all; anything else below 0, or not a number, gets Redis's one refusal. */
    private static long slowlogCount(byte[] arg) {
        try {
            long count = Long.parseLong(CommandTable.text(arg));
            if (count >= -1) {
                return count;
            }
        } catch (NumberFormatException e) {
            // same refusal as a negative count, as Redis words it
        }
        throw new CommandError("ERR count should be greater than or equal to -1");
    }
}
