// @step 01-06
package dev.buildredis.command;

//> step 06-06
//~import dev.buildredis.engine.Client;
//~import dev.buildredis.engine.Command;
//~import dev.buildredis.engine.CommandError;
//< step 06-06
import dev.buildredis.metrics.Monitor;
//> step 01-05
//~import dev.buildredis.metrics.SlowLog;
//< step 01-05
import dev.buildredis.metrics.SlowLogEntry;
//> step 01-03
//~import dev.buildredis.protocol.RespValue;
//< step 01-03
//> step 04-05
//~import dev.buildredis.engine.Client;
//< step 04-05

//> step 01-03
//~import java.util.ArrayList;
//< step 01-03
//> step 05-06
//~import java.util.ArrayList;
//< step 05-06
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
//> step 01-05
//~import java.util.Set;
//< step 01-05

/**
 * The commands about the server itself: {@code CONFIG}, {@code INFO} and {@code SLOWLOG}.
 * <pre>
 //> step 01-04
//~ * CONFIG GET appendonly                    → *2\r\n$10\r\nappendonly\r\n$2\r\nno\r\n
//~ * CONFIG SET slowlog-log-slower-than 0     → +OK\r\n       only the slow log's two parameters can be set
 //< step 01-04
 //> step 05-06
//~ * CONFIG GET appendonly                    → *2\r\n$10\r\nappendonly\r\n$2\r\nno\r\n   the server's Settings
//~ * CONFIG SET timeout 30 maxclients 100     → +OK\r\n       all the pairs or none, as Redis 7
 //< step 05-06
 * CONFIG RESETSTAT                         → +OK\r\n       INFO's counts and histograms start from zero
 * INFO [section ...]                       → $1234\r\n# Server\r\n...   Redis's text, see InfoReport
 * SLOWLOG GET [count] | LEN | RESET        → the entries newest first (see SlowLogEntry) | :3\r\n | +OK\r\n
 * </pre>
 */
final class ServerCommands {

    //> step 01-04
//~    /** The parameters this server answers for, with their values (a real server has some two hundred). */
//~    private final Map<String, String> parameters;
    //< step 01-04
    private final Monitor monitor;

    //> step 01-04
//~    /** @param parameters the settings to report besides {@code save}, which is always empty: no snapshots */
//~    ServerCommands(Map<String, String> parameters, Monitor monitor) {
//~        this.parameters = new LinkedHashMap<>(parameters);
//~        this.parameters.put("save", "");
    //< step 01-04
    //> step 05-06
//~    ServerCommands(Monitor monitor) {
    //< step 05-06
        this.monitor = monitor;
    }

    //> step 06-06
