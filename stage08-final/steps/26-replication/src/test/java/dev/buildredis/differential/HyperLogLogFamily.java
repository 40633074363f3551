package dev.buildredis.differential;

import java.util.List;

import static dev.buildredis.differential.Arguments.args;

/**
 * HyperLogLogs: PFADD of a few elements or of hundreds (to turn a sparse HLL dense), PFCOUNT of one key (which
 * caches the count in the string) or several, PFMERGE, PFDEBUG, and the sparse limit. The other families' SET,
 * SETRANGE and APPEND on the same keys make strings that are no HLL, or corrupt ones.
 */
final class HyperLogLogFamily implements Family {

    @Override
    public int weight() {
        return 3;
    }

    @Override
    public List<Template> templates() {
        return List.of(
                Template.of(a -> args("PFADD", a.key(), a.repeat(a.between(0, 4), a::member))),
                Template.of(a -> args("PFADD", a.key(), a.repeat(a.between(20, 400), () -> "e" + a.nextInt(100_000)))),
                Template.of(a -> args("PFCOUNT", a.key())),
                Template.of(a -> args("PFCOUNT", a.keys(1, 3))),
                Template.of(a -> args("PFMERGE", a.key(), a.keys(0, 3))),
                Template.of(a -> args("PFDEBUG", a.chance(95) ? a.pick("ENCODING", "DECODE", "TODENSE", "todense")
                        : a.pick("GETREG", "NOSUCH"), a.key())),
                Template.fixed(Check.EXACT, a -> args("CONFIG", "SET", "hll-sparse-max-bytes", a.pick("0", "30", "100",
                        "3000", "-1", "abc"))));
    }
}
