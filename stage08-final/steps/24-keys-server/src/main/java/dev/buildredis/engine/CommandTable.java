package dev.buildredis.engine;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every command the server knows, by lowercase name: the data the dispatcher checks calls against and COMMAND
 * describes. The engine knows no command itself: each family (one package per data type, as Redis has one source
 * file per data type) hands its list to {@link #register} when the server is put together.
 */
public final class CommandTable {

    private final Map<String, Command> commands = new LinkedHashMap<>();
    private byte[][] names = new byte[1][];          // find()'s open-addressing table: lowercase names ...
    private Command[] byName = new Command[1];       // ... and their commands, at the same index

    /** Adds a family's commands, before the server starts. */
    public void register(List<Command> family) {
        for (Command command : family) {
            Command known = commands.get(command.name());
            commands.put(command.name(), known == null ? command : known.withSubcommands(command));
        }
        names = names(commands.values());
        byName = new Command[names.length];
        index();
    }

    public Command get(String lowercaseName) {
        return commands.get(lowercaseName);
    }

    // tag::find[]
    /**
     * The command named by a client's bytes in any case ({@code GET}, {@code get}, {@code GeT}), or {@code null}:
     * the dispatcher's lookup for every command, so it makes no String (two per command before: the name, then
     * its lowercase copy). Open addressing over the names' lowercase bytes, built once.
     */
    public Command find(byte[] name) {
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

    public Collection<Command> all() {
        return commands.values();
    }
}