//~    // tag::entries[]
//~    /** Entries of the engine's table: CONFIG and SLOWLOG are containers, each subcommand an entry of its own. */
    //< step 06-06
    List<Command> all() {
        return List.of(
                //> step 01-05
//~                new Command("config", -2, Set.of(), this::config, Set.of("get", "set", "resetstat")),
//~                new Command("info", -1, Set.of(), this::info),
//~                new Command("slowlog", -2, Set.of(), this::slowlog, Set.of("get", "len", "reset")));
                //< step 01-05
                //> step 06-06
//~                Command.container("config", -2, List.of(
//~                        Command.of("config|get", -3, "admin noscript loading stale", 0, 0, 0,
//~                                (c, args) -> configGet(c, args.subList(2, args.size()))),
//~                        Command.of("config|set", -4, "admin noscript loading stale", 0, 0, 0, this::configSet),
//~                        Command.of("config|resetstat", 2, "admin noscript loading stale", 0, 0, 0, (c, args) -> {
//~                            monitor.resetStats();
//~                            c.reply.ok();
//~                        }))),
//~                Command.of("info", -1, "loading stale", 0, 0, 0, this::info),
//~                Command.container("slowlog", -2, List.of(
//~                        Command.of("slowlog|get", -2, "admin loading stale", 0, 0, 0, this::slowlogGet),
//~                        Command.of("slowlog|len", 2, "admin loading stale", 0, 0, 0,
//~                                (c, args) -> c.reply.integer(monitor.slowLog().len())),
//~                        Command.of("slowlog|reset", 2, "admin loading stale", 0, 0, 0, (c, args) -> {
//~                            monitor.slowLog().reset();
//~                            c.reply.ok();
//~                        }))));
                //< step 06-06
    }
    //> step 01-04
//~
//~    // tag::config-parameters[]
//~    /** The fixed parameters and the slow log's two, which CONFIG SET changes while the server runs. */
//~    private Map<String, String> parameters() {
//~        Map<String, String> current = new LinkedHashMap<>(parameters);
//~        current.put("slowlog-log-slower-than", Long.toString(monitor.slowLog().slowerThanMicros()));
//~        current.put("slowlog-max-len", Integer.toString(monitor.slowLog().maxLen()));
//~        return current;
//~    }
//~    // end::config-parameters[]
    //< step 01-04
//> step 01-05
//~
//< step 01-05
    //> step 01-03
//~    private RespValue config(List<byte[]> args) {
    //< step 01-03
    //> step 04-05
//~    private void config(Client c, List<byte[]> args) {
    //< step 04-05
        //> step 01-05
//~        String subcommand = CommandTable.text(args.get(1)).toLowerCase(Locale.ROOT);
        //< step 01-05
        //> step 01-03
//~        return switch (subcommand) {
//~            case "get" -> args.size() < 3
//~                    ? CommandTable.wrongArity("config|get") : configGet(args.subList(2, args.size()));
//~            case "set" -> args.size() != 4 ? CommandTable.wrongArity("config|set") : configSet(args);
        //< step 01-03
        //> step 04-05
//~        switch (subcommand) {
//~            case "get" -> {
//~                if (args.size() < 3) {
//~                    throw new CommandError(CommandTable.wrongArity("config|get"));
//~                }
//~                configGet(c, args.subList(2, args.size()));
//~            }
//~            case "set" -> {
        //< step 04-05
                //> step 04-04
//~                if (args.size() != 4) {
                //< step 04-04
                //> step 05-05
//~                if (args.size() < 4 || args.size() % 2 != 0) {
                //< step 05-05
                    //> step 04-05
//~                    throw new CommandError(CommandTable.wrongArity("config|set"));
//~                }
//~                configSet(c, args);
//~            }
                    //< step 04-05
            //> step 01-05
//~            case "resetstat" -> {
//~                monitor.resetStats();
            //< step 01-05
                //> step 01-03
//~                yield RespValue.OK;
                //< step 01-03
                //> step 04-05
//~                c.reply.ok();
                //< step 04-05
            //> step 01-05
//~            }
            //< step 01-05
            //> step 01-03
//~            default -> new RespValue.SimpleError("ERR unknown subcommand '" + CommandTable.text(args.get(1))
            //< step 01-03
            //> step 04-05
//~            default -> throw new CommandError("ERR unknown subcommand '" + CommandTable.text(args.get(1))
            //< step 04-05
                    //> step 01-05
//~                    + "'. Try CONFIG HELP.");
                    //< step 01-05
        //> step 01-03
//~        };
        //< step 01-03
        //> step 04-05
//~        }
        //< step 04-05
    //> step 01-05
//~    }
    //< step 01-05
    //> step 06-06
//~    // end::entries[]
    //< step 06-06

    /** Name and value of every parameter some pattern matches, each once, as one flat array. */
    //> step 01-03
//~    private RespValue configGet(List<byte[]> patterns) {
    //< step 01-03
    //> step 05-06
//~    // tag::config[]
//~    /** Name and value of every parameter some pattern matches, each once, as one flat array. */
    //< step 05-06
    //> step 04-06
//~    private void configGet(Client c, List<byte[]> patterns) {
    //< step 04-06
        //> step 01-04
//~        Map<String, String> parameters = parameters(); // one copy, so that every pattern sees the same values
//~        Map<String, String> found = new LinkedHashMap<>();
//~        for (byte[] bytes : patterns) {
//~            String pattern = CommandTable.text(bytes);
//~            if (Glob.isLiteral(pattern)) {
//~                // Redis looks an exact name up directly and answers with the name as the client spelled it.
//~                String value = parameters.get(pattern.toLowerCase(Locale.ROOT));
//~                if (value != null) {
//~                    found.putIfAbsent(pattern, value);
//~                }
//~            } else {
//~                parameters.forEach((name, value) -> {
//~                    if (Glob.matches(pattern, name)) {
//~                        found.putIfAbsent(name, value);
//~                    }
//~                });
//~            }
        //< step 01-04
        //> step 05-06
//~        Map<String, String[]> found = new LinkedHashMap<>(); // by lower-case name: {name as shown, value}
//~        for (byte[] pattern : patterns) {
//~            c.engine.settings().matching(pattern).forEach((name, value) ->
//~                    found.putIfAbsent(name.toLowerCase(Locale.ROOT), new String[] {name, value}));
        //< step 05-06
        }
        //> step 01-03
