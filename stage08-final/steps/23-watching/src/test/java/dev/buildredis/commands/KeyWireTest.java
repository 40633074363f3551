package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@WireTest
class KeyWireTest {

    private static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

    @BeforeEach
    void startEmpty(WireClient client) {
        client.call("+OK\r\n", "FLUSHALL");
    }

    @Test
    void delAndExistsCountKeysAndExistsCountsRepeats(WireClient c) {
        c.call("+OK\r\n", "MSET", "a", "1", "b", "2");
        c.call(":3\r\n", "EXISTS", "a", "a", "b", "c");
        c.call(":2\r\n", "DEL", "a", "b", "c");
        c.call(":0\r\n", "UNLINK", "a");
        c.call(":0\r\n", "EXISTS", "a", "b");
    }

    @Test
    void typeNamesEveryDataType(WireClient c) {
        c.call("+OK\r\n", "SET", "s", "v");
        c.call(":1\r\n", "RPUSH", "l", "v");
        c.call(":1\r\n", "HSET", "h", "f", "v");
        c.call(":1\r\n", "SADD", "st", "v");
        c.call(":1\r\n", "ZADD", "z", "1", "v");
        c.call("+string\r\n", "TYPE", "s");
        c.call("+list\r\n", "TYPE", "l");
        c.call("+hash\r\n", "TYPE", "h");
        c.call("+set\r\n", "TYPE", "st");
        c.call("+zset\r\n", "TYPE", "z");
        c.call("+none\r\n", "TYPE", "missing");
    }

    @Test
    void objectEncodingFollowsRedis70Thresholds(WireClient c) {
        c.call("+OK\r\n", "MSET", "int", "12345", "short", "hello", "long", "x".repeat(45));
        c.call("$3\r\nint\r\n", "OBJECT", "ENCODING", "int");
        c.call("$6\r\nembstr\r\n", "OBJECT", "ENCODING", "short");
        c.call("$3\r\nraw\r\n", "OBJECT", "ENCODING", "long");
        c.call(":2\r\n", "SADD", "ints", "1", "2");
        c.call("$6\r\nintset\r\n", "OBJECT", "ENCODING", "ints");
        c.call(":1\r\n", "SADD", "ints", "x");
        c.call("$9\r\nhashtable\r\n", "OBJECT", "ENCODING", "ints");
        c.call(":1\r\n", "HSET", "h", "f", "v");
        c.call("$8\r\nlistpack\r\n", "OBJECT", "ENCODING", "h");
        c.call(":1\r\n", "ZADD", "z", "1", "m");
        c.call("$8\r\nlistpack\r\n", "OBJECT", "ENCODING", "z");
        c.call("$-1\r\n", "OBJECT", "ENCODING", "missing");
    }

    @Test
    void stringsFollowRedisSharedIntegersAndIncrbyfloatKeepsText(WireClient c) {
        int shared = Integer.MAX_VALUE; // OBJECT REFCOUNT of one of Redis's shared objects for 0..9999
        c.call("+OK\r\n", "MSET", "small", "10", "big", "10000", "negative", "-1");
        c.call(":" + shared + "\r\n", "OBJECT", "REFCOUNT", "small");
        c.call(":1\r\n", "OBJECT", "REFCOUNT", "big");
        c.call(":1\r\n", "OBJECT", "REFCOUNT", "negative");
        c.call(":1\r\n", "INCR", "counter");
        c.call(":" + shared + "\r\n", "OBJECT", "REFCOUNT", "counter");
        c.call(":1\r\n", "COPY", "small", "copy");
        c.call("$3\r\nint\r\n", "OBJECT", "ENCODING", "copy");
        c.call(":1\r\n", "OBJECT", "REFCOUNT", "copy"); // a duplicate of its own
        c.call("$1\r\n2\r\n", "INCRBYFLOAT", "float", "2");
        c.call("$6\r\nembstr\r\n", "OBJECT", "ENCODING", "float"); // text, though it reads as an integer
        c.call(":1\r\n", "OBJECT", "REFCOUNT", "float");
        c.call(":1\r\n", "SETRANGE", "raw", "0", "5");
        c.call(":1\r\n", "COPY", "raw", "rawcopy");
        c.call("$3\r\nraw\r\n", "OBJECT", "ENCODING", "rawcopy");
    }

