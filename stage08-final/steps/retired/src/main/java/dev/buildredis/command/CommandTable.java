// @step 01-06
package dev.buildredis.command;

//> step 06-06
//~import dev.buildredis.connection.ConnectionCommands;
//~import dev.buildredis.engine.Client;
//~import dev.buildredis.engine.Command;
//~import dev.buildredis.engine.CommandError;
//~import dev.buildredis.engine.CommandFlag;
//~import dev.buildredis.engine.Engine;
//~import dev.buildredis.keys.KeyCommands;
//~import dev.buildredis.metrics.Event;
//< step 06-06
import dev.buildredis.metrics.Metrics;
import dev.buildredis.metrics.Monitor;
import dev.buildredis.metrics.SlowLog;
//> step 01-03
//~import dev.buildredis.protocol.RespValue;
//~import dev.buildredis.store.Keyspace;
//< step 01-03
//> step 04-05
//~import dev.buildredis.engine.Client;
//< step 04-05
//> step 06-06
//~import dev.buildredis.store.Keyspace;
//~import dev.buildredis.strings.StringCommands;
//< step 06-06

import java.nio.charset.StandardCharsets;
//> step 01-05
//~import java.util.ArrayList;
//~import java.util.HashMap;
//< step 01-05
import java.util.List;
import java.util.Locale;
//> step 01-05
//~import java.util.Map;
//< step 01-05

/**
 //> step 01-05
//~ * Finds the command a client asked for, checks it the way Redis does before running anything, and runs it.
 //< step 01-05
 //> step 06-06
//~ * Stage 7's dispatcher, now over the engine's table of commands: finds the entry a client asked for (a container's
//~ * subcommand for {@code CONFIG GET}), checks it the way Redis does before running anything, and runs it.
 //< step 06-06
 *
 * <p>Unknown names and wrong argument counts are caught here, once, with Redis's exact texts:
 * <pre>
 * -ERR unknown command 'foo', with args beginning with: 'a' 'b' \r\n
 * -ERR wrong number of arguments for 'echo' command\r\n
 //> step 06-06
//~ * -ERR unknown subcommand 'foo'. Try CONFIG HELP.\r\n
 //< step 06-06
 * </pre>
 * A command that refuses its arguments later, while reading them, throws {@link CommandError}; it becomes the
 //> step 01-03
//~ * reply here too.
 //< step 01-03
 //> step 04-06
//~ * reply here too. Every reply goes into the client's buffer ({@code client.reply}), encoded as it is written.
 //< step 04-06
 *
 * <p>Every command is timed here, around its run only (not the network), and counted in {@link Metrics}: a call
 * refused before it ran (argument count, MISCONF) as rejected, a call that replies with an error as failed, as
 * Redis counts them. The {@link SlowLog} sees each run too.
 */
public final class CommandTable {

    /** Redis quotes at most this many characters of an unknown command's name and of its arguments. */
    private static final int QUOTE_LIMIT = 128;

    //> step 01-05
//~    private final Map<String, Command> commands = new HashMap<>();
    //< step 01-05
    //> step 06-06
//~    private final Engine engine;
    //< step 06-06
    private final Journal journal;
    private final Metrics metrics;
    private final SlowLog slowLog;

    //> step 01-05
//~    public CommandTable(List<Command> commands, Journal journal, Metrics metrics, SlowLog slowLog) {
//~        for (Command command : commands) {
//~            this.commands.put(command.name(), command);
//~        }
    //< step 01-05
    //> step 06-06
//~    public CommandTable(Engine engine, Journal journal, Metrics metrics, SlowLog slowLog) {
//~        this.engine = engine;
    //< step 06-06
        this.journal = journal;
        this.metrics = metrics;
        this.slowLog = slowLog;
    }

    //> step 06-06
//~    // tag::register[]
    //< step 06-06
    /**
     //> step 01-03
//~     * Every command this stage knows, working on {@code keyspace}, logging its changes through {@code journal},
     //< step 01-03
     //> step 04-05
//~     * Every command this stage knows, working on the client's database, logging its changes through {@code journal},
     //< step 04-05
     //> step 01-04
//~     * answering {@code CONFIG GET} with {@code parameters}, and counting into {@code monitor}'s metrics.
     //< step 01-04
     //> step 05-05
//~     * and counting into {@code monitor}'s metrics.
     //< step 05-05
     //> step 06-06
//~     * Fills the engine's table with every family of commands (each names its entries), and returns the dispatcher
//~     * that runs them, logging their changes through {@code journal} and counting into {@code monitor}'s metrics.
     //< step 06-06
     */
    //> step 01-03
