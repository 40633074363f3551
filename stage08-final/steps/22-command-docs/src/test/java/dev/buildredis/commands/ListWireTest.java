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
    void blpopPopsAtOnceWhenAListHasElements(WireClient c) {
        c.call(":1\r\n", "RPUSH", "second", "x");
        c.call("*2\r\n$6\r\nsecond\r\n$1\r\nx\r\n", "BLPOP", "first", "second", "1");
    }

    @Test
    void blpopWaitsForAPushFromAnotherClient(WireClient waiter, WireClient pusher) {
        waiter.command("BLPOP", "queue", "0");
        waiter.expectNoReplyWithin(Duration.ofMillis(100));
        pusher.call(":1\r\n", "RPUSH", "queue", "job");
        waiter.expect("*2\r\n$5\r\nqueue\r\n$3\r\njob\r\n");
        pusher.call(":0\r\n", "EXISTS", "queue");
    }

    @Test
    void blockedClientsAreServedInArrivalOrder(WireClient first, WireClient second, WireClient pusher) {
        first.command("BRPOP", "q", "0");
        first.expectNoReplyWithin(Duration.ofMillis(50));
        second.command("BRPOP", "q", "0");
        second.expectNoReplyWithin(Duration.ofMillis(50));
        pusher.call(":2\r\n", "RPUSH", "q", "1", "2");
        first.expect("*2\r\n$1\r\nq\r\n$1\r\n2\r\n");
        second.expect("*2\r\n$1\r\nq\r\n$1\r\n1\r\n");
    }

    @Test
    void aBlockedClientRunsItsPipelinedCommandsOnceServed(WireClient waiter, WireClient pusher) {
        waiter.send("*3\r\n$5\r\nBLPOP\r\n$1\r\nq\r\n$1\r\n0\r\n*1\r\n$4\r\nPING\r\n");
        waiter.expectNoReplyWithin(Duration.ofMillis(100));
        pusher.call(":1\r\n", "LPUSH", "q", "v");
        waiter.expect("*2\r\n$1\r\nq\r\n$1\r\nv\r\n+PONG\r\n");
    }

    @Test
    void blpopTimesOutWithTheNullArray(WireClient c) {
        c.call("*-1\r\n", "BLPOP", "nothing", "0.05");
    }

    @Test
    void blpopTimeoutErrors(WireClient c) {
        c.call("-ERR timeout is not a float or out of range\r\n", "BLPOP", "q", "soon");
        c.call("-ERR timeout is negative\r\n", "BLPOP", "q", "-1");
    }

    @Test
    void timeoutsThatDoNotFitA64BitMillisecondCountAreNegativeAsInRedis(WireClient c) {
        for (String negative : new String[] {"-0.0011", "1e20", "9223372036854775807", "9223372036854775.808", "inf",
                "-inf", "1e400", "-1e400"}) {
            c.call("-ERR timeout is negative\r\n", "BLPOP", "q", negative);
            c.call("-ERR timeout is negative\r\n", "BRPOP", "q", negative);
            c.call("-ERR timeout is negative\r\n", "BLMOVE", "q", "d", "LEFT", "RIGHT", negative);
            c.call("-ERR timeout is negative\r\n", "BRPOPLPUSH", "q", "d", negative);
        }
        for (String invalid : new String[] {"nan", "", " 1", "1 ", "1e", "1e5000", "1e-5000", "0x", "1.5."}) {
            c.call("-ERR timeout is not a float or out of range\r\n", "BLPOP", "q", invalid);
            c.call("-ERR timeout is not a float or out of range\r\n", "BLMOVE", "q", "d", "LEFT", "RIGHT", invalid);
        }
    }

    @Test
    void aTimeoutBelowOneMillisecondIsOneMillisecondAndHexadecimalIsRead(WireClient c) {
        c.call("*-1\r\n", "BLPOP", "q", "0.0001");
        c.call("*-1\r\n", "BRPOP", "q", "1e-4000");
        c.call("*-1\r\n", "BLPOP", "q", "0x1p-10");
    }

    @Test
    void aNegativeTimeoutAboveMinusOneMillisecondBlocksForEver(WireClient waiter, WireClient pusher) {
        waiter.command("BLPOP", "q", "-0.0009");
        waiter.expectNoReplyWithin(Duration.ofMillis(150));
        pusher.call(":1\r\n", "RPUSH", "q", "v");
        waiter.expect("*2\r\n$1\r\nq\r\n$1\r\nv\r\n");
    }

    @Test
    void aTimeoutPastTheClockBlocksForEver(WireClient waiter, WireClient pusher) {
        waiter.command("BRPOP", "q", "9223372036854775");
        waiter.expectNoReplyWithin(Duration.ofMillis(150));
        pusher.call(":1\r\n", "RPUSH", "q", "v");
        waiter.expect("*2\r\n$1\r\nq\r\n$1\r\nv\r\n");
    }

    @Test
    void blpopInsideMultiDoesNotBlock(WireClient c) {
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "BLPOP", "q", "0");
        c.call("*1\r\n*-1\r\n", "EXEC");
    }

    @Test
    void blmoveWaitsAndMovesTheElementPushedLater(WireClient waiter, WireClient pusher) {
        waiter.command("BLMOVE", "src", "dst", "RIGHT", "LEFT", "0");
        waiter.expectNoReplyWithin(Duration.ofMillis(100));
        pusher.call(":1\r\n", "RPUSH", "src", "v");
        waiter.expect("$1\r\nv\r\n");
        pusher.call("*1\r\n$1\r\nv\r\n", "LRANGE", "dst", "0", "-1");
        waiter.call("*-1\r\n", "BLMOVE", "src", "dst", "RIGHT", "LEFT", "0.05");
    }

    @Test
    void aClientBlockedOnSeveralKeysIsServedByTheFirstPushed(WireClient waiter, WireClient pusher) {
        waiter.command("BLPOP", "a", "b", "0");
        waiter.expectNoReplyWithin(Duration.ofMillis(100));
        pusher.call(":1\r\n", "RPUSH", "b", "x");
        waiter.expect("*2\r\n$1\r\nb\r\n$1\r\nx\r\n");
        pusher.call(":1\r\n", "RPUSH", "a", "y");
        pusher.call(":1\r\n", "LLEN", "a"); // the waiter was served once, and waits no more
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

    @Test
    void everyListWriteOfAnotherClientTouchesAWatchedKey(WireClient c, WireClient other) {
        String[][] writes = {{"LPOP", "l", "2"}, {"RPOP", "l", "2"}, {"LSET", "l", "0", "x"},
                {"LINSERT", "l", "BEFORE", "b", "x"}, {"LREM", "l", "0", "b"}, {"LTRIM", "l", "0", "-1"},
                {"LMOVE", "l", "other", "LEFT", "RIGHT"}, {"LMOVE", "other", "l", "LEFT", "RIGHT"},
                {"RPOPLPUSH", "other", "l"}, {"BLPOP", "l", "0"}, {"BLMOVE", "other", "l", "LEFT", "LEFT", "0"}};
        for (String[] write : writes) {
            other.call("+OK\r\n", "FLUSHALL");
            other.call(":3\r\n", "RPUSH", "l", "a", "b", "c");
            other.call(":1\r\n", "RPUSH", "other", "o");
            c.call("+OK\r\n", "WATCH", "l");
            other.command(write).readReply();
            c.call("+OK\r\n", "MULTI");
            c.call("+QUEUED\r\n", "PING");
            c.call("*-1\r\n", "EXEC");
        }
    }

    @Test
    void listCommandsThatChangeNothingLeaveAWatchedKeyAlone(WireClient c, WireClient other) {
        c.call(":3\r\n", "RPUSH", "l", "a", "b", "c");
        c.call("+OK\r\n", "WATCH", "l");
        other.call(":0\r\n", "LREM", "l", "0", "zzz");
        other.call(":-1\r\n", "LINSERT", "l", "BEFORE", "zzz", "x");
        other.call("*0\r\n", "LPOP", "l", "0");
        other.call(":1\r\n", "LPOS", "l", "b");
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "PING");
        c.call("*1\r\n+PONG\r\n", "EXEC");
    }

    @Test
    void brpoplpushWaitsAndMovesTheTailOfThePushedList(WireClient waiter, WireClient pusher) {
        waiter.command("BRPOPLPUSH", "src", "dst", "0");
        waiter.expectNoReplyWithin(Duration.ofMillis(100));
        pusher.call(":2\r\n", "RPUSH", "src", "a", "b");
        waiter.expect("$1\r\nb\r\n");
        pusher.call("*1\r\n$1\r\nb\r\n", "LRANGE", "dst", "0", "-1");
        pusher.call("*1\r\n$1\r\na\r\n", "LRANGE", "src", "0", "-1");
    }

    @Test
    void aBlockedBlmoveWhoseDestinationIsNoLongerAListAnswersWrongtype(WireClient waiter, WireClient other) {
        waiter.command("BLMOVE", "src", "dst", "RIGHT", "LEFT", "0");
        waiter.expectNoReplyWithin(Duration.ofMillis(100));
        other.call("+OK\r\n", "SET", "dst", "string");
        other.call(":1\r\n", "RPUSH", "src", "v");
        waiter.expect("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        other.call("*1\r\n$1\r\nv\r\n", "LRANGE", "src", "0", "-1");
    }

    @Test
    void twoBlmovesWaitingForOneElementServeTheFirstAndTheOtherWaitsOn(WireClient first, WireClient second,
                                                                     WireClient pusher) {
        first.command("BLMOVE", "src", "dst", "LEFT", "RIGHT", "0");
        first.expectNoReplyWithin(Duration.ofMillis(50));
        second.command("BLMOVE", "src", "dst", "LEFT", "RIGHT", "0");
        second.expectNoReplyWithin(Duration.ofMillis(50));
        pusher.call(":1\r\n", "RPUSH", "src", "one");
        first.expect("$3\r\none\r\n");
        second.expectNoReplyWithin(Duration.ofMillis(100));
        pusher.call(":1\r\n", "RPUSH", "src", "two");
        second.expect("$3\r\ntwo\r\n");
        pusher.call("*2\r\n$3\r\none\r\n$3\r\ntwo\r\n", "LRANGE", "dst", "0", "-1");
    }

    @Test
    void aListMovedOntoAWaitedKeyServesTheWaiter(WireClient waiter, WireClient other) {
        waiter.command("BLPOP", "dst", "0");
        waiter.expectNoReplyWithin(Duration.ofMillis(100));
        other.call(":2\r\n", "RPUSH", "src", "a", "b");
        other.call("$1\r\na\r\n", "LMOVE", "src", "dst", "LEFT", "RIGHT");
        waiter.expect("*2\r\n$3\r\ndst\r\n$1\r\na\r\n");
        other.call(":0\r\n", "EXISTS", "dst");
    }

    @Test
    void theTimeoutOfBlpopIsNotOneOfItsKeys(WireClient c) {
        c.call(":1\r\n", "RPUSH", "0.05", "x");
        c.call("*-1\r\n", "BLPOP", "q", "0.05");
        c.call(":1\r\n", "LLEN", "0.05");
    }

    @Test
    void aTimeoutOfMillionsOfYearsIsAccepted(WireClient c) {
        c.call(":1\r\n", "RPUSH", "l", "x");
        c.call("*2\r\n$1\r\nl\r\n$1\r\nx\r\n", "BLPOP", "l", "4611686018427387.903"); // 2^62 - 1 ms
    }

    @Test
    void aClientWhoseWaitTimedOutRunsItsNextCommandAndWaitsNoMore(WireClient c, WireClient pusher) {
        c.call("*-1\r\n", "BLPOP", "q", "0.05");
        c.call("+PONG\r\n", "PING");
        pusher.call(":1\r\n", "RPUSH", "q", "x");
        c.expectNoReplyWithin(Duration.ofMillis(150));
        c.call(":1\r\n", "LLEN", "q");
    }

    @Test
    void infoCountsTheBlockedClients(WireClient waiter, WireClient other) {
        waiter.command("BLPOP", "q", "0");
        waiter.expectNoReplyWithin(Duration.ofMillis(100));
        assertThat((String) other.command("INFO", "clients").readReply()).contains("\r\nblocked_clients:1\r\n");
        other.call(":1\r\n", "RPUSH", "q", "x");
        waiter.expect("*2\r\n$1\r\nq\r\n$1\r\nx\r\n");
        assertThat((String) other.command("INFO", "clients").readReply()).contains("\r\nblocked_clients:0\r\n");
    }

    @Test
    void aBlockedClientThatDisconnectsIsNotGivenAnElement(WireClient pusher, java.net.InetSocketAddress address)
            throws InterruptedException {
        WireClient waiter = WireClient.connect(address);
        waiter.command("BLPOP", "gone-q", "0");
        waiter.expectNoReplyWithin(Duration.ofMillis(100));
        waiter.close();
        for (int i = 0; i < 100 && !((String) pusher.command("INFO", "clients").readReply())
                .contains("\r\nblocked_clients:0\r\n"); i++) {
            Thread.sleep(20);
        }
        pusher.call(":1\r\n", "RPUSH", "gone-q", "x");
        pusher.call(":1\r\n", "LLEN", "gone-q");
    }

    @Test
    void lmpopPopsFromTheFirstNonEmptyList(WireClient c) {
        c.call(":4\r\n", "RPUSH", "b", "1", "2", "3", "4");
        c.call("*-1\r\n", "LMPOP", "1", "missing", "LEFT");
        c.call("*2\r\n$1\r\nb\r\n*1\r\n$1\r\n1\r\n", "LMPOP", "2", "missing", "b", "LEFT");
        c.call("*2\r\n$1\r\nb\r\n*2\r\n$1\r\n4\r\n$1\r\n3\r\n", "LMPOP", "2", "missing", "b", "RIGHT", "COUNT", "2");
        c.call("*2\r\n$1\r\nb\r\n*1\r\n$1\r\n2\r\n", "LMPOP", "2", "missing", "b", "LEFT", "COUNT", "10");
        c.call(":0\r\n", "EXISTS", "b");
    }

    @Test
    void lmpopErrors(WireClient c) {
        c.call(":1\r\n", "RPUSH", "b", "1");
        c.call("+OK\r\n", "SET", "str", "x");
        c.call("-ERR numkeys should be greater than 0\r\n", "LMPOP", "0", "b", "LEFT");
        c.call("-ERR numkeys should be greater than 0\r\n", "LMPOP", "x", "b", "LEFT");
        c.call("-ERR syntax error\r\n", "LMPOP", "2", "b", "LEFT");
        c.call("-ERR syntax error\r\n", "LMPOP", "1", "b", "MIDDLE");
        c.call("-ERR count should be greater than 0\r\n", "LMPOP", "1", "b", "LEFT", "COUNT", "0");
        c.call("-ERR count should be greater than 0\r\n", "LMPOP", "1", "b", "LEFT", "COUNT", "x");
        c.call("-ERR syntax error\r\n", "LMPOP", "1", "b", "LEFT", "COUNT", "1", "COUNT", "1");
        c.call("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
                "LMPOP", "2", "str", "b", "LEFT");
        c.call("*2\r\n$1\r\nb\r\n*1\r\n$1\r\n1\r\n", "LMPOP", "2", "b", "str", "LEFT");
        c.call("-ERR timeout is not a float or out of range\r\n", "BLMPOP", "x", "1", "b", "LEFT");
        c.call("-ERR timeout is negative\r\n", "BLMPOP", "-1", "1", "b", "LEFT");
        c.call("-ERR numkeys should be greater than 0\r\n", "BLMPOP", "0", "0", "b", "LEFT");
    }

    @Test
    void blmpopAnswersAtOnceWhenItCanAndTimesOutWithTheNullArray(WireClient c) {
        c.call(":2\r\n", "RPUSH", "b", "1", "2");
        c.call("*2\r\n$1\r\nb\r\n*1\r\n$1\r\n2\r\n", "BLMPOP", "0", "2", "missing", "b", "RIGHT", "COUNT", "1");
        c.call("*-1\r\n", "BLMPOP", "0.01", "1", "missing", "LEFT");
        c.command("HELLO", "3").readReply();
        c.call("_\r\n", "BLMPOP", "0.01", "1", "missing", "LEFT");
    }

    @Test
    void blmpopWaitsForAPushAndPopsUpToCount(WireClient waiter, WireClient pusher) {
        waiter.command("BLMPOP", "0", "2", "l1", "l2", "LEFT", "COUNT", "2");
        waiter.expectNoReplyWithin(Duration.ofMillis(100));
        pusher.call(":3\r\n", "RPUSH", "l2", "a", "b", "c");
        waiter.expect("*2\r\n$2\r\nl2\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n");
        pusher.call("*1\r\n$1\r\nc\r\n", "LRANGE", "l2", "0", "-1");
    }

    @Test
    void blmpopInsideMultiDoesNotBlock(WireClient c) {
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "BLMPOP", "0", "1", "l", "LEFT");
        c.call("*1\r\n*-1\r\n", "EXEC");
    }
}
