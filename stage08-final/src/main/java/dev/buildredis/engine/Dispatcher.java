// @step 07
package dev.buildredis.engine;

import java.util.List;
import java.util.Locale;

/**
 * Checks a command the way Redis's {@code processCommand} does, in the same order, before anything runs, and then
 * runs it, queues it (inside MULTI) or refuses it with Redis's exact text:
 * <pre>
 * unknown name          -ERR unknown command 'foo', with args beginning with: 'a' 'b'
 * unknown subcommand    -ERR unknown subcommand 'foo'. Try CONFIG HELP.
 * wrong count           -ERR wrong number of arguments for 'get' command
 * over maxmemory       -OOM command not allowed when used memory > 'maxmemory'.   (denyoom commands; any inside MULTI)
 * subscribed (RESP2)    -ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET ...
 * inside MULTI          +QUEUED                      (and a refusal above makes EXEC answer -EXECABORT)
 * </pre>
 */
public final class Dispatcher {

    /** Redis quotes at most this many characters of an unknown command's name and of its arguments. */
    private static final int QUOTE_LIMIT = 128;

    private final Engine engine;
    private final CommandTable commands;

    Dispatcher(Engine engine, CommandTable commands) {
        this.engine = engine;
        this.commands = commands;
    }

    /** Checks and runs (or queues, or refuses) one command, with the keyspace's clock still while it runs. */
    public void execute(Client client, List<byte[]> args) {
        client.lastInteractionMillis = engine.clock.freeze();
        try {
            dispatch(client, args);
        } finally {
            engine.clock.thaw();
        }
    }

    // tag::dispatch[]
    private void dispatch(Client client, List<byte[]> args) {
        Command command = commands.find(args.get(0));
        client.lastCommand = command == null ? "NULL" : command.name(); // CLIENT LIST's cmd=: as Redis looks it up
        if (command == null) {
            reject(client, null, unknownCommand(args));
            return;
        }
        //> step 09
        if (command.name().equals("debug") && !allowed(client, "enable-debug-command")) { // before its subcommand
            reject(client, command, notAllowed("DEBUG", "enable-debug-command"));
            return;
        }
        //< step 09
        if (!command.subcommands().isEmpty() && !(args.size() == 1 && command.handler() != null)) {
            if (args.size() < 2) {
                reject(client, command, CommandError.wrongArity(command.name()).getMessage());
                return;
            }
            Command sub = command.subcommands().get(Args.text(args.get(1)).toLowerCase(Locale.ROOT));
            client.lastCommand = sub == null ? "NULL" : sub.name();
            //> step 24
            if (command.name().equals("debug") && (sub == null || !sub.acceptsArgumentCount(args.size()))) {
                reject(client, null, debugSyntaxError(args)); // DEBUG is one command in Redis, its subcommands its own
                return;
            }
            //< step 24
            if (sub == null) {
                reject(client, null, "ERR unknown subcommand '" + quote(Args.text(args.get(1))) + "'. Try "
                        + command.name().toUpperCase(Locale.ROOT) + " HELP.");
                return;
            }
            command = sub;
        }
        if (!command.acceptsArgumentCount(args.size())) {
            refuse(client, command, CommandError.wrongArity(command.name()).getMessage());
            return;
        }
        //> step 21
        if (command.has(CommandFlag.PROTECTED) && !allowed(client, "enable-module-command")) { // MODULE LOAD...
            reject(client, command, notAllowed("MODULE", "enable-module-command"));
            return;
        }
        //< step 21
        //> step 21
        if (!client.authenticated && !command.has(CommandFlag.NO_AUTH)
                && !engine.settings.text("requirepass").isEmpty()) {
            reject(client, command, "NOAUTH Authentication required.");
            return;
        }
        //< step 21
        if (client.inMulti() && command.has(CommandFlag.NO_MULTI)) {
            reject(client, command, "ERR Command not allowed inside a transaction");
            return;
        }
        //> step 15
        // tag::maxmemory[]
        if (!engine.loading() && engine.keyspace().eviction().maxmemory() != 0 && !engine.evictIfNeeded()
                && refusedOverMaxmemory(client, command)) {
            rejectOverMaxmemory(client, command);
            return;
        }
        // end::maxmemory[]
        //< step 15
        // PING too, as Redis: a client that checks the server's health with it learns that writes are refused.
        String diskError = (command.has(CommandFlag.WRITE) || command.name().equals("ping")) && !engine.loading()
                ? engine.durability().writeError() : null;
        //> step 27
        if (client.master) {
            diskError = null; // the master's changes are applied whatever: refusing one would fork the data sets
        }
        //< step 27
        if (diskError != null) {
            reject(client, command, diskError);
            return;
        }
        //> step 26
        String refused = engine.replication().writeRefusal(client, writes(client, command));
        if (refused != null) {
            reject(client, command, refused);
            return;
        }
        //< step 26
        //> step 16
        // tag::queue[]
        if (client.reply.protocol() == 2 && client.subscriptionCount() > 0
                && !command.has(CommandFlag.ALLOWED_WHILE_SUBSCRIBED)) {
            refuse(client, command, "ERR Can't execute '" + command.name() + "': only (P|S)SUBSCRIBE / "
                    + "(P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context");
            return;
        }
        //> step 23
        if (client.monitor && (command.has(CommandFlag.READONLY) || Engine.mayWrite(client, command))) {
            reject(client, command, "ERR Replica can't interact with the keyspace"); // a monitor is a replica to Redis
            return;
        }
        //< step 23
        //> step 27
        refused = engine.replication().staleRefusal(client, deniedStale(client, command));
        if (refused != null) {
            reject(client, command, refused);
            return;
        }
        //< step 27
        //> step 23
        if (engine.mustWait(client, command)) { // CLIENT PAUSE
            engine.postpone(client, args);
            return;
        }
        //< step 23
        if (client.inMulti() && !command.has(CommandFlag.TRANSACTION_CONTROL)) {
            client.queued.add(new Client.Queued(command, List.copyOf(args))); // the reader reuses its list
            client.reply.simple("QUEUED");
            return;
        }
        // end::queue[]
        //< step 16
        call(client, command, args);
    }
    // end::dispatch[]