//~    public static CommandTable standard(Keyspace keyspace, Journal journal, Map<String, String> parameters,
//~                                        Monitor monitor) {
    //< step 01-03
    //> step 04-04
//~    public static CommandTable standard(Journal journal, Map<String, String> parameters, Monitor monitor) {
    //< step 04-04
    //> step 05-05
//~    public static CommandTable standard(Journal journal, Monitor monitor) {
    //< step 05-05
        //> step 01-05
//~        List<Command> all = new ArrayList<>(ConnectionCommands.all());
        //< step 01-05
        //> step 01-04
//~        all.addAll(new ServerCommands(parameters, monitor).all());
        //< step 01-04
        //> step 01-02
//~        all.addAll(new KeyCommands(keyspace).all());
//~        all.addAll(new StringCommands(keyspace, journal, monitor.metrics()).all());
        //< step 01-02
        //> step 03-03
//~        all.addAll(new KeyCommands(keyspace.db(0), journal).all()); // stage 7's one database: SELECT comes later
//~        all.addAll(new StringCommands(keyspace.db(0), journal, monitor.metrics()).all());
        //< step 03-03
        //> step 05-05
//~        all.addAll(new ServerCommands(monitor).all());
        //< step 05-05
        //> step 04-05
//~        all.addAll(KeyCommands.all());
//~        all.addAll(new StringCommands(journal, monitor.metrics()).all());
        //< step 04-05
        //> step 01-05
//~        return new CommandTable(all, journal, monitor.metrics(), monitor.slowLog());
        //< step 01-05
    //> step 06-06
//~    public static CommandTable standard(Engine engine, Journal journal, Monitor monitor) {
//~        engine.commands().register(ConnectionCommands.all());
//~        engine.commands().register(new ServerCommands(monitor).all());
//~        engine.commands().register(KeyCommands.all());
//~        engine.commands().register(StringCommands.all());
//~        return new CommandTable(engine, journal, monitor.metrics(), monitor.slowLog());
    //< step 06-06
    }
    //> step 06-06
//~    // end::register[]
    //< step 06-06

    //> step 01-03
//~    /** Runs one command for a client the slow log cannot name (the append-only file's replay, tests). */
//~    public RespValue execute(List<byte[]> args) {
//~        return execute(args, "");
//~    }
//~
    //< step 01-03
    // tag::dispatch[]
    //> step 01-03
//~    /** Runs one command, given as its arguments, for {@code client} ("ip:port"), and returns its reply. */
//~    public RespValue execute(List<byte[]> args, String client) {
    //< step 01-03
    //> step 04-06
//~    /** Runs one command, given as its arguments, for {@code client}: the reply goes into the client's buffer. */
//~    public void execute(Client client, List<byte[]> args) {
    //< step 04-06
        //> step 01-05
//~        String name = text(args.get(0)).toLowerCase(Locale.ROOT);
//~        Command command = commands.get(name);
        //< step 01-05
        //> step 06-06
//~        Command command = engine.commands().find(args.get(0));
        //< step 06-06
        if (command == null) {
            //> step 01-03
//~            return unknownCommand(args);
            //< step 01-03
            //> step 04-06
//~            client.reply.error(unknownCommand(args));
//~            return;
            //< step 04-06
        }
        //> step 01-05
//~        String statName = command.statName(args);
        //< step 01-05
        //> step 01-03
//~        RespValue refusal = command.acceptsArgumentCount(args.size())
        //< step 01-03
        //> step 06-06
//~        if (!command.subcommands().isEmpty() && args.size() >= 2) {                  // <1>
//~            Command sub = command.subcommands().get(text(args.get(1)).toLowerCase(Locale.ROOT));
//~            if (sub == null) {
//~                client.reply.error("ERR unknown subcommand '" + text(args.get(1)) + "'. Try "
//~                        + command.name().toUpperCase(Locale.ROOT) + " HELP.");
//~                return;
//~            }
//~            command = sub;
//~        }
        //< step 06-06
        //> step 04-06
//~        String refusal = command.acceptsArgumentCount(args.size())
        //< step 04-06
                ? journal.refusal(command) : wrongArity(command.name());
        if (refusal != null) {
            //> step 01-05
//~            metrics.recordRejected(statName);                                     // <1>
            //< step 01-05
            //> step 01-03
//~            return refusal;
            //< step 01-03
            //> step 06-06
//~            metrics.recordRejected(command.name());                                  // <2>
            //< step 06-06
            //> step 04-06
//~            client.reply.error(refusal);
//~            return;
            //< step 04-06
        }
        long start = System.nanoTime();
        //> step 01-03
//~        RespValue reply = run(command, args);
        //< step 01-03
        //> step 04-06
//~        boolean failed = run(client, command, args);
        //< step 04-06
        long nanos = System.nanoTime() - start;
        //> step 01-03
