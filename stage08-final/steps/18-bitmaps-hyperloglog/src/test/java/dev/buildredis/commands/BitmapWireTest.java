package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD and BITFIELD_RO, byte for byte as redis-server 7.0 answers. */
@WireTest
class BitmapWireTest {

    private static final String OFFSET_ERROR = "-ERR bit offset is not an integer or out of range\r\n";
    private static final String TYPE_ERROR = "-ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is"
            + " not supported but i64 is.\r\n";
    private static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

    @BeforeEach
    void startEmpty(WireClient c) {
        c.call("+OK\r\n", "FLUSHALL");
    }

    @AfterEach
    void restoreTheLimit(WireClient c) {
        c.call("+OK\r\n", "CONFIG", "SET", "proto-max-bulk-len", "512mb");
    }

    @Test
    void setbitAnswersTheOldBitAndGrowsTheStringWithZeroBytes(WireClient c) {
        c.call(":0\r\n", "SETBIT", "k", "7", "1");
        c.call("$1\r\n\u0001\r\n", "GET", "k");
        c.call(":1\r\n", "SETBIT", "k", "7", "1");
        c.call(":0\r\n", "SETBIT", "k", "17", "1");
        c.call("$3\r\n\u0001\u0000\u0040\r\n", "GET", "k");
        c.call(":1\r\n", "SETBIT", "k", "7", "0");
        c.call("$3\r\n\u0000\u0000\u0040\r\n", "GET", "k");
        c.call(":0\r\n", "SETBIT", "k", "39", "0");
        c.call(":5\r\n", "STRLEN", "k");
    }

    @Test
    void setbitWorksOnAnyStringAndLeavesItRawWithItsTtl(WireClient c) {
        c.call("+OK\r\n", "SET", "n", "12345");
        c.call("$3\r\nint\r\n", "OBJECT", "ENCODING", "n");
        c.call(":0\r\n", "SETBIT", "n", "0", "0"); // changes nothing, yet the string is Redis's "raw" from now on
        c.call("$3\r\nraw\r\n", "OBJECT", "ENCODING", "n");
        c.call("$5\r\n12345\r\n", "GET", "n");
        c.call(":1\r\n", "EXPIRE", "n", "100");
        c.call(":1\r\n", "SETBIT", "n", "2", "0"); // '1' is 00110001
        c.call("$5\r\n\u00112345\r\n", "GET", "n");
        c.call(":100\r\n", "TTL", "n");
    }

    @Test
    void getbitIsZeroPastTheEndAndForAMissingKey(WireClient c) {
        c.call("+OK\r\n", "SET", "k", "\u00ff");
        c.call(":1\r\n", "GETBIT", "k", "0");
        c.call(":1\r\n", "GETBIT", "k", "7");
        c.call(":0\r\n", "GETBIT", "k", "8");
        c.call(":0\r\n", "GETBIT", "k", "4294967295");
        c.call(":0\r\n", "GETBIT", "missing", "100");
        c.call(":0\r\n", "EXISTS", "missing");
    }

    @Test
    void getbitReadsTheDigitsOfAnIntegerString(WireClient c) {
        c.call("+OK\r\n", "SET", "n", "12"); // '1' is 00110001
        c.call(":0\r\n", "GETBIT", "n", "1");
        c.call(":1\r\n", "GETBIT", "n", "2");
        c.call(":1\r\n", "GETBIT", "n", "7");
    }

    @Test
    void aBitOffsetIsANonNegativeIntegerBelowFourGigabits(WireClient c) {
        for (String offset : new String[] {"-1", "4294967296", "x", "1.5", " 1", "+1", "01", "", "#1"}) {
            c.call(OFFSET_ERROR, "SETBIT", "k", offset, "1");
            c.call(OFFSET_ERROR, "GETBIT", "k", offset);
        }
        c.call(":0\r\n", "EXISTS", "k");
    }

