// @step 21
package dev.buildredis.engine;

import dev.buildredis.store.Numbers;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The kinds of parameter that only Redis's full table needs, beside the common ones in {@link Parameter}: each
 * reads a value as Redis's {@code config.c} reads it and refuses with its words.
 *
 * <pre>
 *   kind                reads                                refuses with
 *   choice with names   oom-score-adj: relative is shown yes argument(s) must be one of the following: ...
 *   memory or percent   maxmemory-clients: 1gb, 10%          argument must be a memory or percent value
 *   octal               unixsocketperm: 700                  argument couldn't be parsed as an octal number
 *   hostname            letters, digits, '-' and '.'         Hostnames may only contain alphanumeric ...
 *   title template      {title} {listen-addr} {server-mode}  template format is invalid or contains unknown ...
 *   oom values          three integers from -2000 to 2000    Invalid oom-score-adj-values, elements must be ...
 *   percentiles         "50 99 99.9", each from 0 to 100      Invalid latency-tracking-info-percentiles parameters
 *   replicaof           "host port" or "no one"              Invalid master port
 *   shutdown flags      default, or nosave now               shutdown options SAVE and NOSAVE can't be used ...
 * </pre>
 * The values are kept as CONFIG GET shows them: nothing in this server reads them.
 */
final class ParameterKinds {

    /** Redis's NET_HOST_STR_LEN: an announced hostname is shorter. */
    private static final int HOST_LENGTH = 256;
    /** The variables a process title template may name, and whether each is empty when Redis checks a template. */
    private static final Map<String, Boolean> TITLE_VARIABLES = Map.of("title", true, "listen-addr", false,
            "server-mode", true, "config-file", false, "port", false, "tls-port", false, "unixsocket", true);

    private ParameterKinds() {
    }

    /**
     * One of {@code names}, any case; a name written {@code relative=yes} is taken and shown as the name after
     * '=' (two names for one value, as Redis's enum tables have them: CONFIG GET shows the first).
     */
    static Parameter.Kind<String> choice(List<String> names) {
        Map<String, String> shown = new LinkedHashMap<>();
        for (String name : names) {
            int same = name.indexOf('=');
            shown.put(same < 0 ? name : name.substring(0, same), same < 0 ? name : name.substring(same + 1));
        }
        return (text, current) -> {
            String value = shown.get(text.toLowerCase(Locale.ROOT));
            if (value == null) {
                throw new IllegalArgumentException("argument(s) must be one of the following: "
                        + String.join(", ", shown.keySet()));
            }
            return value;
        };
    }

    /**
     * maxmemory-clients: a memory value, or a percentage of maxmemory kept as its negative ({@code 10%} is -10). As
     * in Redis, a memory value past 2<sup>63</sup> wraps to a negative number and so reads as a percentage.
     */
    static Parameter.Kind<Long> memoryOrPercent(long lowestPercent, long max) {
        return new Parameter.Kind<>() {
            @Override
            public Long parse(String text, Long current) {
                Long n = Parameter.memoryValue(text);
                if (n == null && text.length() > 1 && text.endsWith("%")) {
                    Long percent = Numbers.parseLong(Args.bytes(text.substring(0, text.length() - 1)));
                    n = percent != null && percent >= 0 ? -percent : null;
                }
                if (n == null) {
                    throw new IllegalArgumentException("argument must be a memory or percent value");
                }
                if (n < 0 && n < lowestPercent) {
                    throw new IllegalArgumentException("percentage argument must be less or equal to "
                            + -lowestPercent);
                }
                if (n > max) {
                    throw new IllegalArgumentException("argument must be between " + lowestPercent + " and " + max
                            + " inclusive");
                }
                return n;
            }

            @Override
            public String format(Long value) {
                return value < 0 ? -value + "%" : Long.toString(value);
            }
        };
    }

    /** An octal number (unixsocketperm), shown in octal. */
    static Parameter.Kind<Long> octal(long min, long max) {
        return new Parameter.Kind<>() {
            @Override
            public Long parse(String text, Long current) {
                long n;
                try {
                    n = Long.parseLong(text.strip(), 8);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("argument couldn't be parsed as an octal number");
                }
                if (n < min || n > max) {
                    throw new IllegalArgumentException("argument must be between " + Long.toOctalString(min)
                            + " and " + Long.toOctalString(max) + " inclusive");
                }
                return n;
            }

            @Override
            public String format(Long value) {
                return Long.toOctalString(value);
            }
        };
    }