    @Test
    void renameMovesTheValueWithItsTtl(WireClient c) {
        c.call("+OK\r\n", "SET", "a", "v", "EX", "100");
        c.call("+OK\r\n", "SET", "b", "old");
        c.call("+OK\r\n", "RENAME", "a", "b");
        c.call("$1\r\nv\r\n", "GET", "b");
        c.call(":100\r\n", "TTL", "b");
        c.call(":0\r\n", "EXISTS", "a");
        c.call("-ERR no such key\r\n", "RENAME", "a", "c");
        c.call("+OK\r\n", "RENAME", "b", "b");
    }

    @Test
    void renamenxRefusesAnExistingDestination(WireClient c) {
        c.call("+OK\r\n", "MSET", "a", "1", "b", "2");
        c.call(":0\r\n", "RENAMENX", "a", "b");
        c.call(":1\r\n", "RENAMENX", "a", "c");
        c.call(":0\r\n", "RENAMENX", "c", "c");
    }

    @Test
    void copyCopiesDeeplyAcrossDatabases(WireClient c) {
        c.call(":2\r\n", "RPUSH", "l", "a", "b");
        c.call(":1\r\n", "COPY", "l", "l2");
        c.call(":3\r\n", "RPUSH", "l2", "c");
        c.call(":2\r\n", "LLEN", "l");
        c.call(":0\r\n", "COPY", "l", "l2");
        c.call(":1\r\n", "COPY", "l", "l2", "REPLACE");
        c.call(":2\r\n", "LLEN", "l2");
        c.call(":1\r\n", "COPY", "l", "l", "DB", "3");
        c.call("-ERR source and destination objects are the same\r\n", "COPY", "l", "l");
        c.call("-ERR DB index is out of range\r\n", "COPY", "l", "x", "DB", "16");
        c.call(":0\r\n", "COPY", "missing", "x");
        c.call("+OK\r\n", "SELECT", "3");
        c.call(":2\r\n", "LLEN", "l");
    }

    @Test
    void expireAndItsConditions(WireClient c) {
        c.call("+OK\r\n", "SET", "k", "v");
        c.call(":0\r\n", "EXPIRE", "k", "100", "XX");
        c.call(":0\r\n", "EXPIRE", "k", "100", "GT");
        c.call(":1\r\n", "EXPIRE", "k", "100", "NX");
        c.call(":0\r\n", "EXPIRE", "k", "200", "NX");
        c.call(":0\r\n", "EXPIRE", "k", "50", "GT");
        c.call(":1\r\n", "EXPIRE", "k", "200", "GT");
        c.call(":0\r\n", "EXPIRE", "k", "300", "LT");
        c.call(":1\r\n", "PEXPIRE", "k", "150000", "LT");
        c.call(":150\r\n", "TTL", "k");
        c.call(":0\r\n", "EXPIRE", "missing", "100");
    }

    @Test
    void expireOptionErrorsUseRedisTexts(WireClient c) {
        c.call("-ERR NX and XX, GT or LT options at the same time are not compatible\r\n", "EXPIRE", "k", "1", "NX", "XX");
        c.call("-ERR GT and LT options at the same time are not compatible\r\n", "EXPIRE", "k", "1", "GT", "LT");
        c.call("-ERR Unsupported option FOO\r\n", "EXPIRE", "k", "1", "FOO");
        c.call("-ERR value is not an integer or out of range\r\n", "EXPIRE", "k", "soon");
        c.call("-ERR invalid expire time in 'expire' command\r\n", "EXPIRE", "k", "9223372036854775807");
    }

    @Test
    void aDeadlineAlreadyPassedDeletesTheKeyAtOnce(WireClient c) {
        c.call("+OK\r\n", "SET", "k", "v");
        c.call(":1\r\n", "EXPIREAT", "k", "1");
        c.call(":0\r\n", "EXISTS", "k");
        c.call("+OK\r\n", "SET", "k", "v");
        c.call(":1\r\n", "EXPIRE", "k", "-1");
        c.call(":0\r\n", "EXISTS", "k");
    }

    @Test
    void anUnsupportedExpireOptionIsQuotedUpToItsFirstZeroByte(WireClient c) {
        c.call("-ERR Unsupported option x\r\n", "EXPIRE", "k", "1", "x\u0000\r\n");
    }

    @Test
    void expiretimeRoundsTheLatestDeadlineWithoutOverflow(WireClient c) {
        c.call("+OK\r\n", "SET", "k", "v");
        c.call(":1\r\n", "PEXPIREAT", "k", "9223372036854775807");
        c.call(":9223372036854776\r\n", "EXPIRETIME", "k");
        c.call(":9223372036854775807\r\n", "PEXPIRETIME", "k");
        c.call(":1\r\n", "PEXPIREAT", "k", "9223372036854775300");
        c.call(":9223372036854775\r\n", "EXPIRETIME", "k");
    }

