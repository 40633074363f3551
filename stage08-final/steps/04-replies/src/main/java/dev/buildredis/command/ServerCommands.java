package dev.buildredis.command;

import dev.buildredis.metrics.Monitor;
import dev.buildredis.metrics.SlowLog;
import dev.buildredis.metrics.SlowLogEntry;
import dev.buildredis.engine.Client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The commands about the server itself: {@code CONFIG}, {@code INFO} and {@code SLOWLOG}.
 * <pre>
 * CONFIG GET appendonly                    → *2\r\n$10\r\nappendonly\r\n$2\r\nno\r\n
 * CONFIG SET slowlog-log-slower-than 0     → +OK\r\n       only the slow log's two parameters can be set
 * CONFIG RESETSTAT                         → +OK\r\n       INFO's counts and histograms start from zero
 * INFO [section ...]                       → $1234\r\n# Server\r\n...   Redis's text, see InfoReport
 * SLOWLOG GET [count] | LEN | RESET        → the entries newest first (see SlowLogEntry) | :3\r\n | +OK\r\n
 * </pre>
 */
final class ServerCommands {

    /** The parameters this server answers for, with their values (a real server has some two hundred). */
    private final Map<String, String> parameters;
    private final Monitor monitor;

    /** @param parameters the settings to report besides {@code save}, which is always empty: no snapshots */
    ServerCommands(Map<String, String> parameters, Monitor monitor) {
        this.parameters = new LinkedHashMap<>(parameters);
        this.parameters.put("save", "");
        this.monitor = monitor;
    }

    List<Command> all() {
        return List.of(
                new Command("config", -2, Set.of(), this::config, Set.of("get", "set", "resetstat")),
                new Command("info", -1, Set.of(), this::info),
                new Command("slowlog", -2, Set.of(), this::slowlog, Set.of("get", "len", "reset")));
    }

    // tag::config-parameters[]
    /** The fixed parameters and the slow log's two, which CONFIG SET changes while the server runs. */
    private Map<String, String> parameters() {
        Map<String, String> current = new LinkedHashMap<>(parameters);
        current.put("slowlog-log-slower-than", Long.toString(monitor.slowLog().slowerThanMicros()));
        current.put("slowlog-max-len", Integer.toString(monitor.slowLog().maxLen()));
        return current;
    }
    // end::config-parameters[]

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
                if (args.size() != 4) {
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
    private void configGet(Client c, List<byte[]> patterns) {
        Map<String, String> parameters = parameters(); // one copy, so that every pattern sees the same values
        Map<String, String> found = new LinkedHashMap<>();
        for (byte[] bytes : patterns) {
            String pattern = CommandTable.text(bytes);
            if (Glob.isLiteral(pattern)) {
                // Redis looks an exact name up directly and answers with the name as the client spelled it.
                String value = parameters.get(pattern.toLowerCase(Locale.ROOT));
                if (value != null) {
                    found.putIfAbsent(pattern, value);
                }
            } else {
                parameters.forEach((name, value) -> {
                    if (Glob.matches(pattern, name)) {
                        found.putIfAbsent(name, value);
                    }
                });
            }
        }
        c.reply.arrayHeader(found.size() * 2L);
        found.forEach((name, value) -> {
            c.reply.bulk(name);
            c.reply.bulk(value);
        });
    }

    /** Sets one of the slow log's parameters; Redis's texts for a parameter it cannot set and a bad number. */
    private void configSet(Client c, List<byte[]> args) {
        String name = CommandTable.text(args.get(2)).toLowerCase(Locale.ROOT);
        String value = CommandTable.text(args.get(3));
        SlowLog slowLog = monitor.slowLog();
        try {
            switch (name) {
                case "slowlog-log-slower-than" -> slowLog.slowerThanMicros(Long.parseLong(value));
                case "slowlog-max-len" -> {
                    long maxLen = Long.parseLong(value);
                    if (maxLen < 0) {
                        throw new CommandError("ERR CONFIG SET failed (possibly related to argument '"
                                + name + "') - argument must be between 0 and " + Long.MAX_VALUE + " inclusive");
                    }
                    slowLog.maxLen((int) Math.min(maxLen, Integer.MAX_VALUE)); // more than memory could hold anyway
                }
                default -> throw new CommandError("ERR Unknown option or number of arguments for CONFIG SET - '"
                        + CommandTable.text(args.get(2)) + "'");
            }
        } catch (NumberFormatException e) {
            throw new CommandError("ERR CONFIG SET failed (possibly related to argument '" + name
                    + "') - argument couldn't be parsed into an integer");
        }
        c.reply.ok();
    }

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