    /** cluster-announce-hostname: empty, or under 256 letters, digits, hyphens and dots. */
    static final Parameter.Kind<String> HOSTNAME = (text, current) -> {
        if (text.length() >= HOST_LENGTH) {
            throw new IllegalArgumentException("Hostnames must be less than " + HOST_LENGTH + " characters");
        }
        if (!text.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '.'))) {
            throw new IllegalArgumentException("Hostnames may only contain alphanumeric characters, hyphens or dots");
        }
        return text;
    };

    /**
     * proc-title-template: Redis expands the template with an empty title and refuses it if a variable is unknown,
     * a brace is left open, or nothing but spaces remains ({@code {title}} alone is refused). {@code {{} is a '{'.
     */
    static final Parameter.Kind<String> TITLE_TEMPLATE = (text, current) -> {
        StringBuilder expanded = new StringBuilder();
        int i = 0;
        boolean valid = true;
        while (i < text.length() && valid) {
            int open = text.indexOf('{', i);
            if (open < 0) {
                expanded.append(text, i, text.length());
                break;
            }
            expanded.append(text, i, open);
            if (open + 1 < text.length() && text.charAt(open + 1) == '{') {
                expanded.append('{');
                i = open + 2;
                continue;
            }
            int close = text.indexOf('}', open + 1);
            Boolean empty = close < 0 ? null : TITLE_VARIABLES.get(text.substring(open + 1, close));
            if (empty == null) {
                valid = false;
            } else {
                expanded.append(empty ? "" : "x");
                i = close + 1;
            }
        }
        if (!valid || expanded.toString().replaceAll("^ +| +$", "").isEmpty()) {
            throw new IllegalArgumentException("template format is invalid or contains unknown variables");
        }
        return text;
    };

    /** oom-score-adj-values: three integers, each from -2000 to 2000, read as C's strtoll reads them. */
    static final Parameter.Kind<String> OOM_VALUES = (text, current) -> {
        String[] words = text.split(" ", -1);
        if (words.length != 3) {
            throw new IllegalArgumentException("wrong number of arguments");
        }
        List<String> values = new ArrayList<>();
        for (String word : words) {
            Long n = strtoll(word);
            if (n == null || n < -2000 || n > 2000) {
                throw new IllegalArgumentException(
                        "Invalid oom-score-adj-values, elements must be between -2000 and 2000.");
            }
            values.add(Long.toString(n));
        }
        return String.join(" ", values);
    };

    /** latency-tracking-info-percentiles: doubles from 0 to 100, one space apart, or empty for none. */
    static final Parameter.Kind<String> PERCENTILES = (text, current) -> {
        if (text.isEmpty()) {
            return "";
        }
        List<String> shown = new ArrayList<>();
        for (String word : text.split(" ", -1)) {
            Double d = Numbers.parseDouble(Args.bytes(word));
            if (d == null) {
                throw new IllegalArgumentException("Invalid latency-tracking-info-percentiles parameters");
            }
            if (d > 100.0 || d < 0.0) {
                throw new IllegalArgumentException(
                        "latency-tracking-info-percentiles parameters should sit between [0.0,100.0]");
            }
            shown.add(sixDecimals(d));
        }
        return String.join(" ", shown);
    };

    /** replicaof: "host port", or "no one" (or nothing) for none, shown empty; the port from 0 to 65535. */
    static final Parameter.Kind<String> REPLICAOF = (text, current) -> {
        if (text.isEmpty()) {
            return "";
        }
        String[] words = text.split(" ", -1);
        if (words.length != 2) {
            throw new IllegalArgumentException("wrong number of arguments");
        }
        if (words[0].equalsIgnoreCase("no") && words[1].equalsIgnoreCase("one")) {
            return "";
        }
        Long port = strtoll(words[1]);
        if (port == null || port < 0 || port > 65535) {
            throw new IllegalArgumentException("Invalid master port");
        }
        return words[0] + " " + port;
    };

    /** The flags of shutdown-on-sigint and shutdown-on-sigterm, in the order CONFIG GET shows them. */
    private static final List<String> SHUTDOWN_FLAGS = List.of("save", "nosave", "now", "force");

    /**
     * shutdown-on-sigint, shutdown-on-sigterm: "default", or SHUTDOWN's flags one space apart ({@code nosave now}),
     * any case, in any order; shown in Redis's order, and "default" for none.
     */
    static final Parameter.Kind<String> SHUTDOWN = (text, current) -> {
        Set<String> flags = new java.util.HashSet<>();
        for (String word : text.split(" ", -1)) {
            String flag = word.toLowerCase(Locale.ROOT);
            if (!flag.equals("default") && !SHUTDOWN_FLAGS.contains(flag)) {
                throw new IllegalArgumentException("argument(s) must be one of the following: default, "
                        + String.join(", ", SHUTDOWN_FLAGS));
            }
            flags.add(flag);
        }
        if (flags.contains("save") && flags.contains("nosave")) {
            throw new IllegalArgumentException("shutdown options SAVE and NOSAVE can't be used simultaneously");
        }
        List<String> shown = SHUTDOWN_FLAGS.stream().filter(flags::contains).toList();
        return shown.isEmpty() ? "default" : String.join(" ", shown);
    };

    /**
     * A kind whose every value but {@code allowed} is refused with {@code reason}: what Redis says where this
     * server lacks the feature (TLS, active defragmentation) and Redis built without it says the same.
     */
    static <T> Parameter.Kind<T> onlyDefault(Parameter.Kind<T> kind, Set<String> allowed, String reason) {
        return new Parameter.Kind<>() {
            @Override
            public T parse(String text, T current) {
                T value = kind.parse(text, current);
                if (!allowed.contains(kind.format(value))) {
                    throw new IllegalArgumentException(reason);
                }
                return value;
            }

            @Override
            public String format(T value) {
                return kind.format(value);
            }
        };
    }

    /** "%f" with trailing zeros taken off, as Redis's trimDoubleString: 99.9, 50, 0.000001. */
    private static String sixDecimals(double d) {
        String s = new BigDecimal(d).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
        s = s.contains(".") ? s.replaceAll("0+$", "") : s;
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * C's strtoll over a whole word, base 10: leading white space, a sign, digits, saturating at the ends of a long;
     * the empty word is 0 (strtoll reads nothing and stops at the end); null if anything is left over.
     */
    static Long strtoll(String word) {
        if (word.isEmpty()) {
            return 0L;
        }
        String trimmed = word.replaceFirst("^[ \\t\\n\\x0B\\f\\r]+", "");
        if (!trimmed.matches("[+-]?[0-9]+")) {
            return null;
        }
        try {
            return Long.parseLong(trimmed.startsWith("+") ? trimmed.substring(1) : trimmed);
        } catch (NumberFormatException e) {
            return trimmed.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
