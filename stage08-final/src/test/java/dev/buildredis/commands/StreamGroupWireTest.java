// @step 20
package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.buildredis.commands.StreamReplies.array;
import static dev.buildredis.commands.StreamReplies.bulk;
import static dev.buildredis.commands.StreamReplies.entry;
import static dev.buildredis.commands.StreamReplies.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consumer groups: XGROUP, XREADGROUP, XACK, XPENDING, XCLAIM, XAUTOCLAIM, XINFO GROUPS and CONSUMERS, as Redis 7.0
 * answers them. Idle times depend on the clock, so they are read and bounded rather than spelled out.
 */
@WireTest
public class StreamGroupWireTest {

    private static final String E1 = entry("1-0", "a", "1");
    private static final String E2 = entry("2-0", "b", "2");
    private static final String E3 = entry("3-0", "c", "3");
    private static final String E4 = entry("4-0", "d", "4");

    @BeforeEach
    void fourEntriesAndAGroupAtTheStart(WireClient c) {
        c.call("+OK\r\n", "FLUSHALL");
        c.call(bulk("1-0"), "XADD", "s", "1-0", "a", "1");
        c.call(bulk("2-0"), "XADD", "s", "2-0", "b", "2");
        c.call(bulk("3-0"), "XADD", "s", "3-0", "c", "3");
        c.call(bulk("4-0"), "XADD", "s", "4-0", "d", "4");
        c.call("+OK\r\n", "XGROUP", "CREATE", "s", "g", "0");
    }

