package dev.buildredis.admin;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.CommandFlag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * COMMAND: the command table described to clients, in Redis 7.0's shape.
 * <pre>
 * COMMAND INFO get   *1 → *10: name, arity, flags (a set), first key, last key, step, ACL categories, tips,
 *                               key specs, subcommands
 * COMMAND COUNT      :&lt;number of commands&gt;
 * </pre>
 */
public final class CommandCommand {

    private CommandCommand() {
    }

    public static Command command() {
        return Command.container("command", -1, (c, a) -> describeAll(c), List.of(
                Command.of("command|count", 2, "loading stale", 0, 0, 0,
                        (c, a) -> c.reply.integer(c.engine.commands().all().size())),
                Command.of("command|info", -2, "loading stale", 0, 0, 0, CommandCommand::info),
                Command.of("command|list", -2, "loading stale", 0, 0, 0, CommandCommand::list),
                Command.of("command|getkeys", -4, "loading stale", 0, 0, 0, CommandCommand::getkeys),
                Command.of("command|help", 2, "loading stale", 0, 0, 0, (c, a) -> Command.help(c, "COMMAND",
                        "(no subcommand)", "COUNT", "INFO [<command-name> ...]", "LIST", "GETKEYS <full-command>"))));
    }

    private static void describeAll(Client c) {
        c.reply.arrayHeader(c.engine.commands().all().size());
        for (Command command : c.engine.commands().all()) {
            describe(c, command);
        }
    }

    private static void info(Client c, List<byte[]> a) {
        if (a.size() == 2) {
            describeAll(c);
            return;
        }
        c.reply.arrayHeader(a.size() - 2);
        for (int i = 2; i < a.size(); i++) {
            String name = Args.text(a.get(i)).toLowerCase(Locale.ROOT);
            Command command = find(c, name);
            if (command == null) {
                c.reply.nullBulk(); // $-1 in RESP2, as Redis's addReplyNull
            } else {
                describe(c, command);
            }
        }
    }

    /** A command or a container's subcommand by its lowercase name ({@code client|id}), or null. */
    static Command find(Client c, String name) {
        int bar = name.indexOf('|');
        if (bar < 0) {
            return c.engine.commands().get(name);
        }
        Command container = c.engine.commands().get(name.substring(0, bar));
        return container == null ? null : container.subcommands().get(name.substring(bar + 1));
    }

    private static void list(Client c, List<byte[]> a) {
        if (a.size() > 2) {
            throw CommandError.syntax(); // FILTERBY is not supported
        }
        List<String> names = new ArrayList<>(); // every command and, after each container, its subcommands
        for (Command command : c.engine.commands().all()) {
            names.add(command.name());
            shownSubcommands(command).forEach(sub -> names.add(sub.name()));
        }
        c.reply.arrayHeader(names.size());
        names.forEach(c.reply::bulk);
    }

    private static void describe(Client c, Command command) {
        c.reply.arrayHeader(10);
        c.reply.bulk(command.name());
        c.reply.integer(command.arity());
        List<String> flags = new ArrayList<>();
        for (CommandFlag flag : command.flags()) {
            if (flag.redisName() != null) {
                flags.add(flag.redisName());
            }
        }
        c.reply.setHeader(flags.size());
        flags.forEach(c.reply::simple);
        c.reply.integer(command.firstKey());
        c.reply.integer(command.lastKey());
        c.reply.integer(command.step());
        c.reply.setHeader(0);   // ACL categories: this server has no ACLs
        c.reply.arrayHeader(0); // tips
        c.reply.arrayHeader(0); // key specs: first/last/step above say where the keys are
        c.reply.arrayHeader(shownSubcommands(command).size());
        for (Command sub : shownSubcommands(command)) {
            describe(c, sub);
        }
    }

    /** A container's subcommands as Redis lists them: DEBUG's are this server's way to dispatch one command. */
    private static java.util.Collection<Command> shownSubcommands(Command command) {
        return command.subcommands().values();
    }

    private static void getkeys(Client c, List<byte[]> a) {
        Command command = c.engine.commands().get(Args.text(a.get(2)).toLowerCase(Locale.ROOT));
        List<byte[]> call = a.subList(2, a.size());
        if (command == null) {
            throw new CommandError("ERR Invalid command specified");
        }
        if (!command.acceptsArgumentCount(call.size())) {
            throw new CommandError("ERR Invalid number of arguments specified for command");
        }
        int[] positions = command.keyPositions(call.size());
        if (positions.length == 0) {
            throw new CommandError("ERR The command has no key arguments");
        }
        c.reply.arrayHeader(positions.length);
        for (int p : positions) {
            c.reply.bulk(call.get(p));
        }
    }

}
