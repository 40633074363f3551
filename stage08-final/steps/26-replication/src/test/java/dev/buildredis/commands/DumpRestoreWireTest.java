package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DUMP and RESTORE: the payload's exact bytes (Redis 7.0's encoding of the value, version 10, CRC64), the options,
 * and the errors in the order Redis checks them. Payloads move between servers in DumpInteropTest.
 */
@WireTest
class DumpRestoreWireTest {

    /** SET k 1: an int8 string, version 10, its CRC64. */
    private static final String INT = "\u0000\u00c0\u0001\n\u0000&x\u00e7\u00b6\u00d1\u0001\u0011\u00fc";

    /** Each test on a connection of its own, in a database of its own, emptied first. */
    private static void fresh(WireClient c) {
        c.call("+OK\r\n", "SELECT", "11");
        c.call("+OK\r\n", "FLUSHDB");
    }

    private static String bulk(String payload) {
        return "$" + payload.length() + "\r\n" + payload + "\r\n";
    }

    @Test
    void dumpOfAMissingKeyIsNull(WireClient c) {
        fresh(c);
        c.call("$-1\r\n", "DUMP", "d:none");
    }

    @Test
    void dumpWritesEachTypeInTheEncodingRedisHoldsItIn(WireClient c) {
        fresh(c);
        c.call("+OK\r\n", "SET", "d:s", "1");
        c.call(bulk(INT), "DUMP", "d:s");
        c.call("+OK\r\n", "SET", "d:t", "hello");
        c.call(bulk("\u0000\u0005hello\n\u0000cr\u00dfve4 \n"), "DUMP", "d:t");
        c.call(":3\r\n", "RPUSH", "d:l", "a", "b", "3"); // a quicklist of one listpack node
        c.call(bulk("\u0012\u0001\u0002\u000f\u000f\u0000\u0000\u0000\u0003\u0000\u0081a\u0002\u0081b\u0002\u0003"
                + "\u0001\u00ff\n\u0000\u00dc\u00a1\u00e6}P\u0005PH"), "DUMP", "d:l");
        c.call(":1\r\n", "HSET", "d:h", "f", "v"); // a listpack
        c.call(bulk("\u0010\r\r\u0000\u0000\u0000\u0002\u0000\u0081f\u0002\u0081v\u0002\u00ff\n\u0000 \u00f1=D#T"
                + "\u0008\u009d"), "DUMP", "d:h");
        c.call(":2\r\n", "SADD", "d:si", "1", "2"); // an intset of 16-bit members
        c.call(bulk("\u000b\u000c\u0002\u0000\u0000\u0000\u0002\u0000\u0000\u0000\u0001\u0000\u0002\u0000\n\u0000oy8"
                + "\u00b14\u00eb ."), "DUMP", "d:si");
        c.call(":2\r\n", "ZADD", "d:z", "1", "a", "2.5", "b"); // a listpack: member, score as an integer or text
        c.call(bulk("\u0011\u0014\u0014\u0000\u0000\u0000\u0004\u0000\u0081a\u0002\u0001\u0001\u0081b\u0002\u00832.5"
                + "\u0004\u00ff\n\u0000\u00d4Ln\u00a4\u00f6D\u00d9\u00d7"), "DUMP", "d:z");
    }

    @Test
    void restoreMakesTheKeyWithItsTtl(WireClient c) {
        fresh(c);
        c.call("+OK\r\n", "RESTORE", "d:r", "100000", INT);
        c.call("$1\r\n1\r\n", "GET", "d:r");
        assertThat((Long) c.command("PTTL", "d:r").readReply()).isBetween(90_000L, 100_000L);
        c.call("+OK\r\n", "RESTORE", "d:forever", "0", INT);
        c.call(":-1\r\n", "PTTL", "d:forever");
    }

    @Test
    void anExistingKeyIsReplacedOnlyWithReplace(WireClient c) {
        fresh(c);
        c.call("+OK\r\n", "SET", "d:r", "old");
        c.call("-BUSYKEY Target key name already exists.\r\n", "RESTORE", "d:r", "0", INT);
        c.call("+OK\r\n", "RESTORE", "d:r", "0", INT, "REPLACE");
        c.call("$1\r\n1\r\n", "GET", "d:r");
    }

    @Test
    void anAbsoluteTtlInThePastRestoresNothingAndReplaceStillDeletes(WireClient c) {
        fresh(c);
        c.call("+OK\r\n", "RESTORE", "d:r", "1", INT, "ABSTTL");
        c.call(":0\r\n", "EXISTS", "d:r");
        c.call("+OK\r\n", "SET", "d:r", "old");
        c.call("+OK\r\n", "RESTORE", "d:r", "1", INT, "ABSTTL", "REPLACE");
        c.call(":0\r\n", "EXISTS", "d:r");
    }

