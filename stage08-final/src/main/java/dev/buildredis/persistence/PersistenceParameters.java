// @step 10
package dev.buildredis.persistence;

import dev.buildredis.engine.Parameter;
import dev.buildredis.engine.Settings;

import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of persistence, as Redis names them, defined into the server's settings when persistence is put
 * in: where the files go, when to snapshot, how the append-only file is written.
 */
final class PersistenceParameters {

    private static final long INT_MAX = Integer.MAX_VALUE;
    private static final long MB = 1024 * 1024;

    private PersistenceParameters() {
    }

    static void define(Settings settings) {
        settings.add("dbfilename", null, false, true, Parameter.text(PersistenceParameters::isFileName,
                "dbfilename can't be a path, just a filename"), "dump.rdb");
        //> step 11
        settings.constant("appenddirname", Parameter.text(PersistenceParameters::isFileName,
                "appenddirname can't be a path, just a dirname"), "appendonlydir");
        settings.constant("appendfilename", Parameter.text(PersistenceParameters::isFileName,
                "appendfilename can't be a path, just a filename"), "appendonly.aof");
        //< step 11
        settings.constant("rdbchecksum", Parameter.YES_NO, true);
        settings.mutable("save", SAVE_POINTS, List.of());
        //> step 11
        //> step 11-11
//~        settings.constant("appendonly", Parameter.YES_NO, false); // at start only: turning it on takes a rewrite
        //< step 11-11
        //> step 12
        settings.mutable("appendonly", Parameter.YES_NO, false);
        //< step 12
        settings.mutable("appendfsync", Parameter.choice("everysec", "always", "no"), "everysec");
        //> step 11-20
//~        settings.mutable("aof-use-rdb-preamble", Parameter.text(v -> v.equalsIgnoreCase("yes"),
//~                "this server writes the AOF base as RDB only"), "yes");
        //< step 11-20
        //> step 21
        settings.mutable("aof-use-rdb-preamble", (text, current) -> { // yes or no as Redis reads them, then only yes
            if (!Parameter.YES_NO.parse(text, true)) {
                throw new IllegalArgumentException("this server writes the AOF base as RDB only");
            }
            return "yes";
        }, "yes");
        //< step 21
        settings.mutable("aof-load-truncated", Parameter.YES_NO, true);
        //< step 11
        //> step 12
        settings.mutable("auto-aof-rewrite-percentage", Parameter.integer(0, INT_MAX), 100L);
        settings.mutable("auto-aof-rewrite-min-size", Parameter.memory(0, Long.MAX_VALUE), 64 * MB);
        //< step 12
        settings.mutable("rdbcompression", Parameter.YES_NO, true);
        settings.mutable("stop-writes-on-bgsave-error", Parameter.YES_NO, true);
    }

    /** A name without a directory in it: Redis refuses a path where a file name is asked for. */
    static boolean isFileName(String name) {
        return !name.isEmpty() && !name.contains("/") && !name.equals(".") && !name.equals("..");
    }

    /**
     * {@code save}: pairs of seconds (at least 1) and changes, one space apart ({@code "3600 1 300 100"}), or empty
     * for none; each number read as C's {@code strtoll} reads it (so 01 is 1, and a huge one stops at 2^63-1).
     */
    static final Parameter.Kind<List<long[]>> SAVE_POINTS = new Parameter.Kind<>() {
        @Override
        public List<long[]> parse(String text, List<long[]> current) {
            if (text.isEmpty()) {
                return List.of();
            }
            String[] words = text.split(" ", -1);
            if (words.length % 2 != 0) {
                throw new IllegalArgumentException("Invalid save parameters");
            }
            List<long[]> points = new ArrayList<>();
            for (int i = 0; i < words.length; i += 2) {
                long seconds = strtoll(words[i]);
                long changes = strtoll(words[i + 1]);
                if (seconds < 1 || changes < 0) {
                    throw new IllegalArgumentException("Invalid save parameters");
                }
                points.add(new long[] {seconds, changes});
            }
            return List.copyOf(points);
        }

        @Override
        public String format(List<long[]> points) {
            StringBuilder s = new StringBuilder();
            for (long[] point : points) {
                s.append(s.isEmpty() ? "" : " ").append(point[0]).append(' ').append(point[1]);
            }
            return s.toString();
        }
    };

    /** C's strtoll over a whole word: an optional sign, digits, saturating; -1 (refused) for anything else. */
    private static long strtoll(String word) {
        if (!word.matches("[+-]?[0-9]*")) {
            return -1;
        }
        try {
            return word.isEmpty() || word.equals("+") || word.equals("-") ? 0 : Long.parseLong(word);
        } catch (NumberFormatException e) {
            return word.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
