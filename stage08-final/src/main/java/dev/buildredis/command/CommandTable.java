package dev.buildredis.command;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every command the server knows, by lowercase name: the data the dispatcher checks calls against and COMMAND
 * describes. One family of commands per class, as Redis has one source file per data type.
 */
public final class CommandTable {

    private final Map<String, Command> commands = new LinkedHashMap<>();

    CommandTable(List<Command> commands) {
        for (Command command : commands) {
            this.commands.put(command.name(), command);
        }
    }

    /** Every command this server implements. */
    static CommandTable standard() {
        List<Command> all = new ArrayList<>();
        all.addAll(ConnectionCommands.all());
        all.addAll(ServerCommands.all());
        all.addAll(KeyCommands.all());
        all.addAll(ObjectCommands.all());
        all.addAll(StringCommands.all());
        all.addAll(ListCommands.all());
        all.addAll(HashCommands.all());
        all.addAll(SetCommands.all());
        all.addAll(SortedSetCommands.all());
        all.addAll(TransactionCommands.all());
        all.addAll(PubSubCommands.all());
        all.add(CommandCommand.command());
        return new CommandTable(all);
    }

    Command get(String lowercaseName) {
        return commands.get(lowercaseName);
    }

    Collection<Command> all() {
        return commands.values();
    }
}