    @Test
    void aBitOffsetMustFallWithinProtoMaxBulkLen(WireClient c) {
        c.call("+OK\r\n", "CONFIG", "SET", "proto-max-bulk-len", "1048576");
        c.call(OFFSET_ERROR, "SETBIT", "k", "8388608", "1");
        c.call(OFFSET_ERROR, "GETBIT", "k", "8388608");
        c.call(OFFSET_ERROR, "BITFIELD", "k", "GET", "u8", "#1048576");
        c.call(":0\r\n", "SETBIT", "k", "8388607", "1");
        c.call(":1048576\r\n", "STRLEN", "k");
        c.call("*1\r\n:128\r\n", "BITFIELD", "k", "SET", "u8", "8388607", "1"); // may end past the limit
        c.call(":1048577\r\n", "STRLEN", "k");
    }

    @Test
    void aBitToSetIsZeroOrOne(WireClient c) {
        for (String bit : new String[] {"2", "-1", "x", "1.0"}) {
            c.call("-ERR bit is not an integer or out of range\r\n", "SETBIT", "k", "0", bit);
        }
        c.call(OFFSET_ERROR, "SETBIT", "k", "-1", "2"); // the offset is checked first
    }

    @Test
    void everyBitCommandRefusesAKeyOfAnotherType(WireClient c) {
        c.call(":1\r\n", "RPUSH", "l", "a");
        c.call(WRONGTYPE, "SETBIT", "l", "0", "1");
        c.call(WRONGTYPE, "GETBIT", "l", "0");
        c.call(WRONGTYPE, "BITCOUNT", "l");
        c.call(WRONGTYPE, "BITPOS", "l", "1");
        c.call(WRONGTYPE, "BITOP", "AND", "d", "l");
        c.call(WRONGTYPE, "BITFIELD", "l", "GET", "u8", "0");
        c.call(WRONGTYPE, "BITFIELD", "l", "SET", "u8", "0", "1");
        c.call(WRONGTYPE, "BITFIELD_RO", "l", "GET", "u8", "0");
        c.call("+OK\r\n", "SET", "s", "ab");
        c.call(":2\r\n", "BITOP", "OR", "l", "s", "missing"); // a destination of another type is replaced
        c.call("$2\r\nab\r\n", "GET", "l");
    }

    @Test
    void bitcountCountsTheWholeStringOrARangeOfBytesOrBits(WireClient c) {
        c.call("+OK\r\n", "SET", "s", "foobar");
        c.call(":26\r\n", "BITCOUNT", "s");
        c.call(":4\r\n", "BITCOUNT", "s", "0", "0");
        c.call(":6\r\n", "BITCOUNT", "s", "1", "1");
        c.call(":6\r\n", "BITCOUNT", "s", "1", "1", "byte");
        c.call(":17\r\n", "BITCOUNT", "s", "5", "30", "BIT");
        c.call(":7\r\n", "BITCOUNT", "s", "-2", "-1");
        c.call(":26\r\n", "BITCOUNT", "s", "-100", "100");
        c.call(":26\r\n", "BITCOUNT", "s", "0", "-1", "bit");
        c.call(":0\r\n", "BITCOUNT", "s", "-1", "-2");
        c.call(":0\r\n", "BITCOUNT", "s", "9223372036854775807", "-1");
        c.call(":26\r\n", "BITCOUNT", "s", "-9223372036854775808", "-1", "bit");
        c.call(":1\r\n", "BITCOUNT", "s", "1", "1", "bit");
    }

    @Test
    void bitcountChecksItsArgumentsOnlyOnceTheKeyExists(WireClient c) {
        c.call(":0\r\n", "BITCOUNT", "missing", "a", "b");
        c.call(":0\r\n", "BITCOUNT", "missing", "0", "1", "foo");
        c.call("+OK\r\n", "SET", "s", "foobar");
        c.call("-ERR value is not an integer or out of range\r\n", "BITCOUNT", "s", "a", "b");
        c.call("-ERR syntax error\r\n", "BITCOUNT", "s", "0");
        c.call("-ERR syntax error\r\n", "BITCOUNT", "s", "0", "1", "bits");
        c.call("-ERR syntax error\r\n", "BITCOUNT", "s", "0", "1", "byte", "x");
        c.call(":0\r\n", "BITCOUNT", "s", "-1", "-2", "foo"); // an empty range of negatives answers first
    }

