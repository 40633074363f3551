package dev.buildredis.command;

import dev.buildredis.engine.Client;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One entry of the command table: what {@link CommandTable} needs to check a call before running it.
 *
 * @param name    the lowercase name, as Redis shows it in error messages
 * @param arity   Redis's convention: {@code n > 0} means exactly n arguments counting the name ({@code GET key}
 *                is 2); {@code -n} means at least n
 * @param flags   what kind of command it is, as Redis's command table says: the dispatcher logs the
 *                {@link Flag#WRITE} ones to the append-only file
 * @param handler runs the command; called only with an argument count that fits {@code arity}
 * @param subcommands the subcommands INFO counts apart, as Redis does: {@code CONFIG GET} is {@code config|get}
 */
public record Command(String name, int arity, Set<Flag> flags, Handler handler, Set<String> subcommands) {

    /** A command without subcommands. */
    public Command(String name, int arity, Set<Flag> flags, Handler handler) {
        this(name, arity, flags, handler, Set.of());
    }

    /** Redis's command flags, the two this stage needs. */
    public enum Flag {
        /** May change the data set: logged if it did, refused while the append-only file cannot be written. */
        WRITE,
        /** Only reads the data set. */
        READONLY
    }

    /**
     * What a command does with its arguments ({@code args.get(0)} is the command's name as sent): it writes its
     * reply into {@code client.reply}, or throws {@link CommandError}.
     */
    @FunctionalInterface
    public interface Handler {
        void handle(Client client, List<byte[]> args);
    }

    boolean writes() {
        return flags.contains(Flag.WRITE);
    }

    /** True if {@code count} arguments (the name included) fit this command's arity. */
    boolean acceptsArgumentCount(int count) {
        return arity >= 0 ? count == arity : count >= -arity;
    }

    /** The name this call is counted under: {@code get}, or {@code config|get} for a known subcommand. */
    String statName(List<byte[]> args) {
        if (!subcommands.isEmpty() && args.size() > 1) {
            String subcommand = CommandTable.text(args.get(1)).toLowerCase(Locale.ROOT);
            if (subcommands.contains(subcommand)) {
                return name + "|" + subcommand;
            }
        }
        return name;
    }
}
