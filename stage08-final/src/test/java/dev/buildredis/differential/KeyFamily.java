// @step 12
package dev.buildredis.differential;

import java.util.List;

import static dev.buildredis.differential.Arguments.args;

/** The keyspace: existence, types, patterns, SCAN, renames and copies, expiry and TTLs, OBJECT, databases. */
final class KeyFamily implements Family {

    @Override
    public int weight() {
        return 14;
    }

    @Override
    public List<Template> templates() {
        return List.of(
                Template.of(a -> args(a.pick("DEL", "UNLINK"), a.keys(1, 3))),
                Template.of(a -> args(a.pick("EXISTS", "TOUCH"), a.keys(1, 4))),
                Template.of(a -> args("TYPE", a.key())),
                Template.of(Check.UNORDERED, a -> args("KEYS", a.pattern())),
                Template.of(Check.SCAN, a -> args("SCAN", "0", HashFamily.scanOptions(a, true))),
                Template.of(Check.SHAPE, a -> args("SCAN", a.pick("1", "7", "-1", "18446744073709551615", ""))),
                Template.of(a -> args("SCAN", a.pick("abc", "18446744073709551616", " 0", "0x1", "1.0"))),
                Template.of(Check.RANDOMKEY, a -> args("RANDOMKEY")),
                Template.of(a -> args(a.pick("RENAME", "RENAMENX"), a.key(), a.key())),
                Template.of(a -> args("COPY", a.key(), a.key(), a.someOf(30, List.of(List.of("DB", database(a)),
                        List.of("REPLACE"), List.of(a.pick("DB", "BOGUS")))))),
                Template.of(a -> args(a.pick("EXPIRE", "PEXPIRE"), a.key(), a.chance(50) ? a.seconds()
                        : a.milliseconds(), expireFlags(a))),
                Template.of(a -> args("EXPIREAT", a.key(), a.unixSeconds(), expireFlags(a))),
                Template.of(a -> args("PEXPIREAT", a.key(), a.unixMilliseconds(), expireFlags(a))),
                Template.of(Check.SECONDS, a -> args(a.pick("TTL", "EXPIRETIME"), a.key())),
                Template.of(Check.MILLISECONDS, a -> args(a.pick("PTTL", "PEXPIRETIME"), a.key())),
                Template.of(a -> args("PERSIST", a.key())),
                Template.of(a -> args("OBJECT", a.pick("ENCODING", "ENCODING", "FREQ", "encoding"), a.key())),
                Template.of(Check.REFCOUNT, a -> args("OBJECT", "REFCOUNT", a.key())),
                Template.of(Check.IDLETIME, a -> args("OBJECT", "IDLETIME", a.key())),
                Template.of(a -> args("OBJECT", a.pick("BOGUS", "ENCODING", "\u0000x"))),
                Template.fixed(Check.HELP, a -> args(a.pick("OBJECT", "MEMORY", "CLIENT", "CONFIG", "PUBSUB", "COMMAND",
                        "SLOWLOG"), "HELP")),
                Template.of(Check.SHAPE, a -> args("MEMORY", "USAGE", a.key(), a.someOf(20,
                        List.of(List.of("SAMPLES", a.pick("0", "5", "-1", "abc")))))),
                Template.of(a -> args("DBSIZE")),
                Template.of(a -> a.chance(15) ? args(a.pick("FLUSHDB", "FLUSHALL"), a.someOf(30,
                        List.of(List.of(a.pick("ASYNC", "SYNC", "BOGUS"))))) : args("DBSIZE")),
                Template.of(a -> a.chance(30) ? args("SELECT", database(a)) : args("EXISTS", a.key())));
    }

    private static String database(Arguments a) {
        return a.chance(85) ? a.pick("0", "0", "1", "2") : a.pick("15", "16", "-1", "abc", "", "1.0");
    }

    private static List<String> expireFlags(Arguments a) {
        return a.someOf(15, List.of(List.of(a.pick("NX", "XX", "GT", "LT")), List.of(a.pick("NX", "GT", "BOGUS"))));
    }
}
