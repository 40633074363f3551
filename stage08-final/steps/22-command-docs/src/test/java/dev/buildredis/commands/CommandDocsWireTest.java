package dev.buildredis.commands;

import dev.buildredis.testing.RedisServerProcess;
import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What COMMAND tells a program about a command, as Redis 7.0 tells it: COMMAND DOCS to the byte, beside a
 * redis-server of its own; COMMAND INFO's ACL categories, tips and key specs, COMMAND GETKEYS and GETKEYSANDFLAGS
 * following the specs, COMMAND LIST FILTERBY.
 */
@WireTest
class CommandDocsWireTest {

    // tag::docs[]
    /** Beside a redis-server of its own, whatever server the suite runs against (skipped where it is not installed). */
    @Test
    void commandDocsIsRedisServersToTheByte(WireClient c, @TempDir Path dir) throws Exception {
        Set<String> ours = new TreeSet<>();
        c.command("COMMAND", "LIST").readArray().forEach(name -> ours.add((String) name));
        try (RedisServerProcess redis = RedisServerProcess.start(dir);
             WireClient real = WireClient.connect(new InetSocketAddress("127.0.0.1", redis.port()))) {
            List<String> different = new ArrayList<>();
            for (String protocol : List.of("2", "3")) {
                c.command("HELLO", protocol).readReply();
                real.command("HELLO", protocol).readReply();
                different.addAll(compare(docs(real, ours), docs(c, ours), "RESP" + protocol + " COMMAND DOCS: "));
                for (String name : ours) {
                    different.addAll(compare(docs(real, ours, name), docs(c, ours, name),
                            "RESP" + protocol + " COMMAND DOCS " + name + ": "));
                }
            }
            assertThat(different).isEmpty();
        }
    }
    // end::docs[]

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

    /**
     * COMMAND DOCS of {@code names} (of every command if none), its entries by name, each the bytes that came for
     * it. Only the commands in {@code ours} are kept, and a container's subcommands are sorted by name: Redis lists
     * them in its hash table's order, which changes from one run to the next.
     */
    private static Map<String, String> docs(WireClient c, Set<String> ours, String... names) {
        List<String> command = new ArrayList<>(List.of("COMMAND", "DOCS"));
        command.addAll(List.of(names));
        return docs(c.command(command.toArray(String[]::new)).rawReply(), ours);
    }

    private static Map<String, String> docs(String map, Set<String> ours) {
        Map<String, String> docs = new TreeMap<>();
        entries(map).forEach((name, doc) -> {
            if (ours.contains(name)) {
                docs.put(name, withSubcommandsSorted(doc, ours));
            }
        });
        return docs;
    }

    private static String withSubcommandsSorted(String doc, Set<String> ours) {
        Map<String, String> fields = entries(doc);
        if (!fields.containsKey("subcommands")) {
            return doc;
        }
        StringBuilder sorted = new StringBuilder(doc.substring(0, doc.indexOf("\r\n") + 2));
        fields.forEach((key, value) -> sorted.append('$').append(key.length()).append("\r\n").append(key)
                .append("\r\n").append(key.equals("subcommands") ? docs(value, ours) : value));
        return sorted.toString();
    }

    /** The entries of a map reply (RESP3's %, RESP2's flat array) in their order: key → the value's bytes. */
    private static Map<String, String> entries(String map) {
        int eol = map.indexOf("\r\n");
        int pairs = Integer.parseInt(map.substring(1, eol)) / (map.charAt(0) == '%' ? 1 : 2);
        Map<String, String> entries = new LinkedHashMap<>();
        int at = eol + 2;
        for (int i = 0; i < pairs; i++) {
            int value = skip(map, at);
            int end = skip(map, value);
            entries.put(map.substring(map.indexOf("\r\n", at) + 2, value - 2), map.substring(value, end));
            at = end;
        }
        return entries;
    }

    /** Where the element that begins at {@code at} ends. */
    private static int skip(String raw, int at) {
        int eol = raw.indexOf("\r\n", at);
        int count = raw.charAt(at) == '+' || raw.charAt(at) == ':' ? 0 : Integer.parseInt(raw.substring(at + 1, eol));
        int end = eol + 2;
        switch (raw.charAt(at)) {
            case '$' -> end += count + 2;
            case '*', '~', '%' -> {
                for (int i = 0; i < count * (raw.charAt(at) == '%' ? 2 : 1); i++) {
                    end = skip(raw, end);
                }
            }
            default -> {
                // a line: +, :
            }
        }
        return end;
    }

    /** The names whose entries differ, each with the bytes of both from a little before the first difference. */
    private static List<String> compare(Map<String, String> expected, Map<String, String> actual, String what) {
        List<String> different = new ArrayList<>();
        Set<String> names = new TreeSet<>(expected.keySet());
        names.addAll(actual.keySet());
        for (String name : names) {
            String wanted = String.valueOf(expected.get(name));
            String got = String.valueOf(actual.get(name));
            int at = 0;
            while (at < Math.min(wanted.length(), got.length()) && wanted.charAt(at) == got.charAt(at)) {
                at++;
            }
            if (!wanted.equals(got)) {
                different.add(what + name + ", from byte " + Math.max(0, at - 40) + "\n  redis-server: "
                        + excerpt(wanted, at) + "\n  this server:  " + excerpt(got, at));
            }
        }
        return different;
    }

    private static String excerpt(String text, int at) {
        String part = text.substring(Math.max(0, at - 40), Math.min(text.length(), at + 120));
        return WireClient.escape(part.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static List<Object> keys(WireClient c, String... call) {
        String[] args = new String[call.length + 2];
        args[0] = "COMMAND";
        args[1] = "GETKEYSANDFLAGS";
        System.arraycopy(call, 0, args, 2, call.length);
        return c.command(args).readArray();
    }
}