    @Test
    void bitposFindsTheFirstSetOrClearBitInARange(WireClient c) {
        c.call("+OK\r\n", "SET", "s", "\u00ff\u00f0\u0000");
        c.call(":12\r\n", "BITPOS", "s", "0");
        c.call(":0\r\n", "BITPOS", "s", "1");
        c.call(":16\r\n", "BITPOS", "s", "0", "2", "-1");
        c.call(":-1\r\n", "BITPOS", "s", "1", "2", "-1");
        c.call(":-1\r\n", "BITPOS", "s", "0", "0", "0");
        c.call(":12\r\n", "BITPOS", "s", "0", "12", "15", "BIT");
        c.call(":3\r\n", "BITPOS", "s", "1", "3", "3", "bit");
        c.call(":-1\r\n", "BITPOS", "s", "0", "1", "1", "bit");
        c.call(":12\r\n", "BITPOS", "s", "0", "0", "9223372036854775807", "bit");
        c.call(":16\r\n", "BITPOS", "s", "0", "-1");
        c.call(":-1\r\n", "BITPOS", "s", "1", "-1");
    }

    @Test
    void withoutAnEndAClearBitIsFoundJustPastTheString(WireClient c) {
        c.call("+OK\r\n", "SET", "ones", "\u00ff\u00ff\u00ff");
        c.call(":24\r\n", "BITPOS", "ones", "0");
        c.call(":24\r\n", "BITPOS", "ones", "0", "1");
        c.call(":24\r\n", "BITPOS", "ones", "0", "-100");
        c.call(":-1\r\n", "BITPOS", "ones", "0", "0", "-1");
        c.call(":-1\r\n", "BITPOS", "ones", "0", "0", "-1", "bit");
        c.call(":-1\r\n", "BITPOS", "ones", "0", "100");
        c.call("+OK\r\n", "SET", "zeros", "\u0000\u0000");
        c.call(":-1\r\n", "BITPOS", "zeros", "1");
        c.call("+OK\r\n", "SET", "empty", "");
        c.call(":-1\r\n", "BITPOS", "empty", "0");
        c.call(":-1\r\n", "BITPOS", "empty", "1");
    }

    @Test
    void aMissingKeyIsAnEndlessRunOfClearBits(WireClient c) {
        c.call(":0\r\n", "BITPOS", "missing", "0");
        c.call(":-1\r\n", "BITPOS", "missing", "1");
        c.call(":-1\r\n", "BITPOS", "missing", "1", "a"); // the range is not read for a missing key
    }

    @Test
    void bitposChecksTheBitThenTheKeyThenTheRange(WireClient c) {
        c.call("-ERR The bit argument must be 1 or 0.\r\n", "BITPOS", "missing", "2");
        c.call("-ERR value is not an integer or out of range\r\n", "BITPOS", "missing", "a");
        c.call("+OK\r\n", "SET", "s", "\u00ff");
        c.call("-ERR value is not an integer or out of range\r\n", "BITPOS", "s", "1", "a");
        c.call("-ERR value is not an integer or out of range\r\n", "BITPOS", "s", "0", "3", "bit");
        c.call("-ERR syntax error\r\n", "BITPOS", "s", "1", "0", "a", "foo"); // the unit before the end
        c.call("-ERR syntax error\r\n", "BITPOS", "s", "1", "0", "-1", "byte", "x");
    }

    @Test
    void bitopAndOrXorNotTreatAShorterStringAsPaddedWithZeros(WireClient c) {
        c.call("+OK\r\n", "SET", "a", "\u00ff\u000f");
        c.call("+OK\r\n", "SET", "b", "\u000f");
        c.call(":2\r\n", "BITOP", "AND", "d", "a", "b");
        c.call("$2\r\n\u000f\u0000\r\n", "GET", "d");
        c.call(":2\r\n", "BITOP", "or", "d", "a", "b");
        c.call("$2\r\n\u00ff\u000f\r\n", "GET", "d");
        c.call(":2\r\n", "BITOP", "Xor", "d", "a", "b");
        c.call("$2\r\n\u00f0\u000f\r\n", "GET", "d");
        c.call(":2\r\n", "BITOP", "NOT", "d", "a");
        c.call("$2\r\n\u0000\u00f0\r\n", "GET", "d");
        c.call(":2\r\n", "BITOP", "AND", "d", "a", "missing");
        c.call("$2\r\n\u0000\u0000\r\n", "GET", "d");
        c.call(":2\r\n", "BITOP", "OR", "a", "a");
        c.call("$2\r\n\u00ff\u000f\r\n", "GET", "a");
    }