//~        List<RespValue> reply = new ArrayList<>();
        //< step 01-03
        //> step 04-06
//~        c.reply.arrayHeader(found.size() * 2L);
        //< step 04-06
        //> step 01-04
//~        found.forEach((name, value) -> {
        //< step 01-04
            //> step 01-03
//~            reply.add(RespValue.BulkString.of(name));
//~            reply.add(RespValue.BulkString.of(value));
            //< step 01-03
            //> step 04-04
//~            c.reply.bulk(name);
//~            c.reply.bulk(value);
            //< step 04-04
        //> step 05-06
//~        found.values().forEach(nameAndValue -> {
//~            c.reply.bulk(nameAndValue[0]);
//~            c.reply.bulk(nameAndValue[1]);
        //< step 05-06
        });
        //> step 01-03
//~        return new RespValue.Array(reply);
        //< step 01-03
    }

    //> step 01-04
//~    /** Sets one of the slow log's parameters; Redis's texts for a parameter it cannot set and a bad number. */
    //< step 01-04
    //> step 01-03
//~    private RespValue configSet(List<byte[]> args) {
    //< step 01-03
    //> step 05-06
//~    /** Sets every pair or none, with Redis's texts for an unknown name or a refused value. */
    //< step 05-06
    //> step 04-06
//~    private void configSet(Client c, List<byte[]> args) {
    //< step 04-06
        //> step 01-04
//~        String name = CommandTable.text(args.get(2)).toLowerCase(Locale.ROOT);
//~        String value = CommandTable.text(args.get(3));
//~        SlowLog slowLog = monitor.slowLog();
        //< step 01-04
        //> step 06-06
//~        if (args.size() % 2 != 0) {
//~            throw CommandError.wrongArity("config|set");
//~        }
        //< step 06-06
        //> step 05-06
//~        List<String[]> pairs = new ArrayList<>();
//~        for (int i = 2; i < args.size(); i += 2) {
//~            pairs.add(new String[] {CommandTable.text(args.get(i)), CommandTable.text(args.get(i + 1))});
//~        }
        //< step 05-06
        //> step 01-05
//~        try {
        //< step 01-05
            //> step 01-04
//~            switch (name) {
//~                case "slowlog-log-slower-than" -> slowLog.slowerThanMicros(Long.parseLong(value));
//~                case "slowlog-max-len" -> {
//~                    long maxLen = Long.parseLong(value);
//~                    if (maxLen < 0) {
            //< step 01-04
                        //> step 01-03
//~                        return new RespValue.SimpleError("ERR CONFIG SET failed (possibly related to argument '"
                        //< step 01-03
                        //> step 04-04
//~                        throw new CommandError("ERR CONFIG SET failed (possibly related to argument '"
                        //< step 04-04
                                //> step 01-04
//~                                + name + "') - argument must be between 0 and " + Long.MAX_VALUE + " inclusive");
//~                    }
//~                    slowLog.maxLen((int) Math.min(maxLen, Integer.MAX_VALUE)); // more than memory could hold anyway
//~                }
                                //< step 01-04
                //> step 01-03
//~                default -> {
//~                    return new RespValue.SimpleError("ERR Unknown option or number of arguments for CONFIG SET - '"
//~                            + CommandTable.text(args.get(2)) + "'");
//~                }
                //< step 01-03
                //> step 04-04
//~                default -> throw new CommandError("ERR Unknown option or number of arguments for CONFIG SET - '"
//~                        + CommandTable.text(args.get(2)) + "'");
                //< step 04-04
            //> step 01-04
//~            }
//~        } catch (NumberFormatException e) {
            //< step 01-04
            //> step 01-03
//~            return new RespValue.SimpleError("ERR CONFIG SET failed (possibly related to argument '" + name
            //< step 01-03
            //> step 04-04
//~            throw new CommandError("ERR CONFIG SET failed (possibly related to argument '" + name
            //< step 04-04
                    //> step 01-04
