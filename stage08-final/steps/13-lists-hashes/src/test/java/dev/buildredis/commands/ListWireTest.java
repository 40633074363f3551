package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@WireTest
public class ListWireTest {

    @BeforeEach
    void startEmpty(WireClient client) {
        client.call("+OK\r\n", "FLUSHALL");
    }

    @Test
    void pushesAddAtEitherEndAndReplyWithTheLength(WireClient c) {
        c.call(":2\r\n", "RPUSH", "l", "b", "c");
        c.call(":3\r\n", "LPUSH", "l", "a");
        c.call("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", "LRANGE", "l", "0", "-1");
        c.call(":0\r\n", "LPUSHX", "missing", "x");
        c.call(":4\r\n", "RPUSHX", "l", "d");
        c.call(":0\r\n", "EXISTS", "missing");
    }

    @Test
    void lrangeClampsItsIndexes(WireClient c) {
        c.call(":5\r\n", "RPUSH", "l", "a", "b", "c", "d", "e");
        c.call("*2\r\n$1\r\nd\r\n$1\r\ne\r\n", "LRANGE", "l", "-2", "100");
        c.call("*1\r\n$1\r\na\r\n", "LRANGE", "l", "-100", "0");
        c.call("*0\r\n", "LRANGE", "l", "3", "1");
        c.call("*0\r\n", "LRANGE", "l", "5", "10");
        c.call("*0\r\n", "LRANGE", "missing", "0", "-1");
        c.call("-ERR value is not an integer or out of range\r\n", "LRANGE", "l", "a", "1");
    }

    @Test
    void popsTakeFromEitherEndAndDeleteTheEmptiedList(WireClient c) {
        c.call(":3\r\n", "RPUSH", "l", "a", "b", "c");
        c.call("$1\r\na\r\n", "LPOP", "l");
        c.call("$1\r\nc\r\n", "RPOP", "l");
        c.call("*1\r\n$1\r\nb\r\n", "LPOP", "l", "5");
        c.call(":0\r\n", "EXISTS", "l");
        c.call("$-1\r\n", "LPOP", "l");
        c.call("*-1\r\n", "LPOP", "l", "2");
    }

    @Test
    void popCountErrorsAndZero(WireClient c) {
        c.call(":1\r\n", "RPUSH", "l", "a");
        c.call("*0\r\n", "LPOP", "l", "0");
        c.call("-ERR value is out of range, must be positive\r\n", "LPOP", "l", "-1");
        c.call("-ERR value is out of range, must be positive\r\n", "RPOP", "l", "x");
        c.call("-ERR wrong number of arguments for 'lpop' command\r\n", "LPOP", "l", "1", "2");
    }

    @Test
    void lindexAndLsetAddressByIndex(WireClient c) {
        c.call(":3\r\n", "RPUSH", "l", "a", "b", "c");
        c.call("$1\r\nc\r\n", "LINDEX", "l", "-1");
        c.call("$-1\r\n", "LINDEX", "l", "3");
        c.call("$-1\r\n", "LINDEX", "missing", "0");
        c.call("+OK\r\n", "LSET", "l", "-2", "B");
        c.call("$1\r\nB\r\n", "LINDEX", "l", "1");
        c.call("-ERR index out of range\r\n", "LSET", "l", "3", "x");
        c.call("-ERR no such key\r\n", "LSET", "missing", "0", "x");
    }

    @Test
    void linsertPutsAnElementBesideThePivot(WireClient c) {
        c.call(":2\r\n", "RPUSH", "l", "a", "c");
        c.call(":3\r\n", "LINSERT", "l", "BEFORE", "c", "b");
        c.call(":4\r\n", "LINSERT", "l", "after", "c", "d");
        c.call(":-1\r\n", "LINSERT", "l", "AFTER", "zzz", "e");
        c.call(":0\r\n", "LINSERT", "missing", "AFTER", "a", "e");
        c.call("-ERR syntax error\r\n", "LINSERT", "l", "AROUND", "a", "e");
        c.call("*4\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n", "LRANGE", "l", "0", "-1");
    }

    @Test
    void lremRemovesFromTheHeadTheTailOrEverywhere(WireClient c) {
        c.call(":6\r\n", "RPUSH", "l", "x", "a", "x", "b", "x", "c");
        c.call(":1\r\n", "LREM", "l", "-1", "x");
        c.call("*5\r\n$1\r\nx\r\n$1\r\na\r\n$1\r\nx\r\n$1\r\nb\r\n$1\r\nc\r\n", "LRANGE", "l", "0", "-1");
        c.call(":1\r\n", "LREM", "l", "1", "x");
        c.call(":1\r\n", "LREM", "l", "0", "x");
        c.call("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", "LRANGE", "l", "0", "-1");
    }