    @Test
    void bitopStoresARawStringAndDropsTheDestinationsTtl(WireClient c) {
        c.call("+OK\r\n", "SET", "n", "123");
        c.call("+OK\r\n", "SET", "d", "x", "EX", "100");
        c.call(":3\r\n", "BITOP", "NOT", "d", "n");
        c.call("$3\r\n\u00ce\u00cd\u00cc\r\n", "GET", "d");
        c.call("$3\r\nraw\r\n", "OBJECT", "ENCODING", "d");
        c.call(":-1\r\n", "TTL", "d");
    }

    @Test
    void bitopDeletesTheDestinationWhenTheResultIsEmpty(WireClient c) {
        c.call("+OK\r\n", "SET", "d", "x");
        c.call(":0\r\n", "BITOP", "OR", "d", "missing");
        c.call(":0\r\n", "EXISTS", "d");
        c.call("+OK\r\n", "SET", "e", "");
        c.call(":0\r\n", "BITOP", "AND", "d", "e", "missing");
        c.call(":0\r\n", "EXISTS", "d");
    }

    @Test
    void bitopRefusesAnUnknownOperationAndNotOfSeveralKeys(WireClient c) {
        c.call("-ERR syntax error\r\n", "BITOP", "NAND", "d", "a", "b");
        c.call("-ERR BITOP NOT must be called with a single source key.\r\n", "BITOP", "NOT", "d", "a", "b");
        c.call("-ERR wrong number of arguments for 'bitop' command\r\n", "BITOP", "NOT", "d");
    }

    @Test
    void bitfieldSetAnswersTheOldValueAndGetReadsAnyWidth(WireClient c) {
        c.call("*0\r\n", "BITFIELD", "k");
        c.call("*1\r\n:0\r\n", "BITFIELD", "k", "GET", "u8", "0");
        c.call(":0\r\n", "EXISTS", "k"); // a GET creates nothing
        c.call("*1\r\n:0\r\n", "BITFIELD", "k", "SET", "u8", "0", "255");
        c.call("$1\r\n\u00ff\r\n", "GET", "k");
        c.call("*5\r\n:255\r\n:-1\r\n:15\r\n:-1\r\n:1\r\n", "BITFIELD", "k", "GET", "u8", "0", "get", "i8", "0",
                "GET", "u4", "4", "GET", "i4", "4", "GET", "u1", "0");
        c.call("*2\r\n:0\r\n:-1\r\n", "BITFIELD", "k", "SET", "i64", "8", "-1", "GET", "i64", "8");
        c.call("*2\r\n:9223372036854775807\r\n:255\r\n", "BITFIELD", "k", "GET", "u63", "8", "GET", "u8", "#1");
        c.call(":9\r\n", "STRLEN", "k");
    }

    @Test
    void bitfieldIncrbyAnswersTheNewValueUnderEachOverflowRule(WireClient c) {
        c.call("*1\r\n:250\r\n", "BITFIELD", "k", "INCRBY", "u8", "0", "250");
        c.call("*1\r\n:4\r\n", "BITFIELD", "k", "INCRBY", "u8", "0", "10");
        c.call("*2\r\n:255\r\n:0\r\n", "BITFIELD", "k", "OVERFLOW", "SAT", "INCRBY", "u8", "0", "300", "INCRBY",
                "u8", "0", "-300");
        c.call("*2\r\n$-1\r\n:0\r\n", "BITFIELD", "k", "OVERFLOW", "FAIL", "INCRBY", "u8", "0", "256", "GET", "u8",
                "0");
        c.call("*1\r\n:-56\r\n", "BITFIELD", "k", "OVERFLOW", "WRAP", "INCRBY", "i8", "0", "200");
        c.call("*2\r\n:-56\r\n:127\r\n", "BITFIELD", "k", "SET", "i8", "0", "0", "OVERFLOW", "SAT", "INCRBY", "i8", "0",
                "1000");
        c.call("*1\r\n:-128\r\n", "BITFIELD", "k", "INCRBY", "i8", "0", "1");
    }

