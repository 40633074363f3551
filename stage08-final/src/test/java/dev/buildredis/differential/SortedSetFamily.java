// @step 25
package dev.buildredis.differential;

import java.util.ArrayList;
import java.util.List;

import static dev.buildredis.differential.Arguments.args;

/**
 * Sorted sets: ZADD and its flags, scores and ranks, every ZRANGE form and ZRANGESTORE, removals by range, pops and
 * ZMPOP, random members, the algebra (ZUNION, ZINTER, ZDIFF, their STORE forms, ZINTERCARD), ZSCAN.
 */
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
                Template.of(Check.SCAN, a -> args("ZSCAN", a.key(), "0", HashFamily.scanOptions(a, false))),
                Template.of(a -> args("ZMPOP", a.numKeys(), a.pick("MIN", "MAX", "min", "LEFT"),
                        ListFamily.mpopCount(a))),
                Template.fixed(Check.EXACT, a -> args("BZMPOP", a.timeout(), a.numKeys(), a.pick("MIN", "MAX"),
                        ListFamily.mpopCount(a))),
                Template.of(Check.RANDFIELD, a -> args("ZRANDMEMBER", a.key())),
                Template.fixed(Check.RANDFIELD, a -> args("ZRANDMEMBER", a.key(), SetFamily.randomCount(a),
                        a.someOf(40, List.of(List.of(a.pick("WITHSCORES", "WITHSCORES", "WITHVALUES")))))),
                Template.of(a -> zrangestore(a)),
                Template.of(a -> args(a.pick("ZUNION", "ZINTER", "ZDIFF"), a.numKeys(), algebraOptions(a),
                        a.someOf(40, List.of(List.of("WITHSCORES"))))),
                Template.of(a -> args(a.pick("ZUNIONSTORE", "ZINTERSTORE", "ZDIFFSTORE"), a.key(), a.numKeys(),
                        algebraOptions(a))),
                Template.of(a -> args("ZINTERCARD", a.numKeys(), a.someOf(35, List.of(List.of("LIMIT",
                        SetFamily.limit(a)), List.of(a.pick("LIMIT", "BOGUS")))))));
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

    /** ZRANGESTORE: ZRANGE's arguments after a destination, without WITHSCORES (refused). */
    private static List<String> zrangestore(Arguments a) {
        List<String> zrange = zrange(a);
        zrange.set(0, "ZRANGESTORE");
        zrange.add(1, a.key());
        if (a.chance(90)) {
            zrange.removeIf(arg -> arg.equals("WITHSCORES"));
        }
        return zrange;
    }

    /**
     * WEIGHTS (one a key mostly, now and then too few or too many) and AGGREGATE, in any order; sets count as sorted
     * sets whose scores are all 1, so the keys' clashing types are mostly valid here.
     */
    private static List<String> algebraOptions(Arguments a) {
        List<String> weights = new ArrayList<>(List.of("WEIGHTS"));
        weights.addAll(a.repeat(a.between(1, 3), () -> a.chance(70) ? a.pick("1", "2", "0", "-1", "0.5")
                : a.decimal()));
        return a.someOf(30, List.of(weights, List.of("AGGREGATE", a.pick("SUM", "MIN", "MAX", "max", "AVG")),
                List.of(a.pick("WEIGHTS", "AGGREGATE"))));
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
