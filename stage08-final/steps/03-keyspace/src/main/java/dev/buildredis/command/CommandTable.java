package dev.buildredis.command;

import dev.buildredis.metrics.Metrics;
import dev.buildredis.metrics.Monitor;
import dev.buildredis.metrics.SlowLog;
import dev.buildredis.protocol.RespValue;
import dev.buildredis.store.Keyspace;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the command a client asked for, checks it the way Redis does before running anything, and runs it.
 *
 * <p>Unknown names and wrong argument counts are caught here, once, with Redis's exact texts:
 * <pre>
 * -ERR unknown command 'foo', with args beginning with: 'a' 'b' \r\n
 * -ERR wrong number of arguments for 'echo' command\r\n
 * </pre>
 * A command that refuses its arguments later, while reading them, throws {@link CommandError}; it becomes the
 * reply here too.
 *
 * <p>Every command is timed here, around its run only (not the network), and counted in {@link Metrics}: a call
 * refused before it ran (argument count, MISCONF) as rejected, a call that replies with an error as failed, as
 * Redis counts them. The {@link SlowLog} sees each run too.
 */
public final class CommandTable {

    /** Redis quotes at most this many characters of an unknown command's name and of its arguments. */
    private static final int QUOTE_LIMIT = 128;

    private final Map<String, Command> commands = new HashMap<>();
    private final Journal journal;
    private final Metrics metrics;
    private final SlowLog slowLog;

    public CommandTable(List<Command> commands, Journal journal, Metrics metrics, SlowLog slowLog) {
        for (Command command : commands) {
            this.commands.put(command.name(), command);
        }
        this.journal = journal;
        this.metrics = metrics;
        this.slowLog = slowLog;
    }

    /**
     * Every command this stage knows, working on {@code keyspace}, logging its changes through {@code journal},
     * answering {@code CONFIG GET} with {@code parameters}, and counting into {@code monitor}'s metrics.
     */
    public static CommandTable standard(Keyspace keyspace, Journal journal, Map<String, String> parameters,
                                        Monitor monitor) {
        List<Command> all = new ArrayList<>(ConnectionCommands.all());
        all.addAll(new ServerCommands(parameters, monitor).all());
        all.addAll(new KeyCommands(keyspace.db(0), journal).all()); // stage 7's one database: SELECT comes later
        all.addAll(new StringCommands(keyspace.db(0), journal, monitor.metrics()).all());
        return new CommandTable(all, journal, monitor.metrics(), monitor.slowLog());
    }

    /** Runs one command for a client the slow log cannot name (the append-only file's replay, tests). */
    public RespValue execute(List<byte[]> args) {
        return execute(args, "");
    }

    // tag::dispatch[]
    /** Runs one command, given as its arguments, for {@code client} ("ip:port"), and returns its reply. */
    public RespValue execute(List<byte[]> args, String client) {
        String name = text(args.get(0)).toLowerCase(Locale.ROOT);
        Command command = commands.get(name);
        if (command == null) {
            return unknownCommand(args);
        }
        String statName = command.statName(args);
        RespValue refusal = command.acceptsArgumentCount(args.size())
                ? journal.refusal(command) : wrongArity(command.name());
        if (refusal != null) {
            metrics.recordRejected(statName);                                     // <1>
            return refusal;
        }
        long start = System.nanoTime();
        RespValue reply = run(command, args);
        long nanos = System.nanoTime() - start;
        metrics.recordCall(statName, nanos, reply instanceof RespValue.SimpleError); // <2>
        slowLog.offer(args, nanos, client);                                         // <3>
        return reply;
    }

    private RespValue run(Command command, List<byte[]> args) {
        try {
            return command.writes() ? journal.run(command, args) : command.handler().handle(args);
        } catch (CommandError e) {
            return new RespValue.SimpleError(e.getMessage());
        }
    }
    // end::dispatch[]

    /** {@code -ERR wrong number of arguments for 'name' command}, as Redis words it. */
    public static RespValue.SimpleError wrongArity(String name) {
        return new RespValue.SimpleError("ERR wrong number of arguments for '" + name + "' command");
    }

    private static RespValue unknownCommand(List<byte[]> args) {
        StringBuilder quoted = new StringBuilder();
        for (int i = 1; i < args.size() && quoted.length() < QUOTE_LIMIT; i++) {
            String arg = text(args.get(i));
            int room = QUOTE_LIMIT - quoted.length();
            quoted.append('\'').append(arg, 0, Math.min(arg.length(), room)).append("' ");
        }
        String name = text(args.get(0));
        String message = "ERR unknown command '" + name.substring(0, Math.min(name.length(), QUOTE_LIMIT))
                + "', with args beginning with: " + quoted;
        return new RespValue.SimpleError(message.replace('\r', ' ').replace('\n', ' '));
    }

    /** The bytes as a string with one char a byte, so that quoting them in an error gives the same bytes back. */
    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