    @Test
    void ltrimKeepsARangeAndDeletesAnEmptiedList(WireClient c) {
        c.call(":5\r\n", "RPUSH", "l", "a", "b", "c", "d", "e");
        c.call("+OK\r\n", "LTRIM", "l", "1", "-2");
        c.call("*3\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n", "LRANGE", "l", "0", "-1");
        c.call("+OK\r\n", "LTRIM", "l", "5", "10");
        c.call(":0\r\n", "EXISTS", "l");
        c.call("+OK\r\n", "LTRIM", "missing", "0", "1");
    }

    @Test
    void lposFindsMatchesByRankCountAndMaxlen(WireClient c) {
        c.call(":8\r\n", "RPUSH", "l", "a", "b", "c", "1", "2", "3", "c", "c");
        c.call(":2\r\n", "LPOS", "l", "c");
        c.call(":6\r\n", "LPOS", "l", "c", "RANK", "2");
        c.call(":7\r\n", "LPOS", "l", "c", "RANK", "-1");
        c.call("*2\r\n:2\r\n:6\r\n", "LPOS", "l", "c", "COUNT", "2");
        c.call("*3\r\n:2\r\n:6\r\n:7\r\n", "LPOS", "l", "c", "COUNT", "0");
        c.call("*1\r\n:2\r\n", "LPOS", "l", "c", "COUNT", "0", "MAXLEN", "5");
        c.call("$-1\r\n", "LPOS", "l", "zzz");
        c.call("*0\r\n", "LPOS", "l", "zzz", "COUNT", "1");
        c.call("-ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative "
                + "to start from the end of the list\r\n", "LPOS", "l", "c", "RANK", "0");
        c.call("-ERR COUNT can't be negative\r\n", "LPOS", "l", "c", "COUNT", "-1");
    }

    @Test
    void lremWithTheLowestCountRemovesEveryMatch(WireClient c) {
        c.call(":4\r\n", "RPUSH", "l", "c", "a", "c", "c");
        c.call(":3\r\n", "LREM", "l", "-9223372036854775808", "c");
        c.call("*1\r\n$1\r\na\r\n", "LRANGE", "l", "0", "-1");
    }

    @Test
    void lposWithTheLowestRankSearchesFromTheTailAndIgnoresCountAsRedis70Does(WireClient c) {
        String lowest = "-9223372036854775808"; // Redis 7.0 negates it into itself
        c.call(":5\r\n", "RPUSH", "l", "a", "b", "a", "c", "a");
        c.call(":4\r\n", "LPOS", "l", "a", "RANK", lowest);
        c.call("*3\r\n:4\r\n:2\r\n:0\r\n", "LPOS", "l", "a", "RANK", lowest, "COUNT", "1");
        c.call("*2\r\n:4\r\n:2\r\n", "LPOS", "l", "a", "RANK", lowest, "COUNT", "2", "MAXLEN", "4");
        c.call("$-1\r\n", "LPOS", "l", "a", "RANK", "-9223372036854775807");
        c.call("-ERR syntax error\r\n", "LPOS", "l", "a", "RANK", lowest, "BOGUS");
    }

