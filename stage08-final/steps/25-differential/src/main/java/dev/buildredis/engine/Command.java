package dev.buildredis.engine;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One entry of the command table: everything the dispatcher, COMMAND INFO and WATCH need to know about a command
 * before running it.
 *
 * @param name        the lowercase name ({@code config|get} for a subcommand), as Redis shows it in errors
 * @param arity       Redis's convention: {@code n > 0} means exactly n arguments counting the name ({@code GET key}
 *                    is 2); {@code -n} means at least n
 * @param flags       how the dispatcher treats the command
 * @param firstKey    the position of the first key argument, 0 if the command takes no key
 * @param lastKey     the position of the last key; -1 is the last argument, -2 the one before
 * @param step        the distance between keys (MSET k v k v: 2)
 * @param handler     runs the command; called only with an argument count that fits {@code arity}
 * @param subcommands for container commands (CONFIG, CLIENT...): the subcommands by lowercase name, else empty
 * @param stats       this command's INFO commandstats counters, kept in the table entry itself as Redis keeps
 *                    {@code calls} and {@code microseconds} in its {@code struct redisCommand}: counting a call is
 *                    two additions, with no lookup by name (a HashMap by name cost about a tenth of a pipelined
 *                    SET/GET). Each server builds its own table ({@link CommandTable#standard()}), so its own counters.
 */
public record Command(String name, int arity, Set<CommandFlag> flags, int firstKey, int lastKey, int step,
                      Handler handler, Map<String, Command> subcommands, Stats stats, String event) {

    /**
     * INFO commandstats's counters of one command: the calls that ran and their time, the calls refused before they
     * ran (wrong argument count, MISCONF) and the calls that answered an error, as Redis's
     * {@code rejected_calls} and {@code failed_calls}.
     */
    public static final class Stats {
        long calls;
        long micros;
        long rejected;
        long failed;
        /** LATENCY HISTOGRAM's counts, made at the first call (see {@link #level}). */
        private long[] histogram;

        void record(long nanos, boolean histogram) {
            calls++;
            micros += nanos / 1000;
            if (histogram) {
                histogram(nanos);
            }
        }

        private void histogram(long nanos) {
            if (histogram == null) {
                histogram = new long[LEVELS];
            }
            histogram[level(nanos / 1000 * 1000)]++; // whole microseconds, as Redis records them
        }

        void reset() {
            calls = 0;
            micros = 0;
            rejected = 0;
            failed = 0;
            histogram = null;
        }

        public long calls() {
            return calls;
        }

        /**
         * LATENCY HISTOGRAM's buckets: {microseconds, calls that took at most that long} for each power of two
         * from 1 µs on where the count grows, as Redis reads its HDR histogram (a log iterator from 1024 ns, base
         * 2, two significant digits: the bucket of 2<sup>k</sup> µs-ish ends at 2<sup>k+10</sup> +
         * 2<sup>k+3</sup> - 1 ns, printed in whole µs: 1, 2, 4, 8, 16, 33, 66, 132, ...). Empty before any call.
         */
        public List<long[]> histogram() {
            List<long[]> buckets = new java.util.ArrayList<>();
            if (histogram == null) {
                return buckets;
            }
            long cumulative = 0;
            for (int k = 0; k < LEVELS; k++) {
                if (histogram[k] > 0) {
                    cumulative += histogram[k];
                    buckets.add(new long[] {levelEnd(k) / 1000, cumulative});
                }
            }
            return buckets;
        }

        /** Redis clamps what it records to 1 ns .. 1 s: 21 levels of powers of two cover it. */
        private static final int LEVELS = 21;

        private static long levelEnd(int k) {
            return (1L << (k + 10)) + (1L << (k + 3)) - 1;
        }

        /** The first level whose bucket holds {@code nanos}: O(1), as it runs at every command. */
        static int level(long nanos) {
            long v = Math.min(nanos, 1_000_000_000L);
            if (v <= levelEnd(0)) {
                return 0;
            }
            int k = 63 - Long.numberOfLeadingZeros(v) - 10; // v is in [2^(k+10), 2^(k+11))
            return Math.min(v <= levelEnd(k) ? k : k + 1, LEVELS - 1);
        }
    }

    /** What a command does with its arguments ({@code args.get(0)} is the command's name as sent). */
    @FunctionalInterface
    public interface Handler {
        void execute(Client client, List<byte[]> args);
    }

    /** A command without subcommands; {@code flags} is a space-separated list of {@link CommandFlag} names. */
    public static Command of(String name, int arity, String flags, int firstKey, int lastKey, int step, Handler handler) {
        return new Command(name, arity, parseFlags(flags), firstKey, lastKey, step, handler, Map.of(), new Stats(),
                name);
    }

    /**
     * This command with the keyspace event its writes publish ({@link #event}, see {@link Notifications}), where
     * Redis's differs from the command's name: INCR's is "incrby", UNLINK's "del".
     */
    public Command emits(String keyspaceEvent) {
        return new Command(name, arity, flags, firstKey, lastKey, step, handler, subcommands, stats, keyspaceEvent);
    }

    /** A container command such as CONFIG: the dispatcher runs the subcommand named by the second argument. */
    public static Command container(String name, int arity, List<Command> subcommands) {
        return container(name, arity, "", null, subcommands); // flagless, as Redis shows it: its subcommands decide
    }

    /** A container that also runs on its own, without a subcommand (COMMAND lists every command). */
    public static Command container(String name, int arity, Handler alone, List<Command> subcommands) {
        return container(name, arity, "loading stale", alone, subcommands);
    }

    /** A container with flags of its own: one command to Redis, which this server dispatches by subcommand. */
    public static Command container(String name, int arity, String flags, List<Command> subcommands) {
        return container(name, arity, flags, null, subcommands);
    }

    private static Command container(String name, int arity, String flags, Handler alone,
                                     List<Command> subcommands) {
        Map<String, Command> byName = new java.util.LinkedHashMap<>();
        for (Command sub : subcommands) {
            byName.put(sub.name().substring(sub.name().indexOf('|') + 1), sub);
        }
        return new Command(name, arity, parseFlags(flags), 0, 0, 0, alone, byName,
                new Stats(), name);
    }

    boolean has(CommandFlag flag) {
        return flags.contains(flag);
    }

    // tag::arity-keys[]
    /** True if {@code count} arguments (the name included) fit this command's arity. */
    public boolean acceptsArgumentCount(int count) {
        return arity >= 0 ? count == arity : count >= -arity;
    }

    /** The positions of the key arguments in a call, from firstKey/lastKey/step. */
    public int[] keyPositions(int argumentCount) {
        if (firstKey <= 0) {
            return new int[0];
        }
        int last = lastKey < 0 ? argumentCount + lastKey : lastKey;
        if (last < firstKey) {
            return new int[0];
        }
        int[] positions = new int[(last - firstKey) / step + 1];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = firstKey + i * step;
        }
        return positions;
    }
    // end::arity-keys[]

    private static Set<CommandFlag> parseFlags(String flags) {
        Set<CommandFlag> set = EnumSet.noneOf(CommandFlag.class);
        for (String flag : flags.split(" ")) {
            if (!flag.isEmpty()) {
                set.add(CommandFlag.valueOf(flag.toUpperCase(Locale.ROOT)));
            }
        }
        return set;
    }

    /**
     * This container with {@code other}'s subcommands added: a family adds its own to a container another family
     * defines (DEBUG RELOAD is persistence's, DEBUG HELP the server's).
     */
    Command withSubcommands(Command other) {
        Map<String, Command> merged = new java.util.LinkedHashMap<>(subcommands);
        merged.putAll(other.subcommands());
        return new Command(name, arity, flags, firstKey, lastKey, step, handler != null ? handler : other.handler(),
                Map.copyOf(merged), stats, event);
    }

    /** The reply to {@code X HELP}, as Redis words it: the usage line, the subcommands, and HELP itself. */
    public static void help(Client c, String command, String... lines) {
        c.reply.arrayHeader(lines.length + 3);
        c.reply.simple(command + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        for (String line : lines) {
            c.reply.simple(line);
        }
        c.reply.simple("HELP");
        c.reply.simple("    Prints this help.");
    }
}
