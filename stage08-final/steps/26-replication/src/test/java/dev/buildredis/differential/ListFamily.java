package dev.buildredis.differential;

import java.util.List;

import static dev.buildredis.differential.Arguments.args;

/**
 * Lists: pushes and pops at both ends, indexes and ranges, LINSERT, LPOS, moves, LMPOP, and blocking pops that time
 * out.
 */
final class ListFamily implements Family {

    @Override
    public int weight() {
        return 12;
    }

    // tag::templates[]
    @Override
    public List<Template> templates() {
        return List.of(
                Template.of(a -> args(a.pick("LPUSH", "RPUSH"), a.key(), elements(a))),
                Template.of(a -> args(a.pick("LPUSHX", "RPUSHX"), a.key(), elements(a))),
                Template.of(a -> args(a.pick("LPOP", "RPOP"), a.key())),
                Template.of(a -> args(a.pick("LPOP", "RPOP"), a.key(), a.count())),
                Template.of(a -> args("LLEN", a.key())),
                Template.of(a -> args("LRANGE", a.key(), a.integer(), a.integer())),
                Template.of(a -> args("LRANGE", a.key(), "0", "-1")),
                Template.of(a -> args("LINDEX", a.key(), a.integer())),
                Template.of(a -> args("LSET", a.key(), a.integer(), a.member())),
                Template.of(a -> args("LINSERT", a.key(), a.pick("BEFORE", "AFTER", "before", "MIDDLE"), a.member(),
                        a.member())),
                Template.of(a -> args("LREM", a.key(), a.integer(), a.member())),
                Template.of(a -> args("LTRIM", a.key(), a.integer(), a.integer())),
                Template.of(a -> args("LPOS", a.key(), a.member(), a.someOf(30, List.of(List.of("RANK", a.integer()),
                        List.of("COUNT", a.count()), List.of("MAXLEN", a.count()), List.of(a.pick("RANK", "BOGUS")))))),
                Template.of(a -> args("LMOVE", a.key(), a.key(), end(a), end(a))),
                Template.of(a -> args("RPOPLPUSH", a.key(), a.key())),
                Template.fixed(Check.EXACT, a -> args(a.pick("BLPOP", "BRPOP"), a.keys(1, 3), a.timeout())),
                Template.fixed(Check.EXACT, a -> args("BLMOVE", a.key(), a.key(), end(a), end(a), a.timeout())),
                Template.fixed(Check.EXACT, a -> args("BRPOPLPUSH", a.key(), a.key(), a.timeout())),
                Template.of(a -> args("LMPOP", a.numKeys(), end(a), mpopCount(a))),
                Template.fixed(Check.EXACT, a -> args("BLMPOP", a.timeout(), a.numKeys(), end(a), mpopCount(a))));
    }
    // end::templates[]

    /** One to five elements; now and then enough to pass the listpack's limits. */
    static List<String> elements(Arguments a) {
        if (a.chance(3)) {
            return a.repeat(a.between(20, 140), a::member);
        }
        return a.repeat(a.between(1, 5), a::member);
    }

    /** LMPOP's and ZMPOP's COUNT, now and then: positive mostly, or 0, negative, twice or cut short. */
    static List<String> mpopCount(Arguments a) {
        return a.someOf(35, List.of(List.of("COUNT", a.chance(80) ? a.pick("1", "2", "3", "10") : a.count()),
                List.of(a.pick("COUNT", "BOGUS"))));
    }

    private static String end(Arguments a) {
        return a.chance(95) ? a.pick("LEFT", "RIGHT", "left") : a.pick("UP", "");
    }
}
