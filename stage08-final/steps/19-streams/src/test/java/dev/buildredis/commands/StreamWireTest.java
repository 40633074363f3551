package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.buildredis.commands.StreamReplies.array;
import static dev.buildredis.commands.StreamReplies.bulk;
import static dev.buildredis.commands.StreamReplies.entry;
import static org.assertj.core.api.Assertions.assertThat;

/** Stream entries: XADD, XRANGE, XREVRANGE, XLEN, XDEL, XTRIM, XSETID and XINFO STREAM, as Redis 7.0 answers them. */
@WireTest
public class StreamWireTest {

    private static final String INVALID_ID = "-ERR Invalid stream ID specified as stream command argument\r\n";
    private static final String NOT_AFTER_TOP =
            "-ERR The ID specified in XADD is equal or smaller than the target stream top item\r\n";

    @BeforeEach
    void startEmpty(WireClient c) {
        c.call("+OK\r\n", "FLUSHALL");
    }

    @AfterEach
    void defaultNodeSizes(WireClient c) {
        c.call("+OK\r\n", "CONFIG", "SET", "stream-node-max-entries", "100", "stream-node-max-bytes", "4096");
    }

    @Test
    void xaddTakesIdsThatOnlyGoUpAndFillsInASequenceForMsStar(WireClient c) {
        c.call("-ERR The ID specified in XADD must be greater than 0-0\r\n", "XADD", "s", "0-0", "f", "v");
        c.call(":0\r\n", "EXISTS", "s");
        c.call(bulk("0-1"), "XADD", "s", "0-*", "f", "v");
        c.call(bulk("5-0"), "XADD", "s", "5-*", "f", "v");
        c.call(bulk("5-1"), "XADD", "s", "5-*", "f", "v");
        c.call(NOT_AFTER_TOP, "XADD", "s", "5-1", "f", "v");
        c.call(NOT_AFTER_TOP, "XADD", "s", "4-*", "f", "v");
        c.call(bulk("7-3"), "XADD", "s", "7-3", "f", "v");
        c.call(":4\r\n", "XLEN", "s");
    }

    @Test
    void xaddStarTakesTheNextIdAfterALastIdInTheFuture(WireClient c) {
        c.call(bulk("99999999999999-5"), "XADD", "s", "99999999999999-5", "f", "v");
        c.call(bulk("99999999999999-6"), "XADD", "s", "*", "f", "v");
        c.call(bulk("99999999999999-7"), "XADD", "s", "99999999999999-*", "f", "v");
        String now = (String) c.command("XADD", "other", "*", "f", "v").readReply();
        assertThat(now).matches("1[0-9]{12}-0");
    }

    @Test
    void idsAreReadAsRedisReadsThemWithStrtoull(WireClient c) {
        c.call(bulk("6-0"), "XADD", "s", " 6", "f", "v");
        c.call(bulk("7-0"), "XADD", "s", "+7", "f", "v");
        c.call(bulk("8-0"), "XADD", "s", "08", "f", "v");
        c.call(bulk("9-1"), "XADD", "s", "9- 1", "f", "v");
        c.call(bulk("10-18446744073709551615"), "XADD", "s", "10- -1", "f", "v");
        // no sequence left in millisecond 10: Redis 7.0 answers with the error meant for too large an entry
        c.call("-ERR Elements are too large to be stored\r\n", "XADD", "s", "10-*", "f", "v");
        c.call(INVALID_ID, "XADD", "s", "-0", "f", "v");
        c.call(INVALID_ID, "XADD", "s", "11--1", "f", "v");
        c.call(INVALID_ID, "XADD", "s", "18446744073709551616", "f", "v");
        c.call(INVALID_ID, "XADD", "s", "+", "f", "v");
        c.call(INVALID_ID, "XADD", "s", "1" + "0".repeat(127), "f", "v");
        c.call(bulk("18446744073709551615-18446744073709551615"), "XADD", "s",
                "18446744073709551615-18446744073709551615", "f", "v");
        c.call("-ERR The stream has exhausted the last possible ID, unable to add more items\r\n",
                "XADD", "s", "*", "f", "v");
    }

