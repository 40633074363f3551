package dev.buildredis.differential;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The random source of one sequence and the pools its arguments come from: a small keyspace (so that keys
 * collide and types clash) and values chosen for their edges: 0, -1, the ends of a long, floats that overflow,
 * inf and nan, numbers with spaces or a trailing ".0", empty strings and binary bytes.
 *
 * <p>Expiry arguments are either far off (a day or more) or already past: a key that expired between the two
 * servers' replies would make them differ by timing, not by behaviour.
 */
final class Arguments {

    static final String BINARY = "\u0000\r\n\u00ff";
    static final String LONG = "x".repeat(70); // longer than the 64 bytes a listpack entry may have by default

    private static final String[] KEYS = {"k0", "k1", "k2", "k3", "k4"};
    private static final String[] RARE_KEYS = {"", BINARY, "k5", "K0"};
    private static final String[] INTEGERS = {"0", "1", "2", "3", "5", "7", "10", "100", "-1", "-2", "-3", "-10",
            "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
            "18446744073709551615", "2147483647", "-2147483648", "4294967296", "1.0", " 1", "1 ", "+1", "01", "-0",
            "0x10", "1e3", "abc", ""};
    private static final String[] DOUBLES = {"0", "1", "-1", "1.5", "-2.25", "0.1", "10", "3", "1e308", "-1e308",
            "1e309", "inf", "-inf", "+inf", "Infinity", "nan", "NaN", "1.0", " 1", "1 ", "abc", "", "1e-320",
            "5e-324", "3.0000000000000004", "1.7976931348623157e308", "123456789012345678901234567890", "0x10", "1e3",
            "-0", "0.0", "9007199254740993", "+1.5", ".5", "5.", "1e", "--1"};
    private static final String[] MEMBERS = {"a", "b", "c", "d", "e", "0", "1", "2", "3", "7", "-1", "10",
            "9223372036854775807", "-9223372036854775808", "9223372036854775808", "1.5", "01", " 1", "", BINARY,
            LONG};
    /** What the mutations put in place of an argument: no small positive number, which could be an expiry. */
    private static final String[] EDGES = {"0", "-1", "", "9223372036854775807", "-9223372036854775808",
            "9223372036854775808", "1e308", "inf", "-inf", "nan", "1.0", " 1", "abc", BINARY, "-", "+", "(", "[",
            "*", "NX", "XX", "WITHSCORES", "LIMIT", "COUNT", "MATCH", "TYPE", "KEEPTTL", "GET", "REV", "BYSCORE",
            "BYLEX"};

    private final SplittableRandom random;

    /** The milliseconds of the stream IDs drawn so far: they move forward, as a clock's would. */
    private int streamMillis;

