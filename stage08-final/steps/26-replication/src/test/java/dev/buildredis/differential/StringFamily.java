package dev.buildredis.differential;

import java.util.List;

import static dev.buildredis.differential.Arguments.args;

/** Strings and counters: GET, SET with its options, MSET, APPEND, ranges, INCR and INCRBYFLOAT, LCS. */
final class StringFamily implements Family {

    @Override
    public int weight() {
        return 15;
    }

    @Override
    public List<Template> templates() {
        return List.of(
                Template.of(a -> args("GET", a.key())),
                Template.of(a -> args("SET", a.key(), a.value(), setOptions(a))),
                Template.of(a -> args("SET", a.key(), a.value())),
                Template.of(a -> args("SETNX", a.key(), a.value())),
                Template.of(a -> args("SETEX", a.key(), a.seconds(), a.value())),
                Template.of(a -> args("PSETEX", a.key(), a.milliseconds(), a.value())),
                Template.of(a -> args("GETSET", a.key(), a.value())),
                Template.of(a -> args("GETDEL", a.key())),
                Template.of(a -> args("GETEX", a.key(), a.pick(List.of(), List.of("PERSIST"), List.of("EX", a.seconds()),
                        List.of("PX", a.milliseconds()), List.of("EXAT", a.unixSeconds()),
                        List.of("PXAT", a.unixMilliseconds()), List.of("EX", a.seconds(), "PERSIST"),
                        List.of("KEEPTTL")))),
                Template.of(a -> args("MGET", a.keys(1, 4))),
                Template.of(a -> args("MSET", pairs(a))),
                Template.of(a -> args("MSETNX", pairs(a))),
                Template.of(a -> args("APPEND", a.key(), a.value())),
                Template.of(a -> args("STRLEN", a.key())),
                Template.of(a -> args(a.pick("GETRANGE", "SUBSTR"), a.key(), a.integer(), a.integer())),
                Template.of(a -> args("SETRANGE", a.key(), offset(a), a.value())),
                Template.of(a -> args("INCR", a.key())),
                Template.of(a -> args("DECR", a.key())),
                Template.of(a -> args("INCRBY", a.key(), a.integer())),
                Template.of(a -> args("DECRBY", a.key(), a.integer())),
                Template.of(a -> args("INCRBYFLOAT", a.key(), a.decimal())),
                Template.of(a -> args("SET", a.key(), a.pick("ohmytext", "mynewtext", "abcbdab", "bdcaba", "aaaa",
                        "a", "", Arguments.LONG, "xyx" + Arguments.BINARY))),
                Template.of(a -> args("LCS", a.key(), a.key(), a.someOf(30, List.of(List.of("LEN"), List.of("IDX"),
                        List.of("MINMATCHLEN", a.pick("0", "1", "2", "4", "-1", "abc")), List.of("WITHMATCHLEN"),
                        List.of(a.pick("IDX", "BOGUS", "MINMATCHLEN")))))));
    }

    /** SET's options, valid and conflicting: NX and XX, GET, one expiry or several, KEEPTTL. */
    private static List<String> setOptions(Arguments a) {
        return a.someOf(25, List.of(List.of(a.pick("NX", "XX", "nx")), List.of("GET"), List.of("EX", a.seconds()),
                List.of("PX", a.milliseconds()), List.of("EXAT", a.futureUnixSeconds()),
                List.of("PXAT", a.futureUnixMilliseconds()), List.of("KEEPTTL"), List.of(a.pick("XX", "NX", "EX",
                "FOREVER"))));
    }

    private static List<String> pairs(Arguments a) {
        List<String> args = new java.util.ArrayList<>();
        for (int i = a.between(1, 3); i > 0; i--) {
            args.add(a.key());
            args.add(a.value());
        }
        return args;
    }

    /** SETRANGE offsets: small, negative, or past 512 MB (refused); never one that makes Redis allocate 512 MB. */
    private static String offset(Arguments a) {
        return a.chance(85) ? Integer.toString(a.between(0, 12))
                : a.pick("-1", "536870912", "536870911000", "9223372036854775807", "abc", "1.0");
    }
}
