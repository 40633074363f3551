package dev.buildredis.engine;

import dev.buildredis.store.Numbers;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * One configuration parameter, as Redis's {@code config.c} declares one: its name (and the old name it also
 * answers to), whether CONFIG SET may change it, and its kind, which reads a value from text once and shows it
 * again as CONFIG GET does. The value is kept parsed: the server reads a {@code long} or a {@code boolean}, never
 * text.
 *
 * <pre>
 *   kind       reads                        refuses with (after "CONFIG SET failed (possibly related to ...) - ")
 *   yes/no     yes, no (any case)           argument must be 'yes' or 'no'
 *   choice     one of a list (any case)     argument(s) must be one of the following: a, b, c
 *   integer    -12 (no spaces, no +)        argument couldn't be parsed into an integer / must be between ...
 *   memory     100, 1k, 1kb, 5mb, 2gb       argument must be a memory value / must be between ...
 * </pre>
 *
 * @param <T> the parsed value's type
 */
public final class Parameter<T> {

    /** Reads a value from text, given the current value (some kinds change only part of it), and shows one. */
    public interface Kind<T> {
        /** The value {@code text} means; throws {@link IllegalArgumentException} with Redis's reason if none. */
        T parse(String text, T current);

        /** The value as CONFIG GET shows it. */
        default String format(T value) {
            return String.valueOf(value);
        }
    }

    final String name;
    final String alias;        // the name Redis kept for compatibility (hash-max-ziplist-entries), or null
    final boolean immutable;   // set on the command line only
    final boolean isProtected; // dir, dbfilename: Redis 7's enable-protected-configs is "no"
    final Kind<T> kind;
    private T value;
    boolean hidden;            // CONFIG GET matches it by its exact name only, never by a pattern
    boolean fromTable;         // made from parameters.tsv: a part of the server that acts on it may replace it
    boolean sensitive;         // a password: SLOWLOG shows CONFIG SET's value of it as (redacted)

    Parameter(String name, String alias, boolean immutable, boolean isProtected, Kind<T> kind, T value) {
        this.name = name;
        this.alias = alias;
        this.immutable = immutable;
        this.isProtected = isProtected;
        this.kind = kind;
        this.value = value;
    }

    T value() {
        return value;
    }

    String text() {
        return kind.format(value);
    }

    /** Reads {@code text} without setting it: CONFIG SET checks every pair before it sets any. */
    T parse(String text) {
        return kind.parse(text, value);
    }

    @SuppressWarnings("unchecked")
    void set(Object parsed) {
        value = (T) parsed;
    }

    // ---- the kinds

    public static final Kind<Boolean> YES_NO = new Kind<>() {
        @Override
        public Boolean parse(String text, Boolean current) {
            if (text.equalsIgnoreCase("yes")) {
                return true;
            }
            if (text.equalsIgnoreCase("no")) {
                return false;
            }
            throw new IllegalArgumentException("argument must be 'yes' or 'no'");
        }

        @Override
        public String format(Boolean value) {
            return value ? "yes" : "no";
        }
    };

    /** One of {@code names}, kept in lower case. */
    public static Kind<String> choice(String... names) {
        List<String> allowed = List.of(names);
        return (text, current) -> {
            String lower = text.toLowerCase(Locale.ROOT);
            if (!allowed.contains(lower)) {
                throw new IllegalArgumentException("argument(s) must be one of the following: "
                        + String.join(", ", allowed));
            }
            return lower;
        };
    }

    /** An integer from {@code min} to {@code max}, read as Redis's {@code string2ll} reads one. */
    public static Kind<Long> integer(long min, long max) {
        return (text, current) -> inRange(Numbers.parseLong(Args.bytes(text)), min, max,
                "argument couldn't be parsed into an integer");
    }

    /**
     * A size in bytes with an optional unit, read as Redis's {@code memtoull}: digits then {@code b}, {@code k}
     * (1000), {@code kb} (1024), {@code m}, {@code mb}, {@code g}, {@code gb}, in any case. As there, the number
     * and the product wrap at 2<sup>64</sup> instead of failing: {@code maxmemory 99999999999gb} is accepted. With
     * {@code max} of -1 the value is unsigned (maxmemory); otherwise it must be within [min, max].
     */
    public static Kind<Long> memory(long min, long max) {
        return new Kind<>() {
            @Override
            public Long parse(String text, Long current) {
                Long bytes = memoryValue(text);
                if (bytes == null) {
                    throw new IllegalArgumentException("argument must be a memory value");
                }
                return max == -1 ? bytes : inRange(bytes, min, max, "argument must be a memory value");
            }

            @Override
            public String format(Long value) {
                return max == -1 ? Long.toUnsignedString(value) : Long.toString(value);
            }
        };
    }

    /** Any text that {@code valid} accepts, kept as given. */
    public static Kind<String> text(Predicate<String> valid, String reason) {
        return (text, current) -> {
            if (!valid.test(text)) {
                throw new IllegalArgumentException(reason);
            }
            return text;
        };
    }

    private static long inRange(Long n, long min, long max, String unparsable) {
        if (n == null) {
            throw new IllegalArgumentException(unparsable);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException("argument must be between " + min + " and " + max + " inclusive");
        }
        return n;
    }

    /** {@code memtoull}: null for anything but digits and a unit; no digits at all is 0, as strtoull("") is. */
    public static Long memoryValue(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int digits = 0;
        while (digits < lower.length() && Character.isDigit(lower.charAt(digits))) {
            digits++;
        }
        long unit = switch (lower.substring(digits)) {
            case "", "b" -> 1;
            case "k" -> 1000;
            case "kb" -> 1024;
            case "m" -> 1000L * 1000;
            case "mb" -> 1024L * 1024;
            case "g" -> 1000L * 1000 * 1000;
            case "gb" -> 1024L * 1024 * 1024;
            default -> 0;
        };
        if (unit == 0) {
            return null;
        }
        long number = 0;
        for (int i = 0; i < digits; i++) { // strtoull: saturates at 2^64-1
            int digit = lower.charAt(i) - '0';
            if (Long.compareUnsigned(number, Long.divideUnsigned(-1L - digit, 10)) > 0) {
                number = -1L;
                break;
            }
            number = number * 10 + digit;
        }
        return number * unit; // wraps, as C's unsigned multiplication
    }
}
