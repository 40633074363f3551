package dev.buildredis.differential;

import java.util.ArrayList;
import java.util.List;

import static dev.buildredis.differential.Arguments.args;

/**
 * Streams: XADD with every ID form and trim option, ranges, XDEL, XTRIM exact and by whole nodes, XSETID, XREAD, the
 * consumer groups (XGROUP, XREADGROUP new and history reads, XACK, XPENDING, XCLAIM, XAUTOCLAIM) and XINFO. IDs are
 * given, never {@code *}, so that both servers hold the same IDs (a {@code *} is each server's clock); replies that
 * carry a delivery time or an idle time are compared by shape.
 */
final class StreamFamily implements Family {

    @Override
    public int weight() {
        return 24; // as many rows as two other families: a stream needs writes to reach its groups' commands
    }

    @Override
    public List<Template> templates() {
        return List.of(
                // never mutated: an edge value in place of the ID could be *, each server's clock
                Template.fixed(Check.EXACT, a -> args("XADD", key(a), a.someOf(15, List.of(List.of("NOMKSTREAM"))),
                        a.chance(25) ? trim(a) : List.of(), newId(a), fieldsAndValues(a))),
                Template.fixed(Check.EXACT, a -> args("XADD", key(a), newId(a), fieldsAndValues(a))),
                Template.fixed(Check.EXACT, a -> args("XADD", key(a), newId(a), fieldsAndValues(a))),
                Template.fixed(Check.EXACT, a -> args("XADD", key(a), newId(a), fieldsAndValues(a))),
                Template.of(a -> args(a.pick("XRANGE", "XREVRANGE"), key(a), bound(a), bound(a),
                        a.someOf(40, List.of(List.of("COUNT", a.integer()))))),
                Template.of(a -> args("XLEN", key(a))),
                Template.of(a -> args("XDEL", key(a), a.repeat(a.between(1, 4), () -> id(a)))),
                Template.of(a -> args("XTRIM", key(a), trim(a))),
                Template.of(a -> args("XSETID", key(a), id(a), a.someOf(20, List.of(
                        List.of("ENTRIESADDED", a.pick("0", "5", "100", "-1")), List.of("MAXDELETEDID", id(a)))))),
                Template.of(a -> args("XREAD", a.someOf(30, List.of(List.of("COUNT", a.count()))), "STREAMS",
                        streams(a, false))),
                Template.fixed(Check.EXACT, a -> args("XREAD", "BLOCK", blockTimeout(a), "STREAMS", key(a), "$")),
                Template.of(a -> args("XGROUP", "CREATE", key(a), group(a), a.pick("$", "0", id(a)),
                        a.chance(60) ? List.of("MKSTREAM") : List.of(),
                        a.someOf(20, List.of(List.of("ENTRIESREAD", a.pick("0", "3", "-1")))))),
                Template.of(a -> args("XGROUP", "SETID", key(a), group(a), a.pick("$", "0", id(a)),
                        a.someOf(20, List.of(List.of("ENTRIESREAD", a.pick("2", "-1", "-2")))))),
                Template.of(a -> a.chance(30) ? args("XGROUP", "DESTROY", key(a), group(a))
                        : args("XGROUP", "CREATE", key(a), group(a), "0", "MKSTREAM")),
                Template.of(a -> args("XGROUP", "CREATE", key(a), a.chance(80) ? "g1" : "g2", a.pick("0", "$"),
                        "MKSTREAM")),
                Template.of(a -> args("XGROUP", a.pick("CREATECONSUMER", "DELCONSUMER"), key(a), group(a),
                        consumer(a))),
                Template.of(a -> args("XREADGROUP", "GROUP", group(a), consumer(a), "STREAMS", key(a), ">")),
                Template.of(a -> args("XREADGROUP", "GROUP", group(a), consumer(a), a.someOf(30, List.of(
                        List.of("COUNT", a.count()), List.of("NOACK"))), "STREAMS", streams(a, true))),
                Template.fixed(Check.EXACT, a -> args("XREADGROUP", "GROUP", group(a), consumer(a), "BLOCK",
                        blockTimeout(a), "STREAMS", key(a), ">")),
                Template.of(a -> args("XACK", key(a), group(a), a.repeat(a.between(1, 3), () -> id(a)))),
                Template.of(a -> args("XPENDING", key(a), group(a))),
                Template.of(a -> args("XPENDING", key(a), group(a), "IDLE", "3600000", bound(a), bound(a),
                        a.count())),
                Template.of(Check.SHAPE, a -> args("XPENDING", key(a), group(a), bound(a), bound(a), a.count(),
                        a.someOf(30, List.of(List.of(consumer(a)))))),
                Template.of(a -> args("XCLAIM", key(a), group(a), consumer(a), a.pick("0", "3600000"),
                        a.repeat(a.between(1, 3), () -> id(a)), a.someOf(25, List.of(List.of("JUSTID"),
                                List.of("FORCE"), List.of("RETRYCOUNT", a.pick("0", "7")), List.of("LASTID", id(a)),
                                List.of("IDLE", "1000"))))),
                Template.of(a -> args("XAUTOCLAIM", key(a), group(a), consumer(a), a.pick("0", "3600000"),
                        bound(a), a.someOf(30, List.of(List.of("COUNT", a.pick("1", "2", "100", "0")),
                                List.of("JUSTID"))))),
                Template.of(a -> args("XINFO", "STREAM", key(a))),
                Template.of(Check.SHAPE, a -> args("XINFO", "STREAM", key(a), "FULL",
                        a.someOf(40, List.of(List.of("COUNT", a.pick("0", "1", "5")))))),
                Template.of(a -> args("XINFO", "GROUPS", key(a))),
                Template.of(Check.SHAPE, a -> args("XINFO", "CONSUMERS", key(a), group(a))),
                Template.fixed(Check.EXACT, a -> args(a.pick("XINFO", "XGROUP"), "HELP")));
    }

