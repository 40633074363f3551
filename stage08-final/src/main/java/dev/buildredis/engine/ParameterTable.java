// @step 21
package dev.buildredis.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Redis 7.0's every configuration parameter, read from {@code parameters.tsv}: a tool that sets
 * {@code repl-ping-replica-period} or {@code lazyfree-lazy-eviction} gets Redis's answer, not "Unknown option".
 * One line a parameter, tab-separated, the first line naming the columns:
 *
 * <pre>
 *   name                    alias                  kind                       default  flags      here
 *   list-max-listpack-size  list-max-ziplist-size  integer INT_MIN..INT_MAX   -2       -          acts    ...
 *   lazyfree-lazy-eviction  -                      yes/no                     no       -          stored  ...
 *   unixsocketperm          -                      octal 0..777               0        immutable  stored  ...
 * </pre>
 * (and last, what the parameter does here, or why nothing)
 *
 * Kinds: {@code yes/no}, {@code integer MIN..MAX}, {@code memory MIN..MAX} (a MAX of ULLONG_MAX: unsigned),
 * {@code memory or percent MIN..MAX}, {@code octal MIN..MAX}, {@code one of a b c} ({@code b=a}: b is taken
 * and shown as a), {@code text}, {@code hostname}, {@code title template}, {@code oom values}, {@code percentiles},
 * {@code replicaof}, {@code shutdown flags}, and {@code special} for a parameter whose reading only the part that
 * defines it knows. Bounds are numbers or the C names config.c uses (INT_MAX, LLONG_MAX...); a number kind may end
 * with {@code , at least N}: a smaller value is taken and raised to N. Flags: {@code immutable} (command line only),
 * {@code protected} (enable-protected-configs), {@code hidden} (CONFIG GET by exact name only), {@code sensitive}
 * (a password: SLOWLOG shows it redacted), or {@code -}.
 *
 * <p>Where the server acts on a parameter, the part that acts defines it and this table's line only describes it:
 * {@link #define} skips a name already defined, and a part that defines one later replaces the stored one
 * ({@link Settings#add}). "here" says which: {@code acts} or {@code stored}, and a test holds the table to it.
 */
public final class ParameterTable {

    /** Where the table is, beside this class. */
    static final String RESOURCE = "parameters.tsv";

    private static final Map<String, Long> BOUNDS = Map.of("INT_MIN", (long) Integer.MIN_VALUE,
            "INT_MAX", (long) Integer.MAX_VALUE, "UINT_MAX", 4294967295L, "LONG_MAX", Long.MAX_VALUE,
            "LLONG_MAX", Long.MAX_VALUE, "SSIZE_MAX", Long.MAX_VALUE, "ULLONG_MAX", -1L);

    /** What Redis answers, built as Debian builds it, to a change this server cannot make either. */
    private static final String NO_TLS = "Unable to update TLS configuration. Check server logs.";
    private static final Map<String, String> REFUSED_CHANGES = Map.of(
            "tls-port", NO_TLS, "tls-replication", NO_TLS, "tls-cluster", NO_TLS,
            "activedefrag", "Active defragmentation cannot be enabled: it requires a Redis server compiled with a "
                    + "modified Jemalloc like the one shipped by default with the Redis source distribution");

    /** One line of the table. */
    public record Row(String name, String alias, String kind, String defaultValue, Set<String> flags, String here,
                      String note) {

        public boolean acts() {
            return here.equals("acts");
        }

        public boolean has(String flag) {
            return flags.contains(flag);
        }
    }

    private ParameterTable() {
    }

    /** Every line of the table, in its order. */
    public static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = ParameterTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean header = true;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) { // the column names
                    header = false;
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 7) {
                    throw new IllegalStateException(RESOURCE + ": not 7 columns: " + line);
                }
                rows.add(new Row(f[0], f[1].equals("-") ? null : f[1], f[2], f[3],
                        f[4].equals("-") ? Set.of() : Set.of(f[4].split(",")), f[5], f[6]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Defines every parameter of the table that no part of the server has defined, stored only. */
    static void define(Settings settings) {
        for (Row row : rows()) {
            if (settings.has(row.name())) {
                continue;
            }
            if (row.kind().equals("special")) { // its part of the server defines it later, or it is not there
                continue;
            }
            if (row.name().equals("watchdog-period")) {
                define(settings, row, watchdogPeriod(settings));
            } else {
                define(settings, row, kind(row));
            }
        }
    }

    /** watchdog-period: 0, or at least two periodic-task intervals (Redis raises a shorter one to that). */
    private static Parameter.Kind<Long> watchdogPeriod(Settings settings) {
        return (text, current) -> {
            long period = Parameter.integer(0, Integer.MAX_VALUE).parse(text, current);
            long shortest = current == null ? 0 : 1000 / settings.number("hz") * 2;
            return period == 0 ? 0 : Math.max(period, shortest);
        };
    }

    private static <T> void define(Settings settings, Row row, Parameter.Kind<T> kind) {
        settings.addFromTable(row.name(), row.alias(), row.has("immutable"), row.has("protected"), row.has("hidden"),
                row.has("sensitive"), kind, kind.parse(row.defaultValue(), null));
    }

    /** The kind a line names, refusing changes where Redis without the feature refuses them. */
    static Parameter.Kind<?> kind(Row row) {
        Parameter.Kind<?> kind = kind(row.kind());
        String refusal = REFUSED_CHANGES.get(row.name());
        return refusal == null ? kind : refusing(kind, row.defaultValue(), refusal);
    }

    private static <T> Parameter.Kind<T> refusing(Parameter.Kind<T> kind, String allowed, String reason) {
        return ParameterKinds.onlyDefault(kind, Set.of(allowed), reason);
    }

    static Parameter.Kind<?> kind(String spec) {
        int floor = spec.indexOf(", at least ");
        if (floor >= 0) { // a value under the floor is taken and raised to it, as Redis does for repl-backlog-size
            long least = Long.parseLong(spec.substring(floor + ", at least ".length()));
            @SuppressWarnings("unchecked")
            Parameter.Kind<Long> numbers = (Parameter.Kind<Long>) kind(spec.substring(0, floor));
            return new Parameter.Kind<Long>() {
                @Override
                public Long parse(String text, Long current) {
                    return Math.max(least, numbers.parse(text, current));
                }

                @Override
                public String format(Long value) {
                    return numbers.format(value);
                }
            };
        }
        String[] words = spec.split(" ");
        return switch (words[0]) {
            case "yes/no" -> Parameter.YES_NO;
            case "integer" -> Parameter.integer(low(words[1]), high(words[1]));
            case "memory" -> words[1].equals("or")
                    ? ParameterKinds.memoryOrPercent(low(words[3]), high(words[3]))
                    : Parameter.memory(low(words[1]), high(words[1]));
            case "octal" -> ParameterKinds.octal(Long.parseLong(words[1].split("\\.\\.")[0], 8),
                    Long.parseLong(words[1].split("\\.\\.")[1], 8));
            case "one" -> ParameterKinds.choice(Arrays.asList(words).subList(2, words.length));
            case "text" -> Parameter.text(v -> true, "");
            case "hostname" -> ParameterKinds.HOSTNAME;
            case "title" -> ParameterKinds.TITLE_TEMPLATE;
            case "oom" -> ParameterKinds.OOM_VALUES;
            case "percentiles" -> ParameterKinds.PERCENTILES;
            case "replicaof" -> ParameterKinds.REPLICAOF;
            case "shutdown" -> ParameterKinds.SHUTDOWN;
            default -> throw new IllegalStateException(RESOURCE + ": unknown kind '" + spec + "'");
        };
    }

    private static long low(String range) {
        return bound(range.split("\\.\\.")[0]);
    }

    private static long high(String range) {
        return bound(range.split("\\.\\.")[1]);
    }

    private static long bound(String text) {
        Long named = BOUNDS.get(text);
        return named != null ? named : Long.parseLong(text);
    }
}