    @Test
    void ttlPttlAndExpiretimeTellMissingFromPersistent(WireClient c) {
        c.call(":-2\r\n", "TTL", "missing");
        c.call(":-2\r\n", "PTTL", "missing");
        c.call(":-2\r\n", "EXPIRETIME", "missing");
        c.call("+OK\r\n", "SET", "k", "v");
        c.call(":-1\r\n", "TTL", "k");
        c.call(":-1\r\n", "PEXPIRETIME", "k");
        c.call(":1\r\n", "PEXPIREAT", "k", "33177117420000");
        c.call(":33177117420\r\n", "EXPIRETIME", "k");
        c.call(":33177117420000\r\n", "PEXPIRETIME", "k");
        c.call(":1\r\n", "PERSIST", "k");
        c.call(":0\r\n", "PERSIST", "k");
        c.call(":-1\r\n", "TTL", "k");
    }

    @Test
    void aFullScanReturnsEveryKeyWhileTheTableGrows(WireClient c) {
        Set<String> original = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            c.call("+OK\r\n", "SET", "key:" + i, "v");
            original.add("key:" + i);
        }
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        int added = 0;
        do {
            List<?> reply = (List<?>) c.command("SCAN", cursor, "COUNT", "7").readReply();
            cursor = (String) reply.get(0);
            for (Object key : (List<?>) reply.get(1)) {
                seen.add((String) key);
            }
            for (int i = 0; i < 20; i++) { // grow the table while the scan goes on
                c.call("+OK\r\n", "SET", "new:" + added++, "v");
            }
        } while (!cursor.equals("0"));
        assertThat(seen).containsAll(original);
    }

    @Test
    void scanFiltersByPatternAndType(WireClient c) {
        c.call("+OK\r\n", "MSET", "user:1", "a", "user:2", "b", "other", "c");
        c.call(":1\r\n", "RPUSH", "user:list", "x");
        assertThat(scanAll(c, "MATCH", "user:*")).containsExactlyInAnyOrder("user:1", "user:2", "user:list");
        assertThat(scanAll(c, "MATCH", "user:*", "TYPE", "list")).containsExactly("user:list");
        c.call("-ERR syntax error\r\n", "SCAN", "0", "COUNT", "0");
        c.call("-ERR invalid cursor\r\n", "SCAN", "abc");
        c.call("-ERR syntax error\r\n", "SCAN", "0", "FOO", "bar");
    }

    @Test
    void scanCursorsAreReadAsStrtoulReadsThem(WireClient c) {
        for (String zero : new String[] {"", "-0", "+0", "000", "\u00001"}) {
            c.call("*2\r\n$1\r\n0\r\n*0\r\n", "SCAN", zero);
        }
        for (String last : new String[] {"18446744073709551615", "-1", "-18446744073709551615", "+5", "007", "1\u0000x"}) {
            c.call("*2\r\n$1\r\n0\r\n*0\r\n", "SCAN", last); // an empty keyspace: done at once
        }
        for (String invalid : new String[] {"18446744073709551616", "-18446744073709551616", "99999999999999999999999",
                "abc", " 1", "1 ", "0x10", "1.5", "-", "+", "\t0"}) {
            c.call("-ERR invalid cursor\r\n", "SCAN", invalid);
            c.call("-ERR invalid cursor\r\n", "SSCAN", "s", invalid);
            c.call("-ERR invalid cursor\r\n", "HSCAN", "h", invalid);
            c.call("-ERR invalid cursor\r\n", "ZSCAN", "z", invalid);
        }
    }

    @Test
    void aCursorOfTwoToTheSixtyFourMinusOneEndsTheScanOfASmallCollection(WireClient c) {
        c.call(":1\r\n", "HSET", "h", "f", "v");
        c.call(":1\r\n", "ZADD", "z", "1", "m");
        c.call(":2\r\n", "SADD", "ints", "1", "2");
        c.call("*2\r\n$1\r\n0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n", "HSCAN", "h", "18446744073709551615");
        c.call("*2\r\n$1\r\n0\r\n*2\r\n$1\r\nm\r\n$1\r\n1\r\n", "ZSCAN", "z", "-1");
        c.call("*2\r\n$1\r\n0\r\n*2\r\n$1\r\n1\r\n$1\r\n2\r\n", "SSCAN", "ints", "18446744073709551615");
        c.call("*2\r\n$1\r\n0\r\n*0\r\n", "SSCAN", "missing", "18446744073709551615");
    }

    @Test
    void aScanOfAKeyLooksTheKeyUpAfterTheCursorAndBeforeTheOptions(WireClient c) {
        String empty = "*2\r\n$1\r\n0\r\n*0\r\n";
        c.call(empty, "HSCAN", "missing", "0", "BOGUS");
        c.call(empty, "SSCAN", "missing", "0", "COUNT", "0");
        c.call(empty, "ZSCAN", "missing", "0", "MATCH");
        c.call("-ERR invalid cursor\r\n", "HSCAN", "missing", "abc", "BOGUS");
        c.call("+OK\r\n", "SET", "str", "v");
        c.call("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "SSCAN", "str", "0", "BOGUS");
        c.call(":1\r\n", "ZADD", "z", "1", "m");
        c.call("-ERR syntax error\r\n", "ZSCAN", "z", "0", "BOGUS");
    }

    private static List<String> scanAll(WireClient c, String... options) {
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        do {
            String[] command = new String[options.length + 2];
            command[0] = "SCAN";
            command[1] = cursor;
            System.arraycopy(options, 0, command, 2, options.length);
            List<?> reply = (List<?>) c.command(command).readReply();
            cursor = (String) reply.get(0);
            ((List<?>) reply.get(1)).forEach(k -> keys.add((String) k));
        } while (!cursor.equals("0"));
        return keys;
    }

    @Test
    void keysMatchesGlobPatterns(WireClient c) {
        c.call("+OK\r\n", "MSET", "hello", "1", "hallo", "2", "hxllo", "3", "heeeello", "4", "h*llo", "5");
        assertThat(c.command("KEYS", "h?llo").readArray())
                .containsExactlyInAnyOrder("hello", "hallo", "hxllo", "h*llo");
        assertThat(c.command("KEYS", "h[ae]llo").readArray()).containsExactlyInAnyOrder("hello", "hallo");
        assertThat(c.command("KEYS", "h[^e]llo").readArray())
                .containsExactlyInAnyOrder("hallo", "hxllo", "h*llo");
        assertThat(c.command("KEYS", "h\\*llo").readArray()).containsExactly("h*llo");
        assertThat(c.command("KEYS", "*").readArray()).hasSize(5);
    }

    @Test
    void randomkeyAndDbsizeOnAnEmptyAndAFilledDatabase(WireClient c) {
        c.call("$-1\r\n", "RANDOMKEY");
        c.call(":0\r\n", "DBSIZE");
        c.call("+OK\r\n", "SET", "only", "v");
        c.call("$4\r\nonly\r\n", "RANDOMKEY");
        c.call(":1\r\n", "DBSIZE");
    }

    @Test
    void selectSeparatesDatabasesAndFlushdbEmptiesOnlyTheSelectedOne(WireClient c) {
        c.call("+OK\r\n", "SET", "k", "zero");
        c.call("+OK\r\n", "SELECT", "15");
        c.call("$-1\r\n", "GET", "k");
        c.call("+OK\r\n", "SET", "k", "fifteen");
        c.call("+OK\r\n", "FLUSHDB");
        c.call(":0\r\n", "DBSIZE");
        c.call("+OK\r\n", "SELECT", "0");
        c.call("$4\r\nzero\r\n", "GET", "k");
        c.call("-ERR DB index is out of range\r\n", "SELECT", "16");
        c.call("-ERR value is not an integer or out of range\r\n", "SELECT", "one");
        c.call("-ERR syntax error\r\n", "FLUSHDB", "LATER");
    }

    @Test
    void keyCommandsOnWrongTypesAnswerWrongtype(WireClient c) {
        c.call(":1\r\n", "RPUSH", "l", "a");
        c.call(WRONGTYPE, "HGET", "l", "f");
        c.call(WRONGTYPE, "SADD", "l", "m");
        c.call(WRONGTYPE, "ZADD", "l", "1", "m");
        c.call(WRONGTYPE, "INCR", "l");
    }

    @Test
    void touchCountsTheKeysThatExist(WireClient c) {
        c.call("+OK\r\n", "SET", "a", "v");
        c.call(":2\r\n", "TOUCH", "a", "a", "missing");
    }

    @Test
    void keysAndScanListAnEmptyKeyOnlyForTheSingleStar(WireClient c) {
        c.call("+OK\r\n", "MSET", "", "empty", "h", "1", "hello", "2");
        assertThat(c.command("KEYS", "*").readArray()).containsExactlyInAnyOrder("", "h", "hello");
        assertThat(c.command("KEYS", "**").readArray()).containsExactlyInAnyOrder("h", "hello");
        assertThat(c.command("KEYS", "h").readArray()).containsExactly("h");
        assertThat(c.command("KEYS", "*llo").readArray()).containsExactly("hello");
        assertThat(scanAll(c)).containsExactlyInAnyOrder("", "h", "hello");
        assertThat(scanAll(c, "MATCH", "**")).containsExactlyInAnyOrder("h", "hello");
    }

    @Test
    void scanOptionsNeedAValueAndACountOfOneIsAllowed(WireClient c) {
        c.call("+OK\r\n", "SET", "k", "v");
        c.call("-ERR syntax error\r\n", "SCAN", "0", "COUNT");
        c.call("-ERR syntax error\r\n", "SCAN", "0", "MATCH");
        assertThat(scanAll(c, "COUNT", "1")).containsExactly("k");
    }

    @Test
    void copyKeepsTheDeadlineAndTakesDatabaseZero(WireClient c) {
        c.call("+OK\r\n", "SET", "k", "v");
        c.call(":1\r\n", "PEXPIREAT", "k", "33177117420000");
        c.call(":1\r\n", "COPY", "k", "k2");
        c.call(":33177117420000\r\n", "PEXPIRETIME", "k2");
        c.call(":1\r\n", "COPY", "k", "k3", "DB", "0");
        c.call("-ERR syntax error\r\n", "COPY", "k", "k4", "DB");
    }

    @Test
    void expireAcceptsDeadlinesUpToTheEndsOfALong(WireClient c) {
        c.call("+OK\r\n", "SET", "k", "v");
        c.call(":1\r\n", "EXPIREAT", "k", "9223372036854775");
        c.call(":1\r\n", "PEXPIREAT", "k", "9223372036854775807");
        c.call(":9223372036854775807\r\n", "PEXPIRETIME", "k");
        c.call(":1\r\n", "EXPIREAT", "k", "-9223372036854775"); // in the past: the key goes
        c.call(":0\r\n", "EXISTS", "k");
        c.call("+OK\r\n", "SET", "k", "v");
        c.call("-ERR invalid expire time in 'expireat' command\r\n", "EXPIREAT", "k", "-9223372036854776");
    }

    @Test
    void gtAndLtRefuseTheSameDeadline(WireClient c) {
        c.call("+OK\r\n", "SET", "k", "v");
        c.call(":1\r\n", "PEXPIREAT", "k", "33177117420000");
        c.call(":0\r\n", "PEXPIREAT", "k", "33177117420000", "GT");
        c.call(":0\r\n", "PEXPIREAT", "k", "33177117420000", "LT");
        c.call(":1\r\n", "PEXPIREAT", "k", "33177117420000", "XX");
    }

    @Test
    void everyKeyWriteOfAnotherClientTouchesAWatchedKey(WireClient c, WireClient other) {
        String[][] writes = {{"RENAME", "k", "j"}, {"RENAME", "j", "k"}, {"EXPIRE", "k", "100"},
                {"PERSIST", "k"}, {"DEL", "k"}, {"COPY", "j", "k", "REPLACE"}};
        for (String[] write : writes) {
            other.call("+OK\r\n", "FLUSHALL");
            other.call("+OK\r\n", "SET", "k", "v", "EX", "50");
            other.call("+OK\r\n", "SET", "j", "w");
            c.call("+OK\r\n", "WATCH", "k");
            other.command(write).readReply();
            c.call("+OK\r\n", "MULTI");
            c.call("+QUEUED\r\n", "PING");
            c.call("*-1\r\n", "EXEC");
        }
    }

    @Test
    void waitAnswersZeroWithoutReplicas(WireClient c) {
        c.call(":0\r\n", "WAIT", "0", "0");
        c.call(":0\r\n", "WAIT", "-1", "0");
        c.call(":0\r\n", "WAIT", "1", "50");
        c.call("-ERR value is not an integer or out of range\r\n", "WAIT", "x", "0");
        c.call("-ERR timeout is not an integer or out of range\r\n", "WAIT", "0", "x");
        c.call("-ERR timeout is negative\r\n", "WAIT", "0", "-1");
        c.call("-ERR timeout is not an integer or out of range\r\n", "WAIT", "0", "1.5");
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "WAIT", "1", "0");
        c.call("*1\r\n:0\r\n", "EXEC");
    }

    @Test
    void waitForAReplicaTheServerDoesNotHaveLastsItsTimeout(WireClient c) {
        c.command("WAIT", "1", "300");
        c.expectNoReplyWithin(java.time.Duration.ofMillis(150));
        c.expect(":0\r\n");
    }
}