    //> step 26
    /** Whether a command writes, as Redis's processCommand decides it: a write command, or an EXEC that queued one. */
    private static boolean writes(Client client, Command command) {
        return command.has(CommandFlag.WRITE) || command.name().equals("exec") && client.inMulti()
                && client.queued.stream().anyMatch(q -> q.command().has(CommandFlag.WRITE));
    }

    //> step 27
    /** Whether a command needs data that is up to date: any without the stale flag, or an EXEC that queued one. */
    private static boolean deniedStale(Client client, Command command) {
        return !command.has(CommandFlag.STALE) || command.name().equals("exec") && client.inMulti()
                && client.queued.stream().anyMatch(q -> !q.command().has(CommandFlag.STALE));
    }
    //< step 27

    //< step 26
    //> step 15
    // tag::oom[]
    /**
     * Whether a command is refused while memory stays over maxmemory after evicting what the policy allows: the
     * commands flagged denyoom (they may add memory), an EXEC with such a command queued, and inside MULTI every
     * command but EXEC, DISCARD, QUIT and RESET (queueing takes memory too). Reads and deletes keep working.
     */
    private static boolean refusedOverMaxmemory(Client client, Command command) {
        if (command.has(CommandFlag.DENYOOM)) {
            return true;
        }
        //> step 16
        if (command.name().equals("exec")) {
            return client.inMulti() && client.queued.stream().anyMatch(q -> q.command().has(CommandFlag.DENYOOM));
        }
        return client.inMulti() && !List.of("discard", "quit", "reset").contains(command.name());
        //< step 16
        //> step 15-15
//~        return false;
        //< step 15-15
    }
    // end::oom[]

    /** -OOM; an EXEC refused that way discards its transaction, as Redis's execCommandAbort. */
    private void rejectOverMaxmemory(Client client, Command command) {
        refuse(client, command, CommandError.OOM);
    }
    //< step 15

    /**
     * A refused command, as {@link #reject}; but an EXEC refused before it runs (a wrong argument count, a
     * subscribed RESP2 client, no memory) discards the transaction and its watches, inside MULTI or not, and says so
     * as Redis's execCommandAbort does: {@code -EXECABORT Transaction discarded because of: <the error without ERR>}.
     */
    private void refuse(Client client, Command command, String message) {
        //> step 16
        if (command.name().equals("exec")) {
            client.queued = null;
            client.queueingError = false;
            engine.unwatchAll(client);
            client.reply.error("EXECABORT Transaction discarded because of: "
                    + (message.startsWith("ERR ") ? message.substring(4) : message));
            return;
        }
        //< step 16
        reject(client, command, message);
    }