    /**
     * XADD's ID, in every form but {@code *}: of milliseconds that move forward through the sequence, as a clock's
     * would, mostly; now and then one that may be too small, or not an ID at all.
     */
    static String newId(Arguments a) {
        if (a.chance(90)) {
            int ms = a.chance(85) ? a.nextStreamMillis() : a.recentStreamMillis();
            return a.chance(35) ? ms + "-*" : a.chance(15) ? Integer.toString(ms) : ms + "-" + a.between(0, 3);
        }
        return a.pick("0-0", "0", "0-*", "18446744073709551615-18446744073709551615", "18446744073709551615-*", "abc",
                "5-x", " 7", "-", "1-18446744073709551615");
    }

    /** An ID as the commands that read and delete take it: an entry's, mostly; now and then not an ID. */
    static String id(Arguments a) {
        if (a.chance(92)) {
            int ms = a.recentStreamMillis();
            return a.chance(15) ? Integer.toString(ms) : ms + "-" + a.between(0, 3);
        }
        return a.pick("0-0", "-", "+", "18446744073709551615-18446744073709551615", "abc", "5-x", " 7", "3-*",
                "1-18446744073709551615");
    }

    /** A range bound: an ID, an exclusive one, only the milliseconds, or the ends. */
    private static String bound(Arguments a) {
        return a.chance(25) ? a.pick("-", "+", "(5-0", "(0-0", "(", "(18446744073709551615-18446744073709551615")
                : a.chance(20) ? "(" + id(a) : id(a);
    }

    /** MAXLEN or MINID, exact or {@code ~}, with a LIMIT now and then. */
    private static List<String> trim(Arguments a) {
        List<String> trim = new ArrayList<>();
        boolean byLength = a.chance(60);
        trim.add(byLength ? "MAXLEN" : "MINID");
        String how = a.pick("", "=", "~", "~");
        if (!how.isEmpty()) {
            trim.add(how);
        }
        trim.add(byLength ? a.pick("0", "1", "3", "5", "10", "10", "-1") : id(a));
        if (a.chance(20)) {
            trim.addAll(List.of("LIMIT", a.pick("0", "1", "5", "-1")));
        }
        return trim;
    }

    /** One to three field-value pairs, with the same fields mostly (as applications send them). */
    private static List<String> fieldsAndValues(Arguments a) {
        List<String> pairs = new ArrayList<>();
        int count = a.chance(80) ? 1 : a.between(2, 3);
        for (int i = 0; i < count; i++) {
            pairs.add(a.chance(80) ? List.of("f", "g", "h").get(i) : a.member());
            pairs.add(a.value());
        }
        if (a.chance(4)) { // what a mutation would do, but for the ID: a field without its value, or none at all
            pairs.subList(a.chance(50) ? pairs.size() - 1 : 0, pairs.size()).clear();
        }
        return pairs;
    }

    /** Keys then as many IDs: {@code $} or {@code >} among them, one stream mostly. */
    private static List<String> streams(Arguments a, boolean group) {
        List<String> keys = a.repeat(a.chance(80) ? 1 : a.between(2, 3), () -> key(a));
        List<String> ids = new ArrayList<>();
        for (String ignored : keys) {
            ids.add(group ? a.pick(">", ">", "0", id(a)) : a.pick("0", "$", id(a)));
        }
        List<String> streams = new ArrayList<>(keys);
        streams.addAll(ids);
        if (a.chance(3)) {
            streams.removeLast(); // unbalanced
        }
        return streams;
    }

    /** BLOCK's milliseconds: short, or invalid. */
    private static String blockTimeout(Arguments a) {
        return a.chance(20) ? a.pick("1", "10") : a.pick("-1", "abc", "", "1.5", "9223372036854775808");
    }

    /**
     * A key: one of two that only this family draws, mostly, so that streams grow long and keep their groups
     * within a sequence; else any key, which the other families' commands reach (DEL, RENAME, TYPE, WRONGTYPE).
     */
    private static String key(Arguments a) {
        return a.chance(70) ? a.pick("s0", "s1") : a.key();
    }

    private static String group(Arguments a) {
        return a.chance(90) ? a.pick("g1", "g1", "g2") : "nogroup";
    }

    private static String consumer(Arguments a) {
        return a.pick("c1", "c2", "c3");
    }
}