    @Test
    void bitfieldOverflowsAtTheEdgesOfI64AndU63(WireClient c) {
        c.call("*4\r\n:0\r\n:9223372036854775807\r\n:-1\r\n:-9223372036854775808\r\n", "BITFIELD", "k", "OVERFLOW",
                "SAT", "INCRBY", "i64", "0", "0", "INCRBY", "i64", "0", "9223372036854775807", "INCRBY", "i64", "0",
                "-9223372036854775808", "INCRBY", "i64", "0", "-9223372036854775808");
        c.call("*2\r\n:-9223372036854775808\r\n:-1\r\n", "BITFIELD", "k", "SET", "i64", "0", "-1", "GET", "i64", "0");
        // u63 from bit 1 of -2 is 2^63 - 2; adding 2^63 - 1 wraps to 2^63 - 3
        c.call("*2\r\n:-2\r\n:9223372036854775805\r\n", "BITFIELD", "k", "OVERFLOW", "WRAP", "INCRBY", "i64", "0",
                "-1", "INCRBY", "u63", "1", "9223372036854775807");
        c.call("*5\r\n:-3\r\n:9223372036854775807\r\n$-1\r\n:9223372036854775806\r\n$-1\r\n", "BITFIELD", "k",
                "SET", "i64", "0", "0", "OVERFLOW", "FAIL", "INCRBY", "u63", "0", "9223372036854775807", "INCRBY",
                "u63", "0", "1", "INCRBY", "u63", "0", "-1", "INCRBY", "u63", "0", "-9223372036854775808");
        c.call("*6\r\n:-4\r\n:0\r\n:7\r\n:-1\r\n:3\r\n:-4\r\n", "BITFIELD", "k", "SET", "i64", "0", "0", "OVERFLOW",
                "SAT", "SET", "u63", "0", "-1", "SET", "u3", "0", "-1", "SET", "i3", "0", "100", "SET", "i3", "0",
                "-100", "GET", "i3", "0");
    }

    @Test
    void bitfieldChecksEverySubcommandBeforeRunningAny(WireClient c) {
        c.call("-ERR syntax error\r\n", "BITFIELD", "k", "SET", "u8", "0", "1", "GET", "u8");
        c.call("-ERR syntax error\r\n", "BITFIELD", "k", "SET", "u8", "0", "1", "FOO", "u8", "0");
        c.call("-ERR syntax error\r\n", "BITFIELD", "k", "OVERFLOW");
        c.call("-ERR Invalid OVERFLOW type specified\r\n", "BITFIELD", "k", "OVERFLOW", "what");
        c.call("-ERR value is not an integer or out of range\r\n", "BITFIELD", "k", "SET", "u8", "0", "1.5");
        for (String type : new String[] {"u64", "i65", "i0", "x8", "U8", "I8", "u08", "u+8", "i", "u", "u-1"}) {
            c.call(TYPE_ERROR, "BITFIELD", "k", "SET", "u8", "0", "1", "GET", type, "0");
        }
        for (String offset : new String[] {"-1", "#-1", "#", "##1", "a", "#01", "#1 ", "4294967296"}) {
            c.call(OFFSET_ERROR, "BITFIELD", "k", "SET", "u8", "0", "1", "GET", "u8", offset);
        }
        c.call(":0\r\n", "EXISTS", "k");
    }