    Arguments(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Milliseconds for a new stream ID: as many as last time or a little more, so that most XADDs succeed. */
    int nextStreamMillis() {
        streamMillis += between(0, 2);
        return streamMillis;
    }

    /** Milliseconds for the ID of an entry that may exist: one of the last few drawn, or the next. */
    int recentStreamMillis() {
        return between(Math.max(0, streamMillis - 12), streamMillis + 1);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Between {@code min} and {@code max}, both included. */
    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    /** True with probability {@code percent}/100. */
    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    @SafeVarargs
    final <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    // ---- pools

    String key() {
        return chance(4) ? pick(RARE_KEYS) : pick(KEYS);
    }

    List<String> keys(int min, int max) {
        List<String> keys = new ArrayList<>();
        for (int i = between(min, max); i > 0; i--) {
            keys.add(key());
        }
        return keys;
    }

    /** A set member, a list element or a hash field: small integers often, so that intsets are made and left. */
    String member() {
        return chance(70) ? pick("a", "b", "c", "0", "1", "2", "3") : pick(MEMBERS);
    }

    /** A string value: a member, a number, a float or a long string. */
    String value() {
        return switch (random.nextInt(6)) {
            case 0 -> integer();
            case 1 -> decimal();
            case 2 -> chance(20) ? LONG + random.nextInt(3) : pick("v", "hello", "");
            default -> member();
        };
    }

    /** An integer argument: small mostly, an edge or not a number sometimes. */
    String integer() {
        return chance(60) ? Integer.toString(between(-3, 10)) : pick(INTEGERS);
    }

    /** A count argument: positive and small mostly. */
    String count() {
        return chance(80) ? Integer.toString(between(0, 6)) : pick(INTEGERS);
    }

    /** A float argument. */
    String decimal() {
        return chance(50) ? pick("0", "1", "2.5", "-1.5", "3", "10") : pick(DOUBLES);
    }

    /** A score range bound: a float, exclusive with '(', or an infinity. */
    String scoreBound() {
        return switch (random.nextInt(6)) {
            case 0 -> "(" + decimal();
            case 1 -> pick("-inf", "+inf", "inf", "(-inf", "(+inf");
            case 2 -> pick("(", "[1", "((1", "1)", "");
            default -> decimal();
        };
    }

    /** A lexicographic range bound: {@code [a}, {@code (b}, {@code -}, {@code +}, or an invalid one. */
    String lexBound() {
        return switch (random.nextInt(8)) {
            case 0 -> pick("-", "+");
            case 1 -> pick("a", "", "[", "(", "-a", "+b");
            case 2 -> "(" + member();
            default -> "[" + member();
        };
    }

    /** Seconds for EX or EXPIRE: far off, non-positive, or out of range. Never a key that expires mid-run. */
    String seconds() {
        return chance(60) ? pick("100000", "86400", "3600000", "1000000")
                : pick("0", "-1", "-100", "9223372036854775807", "9223372036854775", "9223372036854776",
                "-9223372036854775808", "abc", "1.5", "", " 100000");
    }

    String milliseconds() {
        return chance(60) ? pick("100000000", "86400000", "3600000000")
                : pick("0", "-1", "9223372036854775807", "9223372036854775806", "-9223372036854775808", "abc", "1.5");
    }

    /** A Unix time in seconds: in the past (the key goes at once), far in the future, or out of range. */
    String unixSeconds() {
        return pick("1", "1000000000", "4102444800", "4102444801", "0", "-1", "253402300800", "9223372036854775807",
                "9223372036854775", "abc");
    }

    String unixMilliseconds() {
        return pick("1", "1000000000000", "4102444800000", "4102444800001", "0", "-1", "9223372036854775807", "abc");
    }

    /**
     * A Unix time for SET's EXAT: future or invalid. SET keeps a key whose time has passed until it is looked up or
     * Redis's active expiry (every 100 ms) finds it, so DBSIZE or KEYS would then depend on timing.
     */
    String futureUnixSeconds() {
        return pick("4102444800", "4102444801", "253402300800", "9223372036854775807", "9223372036854775", "0", "-1",
                "abc");
    }

    String futureUnixMilliseconds() {
        return pick("4102444800000", "4102444800001", "9223372036854775807", "0", "-1", "abc");
    }

    /**
     * A blocking timeout: short but never 0 (which blocks for ever on an empty key; so would 0.001, which Redis's
     * long double arithmetic may take for 0.9999 ms and truncate to 0), or invalid. Redis wakes a client whose
     * timeout ran out at its next cron tick (up to 100 ms later), so the valid ones are rare.
     */
    String timeout() {
        return chance(15) ? pick("0.0015", "0.01") : pick("-1", "abc", "", "nan", "-0.5", "1e308", "inf", "-inf",
                "1e-400");
    }

    /** A glob pattern, with its edges: classes, ranges, negation, escapes, unfinished brackets. */
    String pattern() {
        return pick("*", "k*", "k?", "k[0-2]", "k[^0]", "k[!1]", "[", "\\", "*\\*", "k[a-", "k[2-0]", "?",
                "*0", "", "k\\1", "[]", "k[]0]", "**", "x*", "\u0000*", "*\u00ff", "K*");
    }

    /**
     * A key count and the keys it counts (LMPOP, ZUNION, SINTERCARD...): one to three keys, their count right mostly,
     * now and then one too many or too few, 0, negative or not a number.
     */
    List<String> numKeys() {
        List<String> keys = keys(1, 3);
        String count = chance(90) ? Integer.toString(keys.size())
                : pick(Integer.toString(keys.size() + 1), Integer.toString(keys.size() - 1), "0", "-1", "abc",
                "2147483648");
        return args(count, keys);
    }

    /** An edge value, in place of any argument. */
    String edge() {
        return pick(EDGES);
    }

    /** {@code count} draws of {@code draw}. */
    List<String> repeat(int count, java.util.function.Supplier<String> draw) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(draw.get());
        }
        return values;
    }

    /** The options, each kept with probability {@code percent}, in a random order. */
    List<String> someOf(int percent, List<List<String>> options) {
        List<List<String>> kept = new ArrayList<>();
        for (List<String> option : options) {
            if (chance(percent)) {
                kept.add(option);
            }
        }
        Collections.shuffle(kept, new java.util.Random(random.nextLong()));
        List<String> flat = new ArrayList<>();
        kept.forEach(flat::addAll);
        return flat;
    }

    /** A name in random letter case: commands and options are case-insensitive. */
    String anyCase(String name) {
        if (!chance(10)) {
            return name;
        }
        StringBuilder s = new StringBuilder();
        for (char c : name.toCharArray()) {
            s.append(random.nextBoolean() ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return s.toString();
    }

    /** Concatenates words and lists into one argument list. */
    static List<String> args(Object... parts) {
        List<String> args = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof List<?> list) {
                list.forEach(item -> args.add((String) item));
            } else {
                args.add((String) part);
            }
        }
        return args;
    }

    long nextLong() {
        return random.nextLong();
    }
}