    /**
     * Runs a checked command; its CommandError becomes the error reply. Also used by EXEC.
     *
     * <p>A command costs three clock reads and no more: a read is cheap (a vDSO call, no system call) but not
     * free, and when a pipelined SET or GET read the clock five times, the reads were a quarter of its time
     * (profiled in-process). One in {@link #execute}, the time the whole command sees (see {@link CommandClock}),
     * which SLOWLOG records as the command's time, and two here for the duration that INFO commandstats and
     * SLOWLOG need.
     */
    public void call(Client client, Command command, List<byte[]> args) {
        long start = System.nanoTime();
        long dirty = engine.dirty;
        boolean readOnly = command.has(CommandFlag.READONLY);
        engine.keyspace().countLookups(readOnly);
        engine.keyspace().writing(!readOnly);
        int mark = client.reply.mark();
        //> step 26
        long offset = engine.replication().offset();
        //< step 26
        long errors = client.reply.errors();
        engine.beginCall();
        //> step 23
        Command outer = engine.running; // EXEC, while its queued commands run
        engine.running = command;
        //< step 23
        try {
            command.handler().execute(client, args);
        } catch (CommandError e) {
            client.reply.error(e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            // A defect, or a reply too big to build (SRANDMEMBER s -9223372036854775807): this client gets an error
            // instead of half a reply, and the loop goes on serving every other client. Redis would crash or grow
            // without bound here.
            client.reply.rewind(mark);
            client.reply.error("ERR internal error running '" + command.name() + "': " + e);
            Log.warn("'" + command.name() + "' failed: " + e + " at " + (e.getStackTrace().length > 0
                    ? e.getStackTrace()[0] : "?"));
        } finally {
            //> step 23
            engine.running = outer;
            //< step 23
            engine.keyspace().countLookups(false);
            engine.keyspace().writing(true);
        }
        if (!command.has(CommandFlag.TRANSACTION_CONTROL)) {
            engine.propagateCall(client.db, args, engine.dirty != dirty);
        }
        //> step 26
        if (engine.replication().offset() != offset) {
            client.replicationOffset = engine.replication().offset(); // its changes went out up to here: WAIT
        }
        //< step 26
        long nanos = System.nanoTime() - start;
        //> step 21
        engine.afterCall(client, command, args, nanos);
        //< step 21
        engine.recordCall(command, nanos);
        if (client.reply.errors() != errors && !command.has(CommandFlag.TRANSACTION_CONTROL)) {
            command.stats().failed++; // it answered an error (EXEC answers its commands' errors: theirs, not its own)
        }
        engine.slowLog.record(client, command, args, nanos / 1000, client.lastInteractionMillis);
        //> step 21
        client.redacted.clear();
        //< step 21
    }

    //> step 09
    /** A protected command (DEBUG, MODULE LOAD): allowed by its parameter, "yes" or "local" from loopback. */
    private boolean allowed(Client client, String parameter) {
        String allowed = engine.settings.text(parameter);
        return allowed.equals("yes") || (allowed.equals("local")
                && (client.address.startsWith("127.") || client.address.startsWith("0:0:0:0:0:0:0:1")));
    }

    private static String notAllowed(String command, String parameter) {
        return "ERR " + command + " command not allowed. If the " + parameter + " option is set to \"local\", you can "
                + "run it from a local connection, otherwise you need to set this option in the configuration file, "
                + "and then restart the server.";
    }
    //< step 09

    //> step 24
    /** Redis's addReplySubcommandSyntaxError, which DEBUG answers to a subcommand it does not know or count. */
    public static String debugSyntaxError(List<byte[]> args) {
        return "ERR unknown subcommand or wrong number of arguments for '" + quote(Args.text(args.get(1)))
                + "'. Try DEBUG HELP.";
    }
    //< step 24

    /**
     * A refused command, counted against the command if there is one (Redis's {@code rejected_calls}); inside MULTI
     * it also dooms the transaction, as Redis's flagTransaction.
     */
    private static void reject(Client client, Command command, String message) {
        if (command != null) {
            command.stats().rejected++;
        }
        //> step 16
        if (client.inMulti()) {
            client.queueingError = true;
        }
        //< step 16
        client.reply.error(message);
    }

    private static String unknownCommand(List<byte[]> args) {
        StringBuilder quoted = new StringBuilder();
        for (int i = 1; i < args.size() && quoted.length() < QUOTE_LIMIT; i++) {
            String arg = Args.quoted(args.get(i));
            int room = QUOTE_LIMIT - quoted.length();
            quoted.append('\'').append(arg, 0, Math.min(arg.length(), room)).append("' ");
        }
        return "ERR unknown command '" + quote(Args.text(args.get(0))) + "', with args beginning with: " + quoted;
    }

    private static String quote(String text) {
        String c = Args.quoted(text);
        return c.substring(0, Math.min(c.length(), QUOTE_LIMIT));
    }
}
