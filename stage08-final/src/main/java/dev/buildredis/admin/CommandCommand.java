// @step 09
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
//> step 22
 * COMMAND DOCS [name ...]   a map of name → docs, see {@link CommandDocs}: redis-cli builds its hints from it
//< step 22
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
                //> step 22
                Command.of("command|docs", -2, "loading stale", 0, 0, 0, CommandCommand::docs),
                //< step 22
                Command.of("command|getkeys", -4, "loading stale", 0, 0, 0, CommandCommand::getkeys),
                //> step 22
                Command.of("command|getkeysandflags", -4, "loading stale", 0, 0, 0, CommandCommand::getkeysAndFlags),
                Command.of("command|help", 2, "loading stale", 0, 0, 0, (c, a) -> Command.help(c, "COMMAND",
                        "(no subcommand)",
                        "    Return details about all Redis commands.",
                        "COUNT",
                        "    Return the total number of commands in this Redis server.",
                        "LIST",
                        "    Return a list of all commands in this Redis server.",
                        "INFO [<command-name> ...]",
                        "    Return details about multiple Redis commands.",
                        "    If no command names are given, documentation details for all",
                        "    commands are returned.",
                        "DOCS [<command-name> ...]",
                        "    Return documentation details about multiple Redis commands.",
                        "    If no command names are given, documentation details for all",
                        "    commands are returned.",
                        "GETKEYS <full-command>",
                        "    Return the keys from a full Redis command.",
                        "GETKEYSANDFLAGS <full-command>",
                        "    Return the keys and the access flags from a full Redis command."))));
                //< step 22
                //> step 09-21
//~                Command.of("command|help", 2, "loading stale", 0, 0, 0, (c, a) -> Command.help(c, "COMMAND",
//~                        "(no subcommand)", "COUNT", "INFO [<command-name> ...]", "LIST", "GETKEYS <full-command>"))));
                //< step 09-21
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

    //> step 22
    /** Every documented command, or those named; unknown names are left out, as Redis does. */
    private static void docs(Client c, List<byte[]> a) {
        List<Command> found = new ArrayList<>();
        if (a.size() == 2) {
            found.addAll(c.engine.commands().all());
        } else {
            for (int i = 2; i < a.size(); i++) {
                Command command = find(c, Args.text(a.get(i)).toLowerCase(Locale.ROOT));
                if (command != null) {
                    found.add(command);
                }
            }
        }
        found.removeIf(command -> !CommandDocs.all().containsKey(command.name()));
        c.reply.mapHeader(found.size());
        for (Command command : found) {
            c.reply.bulk(command.name());
            CommandDocs.write(c, command);
        }
    }
    //< step 22

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
        //> step 22
        java.util.function.Predicate<Command> filter = command -> true;
        if (a.size() == 5 && Args.is(a.get(2), "FILTERBY")) { // MODULE, ACLCAT or PATTERN, as Redis 7.0
            byte[] value = a.get(4);
            if (Args.is(a.get(3), "MODULE")) {
                filter = command -> false; // no modules here
            } else if (Args.is(a.get(3), "ACLCAT")) {
                String category = "@" + Args.text(value).toLowerCase(Locale.ROOT);
                filter = command -> KeySpecs.of(command).categories().contains(category);
            } else if (Args.is(a.get(3), "PATTERN")) {
                filter = command -> dev.buildredis.engine.Glob.matches(value, Args.bytes(command.name()), true);
            } else {
                throw CommandError.syntax();
            }
        } else if (a.size() != 2) {
            throw CommandError.syntax();
        }
        //< step 22
        //> step 09-21
//~        if (a.size() > 2) {
//~            throw CommandError.syntax(); // FILTERBY is not supported
//~        }
        //< step 09-21
        List<String> names = new ArrayList<>(); // every command and, after each container, its subcommands
        for (Command command : c.engine.commands().all()) {
            //> step 22
            if (filter.test(command)) {
                names.add(command.name());
            }
            for (Command sub : shownSubcommands(command)) {
                if (filter.test(sub)) {
                    names.add(sub.name());
                }
            }
            //< step 22
            //> step 09-21
//~            names.add(command.name());
//~            shownSubcommands(command).forEach(sub -> names.add(sub.name()));
            //< step 09-21
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
        //> step 22
        if (KeySpecs.of(command).flags() != null) {
            flags = KeySpecs.of(command).flags(); // as Redis declares them
        }
        //< step 22
        c.reply.setHeader(flags.size());
        flags.forEach(c.reply::simple);
        c.reply.integer(command.firstKey());
        c.reply.integer(command.lastKey());
        c.reply.integer(command.step());
        //> step 22
        KeySpecs.write(c, KeySpecs.of(command)); // ACL categories, tips and key specs, as Redis describes them
        //< step 22
        //> step 09-21
//~        c.reply.setHeader(0);   // ACL categories: this server has no ACLs
//~        c.reply.arrayHeader(0); // tips
//~        c.reply.arrayHeader(0); // key specs: first/last/step above say where the keys are
        //< step 09-21
        //> step 22
        if (shownSubcommands(command).isEmpty()) {
            c.reply.setHeader(0); // Redis 7.0 answers no subcommands with an empty set, and some with an array
        } else {
            c.reply.arrayHeader(shownSubcommands(command).size());
        }
        //< step 22
        //> step 09-21
//~        c.reply.arrayHeader(shownSubcommands(command).size());
        //< step 09-21
        for (Command sub : shownSubcommands(command)) {
            describe(c, sub);
        }
    }

    /** A container's subcommands as Redis lists them: DEBUG's are this server's way to dispatch one command. */
    private static java.util.Collection<Command> shownSubcommands(Command command) {
        //> step 22
        if (command.name().equals("debug")) {
            return List.of();
        }
        //< step 22
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
        //> step 22
        if (!KeySpecs.of(command).specs().isEmpty()) { // where Redis's key specs say, as GETKEYSANDFLAGS
            positions = KeySpecs.keys(command, call).stream().mapToInt(KeySpecs.Key::position).toArray();
        }
        //< step 22
        if (positions.length == 0) {
            throw new CommandError("ERR The command has no key arguments");
        }
        c.reply.arrayHeader(positions.length);
        for (int p : positions) {
            c.reply.bulk(call.get(p));
        }
    }

    //> step 22
    /** Each key of a call with the flags its key spec gives it (RW, access, update...), as Redis 7.0 answers. */
    private static void getkeysAndFlags(Client c, List<byte[]> a) {
        Command command = c.engine.commands().get(Args.text(a.get(2)).toLowerCase(Locale.ROOT));
        List<byte[]> call = a.subList(2, a.size());
        if (command == null) {
            throw new CommandError("ERR Invalid command specified");
        }
        if (!command.acceptsArgumentCount(call.size())) {
            throw new CommandError("ERR Invalid number of arguments specified for command");
        }
        List<KeySpecs.Key> keys = KeySpecs.keys(command, call);
        if (keys.isEmpty()) {
            throw new CommandError("ERR The command has no key arguments");
        }
        c.reply.arrayHeader(keys.size());
        for (KeySpecs.Key key : keys) {
            c.reply.arrayHeader(2);
            c.reply.bulk(call.get(key.position()));
            c.reply.setHeader(key.flags().size());
            key.flags().forEach(c.reply::simple);
        }
    }
    //< step 22
}