    @Test
    void idletimeSetsTheKeysIdleTime(WireClient c) {
        fresh(c);
        c.call("+OK\r\n", "RESTORE", "d:r", "0", "\u0000\u0005hello\n\u0000cr\u00dfve4 \n", "IDLETIME", "1000");
        assertThat((Long) c.command("OBJECT", "IDLETIME", "d:r").readReply()).isBetween(1000L, 1002L);
    }

    @Test
    void optionsAreCheckedBeforeTheKeyTheTtlAndThePayload(WireClient c) {
        fresh(c);
        c.call("+OK\r\n", "SET", "d:r", "old");
        c.call("-ERR syntax error\r\n", "RESTORE", "d:r", "-1", "x", "FOO");
        c.call("-ERR syntax error\r\n", "RESTORE", "d:r", "0", INT, "IDLETIME");
        c.call("-ERR value is not an integer or out of range\r\n", "RESTORE", "d:r", "0", INT, "IDLETIME", "x");
        c.call("-ERR Invalid IDLETIME value, must be >= 0\r\n", "RESTORE", "d:r", "0", INT, "IDLETIME", "-1");
        c.call("-ERR Invalid FREQ value, must be >= 0 and <= 255\r\n", "RESTORE", "d:r", "0", INT, "FREQ", "256");
        c.call("-ERR syntax error\r\n", "RESTORE", "d:r", "0", INT, "FREQ", "1", "IDLETIME", "1");
        c.call("-BUSYKEY Target key name already exists.\r\n", "RESTORE", "d:r", "-1", "x");
        c.call("-ERR value is not an integer or out of range\r\n", "RESTORE", "d:new", "abc", "x");
        c.call("-ERR Invalid TTL value, must be >= 0\r\n", "RESTORE", "d:new", "-1", "x");
        c.call("-ERR wrong number of arguments for 'restore' command\r\n", "RESTORE", "d:new", "0");
    }

    @Test
    void aPayloadWithAWrongVersionOrChecksumOrValueIsRefused(WireClient c) {
        fresh(c);
        String wrong = "-ERR DUMP payload version or checksum are wrong\r\n";
        c.call(wrong, "RESTORE", "d:r", "0", "short");
        c.call(wrong, "RESTORE", "d:r", "0", INT.substring(0, INT.length() - 1) + "x"); // the CRC
        c.call(wrong, "RESTORE", "d:r", "0", "\u0000\u00c0\u0001\u000b\u0000" + INT.substring(5)); // version 11
        // a valid CRC over a type this server and Redis 7.0 cannot read
        c.call("-ERR Bad data format\r\n", "RESTORE", "d:r", "0", "c\u0001a\n\u0000S\u00c0\u00fb\u00df\u00ba\u00b5"
                + "\u00ae\u0006");
        c.call(":0\r\n", "EXISTS", "d:r");
    }

    @Test
    void dumpAndRestoreCopyEveryTypeWithinTheServer(WireClient c) {
        fresh(c);
        c.call(":3\r\n", "RPUSH", "d:l", "a", "1", "x".repeat(100));
        c.call(":1\r\n", "HSET", "d:h", "f", "v");
        c.call(":2\r\n", "SADD", "d:s", "a", "b");
        c.call(":2\r\n", "ZADD", "d:z", "1.5", "a", "-2", "b");
        c.call("+OK\r\n", "SET", "d:t", "y".repeat(100)); // LZF-compressed in the payload
        for (String key : List.of("d:l", "d:h", "d:s", "d:z", "d:t")) {
            String payload = (String) c.command("DUMP", key).readReply();
            c.call("+OK\r\n", "RESTORE", key + ":copy", "0", payload);
            if (key.equals("d:s")) { // a set of strings is a hash table: its order, and so its payload, may differ
                assertThat(c.command("SMEMBERS", key + ":copy").readArray()).containsExactlyInAnyOrder("a", "b");
            } else {
                assertThat(c.command("DUMP", key + ":copy").readReply()).as(key).isEqualTo(payload);
            }
        }
    }

    @Test
    void theCommandsAreDescribedAsRedisDescribesThem(WireClient c) {
        List<Object> info = c.command("COMMAND", "INFO", "dump", "restore", "move", "swapdb").readArray();
        assertThat(head(info.get(0))).containsExactly("dump", 2L, List.of("readonly"), 1L, 1L, 1L);
        assertThat(head(info.get(1))).containsExactly("restore", -4L, List.of("write", "denyoom"), 1L, 1L, 1L);
        assertThat(head(info.get(2))).containsExactly("move", 3L, List.of("write", "fast"), 1L, 1L, 1L);
        assertThat(head(info.get(3))).containsExactly("swapdb", 3L, List.of("write", "fast"), 0L, 0L, 0L);
    }

    /** Name, arity, flags, first key, last key, step. */
    @SuppressWarnings("unchecked")
    static List<Object> head(Object commandInfo) {
        return ((List<Object>) commandInfo).subList(0, 6);
    }
}
