package dev.buildredis.command;

import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.metrics.Monitor;
import dev.buildredis.metrics.SlowLogEntry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    // tag::entries[]
    /** Entries of the engine's table: CONFIG and SLOWLOG are containers, each subcommand an entry of its own. */
    List<Command> all() {
        return List.of(
                Command.container("config", -2, List.of(
                        Command.of("config|get", -3, "admin noscript loading stale", 0, 0, 0,
                                (c, args) -> configGet(c, args.subList(2, args.size()))),
                        Command.of("config|set", -4, "admin noscript loading stale", 0, 0, 0, this::configSet),
                        Command.of("config|resetstat", 2, "admin noscript loading stale", 0, 0, 0, (c, args) -> {
                            monitor.resetStats();
                            c.reply.ok();
                        }))),
                Command.of("info", -1, "loading stale", 0, 0, 0, this::info),
                Command.container("slowlog", -2, List.of(
                        Command.of("slowlog|get", -2, "admin loading stale", 0, 0, 0, this::slowlogGet),
                        Command.of("slowlog|len", 2, "admin loading stale", 0, 0, 0,
                                (c, args) -> c.reply.integer(monitor.slowLog().len())),
                        Command.of("slowlog|reset", 2, "admin loading stale", 0, 0, 0, (c, args) -> {
                            monitor.slowLog().reset();
                            c.reply.ok();
                        }))));
    }
    // end::entries[]

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
        if (args.size() % 2 != 0) {
            throw CommandError.wrongArity("config|set");
        }
        List<String[]> pairs = new ArrayList<>();
        for (int i = 2; i < args.size(); i += 2) {
            pairs.add(new String[] {CommandTable.text(args.get(i)), CommandTable.text(args.get(i + 1))});
        }
        c.engine.configSet(pairs);
        c.reply.ok();
    }
    // end::config[]

    // tag::info[]
    private void info(Client c, List<byte[]> args) {
        List<String> sections = args.subList(1, args.size()).stream().map(CommandTable::text).toList();
        c.reply.bulk(monitor.info(sections));
    }
    // end::info[]

    private void slowlogGet(Client c, List<byte[]> args) {
        if (args.size() > 3) {
            throw CommandError.wrongArity("slowlog|get");
        }
        long count = args.size() == 3 ? slowlogCount(args.get(2)) : 10; // Redis's default: the last ten
        List<SlowLogEntry> entries = monitor.slowLog().get(count);
        c.reply.arrayHeader(entries.size());
        entries.forEach(entry -> entry.write(c.reply));
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
