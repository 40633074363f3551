package dev.buildredis.differential;

import java.util.List;

import static dev.buildredis.differential.Arguments.args;

/** Sets: SADD and SREM, membership, random members, the algebra and its STORE forms, SINTERCARD, SMOVE, SSCAN. */
final class SetFamily implements Family {

    @Override
    public int weight() {
        return 12;
    }

    @Override
    public List<Template> templates() {
        return List.of(
                Template.of(a -> args("SADD", a.key(), ListFamily.elements(a))),
                Template.of(a -> args("SREM", a.key(), a.repeat(a.between(1, 3), a::member))),
                Template.of(Check.COMPACT_ORDER, a -> args("SMEMBERS", a.key())),
                Template.of(a -> args("SISMEMBER", a.key(), a.member())),
                Template.of(a -> args("SMISMEMBER", a.key(), a.repeat(a.between(1, 3), a::member))),
                Template.of(a -> args("SCARD", a.key())),
                Template.of(Check.SPOP, a -> args("SPOP", a.key())),
                Template.of(Check.SPOP, a -> args("SPOP", a.key(), a.count())),
                Template.of(Check.SRANDMEMBER, a -> args("SRANDMEMBER", a.key())),
                Template.fixed(Check.SRANDMEMBER, a -> args("SRANDMEMBER", a.key(), randomCount(a))),
                Template.of(Check.UNORDERED, a -> args(a.pick("SINTER", "SUNION", "SDIFF"), a.keys(1, 3))),
                Template.of(a -> args(a.pick("SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE"), a.key(), a.keys(1, 3))),
                Template.of(a -> args("SINTERCARD", a.numKeys(), a.someOf(35, List.of(List.of("LIMIT", limit(a)),
                        List.of(a.pick("LIMIT", "BOGUS")))))),
                Template.of(a -> args("SMOVE", a.key(), a.key(), a.member())),
                Template.of(Check.SCAN, a -> args("SSCAN", a.key(), "0", HashFamily.scanOptions(a, false))));
    }

    /** SINTERCARD's and ZINTERCARD's LIMIT: 0 (none), small, negative or not a number. */
    static String limit(Arguments a) {
        return a.chance(80) ? a.pick("0", "1", "2", "3") : a.pick("-1", "9223372036854775807", "abc", "1.0", "");
    }

    /**
     * SRANDMEMBER's count: never a large negative one, for which Redis 7.0 builds a reply of that many members
     * (-2147483648 would be billions) where this server refuses; -9223372036854775808 is out of Redis's range.
     */
    static String randomCount(Arguments a) {
        return a.chance(30) ? "-" + a.between(1, 8) : a.pick("0", "1", "2", "3", "5", "100", "9223372036854775807",
                "-9223372036854775808", "abc", "1.0", "");
    }
}