    @Test
    void aFieldNumberIsMultipliedByTheWidthAndWrapsAsInRedis(WireClient c) {
        c.call("+OK\r\n", "SET", "k", "\u00ff\u0001");
        c.call("*1\r\n:1\r\n", "BITFIELD", "k", "GET", "u8", "#1");
        c.call(OFFSET_ERROR, "BITFIELD", "k", "GET", "u8", "#536870912");
        c.call(OFFSET_ERROR, "BITFIELD", "k", "GET", "u8", "#1152921504606846976"); // 2^63: negative
        c.call("*1\r\n:255\r\n", "BITFIELD", "k", "GET", "u8", "#2305843009213693952"); // 2^64: bit 0
    }

    @Test
    void bitfieldRoTakesOnlyGet(WireClient c) {
        c.call("+OK\r\n", "SET", "k", "\u00ff");
        c.call("*1\r\n:255\r\n", "BITFIELD_RO", "k", "GET", "u8", "0");
        c.call("*1\r\n:0\r\n", "BITFIELD_RO", "missing", "GET", "u8", "0");
        c.call("*0\r\n", "BITFIELD_RO", "k", "OVERFLOW", "SAT");
        c.call("-ERR BITFIELD_RO only supports the GET subcommand\r\n", "BITFIELD_RO", "k", "SET", "u8", "0", "1");
        c.call("-ERR BITFIELD_RO only supports the GET subcommand\r\n", "BITFIELD_RO", "k", "GET", "u8", "0",
                "INCRBY", "u8", "0", "1");
        c.call("-ERR syntax error\r\n", "BITFIELD_RO", "k", "foo");
    }

    @Test
    void aFailedIncrbyStillLeavesTheNewZeroedString(WireClient c) {
        c.call("*1\r\n$-1\r\n", "BITFIELD", "k", "OVERFLOW", "FAIL", "INCRBY", "u2", "0", "5");
        c.call("$1\r\n\u0000\r\n", "GET", "k");
        c.call("*1\r\n:0\r\n", "BITFIELD", "z", "INCRBY", "u2", "100", "0");
        c.call(":13\r\n", "STRLEN", "z");
    }

    @Test
    void aFailedIncrbyIsANullInResp3Too(WireClient c) {
        c.command("HELLO", "3").readReply();
        c.call("*2\r\n_\r\n:0\r\n", "BITFIELD", "k", "OVERFLOW", "FAIL", "INCRBY", "u2", "0", "5", "GET", "u2", "0");
    }

    @Test
    void watchSeesOnlyBitsThatChanged(WireClient c, WireClient other) {
        c.call("+OK\r\n", "SET", "k", "\u0000");
        c.call("+OK\r\n", "WATCH", "k");
        other.call(":0\r\n", "SETBIT", "k", "0", "0");
        other.call("*1\r\n:0\r\n", "BITFIELD", "k", "SET", "u8", "0", "0");
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "PING");
        c.call("*1\r\n+PONG\r\n", "EXEC");
        c.call("+OK\r\n", "WATCH", "k");
        other.call(":0\r\n", "SETBIT", "k", "100", "0"); // the same bit, but the string grew
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "PING");
        c.call("*-1\r\n", "EXEC");
    }

    @Test
    void commandInfoDescribesTheBitCommandsAsRedisDoes(WireClient c) {
        List<Object> info = c.command("COMMAND", "INFO", "setbit", "getbit", "bitcount", "bitpos", "bitop",
                "bitfield", "bitfield_ro").readArray();
        List<Object> heads = info.stream().map(command -> (Object) ((List<?>) command).subList(0, 6)).toList();
        assertThat(heads).containsExactly(
                List.of("setbit", 4L, List.of("write", "denyoom"), 1L, 1L, 1L),
                List.of("getbit", 3L, List.of("readonly", "fast"), 1L, 1L, 1L),
                List.of("bitcount", -2L, List.of("readonly"), 1L, 1L, 1L),
                List.of("bitpos", -3L, List.of("readonly"), 1L, 1L, 1L),
                List.of("bitop", -4L, List.of("write", "denyoom"), 2L, -1L, 1L),
                List.of("bitfield", -2L, List.of("write", "denyoom"), 1L, 1L, 1L),
                List.of("bitfield_ro", -2L, List.of("readonly", "fast"), 1L, 1L, 1L));
    }
}
