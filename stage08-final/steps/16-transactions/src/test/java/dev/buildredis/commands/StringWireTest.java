package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@WireTest
class StringWireTest {

    @BeforeEach
    void startEmpty(WireClient client) {
        client.call("+OK\r\n", "FLUSHALL");
    }

    @Test
    void setThenGetReturnsTheValue(WireClient c) {
        c.call("+OK\r\n", "SET", "k", "hello");
        c.call("$5\r\nhello\r\n", "GET", "k");
    }

    @Test
    void getOfAMissingKeyIsTheNullBulkString(WireClient c) {
        c.call("$-1\r\n", "GET", "nothing");
    }

    @Test
    void keysAndValuesAreBinarySafe(WireClient c) {
        c.call("+OK\r\n", "SET", "k\u0000\r\n\u00ff", "v\r\n\u0000");
        c.call("$4\r\nv\r\n\u0000\r\n", "GET", "k\u0000\r\n\u00ff");
    }

    @Test
    void setNxSetsOnlyAMissingKeyAndXxOnlyAnExistingOne(WireClient c) {
        c.call("$-1\r\n", "SET", "k", "1", "XX");
        c.call("+OK\r\n", "SET", "k", "1", "NX");
        c.call("$-1\r\n", "SET", "k", "2", "NX");
        c.call("+OK\r\n", "SET", "k", "3", "xx");
        c.call("$1\r\n3\r\n", "GET", "k");
    }

    @Test
    void setGetRepliesWithTheOldValue(WireClient c) {
        c.call("$-1\r\n", "SET", "k", "1", "GET");
        c.call("$1\r\n1\r\n", "SET", "k", "2", "GET");
        c.call("$1\r\n2\r\n", "SET", "k", "3", "NX", "GET");
        c.call("$1\r\n2\r\n", "GET", "k");
    }

