package dev.buildredis.differential;

import java.util.List;

import static dev.buildredis.differential.Arguments.args;

/**
 * MULTI, EXEC, DISCARD, WATCH and UNWATCH, and the second client's writes that make a watched transaction fail.
 * The generator ends an open transaction soon after it began ({@link Generator}), so that transactions stay short.
 */
final class TransactionFamily implements Family {

    @Override
    public int weight() {
        return 9;
    }

    @Override
    public List<Template> templates() {
        return List.of(
                Template.fixed(Check.EXACT, a -> args("MULTI")),
                Template.fixed(Check.EXACT, a -> args(a.chance(80) ? "EXEC" : "DISCARD")),
                Template.of(a -> args("WATCH", a.keys(1, 3))),
                Template.of(a -> args("UNWATCH")),
                Template.other(Check.EXACT, a -> args(a.pick("SET", "APPEND"), a.key(), a.value())),
                Template.other(Check.EXACT, a -> args(a.pick("DEL", "INCR", "PERSIST"), a.key())),
                Template.other(Check.EXACT, a -> args("EXPIRE", a.key(), a.pick("100000", "0", "-1"))),
                Template.other(Check.EXACT, a -> args(a.pick("RPUSH", "SADD"), a.key(), a.member())),
                Template.other(Check.EXACT, a -> args(a.pick("HSET", "ZADD"), a.key(), "1", a.member())),
                Template.other(Check.EXACT, a -> args(a.chance(10) ? "FLUSHALL" : "GET", a.key())));
    }
}
