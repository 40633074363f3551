package dev.buildredis.command;

import dev.buildredis.connection.ConnectionCommands;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.CommandFlag;
import dev.buildredis.engine.Engine;
import dev.buildredis.keys.KeyCommands;
import dev.buildredis.metrics.Event;
import dev.buildredis.metrics.Metrics;
import dev.buildredis.metrics.Monitor;
import dev.buildredis.metrics.SlowLog;
import dev.buildredis.store.Keyspace;
import dev.buildredis.strings.StringCommands;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Stage 7's dispatcher, now over the engine's table of commands: finds the entry a client asked for (a container's
 * subcommand for {@code CONFIG GET}), checks it the way Redis does before running anything, and runs it.
 *
 * <p>Unknown names and wrong argument counts are caught here, once, with Redis's exact texts:
 * <pre>
 * -ERR unknown command 'foo', with args beginning with: 'a' 'b' \r\n
 * -ERR wrong number of arguments for 'echo' command\r\n
 * -ERR unknown subcommand 'foo'. Try CONFIG HELP.\r\n
 * </pre>
 * A command that refuses its arguments later, while reading them, throws {@link CommandError}; it becomes the
 * reply here too. Every reply goes into the client's buffer ({@code client.reply}), encoded as it is written.
 *
 * <p>Every command is timed here, around its run only (not the network), and counted in {@link Metrics}: a call
 * refused before it ran (argument count, MISCONF) as rejected, a call that replies with an error as failed, as
 * Redis counts them. The {@link SlowLog} sees each run too.
 */
public final class CommandTable {

    /** Redis quotes at most this many characters of an unknown command's name and of its arguments. */
    private static final int QUOTE_LIMIT = 128;

    private final Engine engine;
    private final Journal journal;
    private final Metrics metrics;
    private final SlowLog slowLog;

    public CommandTable(Engine engine, Journal journal, Metrics metrics, SlowLog slowLog) {
        this.engine = engine;
        this.journal = journal;
        this.metrics = metrics;
        this.slowLog = slowLog;
    }

    // tag::register[]
    /**
     * Fills the engine's table with every family of commands (each names its entries), and returns the dispatcher
     * that runs them, logging their changes through {@code journal} and counting into {@code monitor}'s metrics.
     */
    public static CommandTable standard(Engine engine, Journal journal, Monitor monitor) {
        engine.commands().register(ConnectionCommands.all());
        engine.commands().register(new ServerCommands(monitor).all());
        engine.commands().register(KeyCommands.all());
        engine.commands().register(StringCommands.all());
        return new CommandTable(engine, journal, monitor.metrics(), monitor.slowLog());
    }
    // end::register[]

    // tag::dispatch[]
    /** Runs one command, given as its arguments, for {@code client}: the reply goes into the client's buffer. */
    public void execute(Client client, List<byte[]> args) {
        Command command = engine.commands().find(args.get(0));
        if (command == null) {
            client.reply.error(unknownCommand(args));
            return;
        }
        if (!command.subcommands().isEmpty() && args.size() >= 2) {                  // <1>
            Command sub = command.subcommands().get(text(args.get(1)).toLowerCase(Locale.ROOT));
            if (sub == null) {
                client.reply.error("ERR unknown subcommand '" + text(args.get(1)) + "'. Try "
                        + command.name().toUpperCase(Locale.ROOT) + " HELP.");
                return;
            }
            command = sub;
        }
        String refusal = command.acceptsArgumentCount(args.size())
                ? journal.refusal(command) : wrongArity(command.name());
        if (refusal != null) {
            metrics.recordRejected(command.name());                                  // <2>
            client.reply.error(refusal);
            return;
        }
        long start = System.nanoTime();
        boolean failed = run(client, command, args);
        long nanos = System.nanoTime() - start;
        metrics.recordCall(command.name(), nanos, failed);                           // <3>
        slowLog.offer(args, nanos, client.address());
    }

    /** Runs the command; true if it failed, which its CommandError says, and its message is the reply. */
    private boolean run(Client client, Command command, List<byte[]> args) {
        Keyspace keyspace = engine.keyspace();
        boolean readOnly = command.flags().contains(CommandFlag.READONLY);
        long hits = keyspace.keyspaceHits();
        long misses = keyspace.keyspaceMisses();
        keyspace.countLookups(readOnly); // a read-only command's lookups are keyspace hits and misses, as Redis's
        try {
            if (command.flags().contains(CommandFlag.WRITE)) {
                journal.run(client, command, args);
            } else {
                command.handler().execute(client, args);
            }
            return false;
        } catch (CommandError e) {
            client.reply.error(e.getMessage());
            return true;
        } finally {
            keyspace.countLookups(false);
            count(Event.KEYSPACE_HIT, keyspace.keyspaceHits() - hits);
            count(Event.KEYSPACE_MISS, keyspace.keyspaceMisses() - misses);
        }
    }
    // end::dispatch[]

    private void count(Event event, long times) {
        for (long i = 0; i < times; i++) {
            metrics.record(event);
        }
    }

    /** {@code ERR wrong number of arguments for 'name' command}, as Redis words it. */
    public static String wrongArity(String name) {
        return "ERR wrong number of arguments for '" + name + "' command";
    }
    private static String unknownCommand(List<byte[]> args) {
        StringBuilder quoted = new StringBuilder();
        for (int i = 1; i < args.size() && quoted.length() < QUOTE_LIMIT; i++) {
            String arg = text(args.get(i));
            int room = QUOTE_LIMIT - quoted.length();
            quoted.append('\'').append(arg, 0, Math.min(arg.length(), room)).append("' ");
        }
        String name = text(args.get(0));
        return "ERR unknown command '" + name.substring(0, Math.min(name.length(), QUOTE_LIMIT))
                + "', with args beginning with: " + quoted; // the reply makes CR and LF spaces
    }

    /** The bytes as a string with one char a byte, so that quoting them in an error gives the same bytes back. */
    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
