package dev.buildredis.command;

import java.nio.charset.StandardCharsets;
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
    private final byte[][] names;    // find()'s open-addressing table: lowercase names ...
    private final Command[] byName;  // ... and their commands, at the same index

    CommandTable(List<Command> commands) {
        for (Command command : commands) {
            this.commands.put(command.name(), command);
        }
        names = names(this.commands.values());
        byName = new Command[names.length];
        index();
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

    // tag::find[]
    /**
     * The command named by a client's bytes in any case ({@code GET}, {@code get}, {@code GeT}), or {@code null}:
     * the dispatcher's lookup for every command, so it makes no String (two per command before: the name, then
     * its lowercase copy). Open addressing over the names' lowercase bytes, built once.
     */
    Command find(byte[] name) {
        for (int i = hash(name) & (byName.length - 1); byName[i] != null; i = (i + 1) & (byName.length - 1)) {
            if (equalsIgnoreCase(names[i], name)) {
                return byName[i];
            }
        }
        return null;
    }
    // end::find[]

    /** The names in {@link #find}'s table, lowercase; a quarter full at most, so that probes stay short. */
    private static byte[][] names(Collection<Command> commands) {
        return new byte[Integer.highestOneBit(Math.max(commands.size(), 1)) * 4][];
    }

    private void index() {
        for (Command command : commands.values()) {
            byte[] name = command.name().getBytes(StandardCharsets.ISO_8859_1);
            int i = hash(name) & (byName.length - 1);
            while (byName[i] != null) {
                i = (i + 1) & (byName.length - 1);
            }
            names[i] = name;
            byName[i] = command;
        }
    }

    private static int hash(byte[] name) {
        int h = 0;
        for (byte b : name) {
            h = 31 * h + (b | 0x20); // a letter's two cases hash alike; equalsIgnoreCase decides what really matches
        }
        return h ^ (h >>> 16);
    }

    private static boolean equalsIgnoreCase(byte[] lowercase, byte[] name) {
        if (lowercase.length != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            byte b = name[i];
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lowercase[i]) {
                return false;
            }
        }
        return true;
    }

    Collection<Command> all() {
        return commands.values();
    }
}