    @Test
    void lmoveAndRpoplpushMoveOneElement(WireClient c) {
        c.call(":3\r\n", "RPUSH", "src", "a", "b", "c");
        c.call("$1\r\na\r\n", "LMOVE", "src", "dst", "LEFT", "RIGHT");
        c.call("$1\r\nc\r\n", "RPOPLPUSH", "src", "dst");
        c.call("*2\r\n$1\r\nc\r\n$1\r\na\r\n", "LRANGE", "dst", "0", "-1");
        c.call("$1\r\nb\r\n", "LMOVE", "src", "src", "RIGHT", "LEFT");
        c.call("$-1\r\n", "LMOVE", "missing", "dst", "LEFT", "LEFT");
        c.call("-ERR syntax error\r\n", "LMOVE", "src", "dst", "UP", "LEFT");
        c.call("+OK\r\n", "SET", "str", "v");
        c.call("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "LMOVE", "src", "str", "LEFT", "LEFT");
        c.call(":1\r\n", "LLEN", "src");
    }

    @Test
    void aPopWithACountOnAMissingKeyAnswersTheNullArrayEvenForZero(WireClient c) {
        c.call("*-1\r\n", "LPOP", "missing", "0");
        c.call("*-1\r\n", "RPOP", "missing", "0");
    }

    @Test
    void rpopWithACountTakesFromTheTail(WireClient c) {
        c.call(":3\r\n", "RPUSH", "l", "a", "b", "c");
        c.call("*2\r\n$1\r\nc\r\n$1\r\nb\r\n", "RPOP", "l", "2");
        c.call("*1\r\n$1\r\na\r\n", "LRANGE", "l", "0", "-1");
    }

    @Test
    void lindexAndLsetReachTheHeadAsIndexZeroAndAsMinusTheLength(WireClient c) {
        c.call(":3\r\n", "RPUSH", "l", "a", "b", "c");
        c.call("$1\r\na\r\n", "LINDEX", "l", "0");
        c.call("$1\r\na\r\n", "LINDEX", "l", "-3");
        c.call("$-1\r\n", "LINDEX", "l", "-4");
        c.call("+OK\r\n", "LSET", "l", "0", "A");
        c.call("+OK\r\n", "LSET", "l", "-3", "AA");
        c.call("-ERR index out of range\r\n", "LSET", "l", "-4", "x");
        c.call("*3\r\n$2\r\nAA\r\n$1\r\nb\r\n$1\r\nc\r\n", "LRANGE", "l", "0", "-1");
    }

    @Test
    void lremOnAMissingKeyRemovesNothing(WireClient c) {
        c.call(":0\r\n", "LREM", "missing", "0", "x");
    }

    @Test
    void lremFromTheTailReachesTheHead(WireClient c) {
        c.call(":7\r\n", "RPUSH", "l", "x", "a", "b", "c", "d", "e", "f");
        c.call(":1\r\n", "LREM", "l", "-1", "x");
        c.call("*6\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n$1\r\nf\r\n", "LRANGE", "l", "0", "-1");
    }

    @Test
    void lremThatRemovesEveryElementDeletesTheList(WireClient c) {
        c.call(":2\r\n", "RPUSH", "l", "x", "x");
        c.call(":2\r\n", "LREM", "l", "0", "x");
        c.call(":0\r\n", "EXISTS", "l");
    }

    @Test
    void ltrimCountsNegativeIndexesFromTheTailAndClampsTheEnd(WireClient c) {
        c.call(":6\r\n", "RPUSH", "l", "a", "b", "c", "d", "e", "f");
        c.call("+OK\r\n", "LTRIM", "l", "-5", "100");
        c.call("*5\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n$1\r\nf\r\n", "LRANGE", "l", "0", "-1");
        c.call("+OK\r\n", "LTRIM", "l", "0", "0");
        c.call("*1\r\n$1\r\nb\r\n", "LRANGE", "l", "0", "-1");
        c.call("+OK\r\n", "LTRIM", "l", "1", "10"); // a start just past the end leaves nothing
        c.call(":0\r\n", "EXISTS", "l");
    }

    @Test
    void lposOptionsNeedAValueAndMaxlenLimitsTheElementsCompared(WireClient c) {
        c.call(":4\r\n", "RPUSH", "l", "a", "b", "c", "d");
        c.call("-ERR syntax error\r\n", "LPOS", "l", "c", "RANK");
        c.call("-ERR syntax error\r\n", "LPOS", "l", "c", "MAXLEN");
        c.call("-ERR MAXLEN can't be negative\r\n", "LPOS", "l", "c", "MAXLEN", "-1");
        c.call(":2\r\n", "LPOS", "l", "c", "MAXLEN", "0"); // 0: the whole list
        c.call("$-1\r\n", "LPOS", "l", "c", "MAXLEN", "2");
        c.call(":2\r\n", "LPOS", "l", "c", "MAXLEN", "3");
        c.call("$-1\r\n", "LPOS", "l", "b", "RANK", "-1", "MAXLEN", "2");
    }

    @Test
    void lposFromTheTailFindsAMatchAtTheHead(WireClient c) {
        // Eight elements: in a server that keeps a list in a ring of 8 slots, an index one past either end would
        // wrap round to the head.
        c.call(":8\r\n", "RPUSH", "l", "c", "a", "a", "a", "a", "a", "a", "a");
        c.call(":0\r\n", "LPOS", "l", "c", "RANK", "-1");
        c.call("*1\r\n:0\r\n", "LPOS", "l", "c", "COUNT", "0");
        c.call("*1\r\n:0\r\n", "LPOS", "l", "c", "RANK", "-1", "COUNT", "0");
    }

}
