package dev.buildredis.differential;

import java.util.ArrayList;
import java.util.List;

import static dev.buildredis.differential.Arguments.args;

/** Hashes: HSET and its variants, reads of one field or all, counters, random fields, and HSCAN. */
final class HashFamily implements Family {

    @Override
    public int weight() {
        return 12;
    }

    @Override
    public List<Template> templates() {
        return List.of(
                Template.of(a -> args(a.pick("HSET", "HMSET"), a.key(), fieldValues(a))),
                Template.of(a -> args("HSETNX", a.key(), a.member(), a.value())),
                Template.of(a -> args("HGET", a.key(), a.member())),
                Template.of(a -> args("HMGET", a.key(), a.repeat(a.between(1, 4), a::member))),
                Template.of(a -> args("HDEL", a.key(), a.repeat(a.between(1, 3), a::member))),
                Template.of(a -> args("HLEN", a.key())),
                Template.of(a -> args("HSTRLEN", a.key(), a.member())),
                Template.of(a -> args("HEXISTS", a.key(), a.member())),
                Template.of(Check.COMPACT_ORDER_PAIRS, a -> args("HGETALL", a.key())),
                Template.of(Check.COMPACT_ORDER, a -> args(a.pick("HKEYS", "HVALS"), a.key())),
                Template.of(a -> args("HINCRBY", a.key(), a.member(), a.integer())),
                Template.of(a -> args("HINCRBYFLOAT", a.key(), a.member(), a.decimal())),
                Template.of(Check.SCAN, a -> args("HSCAN", a.key(), "0", scanOptions(a, false))),
                Template.of(Check.RANDFIELD, a -> args("HRANDFIELD", a.key())),
                Template.fixed(Check.RANDFIELD, a -> args("HRANDFIELD", a.key(), SetFamily.randomCount(a),
                        a.someOf(40, List.of(List.of(a.pick("WITHVALUES", "WITHVALUES", "WITHSCORES")))))));
    }

    private static List<String> fieldValues(Arguments a) {
        List<String> args = new ArrayList<>();
        int pairs = a.chance(3) ? a.between(20, 140) : a.between(1, 3);
        for (int i = 0; i < pairs; i++) {
            args.add(a.chance(3) ? "f" + i : a.member());
            args.add(a.value());
        }
        return args;
    }

    /** MATCH and COUNT (and TYPE for SCAN), valid or not. */
    static List<String> scanOptions(Arguments a, boolean type) {
        List<List<String>> options = new ArrayList<>(List.of(List.of("MATCH", a.pattern()),
                List.of("COUNT", a.pick("1", "2", "10", "1000", "0", "-1", "abc")), List.of(a.pick("MATCH", "BOGUS"))));
        if (type) {
            options.add(List.of("TYPE", a.pick("string", "list", "hash", "set", "zset", "STRING", "nosuchtype")));
        }
        return a.someOf(30, options);
    }
}
