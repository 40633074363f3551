package dev.buildredis.differential;

import java.util.List;

import static dev.buildredis.differential.Arguments.args;

/**
 * Server administration where its replies are determined: CONFIG SET of the encodings' limits (which the runner
 * restores before each sequence) and refused values of other parameters; CLIENT KILL and UNBLOCK that match no
 * client; COMMAND INFO and DOCS of no command; SLOWLOG's refused counts; DEBUG, refused by default.
 */
final class ServerFamily implements Family {

    private static final List<String> LIMITS = List.of("hash-max-listpack-entries", "hash-max-listpack-value",
            "set-max-intset-entries", "zset-max-listpack-entries", "zset-max-listpack-value", "list-max-listpack-size",
            "hash-max-ziplist-entries", "zset-max-ziplist-value");

    /** Parameters given values they refuse: nothing changes on either server. */
    private static final List<String> REFUSED = List.of("hz", "maxmemory-policy", "appendonly", "save", "maxmemory",
            "timeout", "maxclients", "proto-max-bulk-len", "notify-keyspace-events", "databases", "nosuchparameter",
            "slowlog-log-slower-than", "lfu-log-factor", "activerehashing");

    @Override
    public int weight() {
        return 3;
    }

    @Override
    public List<Template> templates() {
        return List.of(
                Template.fixed(Check.EXACT, a -> args("CONFIG", "SET", a.pick(LIMITS), a.pick("0", "1", "2", "4", "64",
                        "128", "512", "-1", "-2", "-5", "1k", "1kb", "abc", "", "0x10", "9223372036854775807",
                        "99999999999999999999"))),
                Template.fixed(Check.EXACT, a -> args("CONFIG", "SET", a.pick(REFUSED), a.pick("abc", "-5", "bogus",
                        "maybe", "1 2 3", "", "1e3", "-1"))),
                Template.fixed(Check.EXACT, a -> args("CONFIG", "SET", "hz", "10", a.pick("hz", "HZ", "nosuch"), "10")),
                Template.fixed(Check.EXACT, a -> args("CLIENT", "KILL", a.pick(List.of("ID", "999999"),
                        List.of("ADDR", "1.2.3.4:5"), List.of("LADDR", "1.2.3.4:5"), List.of("1.2.3.4:5"),
                        List.of("ID", "abc"), List.of("ID", "0"), List.of("TYPE", "master"), List.of("USER", "nobody"),
                        List.of("SKIPME", "maybe"), List.of("ID")))),
                Template.fixed(Check.EXACT, a -> args("CLIENT", "UNBLOCK", a.pick("999999", "abc", "-1"),
                        a.someOf(30, List.of(List.of(a.pick("TIMEOUT", "ERROR", "BOGUS")))))),
                Template.fixed(Check.EXACT, a -> args("COMMAND", a.pick("INFO", "DOCS"), a.pick("nosuch", "",
                        Arguments.BINARY))),
                Template.fixed(Check.EXACT, a -> args("SLOWLOG", a.pick(List.of("GET", "abc"), List.of("GET", "-2"),
                        List.of("RESET"), List.of("LEN", "x"), List.of("BOGUS")))),
                Template.fixed(Check.EXACT, a -> args("DEBUG", a.pick("RELOAD", "HELP", "SLEEP", "OBJECT"))),
                // with latency-monitor-threshold 0 and tracking off, these are determined
                Template.fixed(Check.EXACT, a -> args("LATENCY", a.pick(List.of("LATEST"), List.of("RESET"),
                        List.of("HISTORY", "command"), List.of("GRAPH", "command"), List.of("BOGUS"), List.of("HISTORY")))),
                Template.fixed(Check.EXACT, a -> args("CLIENT", a.pick(List.of("TRACKINGINFO"), List.of("GETREDIR"),
                        List.of("CACHING", a.pick("YES", "NO", "maybe")), List.of("NO-EVICT", a.pick("ON", "off", "x")),
                        List.of("TRACKING", "ON", a.pick("PREFIX", "OPTIN", "REDIRECT", "FOO"), a.pick("a", "OPTOUT",
                                "BCAST", "999999")), List.of("TRACKING", a.pick("maybe", "OFF")),
                        List.of("PAUSE", a.pick("abc", "-1"), a.pick("WRITE", "ALL", "x"))))),
                Template.fixed(Check.EXACT, a -> args("MEMORY", a.pick("PURGE", "BOGUS"))));
    }
}