//~        metrics.recordCall(statName, nanos, reply instanceof RespValue.SimpleError); // <2>
//~        slowLog.offer(args, nanos, client);                                         // <3>
//~        return reply;
        //< step 01-03
        //> step 04-05
//~        metrics.recordCall(statName, nanos, failed);                              // <2>
//~        slowLog.offer(args, nanos, client.address());                             // <3>
        //< step 04-05
        //> step 06-06
//~        metrics.recordCall(command.name(), nanos, failed);                           // <3>
//~        slowLog.offer(args, nanos, client.address());
        //< step 06-06
    }

    //> step 01-03
//~    private RespValue run(Command command, List<byte[]> args) {
    //< step 01-03
    //> step 04-06
//~    /** Runs the command; true if it failed, which its CommandError says, and its message is the reply. */
//~    private boolean run(Client client, Command command, List<byte[]> args) {
    //< step 04-06
        //> step 06-06
//~        Keyspace keyspace = engine.keyspace();
//~        boolean readOnly = command.flags().contains(CommandFlag.READONLY);
//~        long hits = keyspace.keyspaceHits();
//~        long misses = keyspace.keyspaceMisses();
//~        keyspace.countLookups(readOnly); // a read-only command's lookups are keyspace hits and misses, as Redis's
        //< step 06-06
        try {
            //> step 01-03
//~            return command.writes() ? journal.run(command, args) : command.handler().handle(args);
            //< step 01-03
            //> step 04-05
//~            if (command.writes()) {
            //< step 04-05
            //> step 06-06
//~            if (command.flags().contains(CommandFlag.WRITE)) {
            //< step 06-06
                //> step 04-06
//~                journal.run(client, command, args);
//~            } else {
                //< step 04-06
                //> step 04-05
//~                command.handler().handle(client, args);
                //< step 04-05
                //> step 06-06
//~                command.handler().execute(client, args);
                //< step 06-06
            //> step 04-06
//~            }
//~            return false;
            //< step 04-06
        } catch (CommandError e) {
            //> step 01-03
//~            return new RespValue.SimpleError(e.getMessage());
            //< step 01-03
            //> step 04-06
//~            client.reply.error(e.getMessage());
//~            return true;
            //< step 04-06
        //> step 06-06
//~        } finally {
//~            keyspace.countLookups(false);
//~            count(Event.KEYSPACE_HIT, keyspace.keyspaceHits() - hits);
//~            count(Event.KEYSPACE_MISS, keyspace.keyspaceMisses() - misses);
        //< step 06-06
        }
    }
    // end::dispatch[]
    //> step 06-06
//~
//~    private void count(Event event, long times) {
//~        for (long i = 0; i < times; i++) {
//~            metrics.record(event);
//~        }
//~    }
    //< step 06-06

    //> step 01-03
//~    /** {@code -ERR wrong number of arguments for 'name' command}, as Redis words it. */
//~    public static RespValue.SimpleError wrongArity(String name) {
//~        return new RespValue.SimpleError("ERR wrong number of arguments for '" + name + "' command");
    //< step 01-03
    //> step 04-06
//~    /** {@code ERR wrong number of arguments for 'name' command}, as Redis words it. */
//~    public static String wrongArity(String name) {
//~        return "ERR wrong number of arguments for '" + name + "' command";
    //< step 04-06
    }
//> step 01-05
//~
//< step 01-05
    //> step 01-03
//~    private static RespValue unknownCommand(List<byte[]> args) {
    //< step 01-03
    //> step 04-06
//~    private static String unknownCommand(List<byte[]> args) {
    //< step 04-06
        StringBuilder quoted = new StringBuilder();
        for (int i = 1; i < args.size() && quoted.length() < QUOTE_LIMIT; i++) {
            String arg = text(args.get(i));
            int room = QUOTE_LIMIT - quoted.length();
            quoted.append('\'').append(arg, 0, Math.min(arg.length(), room)).append("' ");
        }
        String name = text(args.get(0));
        //> step 01-03
//~        String message = "ERR unknown command '" + name.substring(0, Math.min(name.length(), QUOTE_LIMIT))
//~                + "', with args beginning with: " + quoted;
//~        return new RespValue.SimpleError(message.replace('\r', ' ').replace('\n', ' '));
        //< step 01-03
        //> step 04-06
//~        return "ERR unknown command '" + name.substring(0, Math.min(name.length(), QUOTE_LIMIT))
//~                + "', with args beginning with: " + quoted; // the reply makes CR and LF spaces
        //< step 04-06
    }

    /** The bytes as a string with one char a byte, so that quoting them in an error gives the same bytes back. */
    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
