// @step 25
package dev.buildredis.differential;

import java.util.List;

import static dev.buildredis.differential.Arguments.args;

/**
 * The connection and the server, where their replies are determined: PING, ECHO, HELLO (RESP2 and RESP3), client
 * names, AUTH without a password, RESET and QUIT, CONFIG GET of known parameters, unknown commands; and TIME, INFO,
 * CLIENT ID and LASTSAVE by their shape only.
 */
final class ConnectionFamily implements Family {

    private static final List<String> PARAMETERS = List.of("maxmemory-policy", "hash-max-listpack-entries",
            "hash-max-ziplist-entries", "set-max-intset-entries", "zset-max-listpack-value", "list-max-listpack-size",
            "timeout", "databases", "appendonly", "save", "maxmemory", "nosuchparameter", "MAXMEMORY");

    /** Commands whose key positions COMMAND GETKEYS finds, or refuses to. */
    private static final List<List<String>> GETKEYS = List.of(List.of("GET", "k"), List.of("SET", "k", "v", "EX", "1"),
            List.of("MSET", "a", "1", "b", "2"), List.of("DEL", "a", "b", "c"), List.of("RENAME", "a", "b"),
            List.of("LMOVE", "a", "b", "LEFT", "RIGHT"), List.of("BLPOP", "a", "b", "0"),
            List.of("SINTERSTORE", "d", "a", "b"), List.of("ZADD", "z", "1", "m"), List.of("GET"), List.of("PING"),
            List.of("NOSUCH", "a"), List.of("MSET", "a"), List.of("EXISTS", "a", "b"), List.of("COPY", "a", "b", "DB", "1"));

    @Override
    public int weight() {
        return 7;
    }

    @Override
    public List<Template> templates() {
        return List.of(
                Template.of(a -> args("PING", a.someOf(30, List.of(List.of(a.value()))))),
                Template.of(a -> args("ECHO", a.value())),
                Template.of(Check.HELLO, a -> args("HELLO", a.someOf(90, List.of(List.of(a.pick("2", "3", "3", "4",
                        "0", "abc", "-1")))), a.someOf(15, List.of(List.of("SETNAME", a.pick("me", "a b", "")),
                        List.of("AUTH", "default", a.pick("x", "")))))),
                Template.of(a -> args("CLIENT", "SETNAME", a.pick("me", "you", "", "a b", "a\nb", "\u00ff"))),
                Template.of(a -> args("CLIENT", a.pick("GETNAME", "BOGUS", "SETNAME"))),
                Template.of(Check.SHAPE, a -> args("CLIENT", a.pick("ID", "INFO", "LIST"))),
                Template.of(a -> args("COMMAND", "GETKEYS", a.pick(GETKEYS))),
                Template.of(a -> args("AUTH", a.pick("x", "default"), a.someOf(50, List.of(List.of("pw"))))),
                Template.of(a -> a.chance(15) ? args(a.pick("RESET", "RESET", "QUIT")) : args("ECHO", "not reset")),
                Template.of(Check.SHAPE, a -> args(a.pick("TIME", "LASTSAVE"))),
                Template.of(Check.SHAPE, a -> args("INFO", a.someOf(50, List.of(List.of(a.pick("keyspace", "server",
                        "clients", "all", "bogus")))))),
                // never mutated: CONFIG GET * lists parameters this server does not have
                Template.fixed(Check.EXACT, a -> args("CONFIG", "GET", a.pick(PARAMETERS))),
                Template.of(a -> args(a.pick("NOSUCHCOMMAND", "GETT", "\u00ff", "CONFIG", "OBJECT", "CLIENT", "PUBSUB"),
                        a.someOf(50, List.of(List.of(a.value()))))));
    }
}