    @Test
    void setGetOnAnotherTypeFailsAndChangesNothing(WireClient c) {
        c.call(":1\r\n", "RPUSH", "list", "a");
        c.call("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "SET", "list", "v", "GET");
        c.call("+list\r\n", "TYPE", "list");
    }

    @Test
    void conflictingOrUnknownSetOptionsAreSyntaxErrors(WireClient c) {
        c.call("-ERR syntax error\r\n", "SET", "k", "v", "NX", "XX");
        c.call("-ERR syntax error\r\n", "SET", "k", "v", "EX", "10", "PX", "100");
        c.call("-ERR syntax error\r\n", "SET", "k", "v", "KEEPTTL", "EX", "10");
        c.call("-ERR syntax error\r\n", "SET", "k", "v", "EX");
        c.call("-ERR syntax error\r\n", "SET", "k", "v", "FOREVER");
    }

    @Test
    void badExpireTimesAreRefusedWithRedisTexts(WireClient c) {
        c.call("-ERR invalid expire time in 'set' command\r\n", "SET", "k", "v", "EX", "0");
        c.call("-ERR invalid expire time in 'set' command\r\n", "SET", "k", "v", "PX", "-5");
        c.call("-ERR invalid expire time in 'set' command\r\n", "SET", "k", "v", "EX", "9223372036854775");
        c.call("-ERR value is not an integer or out of range\r\n", "SET", "k", "v", "EX", "1.5");
        c.call("-ERR invalid expire time in 'setex' command\r\n", "SETEX", "k", "0", "v");
        c.call(":0\r\n", "EXISTS", "k");
    }

    @Test
    void setExGivesAKeyATtlAndPlainSetRemovesIt(WireClient c) {
        c.call("+OK\r\n", "SET", "k", "v", "EX", "100");
        c.call(":100\r\n", "TTL", "k");
        c.call("+OK\r\n", "SET", "k", "v2", "KEEPTTL");
        c.call(":100\r\n", "TTL", "k");
        c.call("+OK\r\n", "SET", "k", "v3");
        c.call(":-1\r\n", "TTL", "k");
    }

    @Test
    void aDeadlineInThePastMakesTheKeyDisappear(WireClient c) {
        c.call("+OK\r\n", "SET", "k", "v", "PXAT", "1000");
        c.call("$-1\r\n", "GET", "k");
        c.call(":0\r\n", "EXISTS", "k");
    }

    @Test
    void setnxSetexAndPsetexReplyAsRedisDoes(WireClient c) {
        c.call(":1\r\n", "SETNX", "k", "a");
        c.call(":0\r\n", "SETNX", "k", "b");
        c.call("+OK\r\n", "SETEX", "e", "50", "v");
        c.call(":50\r\n", "TTL", "e");
        c.call("+OK\r\n", "PSETEX", "p", "50000", "v");
        c.call(":50\r\n", "TTL", "p");
    }

    @Test
    void getsetGetdelAndGetexWorkOnTheOldValue(WireClient c) {
        c.call("+OK\r\n", "SET", "k", "1", "EX", "100");
        c.call("$1\r\n1\r\n", "GETSET", "k", "2");
        c.call(":-1\r\n", "TTL", "k");
        c.call("$1\r\n2\r\n", "GETEX", "k", "EX", "30");
        c.call(":30\r\n", "TTL", "k");
        c.call("$1\r\n2\r\n", "GETEX", "k", "PERSIST");
        c.call(":-1\r\n", "TTL", "k");
        c.call("$1\r\n2\r\n", "GETDEL", "k");
        c.call("$-1\r\n", "GETDEL", "k");
        c.call("-ERR syntax error\r\n", "GETEX", "k", "PERSIST", "EX", "1");
    }

    @Test
    void getexChecksItsExpireTimeOnlyOnceTheKeyHoldsAString(WireClient c) {
        c.call("$-1\r\n", "GETEX", "missing", "PXAT", "0");
        c.call("$-1\r\n", "GETEX", "missing", "EX", "abc");
        c.call("-ERR syntax error\r\n", "GETEX", "missing", "EX", "0", "BOGUS");
        c.call(":1\r\n", "RPUSH", "list", "a");
        c.call("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "GETEX", "list", "EX", "0");
        c.call("+OK\r\n", "SET", "k", "v");
        c.call("-ERR invalid expire time in 'getex' command\r\n", "GETEX", "k", "PXAT", "0");
        c.call("-ERR value is not an integer or out of range\r\n", "GETEX", "k", "EX", "abc");
    }

    @Test
    void incrementsCountFromZeroAndKeepTheTtl(WireClient c) {
        c.call(":1\r\n", "INCR", "n");
        c.call(":11\r\n", "INCRBY", "n", "10");
        c.call(":10\r\n", "DECR", "n");
        c.call(":-10\r\n", "DECRBY", "n", "20");
        c.call(":1\r\n", "EXPIRE", "n", "100");
        c.call(":-9\r\n", "INCR", "n");
        c.call(":100\r\n", "TTL", "n");
    }

    @Test
    void incrementErrorsUseRedisTexts(WireClient c) {
        c.call("+OK\r\n", "SET", "s", "abc");
        c.call("-ERR value is not an integer or out of range\r\n", "INCR", "s");
        c.call("-ERR value is not an integer or out of range\r\n", "INCRBY", "n", "1.5");
        c.call("+OK\r\n", "SET", "max", "9223372036854775807");
        c.call("-ERR increment or decrement would overflow\r\n", "INCR", "max");
        c.call("-ERR decrement would overflow\r\n", "DECRBY", "n", "-9223372036854775808");
        c.call("+OK\r\n", "SET", "spaced", " 1");
        c.call("-ERR value is not an integer or out of range\r\n", "INCR", "spaced");
    }

    @Test
    void incrementsReachBothEndsOfALongAndNoFurther(WireClient c) {
        c.call("+OK\r\n", "SET", "n", "1");
        c.call(":9223372036854775807\r\n", "INCRBY", "n", "9223372036854775806");
        c.call("-ERR increment or decrement would overflow\r\n", "INCRBY", "n", "1");
        c.call(":9223372036854775807\r\n", "INCRBY", "n", "0");
        c.call("+OK\r\n", "SET", "n", "-1");
        c.call(":-9223372036854775808\r\n", "INCRBY", "n", "-9223372036854775807");
        c.call("-ERR increment or decrement would overflow\r\n", "DECR", "n");
        c.call(":-1\r\n", "INCRBY", "n", "9223372036854775807");
        c.call(":9223372036854775806\r\n", "INCRBY", "n", "9223372036854775807");
    }

    @Test
    void setKeepttlReplacesTheValueAndKeepsTheTtlAndGetexWithoutOptionsKeepsItToo(WireClient c) {
        c.call("+OK\r\n", "SET", "k", "v", "EX", "100");
        c.call("+OK\r\n", "SET", "k", "w", "KEEPTTL");
        c.call("$1\r\nw\r\n", "GET", "k");
        c.call(":100\r\n", "TTL", "k");
        c.call("$1\r\nw\r\n", "GETEX", "k");
        c.call(":100\r\n", "TTL", "k");
    }

    @Test
    void incrbyfloatPrintsTheShortestDecimal(WireClient c) {
        c.call("$4\r\n10.5\r\n", "INCRBYFLOAT", "f", "10.5");
        c.call("$4\r\n10.6\r\n", "INCRBYFLOAT", "f", "0.1");
        c.call("$4\r\n5010\r\n", "INCRBYFLOAT", "f", "4.9994e3");
        c.call("-ERR value is not a valid float\r\n", "INCRBYFLOAT", "f", "abc");
        c.call("-ERR increment would produce NaN or Infinity\r\n", "INCRBYFLOAT", "f", "inf");
        c.call("+OK\r\n", "SET", "s", "x");
        c.call("-ERR value is not a valid float\r\n", "INCRBYFLOAT", "s", "1");
    }

    @Test
    void incrbyfloatComputesInLongDoubleSoBeyondTheDoubleRangeIsANumberWithAllItsDigits(WireClient c) {
        c.call("+OK\r\n", "SET", "k", "1e308");
        c.call("$309\r\n199999999999999999993371759311691291321120199694831134415594095989843469737676123744200253843777078640893494450108026446304269499187921167194841628860392837535918200039206381557326219209014213335878306791577877829121087126122536729803237260434173178506889763247582601711514636284849020905456510092687857156096\r\n", "INCRBYFLOAT", "k", "1e308");
        c.call("+OK\r\n", "SET", "k", "1e30");
        c.call("$31\r\n1000000000000000000024696061952\r\n", "INCRBYFLOAT", "k", "1");
        c.call("+OK\r\n", "SET", "k", "0.1");
        c.call("$3\r\n0.3\r\n", "INCRBYFLOAT", "k", "0.2");
        c.call("$3\r\n0.3\r\n", "INCRBYFLOAT", "k", "1e-20");
        // 2^-18 is 0.000003814697265625: %.17Lf rounds the tie at the 18th decimal to even
        c.call("$19\r\n0.00000381469726562\r\n", "INCRBYFLOAT", "t", "0x1p-18");
    }

    @Test
    void incrbyfloatReadsWhatStrtoldReads(WireClient c) {
        c.call("$2\r\n16\r\n", "INCRBYFLOAT", "hex", "0x10");
        c.call("$4\r\n16.5\r\n", "INCRBYFLOAT", "hex", "0X1P-1");
        c.call("$1\r\n0\r\n", "INCRBYFLOAT", "tiny", "4e-4951"); // a long double, far below 17 decimals
        c.call("$1\r\n5\r\n", "INCRBYFLOAT", "plain", "+.5e1");
        for (String refused : new String[] {"1e4933", "1e-4952", "1e99999999999999999999", "0x", "0x1p", "1e", "nan",
                "-nan", " 1", "1 ", "1\u0000", "", ".", "+", "infinit", "1d"}) {
            c.call("-ERR value is not a valid float\r\n", "INCRBYFLOAT", "k", refused);
        }
        c.call(":0\r\n", "EXISTS", "k");
    }

    @Test
    void incrbyfloatRefusesOnlyResultsBeyondTheLongDoubleRange(WireClient c) {
        c.call("+OK\r\n", "SET", "k", "1.18973149535723176502e4932");
        c.call("-ERR increment would produce NaN or Infinity\r\n", "INCRBYFLOAT", "k", "1e4931");
        c.call("-ERR increment would produce NaN or Infinity\r\n", "INCRBYFLOAT", "k", "-Infinity");
        c.call("$27\r\n1.18973149535723176502e4932\r\n", "GET", "k");
    }

    @Test
    void appendAndStrlenMeasureBytes(WireClient c) {
        c.call(":3\r\n", "APPEND", "k", "abc");
        c.call(":6\r\n", "APPEND", "k", "d\u00e9f");
        c.call(":6\r\n", "STRLEN", "k");
        c.call(":0\r\n", "STRLEN", "missing");
        c.call("$6\r\nabcd\u00e9f\r\n", "GET", "k");
    }

    @Test
    void getrangeClampsItsIndexesAsRedisDoes(WireClient c) {
        c.call("+OK\r\n", "SET", "k", "Hello World");
        c.call("$5\r\nHello\r\n", "GETRANGE", "k", "0", "4");
        c.call("$5\r\nWorld\r\n", "GETRANGE", "k", "-5", "-1");
        c.call("$11\r\nHello World\r\n", "GETRANGE", "k", "-100", "100");
        c.call("$0\r\n\r\n", "GETRANGE", "k", "5", "2");
        c.call("$0\r\n\r\n", "GETRANGE", "k", "-1", "-5");
        c.call("$0\r\n\r\n", "GETRANGE", "missing", "0", "-1");
    }

    @Test
    void getrangeAtTheEdgesOfTheString(WireClient c) {
        c.call("+OK\r\n", "SET", "k", "hello");
        c.call("$5\r\nhello\r\n", "GETRANGE", "k", "0", "5");
        c.call("$1\r\no\r\n", "GETRANGE", "k", "4", "4");
        c.call("$0\r\n\r\n", "GETRANGE", "k", "5", "5");
        c.call("$1\r\no\r\n", "GETRANGE", "k", "-1", "-1");
        c.call("$1\r\nh\r\n", "GETRANGE", "k", "-5", "-5");
        c.call("$1\r\nh\r\n", "GETRANGE", "k", "0", "-6");
        c.call("$1\r\nh\r\n", "GETRANGE", "k", "-6", "0");
        c.call("$0\r\n\r\n", "GETRANGE", "k", "-2", "-3");
        c.call("$0\r\n\r\n", "GETRANGE", "k", "-2", "-2000");
    }

    @Test
    void setrangePadsWithZeroBytes(WireClient c) {
        c.call(":8\r\n", "SETRANGE", "k", "5", "abc");
        c.call("$8\r\n\u0000\u0000\u0000\u0000\u0000abc\r\n", "GET", "k");
        c.call(":8\r\n", "SETRANGE", "k", "0", "");
        c.call(":0\r\n", "SETRANGE", "missing", "3", "");
        c.call(":0\r\n", "EXISTS", "missing");
        c.call("-ERR offset is out of range\r\n", "SETRANGE", "k", "-1", "x");
        c.call("-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n", "SETRANGE", "k", "536870911", "xy");
    }

    @Test
    void msetAndMgetWorkOnManyKeysAndMgetShowsOtherTypesAsNull(WireClient c) {
        c.call("+OK\r\n", "MSET", "a", "1", "b", "2");
        c.call(":1\r\n", "RPUSH", "list", "x");
        c.call("*4\r\n$1\r\n1\r\n$1\r\n2\r\n$-1\r\n$-1\r\n", "MGET", "a", "b", "list", "missing");
        c.call("-ERR wrong number of arguments for 'mset' command\r\n", "MSET", "a", "1", "b");
        c.call(":0\r\n", "MSETNX", "c", "3", "a", "9");
        c.call(":0\r\n", "EXISTS", "c");
        c.call(":1\r\n", "MSETNX", "c", "3", "d", "4");
    }

    @Test
    void stringCommandsOnAnotherTypeAnswerWrongtype(WireClient c) {
        c.call(":1\r\n", "SADD", "set", "a");
        String wrongType = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
        for (String[] command : new String[][] {{"GET", "set"}, {"INCR", "set"}, {"APPEND", "set", "x"},
                {"STRLEN", "set"}, {"GETRANGE", "set", "0", "1"}, {"SETRANGE", "set", "0", "x"},
                {"INCRBYFLOAT", "set", "1"}, {"GETDEL", "set"}, {"GETSET", "set", "x"}}) {
            c.call(wrongType, command);
        }
        assertThat(c.command("SMEMBERS", "set").readReply()).isEqualTo(java.util.List.of("a"));
    }
    @Test
    void aKeyIsNeverConfusedWithAKeyThatStartsWithItOrWithItsValue(WireClient c) {
        c.call("+OK\r\n", "SET", "a", "b");
        c.call(":0\r\n", "EXISTS", "ab");
        c.call("$-1\r\n", "GET", "ab");
        c.call("+OK\r\n", "SET", "ab", "c");
        c.call("$1\r\nb\r\n", "GET", "a");
        c.call("$1\r\nc\r\n", "GET", "ab");
        c.call("+OK\r\n", "SET", "", "value of the empty key");
        c.call("$22\r\nvalue of the empty key\r\n", "GET", "");
        assertThat(c.command("KEYS", "*").readReply()).asList().containsExactlyInAnyOrder("a", "ab", "");
    }

    @Test
    void aShortStringTurnsRawWhenChangedInPlaceAndKeepsItsValueAndTtl(WireClient c) {
        c.call("+OK\r\n", "SET", "k", "abc", "EX", "100");
        c.call("$6\r\nembstr\r\n", "OBJECT", "ENCODING", "k");
        c.call(":6\r\n", "APPEND", "k", "def");
        c.call("$3\r\nraw\r\n", "OBJECT", "ENCODING", "k");
        c.call("$6\r\nabcdef\r\n", "GET", "k");
        c.call(":6\r\n", "SETRANGE", "k", "0", "X");
        c.call("$6\r\nXbcdef\r\n", "GET", "k");
        c.call(":1\r\n", "EXPIRE", "k", "100", "XX");
        c.call("+OK\r\n", "SET", "k", "v", "KEEPTTL");
        c.call("$6\r\nembstr\r\n", "OBJECT", "ENCODING", "k");
        c.call(":8\r\n", "SETRANGE", "k", "7", "!");
        c.call("$8\r\nv\u0000\u0000\u0000\u0000\u0000\u0000!\r\n", "GET", "k");
        c.call(":1\r\n", "EXPIRE", "k", "100", "XX");
    }

    @Test
    void stringsOfFortyFourBytesAreEmbstrAndLongerOnesRawAsInRedis(WireClient c) {
        String limit = "x".repeat(44);
        c.call("+OK\r\n", "SET", "k", limit);
        c.call("$6\r\nembstr\r\n", "OBJECT", "ENCODING", "k");
        c.call("$44\r\n" + limit + "\r\n", "GET", "k");
        c.call("+OK\r\n", "SET", "k", limit + "y");
        c.call("$3\r\nraw\r\n", "OBJECT", "ENCODING", "k");
        c.call("$45\r\n" + limit + "y\r\n", "GET", "k");
        c.call("+OK\r\n", "SET", "k", "12345");
        c.call("$3\r\nint\r\n", "OBJECT", "ENCODING", "k");
        c.call(":12346\r\n", "INCR", "k");
        c.call("+OK\r\n", "RENAME", "k", "moved");
        c.call("$5\r\n12346\r\n", "GET", "moved");
        c.call(":1\r\n", "COPY", "moved", "copy");
        c.call(":12347\r\n", "INCR", "copy");
        c.call("$5\r\n12346\r\n", "GET", "moved");
    }
}
