package dev.buildredis.differential;

import java.util.ArrayList;
import java.util.List;

import static dev.buildredis.differential.Arguments.args;

/** Sorted sets: ZADD and its flags, scores and ranks, every ZRANGE form, removals by range, pops, ZSCAN. */
final class SortedSetFamily implements Family {

    @Override
    public int weight() {
        return 14;
    }

    @Override
    public List<Template> templates() {
        return List.of(
                Template.of(a -> args("ZADD", a.key(), zaddFlags(a), scoreMembers(a))),
                Template.of(a -> args("ZINCRBY", a.key(), a.decimal(), a.member())),
                Template.of(a -> args("ZREM", a.key(), a.repeat(a.between(1, 3), a::member))),
                Template.of(a -> args("ZSCORE", a.key(), a.member())),
                Template.of(a -> args("ZMSCORE", a.key(), a.repeat(a.between(1, 3), a::member))),
                Template.of(a -> args("ZCARD", a.key())),
                Template.of(a -> args(a.pick("ZRANK", "ZREVRANK"), a.key(), a.member())),
                Template.of(a -> args("ZCOUNT", a.key(), a.scoreBound(), a.scoreBound())),
                Template.of(a -> args("ZLEXCOUNT", a.key(), a.lexBound(), a.lexBound())),
                Template.of(a -> zrange(a)),
                Template.of(a -> args(a.pick("ZRANGE", "ZREVRANGE"), a.key(), a.integer(), a.integer(),
                        a.someOf(40, List.of(List.of("WITHSCORES"))))),
                Template.of(a -> args(a.pick("ZRANGEBYSCORE", "ZREVRANGEBYSCORE"), a.key(), a.scoreBound(),
                        a.scoreBound(), a.someOf(30, List.of(List.of("WITHSCORES"), limit(a))))),
                Template.of(a -> args(a.pick("ZRANGEBYLEX", "ZREVRANGEBYLEX"), a.key(), a.lexBound(), a.lexBound(),
                        a.someOf(30, List.of(limit(a))))),
                Template.of(a -> args("ZREMRANGEBYRANK", a.key(), a.integer(), a.integer())),
                Template.of(a -> args("ZREMRANGEBYSCORE", a.key(), a.scoreBound(), a.scoreBound())),
                Template.of(a -> args("ZREMRANGEBYLEX", a.key(), a.lexBound(), a.lexBound())),
                Template.of(a -> args(a.pick("ZPOPMIN", "ZPOPMAX"), a.key())),
                Template.of(a -> args(a.pick("ZPOPMIN", "ZPOPMAX"), a.key(), a.count())),
                Template.fixed(Check.EXACT, a -> args(a.pick("BZPOPMIN", "BZPOPMAX"), a.keys(1, 3), a.timeout())),
                Template.of(Check.SCAN, a -> args("ZSCAN", a.key(), "0", HashFamily.scanOptions(a, false))));
    }

    /** ZRANGE's one syntax for all: by index, BYSCORE or BYLEX, REV, LIMIT, WITHSCORES, in any combination. */
    private static List<String> zrange(Arguments a) {
        String by = a.pick("", "", "BYSCORE", "BYLEX");
        String start = by.equals("BYSCORE") ? a.scoreBound() : by.equals("BYLEX") ? a.lexBound() : a.integer();
        String stop = by.equals("BYSCORE") ? a.scoreBound() : by.equals("BYLEX") ? a.lexBound() : a.integer();
        List<String> options = a.someOf(30, List.of(List.of("REV"), limit(a), List.of("WITHSCORES")));
        if (!by.isEmpty() && a.chance(85)) {
            options.add(a.between(0, options.size()), by); // options come in any order
        }
        return args("ZRANGE", a.key(), start, stop, options);
    }

    private static List<String> limit(Arguments a) {
        return a.chance(90) ? List.of("LIMIT", a.pick("0", "1", "2", "-1", "abc"), a.pick("1", "2", "5", "-1", "0"))
                : List.of("LIMIT", a.pick("0", "1"));
    }

    private static List<String> zaddFlags(Arguments a) {
        return a.someOf(15, List.of(List.of(a.pick("NX", "XX")), List.of(a.pick("GT", "LT")), List.of("CH"),
                List.of("INCR"), List.of(a.pick("NX", "GT"))));
    }

    private static List<String> scoreMembers(Arguments a) {
        List<String> args = new ArrayList<>();
        int pairs = a.chance(3) ? a.between(20, 140) : a.between(1, 3);
        for (int i = 0; i < pairs; i++) {
            args.add(a.chance(70) ? Integer.toString(a.between(-3, 5)) : a.decimal());
            args.add(pairs > 10 && a.chance(50) ? "m" + i : a.member());
        }
        if (a.chance(3)) {
            args.removeLast(); // an odd count: a syntax error
        }
        return args;
    }
}