    @Test
    void xreadgroupDeliversEachNewEntryOnceAndKeepsItPendingForItsConsumer(WireClient c) {
        c.call(read("s", E1, E2), "XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "s", ">");
        c.call(read("s", E3), "XREADGROUP", "GROUP", "g", "bob", "COUNT", "1", "STREAMS", "s", ">");
        c.call("*4\r\n:3\r\n" + bulk("1-0") + bulk("3-0") + array(array(bulk("alice"), bulk("2")),
                array(bulk("bob"), bulk("1"))), "XPENDING", "s", "g");
        c.call(groups("g", 2, 3, "3-0", ":3\r\n", ":1\r\n"), "XINFO", "GROUPS", "s");
        c.call(read("s", E4), "XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s", ">");
        c.call("*-1\r\n", "XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">");
        c.call(groups("g", 2, 4, "4-0", ":4\r\n", ":0\r\n"), "XINFO", "GROUPS", "s");
    }

    @Test
    void aHistoryReadGivesTheConsumersOwnPendingEntriesAndANullForADeletedOne(WireClient c) {
        c.call(read("s", E1, E2), "XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "s", ">");
        c.call(":1\r\n", "XDEL", "s", "2-0");
        String deleted = array(bulk("2-0"), "*-1\r\n");
        c.call(read("s", E1, deleted), "XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "0");
        c.call(read("s", deleted), "XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "1-0");
        c.call(read("s"), "XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s", "0"); // bob has nothing pending
        List<Object> pending = c.command("XPENDING", "s", "g", "-", "+", "10").readArray();
        assertThat(column(pending, 3)).containsExactly(2L, 1L); // delivered again, but for the deleted one
        // bob exists now; the group's last ID, 2-0, is a tombstone: its lag cannot be known
        c.call(groups("g", 2, 2, "2-0", ":2\r\n", "$-1\r\n"), "XINFO", "GROUPS", "s");
    }

    @Test
    void aConsumerIsCreatedOnlyWhenItIsServed(WireClient c) {
        c.call(read("s", E1, E2, E3, E4), "XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">");
        c.call("*-1\r\n", "XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s", ">");
        c.call("*-1\r\n", "XREADGROUP", "GROUP", "g", "bob", "BLOCK", "10", "STREAMS", "s", ">");
        c.call("*0\r\n", "XCLAIM", "s", "g", "carol", "3600000", "1-0");  // not idle long enough
        c.call(array(bulk("0-0"), "*0\r\n", "*0\r\n"), "XAUTOCLAIM", "s", "g", "dave", "3600000", "0");
        assertThat(column(c.command("XINFO", "CONSUMERS", "s", "g").readArray(), 1))
                .containsExactly("alice");
        c.call(read("s"), "XREADGROUP", "GROUP", "g", "erin", "STREAMS", "s", "0"); // a history read creates it
        c.call(":0\r\n", "XGROUP", "CREATECONSUMER", "s", "g", "erin");
        c.call(":1\r\n", "XGROUP", "CREATECONSUMER", "s", "g", "frank");
        assertThat(column(c.command("XINFO", "CONSUMERS", "s", "g").readArray(), 1))
                .containsExactly("alice", "erin", "frank");
        c.call(":4\r\n", "XGROUP", "DELCONSUMER", "s", "g", "alice");
        c.call("*4\r\n:0\r\n$-1\r\n$-1\r\n*-1\r\n", "XPENDING", "s", "g");
    }

    @Test
    void noackReadsMoveTheGroupWithoutPendingEntries(WireClient c) {
        c.call(read("s", E1, E2), "XREADGROUP", "GROUP", "g", "carol", "NOACK", "COUNT", "2", "STREAMS", "s", ">");
        c.call("*4\r\n:0\r\n$-1\r\n$-1\r\n*-1\r\n", "XPENDING", "s", "g");
        c.call(groups("g", 1, 0, "2-0", ":2\r\n", ":2\r\n"), "XINFO", "GROUPS", "s");
    }

    @Test
    void xackRemovesPendingEntriesAndChecksEveryIdFirst(WireClient c) {
        c.call(read("s", E1, E2, E3, E4), "XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">");
        c.call("-ERR Invalid stream ID specified as stream command argument\r\n", "XACK", "s", "g", "1-0", "foo");
        c.call(":2\r\n", "XACK", "s", "g", "1-0", "3-0", "1-0", "9-0");
        c.call("*4\r\n:2\r\n" + bulk("2-0") + bulk("4-0") + array(array(bulk("alice"), bulk("2"))),
                "XPENDING", "s", "g");
        c.call(":0\r\n", "XACK", "s", "nogroup", "foo"); // no group: nothing to parse
        c.call(":0\r\n", "XACK", "missing", "g", "1-0");
    }

    @Test
    void xpendingListsEntriesInARangeForAConsumerAndAboveAnIdleTime(WireClient c) {
        c.call(read("s", E1, E2), "XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "s", ">");
        c.call(read("s", E3), "XREADGROUP", "GROUP", "g", "bob", "COUNT", "1", "STREAMS", "s", ">");
        List<Object> all = c.command("XPENDING", "s", "g", "-", "+", "10").readArray();
        assertThat(column(all, 0)).containsExactly("1-0", "2-0", "3-0");
        assertThat(column(all, 1)).containsExactly("alice", "alice", "bob");
        assertThat(column(all, 2)).allSatisfy(idle -> assertThat((Long) idle).isBetween(0L, 5_000L));
        assertThat(column(c.command("XPENDING", "s", "g", "(1-0", "+", "1").readArray(), 0)).containsExactly("2-0");
        assertThat(column(c.command("XPENDING", "s", "g", "-", "+", "10", "bob").readArray(), 0))
                .containsExactly("3-0");
        c.call("*0\r\n", "XPENDING", "s", "g", "-", "+", "10", "nobody");
        c.call("*0\r\n", "XPENDING", "s", "g", "IDLE", "3600000", "-", "+", "10");
        c.call("*0\r\n", "XPENDING", "s", "g", "-", "+", "-1");
        c.call("-ERR syntax error\r\n", "XPENDING", "s", "g", "-", "+");
        c.call("-ERR syntax error\r\n", "XPENDING", "s", "g", "IDLE", "5", "-", "+");
        c.call("-ERR syntax error\r\n", "XPENDING", "s", "g", "IDLE", "0", "-", "+", "10", "bob", "extra");
        c.call("-ERR value is not an integer or out of range\r\n", "XPENDING", "s", "g", "-", "+", "x");
        c.call("-ERR invalid start ID for the interval\r\n", "XPENDING", "s", "g",
                "(18446744073709551615-18446744073709551615", "+", "10");
        c.call("-NOGROUP No such key 's' or consumer group 'nogroup'\r\n", "XPENDING", "s", "nogroup");
        c.call("-NOGROUP No such key 'missing' or consumer group 'g'\r\n", "XPENDING", "missing", "g");
    }

    @Test
    void xclaimMovesIdleEntriesAndCountsDeliveriesAsAsked(WireClient c) {
        c.call(read("s", E1, E2, E3), "XREADGROUP", "GROUP", "g", "alice", "COUNT", "3", "STREAMS", "s", ">");
        c.call(array(E2), "XCLAIM", "s", "g", "bob", "0", "2-0");
        c.call(array(bulk("1-0")), "XCLAIM", "s", "g", "bob", "0", "1-0", "JUSTID"); // JUSTID: no new delivery
        c.call(array(bulk("3-0")), "XCLAIM", "s", "g", "bob", "0", "3-0", "RETRYCOUNT", "7", "IDLE", "5000", "JUSTID");
        List<Object> pending = c.command("XPENDING", "s", "g", "-", "+", "10").readArray();
        assertThat(column(pending, 1)).containsOnly("bob");
        assertThat(column(pending, 3)).containsExactly(1L, 2L, 7L);
        assertThat((Long) ((List<?>) pending.get(2)).get(2)).isBetween(5_000L, 10_000L);
        c.call("*0\r\n", "XCLAIM", "s", "g", "carol", "0", "4-0");               // not pending
        c.call(array(bulk("4-0")), "XCLAIM", "s", "g", "carol", "0", "4-0", "FORCE", "JUSTID");
        c.call("*0\r\n", "XCLAIM", "s", "g", "carol", "0", "9-0", "FORCE", "JUSTID"); // not in the stream
        c.call(":1\r\n", "XDEL", "s", "1-0");
        c.call("*0\r\n", "XCLAIM", "s", "g", "carol", "0", "1-0");               // deleted: dropped from the PEL
        c.call("*4\r\n:3\r\n" + bulk("2-0") + bulk("4-0") + array(array(bulk("bob"), bulk("2")),
                array(bulk("carol"), bulk("1"))), "XPENDING", "s", "g");
        c.call("*0\r\n", "XCLAIM", "s", "g", "carol", "0", "9-0", "LASTID", "9-0"); // moves the group only
        c.call(groups("g", 3, 3, "9-0", ":3\r\n", ":1\r\n"), "XINFO", "GROUPS", "s");
    }

    @Test
    void xclaimRefusesWhatRedisRefuses(WireClient c) {
        c.call("-ERR Invalid min-idle-time argument for XCLAIM\r\n", "XCLAIM", "s", "g", "bob", "x", "1-0");
        c.call("-ERR Unrecognized XCLAIM option 'foo'\r\n", "XCLAIM", "s", "g", "bob", "0", "1-0", "foo");
        c.call("-ERR Unrecognized XCLAIM option '1-0'\r\n", "XCLAIM", "s", "g", "bob", "0", "1-0", "JUSTID", "1-0");
        c.call("-ERR Unrecognized XCLAIM option 'IDLE'\r\n", "XCLAIM", "s", "g", "bob", "0", "1-0", "IDLE");
        c.call("-ERR Invalid IDLE option argument for XCLAIM\r\n", "XCLAIM", "s", "g", "bob", "0", "1-0", "IDLE", "x");
        c.call("-ERR Invalid TIME option argument for XCLAIM\r\n", "XCLAIM", "s", "g", "bob", "0", "1-0", "TIME", "x");
        c.call("-ERR Invalid RETRYCOUNT option argument for XCLAIM\r\n", "XCLAIM", "s", "g", "bob", "0", "1-0",
                "RETRYCOUNT", "x");
        c.call("-ERR Invalid stream ID specified as stream command argument\r\n", "XCLAIM", "s", "g", "bob", "0",
                "1-0", "LASTID", "foo");
        c.call("-NOGROUP No such key 's' or consumer group 'nogroup'\r\n", "XCLAIM", "s", "nogroup", "bob", "0", "1-0");
        c.call("+OK\r\n", "SET", "str", "x");
        c.call("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "XCLAIM", "str", "g", "b",
                "0", "1-0");
    }

    @Test
    void xautoclaimWalksThePelWithACursorAndReportsDeletedEntries(WireClient c) {
        c.call(read("s", E1, E2, E3, E4), "XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">");
        c.call(array(bulk("3-0"), array(E1, E2), "*0\r\n"), "XAUTOCLAIM", "s", "g", "bob", "0", "0", "COUNT", "2");
        c.call(":1\r\n", "XDEL", "s", "3-0");
        c.call(array(bulk("0-0"), array(bulk("4-0")), array(bulk("3-0"))),
                "XAUTOCLAIM", "s", "g", "bob", "0", "(2-0", "JUSTID");
        c.call(array(bulk("0-0"), "*0\r\n", "*0\r\n"), "XAUTOCLAIM", "s", "g", "carol", "3600000", "0");
        c.call("*4\r\n:3\r\n" + bulk("1-0") + bulk("4-0") + array(array(bulk("bob"), bulk("3"))), "XPENDING", "s", "g");
        c.call("-ERR COUNT must be > 0\r\n", "XAUTOCLAIM", "s", "g", "bob", "0", "0", "COUNT", "0");
        c.call("-ERR COUNT must be > 0\r\n", "XAUTOCLAIM", "s", "g", "bob", "0", "0", "COUNT", "576460752303423488");
        c.call("-ERR Insufficient memory, failed allocating transient memory, COUNT too high.\r\n",
                "XAUTOCLAIM", "s", "g", "bob", "0", "0", "COUNT", "92233720368547758"); // 1.5 EB of IDs set aside
        c.call("-ERR syntax error\r\n", "XAUTOCLAIM", "s", "g", "bob", "0", "0", "COUNT");
        c.call("-ERR Invalid min-idle-time argument for XAUTOCLAIM\r\n", "XAUTOCLAIM", "s", "g", "bob", "x", "0");
        c.call("-ERR invalid start ID for the interval\r\n", "XAUTOCLAIM", "s", "g", "bob", "0",
                "(18446744073709551615-18446744073709551615");
        c.call("-NOGROUP No such key 'missing' or consumer group 'g'\r\n", "XAUTOCLAIM", "missing", "g", "b", "0", "0");
    }

    @Test
    void xgroupCreatesSetsAndDestroysGroupsWithRedissErrors(WireClient c) {
        c.call("-BUSYGROUP Consumer Group name already exists\r\n", "XGROUP", "CREATE", "s", "g", "$");
        c.call("-ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the "
                + "MKSTREAM option to create an empty stream automatically.\r\n", "XGROUP", "CREATE", "new", "g", "$");
        c.call("+OK\r\n", "XGROUP", "CREATE", "new", "g", "$", "MKSTREAM");
        c.call(":0\r\n", "XLEN", "new");
        c.call("+OK\r\n", "XGROUP", "CREATE", "s", "later", "$", "ENTRIESREAD", "4");
        c.call("-ERR value for ENTRIESREAD must be positive or -1\r\n", "XGROUP", "CREATE", "s", "x", "0",
                "ENTRIESREAD", "-2");
        c.call("-ERR unknown subcommand or wrong number of arguments for 'CREATE'. Try XGROUP HELP.\r\n",
                "XGROUP", "CREATE", "s", "x", "0", "FOO");
        c.call("-ERR unknown subcommand or wrong number of arguments for 'setid'. Try XGROUP HELP.\r\n",
                "xgroup", "setid", "s", "g", "0", "MKSTREAM");
        c.call("-ERR Invalid stream ID specified as stream command argument\r\n", "XGROUP", "CREATE", "s", "x", "-");
        c.call("+OK\r\n", "XGROUP", "SETID", "s", "g", "-");
        c.call("+OK\r\n", "XGROUP", "SETID", "s", "g", "2-0", "ENTRIESREAD", "2");
        c.call(groups("g", 0, 0, "2-0", ":2\r\n", ":2\r\n") .replace("*1\r\n*12", "*2\r\n*12")
                + groups("later", 0, 0, "4-0", ":4\r\n", ":0\r\n").substring(4), "XINFO", "GROUPS", "s");
        c.call("-NOGROUP No such consumer group 'nogroup' for key name 's'\r\n", "XGROUP", "SETID", "s", "nogroup", "0");
        c.call(":1\r\n", "XGROUP", "DESTROY", "s", "g");
        c.call(":0\r\n", "XGROUP", "DESTROY", "s", "g");
        c.call("-ERR wrong number of arguments for 'xgroup|destroy' command\r\n", "XGROUP", "DESTROY", "s", "g", "x");
        c.call("-ERR unknown subcommand 'FOO'. Try XGROUP HELP.\r\n", "XGROUP", "FOO", "s", "g");
        assertThat(c.command("XGROUP", "HELP").readArray()).hasSize(17);
    }

    @Test
    void xreadgroupRefusesWhatRedisRefuses(WireClient c) {
        c.call("-NOGROUP No such key 's' or consumer group 'nogroup' in XREADGROUP with GROUP option\r\n",
                "XREADGROUP", "GROUP", "nogroup", "c", "STREAMS", "s", ">");
        c.call("-NOGROUP No such key 'missing' or consumer group 'g' in XREADGROUP with GROUP option\r\n",
                "XREADGROUP", "GROUP", "g", "c", "STREAMS", "missing", ">");
        c.call("-ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this "
                + "consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return "
                + "an empty result set.\r\n", "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "$");
        c.call("-ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.\r\n",
                "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "s", ">");
        c.call("-ERR Missing GROUP option for XREADGROUP\r\n", "XREADGROUP", "COUNT", "1", "BLOCK", "0", "STREAMS",
                "s", ">");
        c.call("-ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.\r\n",
                "XREAD", "GROUP", "g", "c", "STREAMS", "s", "0");
        c.call("-ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> "
                + "option.\r\n", "XREAD", "STREAMS", "s", ">");
    }

    @Test
    void lagIsUnknownWhenADeletedEntryLiesAheadOfTheGroup(WireClient c) {
        c.call(read("s", E1), "XREADGROUP", "GROUP", "g", "alice", "COUNT", "1", "STREAMS", "s", ">");
        c.call(":1\r\n", "XDEL", "s", "3-0");
        c.call(groups("g", 1, 1, "1-0", ":1\r\n", "$-1\r\n"), "XINFO", "GROUPS", "s");
        c.call(read("s", E2, E4), "XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">");
        c.call(groups("g", 1, 3, "4-0", ":4\r\n", ":0\r\n"), "XINFO", "GROUPS", "s");
        c.command("HELLO", "3").readReply();
        c.call("*1\r\n%6\r\n" + groupFields("g", 1, 3, "4-0", ":4\r\n", ":0\r\n"), "XINFO", "GROUPS", "s");
    }

    /** The {@code index}-th item of each row of an array of arrays (XPENDING's entries, XINFO's maps). */
    private static List<Object> column(List<Object> rows, int index) {
        return rows.stream().map(row -> ((List<?>) row).get(index)).map(Object.class::cast).toList();
    }

    /** XINFO GROUPS with one group, in RESP2. */
    private static String groups(String name, int consumers, int pending, String lastId, String entriesRead,
                                 String lag) {
        return "*1\r\n*12\r\n" + groupFields(name, consumers, pending, lastId, entriesRead, lag);
    }

    private static String groupFields(String name, int consumers, int pending, String lastId, String entriesRead,
                                      String lag) {
        return bulk("name") + bulk(name) + bulk("consumers") + ":" + consumers + "\r\n" + bulk("pending") + ":"
                + pending + "\r\n" + bulk("last-delivered-id") + bulk(lastId) + bulk("entries-read") + entriesRead
                + bulk("lag") + lag;
    }
}