    @Test
    void xaddChecksItsOptionsInRedissOrder(WireClient c) {
        c.call("-ERR wrong number of arguments for 'xadd' command\r\n", "XADD", "s", "*", "a", "b", "c");
        c.call("-ERR wrong number of arguments for 'xadd' command\r\n", "XADD", "s", "MAXLEN", "5");
        c.call("-ERR The MAXLEN argument must be >= 0.\r\n", "XADD", "s", "MAXLEN", "-1", "*", "a", "b");
        c.call("-ERR value is not an integer or out of range\r\n", "XADD", "s", "MAXLEN", "~", "*", "a", "b");
        c.call("-ERR syntax error, MAXLEN and MINID options at the same time are not compatible\r\n",
                "XADD", "s", "MINID", "1", "MAXLEN", "2", "*", "a", "b");
        c.call("-ERR syntax error, LIMIT cannot be used without specifying a trimming strategy\r\n",
                "XADD", "s", "LIMIT", "5", "*", "a", "b");
        c.call("-ERR syntax error, LIMIT cannot be used without the special ~ option\r\n",
                "XADD", "s", "MAXLEN", "=", "5", "LIMIT", "5", "*", "a", "b");
        c.call("-ERR The LIMIT argument must be >= 0.\r\n", "XADD", "s", "MAXLEN", "~", "5", "LIMIT", "-1", "*", "a",
                "b");
        c.call(INVALID_ID, "XADD", "s", "NOMKSTREAM", "foo", "a", "b");
        c.call("$-1\r\n", "XADD", "s", "NOMKSTREAM", "*", "a", "b");
        c.call(":0\r\n", "EXISTS", "s");
        c.call("+OK\r\n", "SET", "str", "x");
        c.call("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "XADD", "str", "*", "a", "b");
    }

    @Test
    void xrangeAndXrevrangeReadInclusiveOrExclusiveRanges(WireClient c) {
        c.call(bulk("1-1"), "XADD", "s", "1-1", "a", "1");
        c.call(bulk("1-2"), "XADD", "s", "1-2", "b", "2");
        c.call(bulk("2-0"), "XADD", "s", "2-0", "c", "3");
        String e11 = entry("1-1", "a", "1");
        String e12 = entry("1-2", "b", "2");
        String e20 = entry("2-0", "c", "3");
        c.call(array(e11, e12, e20), "XRANGE", "s", "-", "+");
        c.call(array(e11, e12), "XRANGE", "s", "1", "1");
        c.call(array(e12, e20), "XRANGE", "s", "(1-1", "+");
        c.call(array(e11, e12, e20), "XRANGE", "s", "(1", "+");
        c.call(array(e11, e12), "XRANGE", "s", "-", "(2-0");
        c.call(array(e11), "XRANGE", "s", "-", "+", "COUNT", "1");
        c.call(array(e11, e12), "XRANGE", "s", "-", "+", "count", "1", "COUNT", "2");
        c.call("*-1\r\n", "XRANGE", "s", "-", "+", "COUNT", "0");
        c.call("*-1\r\n", "XRANGE", "s", "-", "+", "COUNT", "-5");
        c.call("*0\r\n", "XRANGE", "s", "3", "2");
        c.call(array(e20, e12, e11), "XREVRANGE", "s", "+", "-");
        c.call(array(e12, e11), "XREVRANGE", "s", "(2-0", "-", "COUNT", "5");
        c.call("*0\r\n", "XRANGE", "missing", "-", "+", "COUNT", "0");
    }

    @Test
    void xrangeRefusesBadBoundsAndOptions(WireClient c) {
        c.call(INVALID_ID, "XRANGE", "s", "(", "+");
        c.call(INVALID_ID, "XRANGE", "s", "(-", "+");
        c.call(INVALID_ID, "XRANGE", "s", "-", "(+");
        c.call("-ERR invalid start ID for the interval\r\n", "XRANGE", "s",
                "(18446744073709551615-18446744073709551615", "+");
        c.call("-ERR invalid end ID for the interval\r\n", "XRANGE", "s", "-", "(0-0");
        c.call("-ERR syntax error\r\n", "XRANGE", "s", "-", "+", "COUNT");
        c.call("-ERR value is not an integer or out of range\r\n", "XRANGE", "s", "-", "+", "COUNT", "x");
        c.call("+OK\r\n", "SET", "str", "x");
        c.call(INVALID_ID, "XRANGE", "str", "foo", "+");
        c.call("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "XRANGE", "str", "-", "+");
    }

    @Test
    void xdelChecksEveryIdFirstAndLeavesAnEmptyStream(WireClient c) {
        c.call(bulk("1-0"), "XADD", "s", "1-0", "f", "v");
        c.call(bulk("2-0"), "XADD", "s", "2-0", "f", "v");
        c.call(INVALID_ID, "XDEL", "s", "1-0", "foo");
        c.call(":2\r\n", "XLEN", "s");
        c.call(":1\r\n", "XDEL", "s", "1-0", "1-0", "9-9");
        c.call(":0\r\n", "XDEL", "s", "1-0");
        c.call(":1\r\n", "XDEL", "s", "2-0");
        c.call(":0\r\n", "XLEN", "s");
        c.call(":1\r\n", "EXISTS", "s");
        c.call(NOT_AFTER_TOP, "XADD", "s", "2-0", "f", "v"); // the last ID stays
        c.call(":0\r\n", "XDEL", "missing", "foo");
        c.call("+stream\r\n", "TYPE", "s");
        c.call(bulk("stream"), "OBJECT", "ENCODING", "s");
    }

    @Test
    void xtrimTrimsExactlyOrByWholeNodesWithTilde(WireClient c) {
        c.call("+OK\r\n", "CONFIG", "SET", "stream-node-max-entries", "10");
        for (int i = 1; i <= 95; i++) {
            c.call(bulk(i + "-0"), "XADD", "s", i + "-0", "f", "v");
        }
        c.call(":40\r\n", "XTRIM", "s", "MAXLEN", "~", "50"); // four nodes of ten go; the fifth would leave 45
        c.call(":55\r\n", "XLEN", "s");
        c.call(":5\r\n", "XTRIM", "s", "MAXLEN", "50");      // exact: 41-0 to 45-0 become tombstones
        c.call(":5\r\n", "XTRIM", "s", "MINID", "~", "52");  // the node 41-0..50-0 ends before 52-0: it goes
        c.call(":1\r\n", "XTRIM", "s", "MINID", "=", "52");
        c.call(":0\r\n", "XTRIM", "s", "MAXLEN", "~", "0", "LIMIT", "5"); // the next node has 9 entries
        c.call(":9\r\n", "XTRIM", "s", "MAXLEN", "~", "0", "LIMIT", "10");
        c.call(array(entry("61-0", "f", "v")), "XRANGE", "s", "-", "+", "COUNT", "1");
        c.call(":35\r\n", "XLEN", "s");
    }

    @Test
    void xaddWithApproximateMaxlenKeepsWholeNodesAsRedisDoes(WireClient c) {
        for (int i = 0; i < 1000; i++) { // Redis's own test: nodes of 100, so 600 entries are left
            c.command("XADD", "s", "MAXLEN", "~", "555", "*", i % 10 == 0 ? "yitem" : "xitem", Integer.toString(i))
                    .readReply();
        }
        c.call(":600\r\n", "XLEN", "s");
        c.call(":0\r\n", "XTRIM", "s", "MAXLEN", "~", "501");
        c.call(":100\r\n", "XTRIM", "s", "MAXLEN", "~", "500");
    }

    @Test
    void xtrimRefusesWhatRedisRefuses(WireClient c) {
        c.call("-ERR wrong number of arguments for 'xtrim' command\r\n", "XTRIM", "s", "MAXLEN");
        c.call("-ERR syntax error\r\n", "XTRIM", "s", "FOO", "1");
        c.call("-ERR syntax error\r\n", "XTRIM", "s", "MAXLEN", "5", "NOMKSTREAM");
        c.call("-ERR syntax error, LIMIT cannot be used without specifying a trimming strategy\r\n",
                "XTRIM", "s", "LIMIT", "5");
        c.call("-ERR syntax error, XTRIM must be called with a trimming strategy\r\n", "XTRIM", "s", "LIMIT", "0");
        c.call(INVALID_ID, "XTRIM", "s", "MINID", "-");
        c.call(":0\r\n", "XTRIM", "missing", "MAXLEN", "1");
        c.call("-ERR value is not an integer or out of range\r\n", "XTRIM", "missing", "MAXLEN", "x");
    }

    @Test
    void xinfoStreamShowsTheCountersTheRadixTreeAndTheEdges(WireClient c) {
        c.call(bulk("1-0"), "XADD", "s", "1-0", "name", "ann", "age", "30");
        c.call(bulk("2-0"), "XADD", "s", "2-0", "name", "bob", "age", "41");
        c.call(bulk("3-0"), "XADD", "s", "3-0", "city", "x");
        c.call(":1\r\n", "XDEL", "s", "2-0");
        String first = entry("1-0", "name", "ann", "age", "30");
        String last = entry("3-0", "city", "x");
        String counters = info("2", "1", "2", "3-0", "2-0", "3", "1-0");
        c.call("*20\r\n" + counters + bulk("groups") + ":0\r\n" + bulk("first-entry") + first + bulk("last-entry")
                + last, "XINFO", "STREAM", "s");
        c.call("*18\r\n" + counters + bulk("entries") + array(first) + bulk("groups") + "*0\r\n",
                "XINFO", "STREAM", "s", "FULL", "COUNT", "1");
        c.command("HELLO", "3").readReply();
        c.call("%10\r\n" + counters + bulk("groups") + ":0\r\n" + bulk("first-entry") + first + bulk("last-entry")
                + last, "XINFO", "STREAM", "s");
    }

    @Test
    void aNodeEndsWhereRedisWouldEndItsListpack(WireClient c) {
        c.call("+OK\r\n", "CONFIG", "SET", "stream-node-max-bytes", "45");
        for (int i = 1; i <= 3; i++) { // one entry fills 38 bytes: adding 11 more reaches 45
            c.call(bulk(i + "-0"), "XADD", "s", i + "-0", "f", "aaaaaaaaaa");
        }
        List<Object> info = c.command("XINFO", "STREAM", "s").readArray();
        assertThat(info.subList(0, 6)).containsExactly("length", 3L, "radix-tree-keys", 3L, "radix-tree-nodes", 8L);
        c.call("+OK\r\n", "CONFIG", "SET", "stream-node-max-bytes", "4096", "stream-node-max-entries", "3");
        c.call(bulk("1-0"), "XADD", "t", "1-0", "f", "v");
        c.call(bulk("2-0"), "XADD", "t", "2-0", "f", "v");
        c.call(":1\r\n", "XDEL", "t", "1-0");
        c.call(bulk("3-0"), "XADD", "t", "3-0", "f", "v"); // a tombstone counts: the node is full at three
        c.call(bulk("4-0"), "XADD", "t", "4-0", "f", "v");
        assertThat(c.command("XINFO", "STREAM", "t").readArray().subList(2, 6))
                .containsExactly("radix-tree-keys", 2L, "radix-tree-nodes", 6L);
    }

    @Test
    void xinfoRefusesMissingKeysAndBadOptions(WireClient c) {
        c.call("-ERR no such key\r\n", "XINFO", "STREAM", "missing", "FOO");
        c.call(bulk("1-0"), "XADD", "s", "1-0", "f", "v");
        c.call("-ERR unknown subcommand or wrong number of arguments for 'STREAM'. Try XINFO HELP.\r\n",
                "XINFO", "STREAM", "s", "FULL", "COUNT");
        c.call("-ERR unknown subcommand or wrong number of arguments for 'stream'. Try XINFO HELP.\r\n",
                "xinfo", "stream", "s", "FOO");
        c.call("-ERR value is not an integer or out of range\r\n", "XINFO", "STREAM", "s", "FULL", "COUNT", "x");
        c.call("-ERR unknown subcommand 'FOO'. Try XINFO HELP.\r\n", "XINFO", "FOO", "s");
        c.call("-ERR wrong number of arguments for 'xinfo|stream' command\r\n", "XINFO", "STREAM");
        c.call("+OK\r\n", "SET", "str", "x");
        c.call("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "XINFO", "STREAM", "str");
        List<Object> help = c.command("XINFO", "HELP").readArray();
        assertThat(help).startsWith("XINFO <subcommand> [<arg> [value] [opt] ...]. Subcommands are:")
                .contains("STREAM <key> [FULL [COUNT <count>]");
    }

    @Test
    void xsetidSetsTheLastIdAndCountersButNeverBelowTheLastEntry(WireClient c) {
        c.call(bulk("1-0"), "XADD", "s", "1-0", "f", "v");
        c.call(bulk("3-0"), "XADD", "s", "3-0", "f", "v");
        c.call("-ERR The ID specified in XSETID is smaller than the target stream top item\r\n", "XSETID", "s", "2-0");
        c.call("-ERR The entries_added specified in XSETID is smaller than the target stream length\r\n",
                "XSETID", "s", "5-0", "ENTRIESADDED", "1");
        c.call("-ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id\r\n",
                "XSETID", "s", "5-0", "MAXDELETEDID", "6-0");
        c.call("-ERR entries_added must be positive\r\n", "XSETID", "s", "5-0", "ENTRIESADDED", "-1");
        c.call("-ERR syntax error\r\n", "XSETID", "s", "5-0", "ENTRIESADDED");
        c.call(INVALID_ID, "XSETID", "s", "+");
        c.call("-ERR no such key\r\n", "XSETID", "missing", "5-0");
        c.call("+OK\r\n", "XSETID", "s", "5-0", "ENTRIESADDED", "7", "MAXDELETEDID", "4-0");
        assertThat(c.command("XINFO", "STREAM", "s").readArray().subList(6, 14)).containsExactly(
                "last-generated-id", "5-0", "max-deleted-entry-id", "4-0", "entries-added", 7L,
                "recorded-first-entry-id", "1-0");
        c.call(NOT_AFTER_TOP, "XADD", "s", "5-0", "f", "v");
    }

    @Test
    void commandInfoDescribesTheStreamCommandsAsRedisDoes(WireClient c) {
        String[][] expected = {
                {"xadd", "-5", "write denyoom fast", "1", "1", "1"}, {"xrange", "-4", "readonly", "1", "1", "1"},
                {"xrevrange", "-4", "readonly", "1", "1", "1"}, {"xlen", "2", "readonly fast", "1", "1", "1"},
                {"xdel", "-3", "write fast", "1", "1", "1"}, {"xtrim", "-4", "write", "1", "1", "1"},
                {"xread", "-4", "readonly blocking movablekeys", "0", "0", "0"},
                {"xsetid", "-3", "write denyoom fast", "1", "1", "1"},
                {"xinfo|stream", "-3", "readonly", "2", "2", "1"}, {"xinfo|help", "2", "loading stale", "0", "0", "0"},
        };
        for (String[] command : expected) {
            @SuppressWarnings("unchecked")
            List<Object> info = (List<Object>) c.command("COMMAND", "INFO", command[0]).readArray().get(0);
            assertThat(info.subList(0, 6)).as(command[0]).containsExactly(command[0], Long.parseLong(command[1]),
                    List.of(command[2].split(" ")), Long.parseLong(command[3]), Long.parseLong(command[4]),
                    Long.parseLong(command[5]));
        }
    }

    /** XINFO STREAM's first seven fields, in RESP2 and RESP3 alike. */
    private static String info(String length, String keys, String nodes, String lastId, String maxDeleted,
                               String added, String firstId) {
        return bulk("length") + ":" + length + "\r\n" + bulk("radix-tree-keys") + ":" + keys + "\r\n"
                + bulk("radix-tree-nodes") + ":" + nodes + "\r\n" + bulk("last-generated-id") + bulk(lastId)
                + bulk("max-deleted-entry-id") + bulk(maxDeleted) + bulk("entries-added") + ":" + added + "\r\n"
                + bulk("recorded-first-entry-id") + bulk(firstId);
    }
}
