package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What COMMAND tells a program about a command, as Redis 7.0 tells it: COMMAND INFO's ACL categories, tips and key
 * specs, COMMAND GETKEYS and GETKEYSANDFLAGS following the specs, COMMAND LIST FILTERBY.
 */
@WireTest
class CommandDocsWireTest {

    @Test
    void commandInfoGivesCategoriesTipsAndKeySpecs(WireClient c) {
        List<Object> mset = describe(c, "mset");
        assertThat(mset.subList(0, 6)).containsExactly("mset", -3L, List.of("write", "denyoom"), 1L, -1L, 2L);
        assertThat(mset.get(6)).isEqualTo(List.of("@write", "@string", "@slow"));
        assertThat(mset.get(7)).isEqualTo(List.of("request_policy:multi_shard", "response_policy:all_succeeded"));
        assertThat(mset.get(8)).isEqualTo(List.of(List.of("flags", List.of("OW", "update"),
                "begin_search", List.of("type", "index", "spec", List.of("index", 1L)),
                "find_keys", List.of("type", "range", "spec", List.of("lastkey", -1L, "keystep", 2L, "limit", 0L)))));
        assertThat(mset.get(9)).isEqualTo(List.of());
    }

    // tag::key-specs[]
    @Test
    void aKeySpecSaysWhereTheSearchBeginsAndHowTheKeysAreFound(WireClient c) {
        assertThat(describe(c, "set").get(8)).isEqualTo(List.of(List.of(
                "notes", "RW and ACCESS due to the optional `GET` argument",
                "flags", List.of("RW", "access", "update", "variable_flags"),
                "begin_search", List.of("type", "index", "spec", List.of("index", 1L)),
                "find_keys", List.of("type", "range", "spec", List.of("lastkey", 0L, "keystep", 1L, "limit", 0L)))));
        assertThat(describe(c, "xread").get(8)).isEqualTo(List.of(List.of(
                "flags", List.of("RO", "access"),
                "begin_search", List.of("type", "keyword", "spec", List.of("keyword", "STREAMS", "startfrom", 1L)),
                "find_keys", List.of("type", "range", "spec", List.of("lastkey", -1L, "keystep", 1L, "limit", 2L)))));
    }
    // end::key-specs[]

    @Test
    void getkeysAndFlagsFollowsTheSpecs(WireClient c) {
        assertThat(keys(c, "SET", "k", "v")).containsExactly(List.of("k", List.of("OW", "update")));
        assertThat(keys(c, "SET", "k", "v", "GET")).containsExactly(List.of("k", List.of("RW", "access", "update")));
        assertThat(keys(c, "ZUNIONSTORE", "dest", "2", "a", "b", "WEIGHTS", "1", "2")).containsExactly(
                List.of("dest", List.of("OW", "update")), List.of("a", List.of("RO", "access")),
                List.of("b", List.of("RO", "access")));
        assertThat(keys(c, "XREAD", "COUNT", "2", "STREAMS", "s1", "s2", "0", "0")).containsExactly(
                List.of("s1", List.of("RO", "access")), List.of("s2", List.of("RO", "access")));
        assertThat(keys(c, "LMOVE", "a", "b", "LEFT", "RIGHT")).containsExactly(
                List.of("a", List.of("RW", "access", "delete")), List.of("b", List.of("RW", "insert")));
        assertThat(keys(c, "SORT", "src", "BY", "w", "STORE", "dst")).containsExactly(
                List.of("src", List.of("RO", "access")), List.of("dst", List.of("OW", "update")));
        c.call("-ERR The command has no key arguments\r\n", "COMMAND", "GETKEYSANDFLAGS", "ping", "x");
        c.call("-ERR Invalid command specified\r\n", "COMMAND", "GETKEYSANDFLAGS", "nosuch", "x");
    }

    @Test
    void getkeysFindsTheStreamsOfXread(WireClient c) {
        c.call("*2\r\n$2\r\ns1\r\n$2\r\ns2\r\n", "COMMAND", "GETKEYS", "XREAD", "COUNT", "2", "STREAMS", "s1", "s2",
                "0", "0");
    }

    @Test
    void listFilterbySelectsByCategoryAndPattern(WireClient c) {
        assertThat(c.command("COMMAND", "LIST", "FILTERBY", "ACLCAT", "hyperloglog").readArray())
                .containsExactlyInAnyOrder("pfadd", "pfcount", "pfdebug", "pfmerge", "pfselftest");
        assertThat(c.command("COMMAND", "LIST", "FILTERBY", "PATTERN", "config|*").readArray())
                .containsExactlyInAnyOrder("config|get", "config|set", "config|resetstat", "config|rewrite",
                        "config|help");
        assertThat(c.command("COMMAND", "LIST", "FILTERBY", "PATTERN", "debug*").readArray()).containsExactly("debug");
        c.call("*0\r\n", "COMMAND", "LIST", "FILTERBY", "MODULE", "x");
        c.call("-ERR syntax error\r\n", "COMMAND", "LIST", "FILTERBY", "BOGUS", "x");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> describe(WireClient c, String name) {
        return (List<Object>) c.command("COMMAND", "INFO", name).readArray().get(0);
    }

    private static List<Object> keys(WireClient c, String... call) {
        String[] args = new String[call.length + 2];
        args[0] = "COMMAND";
        args[1] = "GETKEYSANDFLAGS";
        System.arraycopy(call, 0, args, 2, call.length);
        return c.command(args).readArray();
    }
}
