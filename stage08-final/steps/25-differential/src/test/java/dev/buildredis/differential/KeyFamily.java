package dev.buildredis.differential;

import java.util.List;

import static dev.buildredis.differential.Arguments.args;

/**
 * The keyspace: existence, types, patterns, SCAN, renames and copies, expiry and TTLs, OBJECT, databases, DUMP and
 * RESTORE (of payloads redis-server made: the same bytes on both servers).
 */
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
                Template.of(a -> a.chance(30) ? args("SELECT", database(a)) : args("EXISTS", a.key())),
                Template.of(a -> args("MOVE", a.key(), database(a))),
                Template.of(a -> a.chance(20) ? args("SWAPDB", database(a), database(a)) : args("DBSIZE")),
                // a hash table's order is Redis's own: a payload's bytes are compared only by shape
                Template.of(Check.SHAPE, a -> args("DUMP", a.key())),
                // a TTL of a few milliseconds would race the next command: long, or (ABSTTL 1) long past
                Template.of(a -> args("RESTORE", a.key(), a.pick("0", "0", "0", "-1", "abc", "100000000"),
                        a.pick(PAYLOADS), a.someOf(25, List.of(List.of("REPLACE"), List.of("IDLETIME",
                                a.pick("10", "-1", "x")), List.of("FREQ", a.pick("5", "256")))))),
                // never mutated: without its ABSTTL, a TTL of 1 would be a millisecond from now, a race again
                Template.fixed(Check.EXACT, a -> args("RESTORE", a.key(), a.pick("1", "4102444800000"),
                        a.pick(PAYLOADS), "ABSTTL", a.someOf(50, List.of(List.of("REPLACE"))))));
    }

    /**
     * DUMP payloads of redis-server 7.0.15 (SET 1, SET hello, RPUSH a b 3, HSET f v, SADD 1 2, ZADD 1 a 2.5 b), one
     * with a wrong checksum, one too short.
     */
    private static final List<String> PAYLOADS = List.of(
            "\u0000\u00c0\u0001\n\u0000&x\u00e7\u00b6\u00d1\u0001\u0011\u00fc",
            "\u0000\u0005hello\n\u0000cr\u00dfve4 \n",
            "\u0012\u0001\u0002\u000f\u000f\u0000\u0000\u0000\u0003\u0000\u0081a\u0002\u0081b\u0002\u0003"
                    + "\u0001\u00ff\n\u0000\u00dc\u00a1\u00e6}P\u0005PH",
            "\u0010\r\r\u0000\u0000\u0000\u0002\u0000\u0081f\u0002\u0081v\u0002\u00ff\n\u0000 \u00f1=D#T"
                    + "\u0008\u009d",
            "\u000b\u000c\u0002\u0000\u0000\u0000\u0002\u0000\u0000\u0000\u0001\u0000\u0002\u0000\n\u0000oy8"
                    + "\u00b14\u00eb .",
            "\u0011\u0014\u0014\u0000\u0000\u0000\u0004\u0000\u0081a\u0002\u0001\u0001\u0081b\u0002\u00832.5"
                    + "\u0004\u00ff\n\u0000\u00d4Ln\u00a4\u00f6D\u00d9\u00d7",
            "\u0000\u00c0\u0001\n\u0000&x\u00e7\u00b6\u00d1\u0001\u0011x",
            "short");

    private static String database(Arguments a) {
        return a.chance(85) ? a.pick("0", "0", "1", "2") : a.pick("15", "16", "-1", "abc", "", "1.0");
    }

    private static List<String> expireFlags(Arguments a) {
        return a.someOf(15, List.of(List.of(a.pick("NX", "XX", "GT", "LT")), List.of(a.pick("NX", "GT", "BOGUS"))));
    }
}
