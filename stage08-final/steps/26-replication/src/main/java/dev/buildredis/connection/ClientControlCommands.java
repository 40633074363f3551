package dev.buildredis.connection;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;

import java.util.List;

/**
 * The CLIENT subcommands that change how the server treats a connection, and MONITOR.
 * <pre>
 * CLIENT REPLY ON|OFF|SKIP     ON: +OK; OFF: no replies from now on; SKIP: none to the next command
 * CLIENT PAUSE ms [WRITE|ALL]  +OK: for ms, every client's commands (ALL), or only writes, wait in the server
 * CLIENT UNPAUSE               +OK: they run now, in the order they came
 * CLIENT NO-EVICT ON|OFF       +OK (flag e in CLIENT LIST; this server never evicts clients)
 * MONITOR                      +OK, then a line per command run by anyone (see engine.Monitor)
 * </pre>
 */
public final class ClientControlCommands {

    private ClientControlCommands() {
    }

    public static List<Command> all() {
        return List.of(
                Command.container("client", -2, List.of(
                        Command.of("client|reply", 3, "noscript loading stale", 0, 0, 0, ClientControlCommands::reply),
                        Command.of("client|pause", -3, "admin noscript loading stale", 0, 0, 0,
                                ClientControlCommands::pause),
                        Command.of("client|unpause", 2, "admin noscript loading stale", 0, 0, 0, (c, a) -> {
                            c.engine.unpause();
                            c.reply.ok();
                        }),
                        Command.of("client|no-evict", 3, "admin noscript loading stale", 0, 0, 0, (c, a) -> {
                            c.noEvict = onOrOff(a.get(2));
                            c.reply.ok();
                        }))),
                Command.of("monitor", 1, "admin noscript loading stale", 0, 0, 0, ClientControlCommands::monitor));
    }

    private static boolean onOrOff(byte[] arg) {
        if (Args.is(arg, "ON")) {
            return true;
        }
        if (Args.is(arg, "OFF")) {
            return false;
        }
        throw CommandError.syntax();
    }

    // tag::client-reply[]
    /** ON answers +OK; OFF and SKIP answer nothing (the engine drops this command's reply, see Engine). */
    private static void reply(Client c, List<byte[]> a) {
        if (Args.is(a.get(2), "ON")) {
            c.replyOff = false;
            c.replySkip = false;
            c.reply.ok();
        } else if (Args.is(a.get(2), "OFF")) {
            c.replyOff = true;
        } else if (Args.is(a.get(2), "SKIP")) {
            if (!c.replyOff) {
                c.replySkipNext = true;
            }
        } else {
            throw CommandError.syntax();
        }
    }
    // end::client-reply[]

    /** The mode is checked before the timeout, as in Redis; more than one option is Redis's syntax error. */
    private static void pause(Client c, List<byte[]> a) {
        if (a.size() > 4) {
            throw new CommandError("ERR unknown subcommand or wrong number of arguments for '"
                    + Args.text(a.get(1)) + "'. Try CLIENT HELP.");
        }
        boolean all = true;
        if (a.size() == 4) {
            if (Args.is(a.get(3), "WRITE")) {
                all = false;
            } else if (!Args.is(a.get(3), "ALL")) {
                throw new CommandError("ERR CLIENT PAUSE mode must be WRITE or ALL");
            }
        }
        Long millis = dev.buildredis.store.Numbers.parseLong(a.get(2));
        if (millis == null) {
            throw new CommandError("ERR timeout is not an integer or out of range");
        }
        if (millis < 0) {
            throw new CommandError("ERR timeout is negative");
        }
        long now = c.db().now();
        c.engine.pause(millis > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + millis, all);
        c.reply.ok();
    }

    /** Inside a transaction MONITOR cannot take over the connection; a second MONITOR is not answered. */
    private static void monitor(Client c, List<byte[]> a) {
        if (c.denyBlocking) {
            throw new CommandError("ERR MONITOR isn't allowed for DENY BLOCKING client");
        }
        if (c.engine.monitor(c)) {
            c.reply.ok();
        }
    }
}