//~                    + "') - argument couldn't be parsed into an integer");
                    //< step 01-04
            //> step 05-05
//~            c.engine.configSet(pairs);
//~        } catch (dev.buildredis.engine.CommandError e) { // the settings' own; this table catches its own kind
//~            throw new CommandError(e.getMessage());
            //< step 05-05
        //> step 01-05
//~        }
        //< step 01-05
        //> step 01-03
//~        return RespValue.OK;
        //< step 01-03
        //> step 06-06
//~        c.engine.configSet(pairs);
        //< step 06-06
        //> step 04-06
//~        c.reply.ok();
        //< step 04-06
    }
    //> step 05-06
//~    // end::config[]
    //< step 05-06

    // tag::info[]
    //> step 01-03
//~    private RespValue info(List<byte[]> args) {
    //< step 01-03
    //> step 04-06
//~    private void info(Client c, List<byte[]> args) {
    //< step 04-06
        List<String> sections = args.subList(1, args.size()).stream().map(CommandTable::text).toList();
        //> step 01-03
//~        return RespValue.BulkString.of(monitor.info(sections));
        //< step 01-03
        //> step 04-06
//~        c.reply.bulk(monitor.info(sections));
        //< step 04-06
    }
    // end::info[]

    //> step 01-03
//~    private RespValue slowlog(List<byte[]> args) {
    //< step 01-03
    //> step 04-05
//~    private void slowlog(Client c, List<byte[]> args) {
    //< step 04-05
        //> step 01-05
//~        SlowLog slowLog = monitor.slowLog();
//~        String subcommand = CommandTable.text(args.get(1)).toLowerCase(Locale.ROOT);
        //< step 01-05
        //> step 01-03
//~        return switch (subcommand) {
//~            case "len" -> new RespValue.Int(slowLog.len());
        //< step 01-03
        //> step 04-05
//~        switch (subcommand) {
//~            case "len" -> c.reply.integer(slowLog.len());
        //< step 04-05
            //> step 01-05
//~            case "reset" -> {
//~                slowLog.reset();
            //< step 01-05
                //> step 01-03
//~                yield RespValue.OK;
                //< step 01-03
                //> step 04-05
//~                c.reply.ok();
                //< step 04-05
            //> step 01-05
//~            }
//~            case "get" -> {
//~                if (args.size() > 3) {
            //< step 01-05
                    //> step 01-03
//~                    yield CommandTable.wrongArity("slowlog|get");
                    //< step 01-03
                    //> step 04-05
//~                    throw new CommandError(CommandTable.wrongArity("slowlog|get"));
                    //< step 04-05
                //> step 01-05
//~                }
//~                long count = args.size() == 3 ? slowlogCount(args.get(2)) : 10; // Redis's default: the last ten
                //< step 01-05
                //> step 01-03
//~                List<RespValue> entries = slowLog.get(count).stream().map(SlowLogEntry::toResp).toList();
//~                yield new RespValue.Array(entries);
                //< step 01-03
                //> step 04-05
//~                List<SlowLogEntry> entries = slowLog.get(count);
//~                c.reply.arrayHeader(entries.size());
//~                entries.forEach(entry -> entry.write(c.reply));
                //< step 04-05
            //> step 01-05
//~            }
            //< step 01-05
            //> step 01-03
//~            default -> new RespValue.SimpleError("ERR unknown subcommand '" + CommandTable.text(args.get(1))
            //< step 01-03
            //> step 04-05
//~            default -> throw new CommandError("ERR unknown subcommand '" + CommandTable.text(args.get(1))
            //< step 04-05
                    //> step 01-05
//~                    + "'. Try SLOWLOG HELP.");
                    //< step 01-05
        //> step 01-03
//~        };
        //< step 01-03
    //> step 06-06
//~    private void slowlogGet(Client c, List<byte[]> args) {
//~        if (args.size() > 3) {
//~            throw CommandError.wrongArity("slowlog|get");
    //< step 06-06
        //> step 04-06
//~        }
        //< step 04-06
        //> step 06-06
//~        long count = args.size() == 3 ? slowlogCount(args.get(2)) : 10; // Redis's default: the last ten
//~        List<SlowLogEntry> entries = monitor.slowLog().get(count);
//~        c.reply.arrayHeader(entries.size());
//~        entries.forEach(entry -> entry.write(c.reply));
        //< step 06-06
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
