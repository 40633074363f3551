package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@WireTest
class SortedSetWireTest {

    @BeforeEach
    void startEmpty(WireClient client) {
        client.call("+OK\r\n", "FLUSHALL");
    }

    @Test
    void zaddOrdersByScoreThenByMember(WireClient c) {
        c.call(":4\r\n", "ZADD", "z", "2", "b", "1", "c", "2", "a", "-inf", "low");
        c.call("*4\r\n$3\r\nlow\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n", "ZRANGE", "z", "0", "-1");
        c.call("*4\r\n$1\r\nc\r\n$1\r\n1\r\n$1\r\na\r\n$1\r\n2\r\n", "ZRANGE", "z", "1", "2", "WITHSCORES");
        c.call("*2\r\n$3\r\nlow\r\n$4\r\n-inf\r\n", "ZRANGE", "z", "0", "0", "WITHSCORES");
    }

    @Test
    void scoresPrintWithSeventeenSignificantDigits(WireClient c) {
        c.call(":3\r\n", "ZADD", "z", "1.1", "a", "3.0", "b", "1e20", "c");
        c.call("$18\r\n1.1000000000000001\r\n", "ZSCORE", "z", "a");
        c.call("$1\r\n3\r\n", "ZSCORE", "z", "b");
        c.call("$5\r\n1e+20\r\n", "ZSCORE", "z", "c");
        c.call("$-1\r\n", "ZSCORE", "z", "zzz");
        c.call("*2\r\n$1\r\n3\r\n$-1\r\n", "ZMSCORE", "z", "b", "zzz");
    }

    @Test
    void zaddOptions(WireClient c) {
        c.call(":1\r\n", "ZADD", "z", "5", "m");
        c.call(":0\r\n", "ZADD", "z", "NX", "1", "m");
        c.call(":0\r\n", "ZADD", "z", "XX", "1", "new");
        c.call(":1\r\n", "ZADD", "z", "CH", "6", "m");
        c.call(":0\r\n", "ZADD", "z", "GT", "CH", "4", "m");
        c.call(":1\r\n", "ZADD", "z", "LT", "CH", "4", "m");
        c.call("$1\r\n7\r\n", "ZADD", "z", "INCR", "3", "m");
        c.call("$-1\r\n", "ZADD", "z", "NX", "INCR", "3", "m");
        c.call("$-1\r\n", "ZADD", "missing", "XX", "INCR", "3", "m");
        c.call(":0\r\n", "EXISTS", "missing");
    }

    @Test
    void zaddErrorsUseRedisTexts(WireClient c) {
        c.call("-ERR XX and NX options at the same time are not compatible\r\n", "ZADD", "z", "NX", "XX", "1", "m");
        c.call("-ERR GT, LT, and/or NX options at the same time are not compatible\r\n", "ZADD", "z", "GT", "LT", "1", "m");
        c.call("-ERR INCR option supports a single increment-element pair\r\n", "ZADD", "z", "INCR", "1", "a", "2", "b");
        c.call("-ERR syntax error\r\n", "ZADD", "z", "1", "a", "2");
        c.call("-ERR value is not a valid float\r\n", "ZADD", "z", "nan", "a");
        c.call("-ERR value is not a valid float\r\n", "ZADD", "z", "1", "a", "x", "b");
        c.call(":0\r\n", "EXISTS", "z");
        c.call(":1\r\n", "ZADD", "z", "inf", "a");
        c.call("-ERR resulting score is not a number (NaN)\r\n", "ZINCRBY", "z", "-inf", "a");
    }

    @Test
    void zincrbyZremZcardAndRanks(WireClient c) {
        c.call("$3\r\n2.5\r\n", "ZINCRBY", "z", "2.5", "a");
        c.call(":2\r\n", "ZADD", "z", "1", "b", "3", "c");
        c.call(":3\r\n", "ZCARD", "z");
        c.call(":1\r\n", "ZRANK", "z", "a");
        c.call(":0\r\n", "ZREVRANK", "z", "c");
        c.call("$-1\r\n", "ZRANK", "z", "zzz");
        c.call(":1\r\n", "ZREM", "z", "a", "zzz");
        c.call(":2\r\n", "ZCARD", "z");
        c.call(":0\r\n", "ZCARD", "missing");
    }

    @Test
    void rangesByScoreWithExclusiveBoundsAndLimit(WireClient c) {
        c.call(":5\r\n", "ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
        c.call("*2\r\n$1\r\nb\r\n$1\r\nc\r\n", "ZRANGEBYSCORE", "z", "(1", "3");
        c.call("*2\r\n$1\r\nd\r\n$1\r\nc\r\n", "ZREVRANGEBYSCORE", "z", "(5", "3", "LIMIT", "0", "2");
        c.call("*2\r\n$1\r\nc\r\n$1\r\nd\r\n", "ZRANGE", "z", "2", "+inf", "BYSCORE", "LIMIT", "1", "2");
        c.call("*2\r\n$1\r\ne\r\n$1\r\nd\r\n", "ZRANGE", "z", "+inf", "(3", "BYSCORE", "REV");
        c.call("*0\r\n", "ZRANGEBYSCORE", "z", "3", "(3");
        c.call(":3\r\n", "ZCOUNT", "z", "-inf", "(4");
        c.call("-ERR min or max is not a float\r\n", "ZCOUNT", "z", "x", "1");
        c.call("*0\r\n", "ZRANGE", "z", "1", "5", "BYSCORE", "LIMIT", "-1", "2");
    }

    @Test
    void rangesByRankReverseAndTheirOptionErrors(WireClient c) {
        c.call(":3\r\n", "ZADD", "z", "1", "a", "2", "b", "3", "c");
        c.call("*2\r\n$1\r\nc\r\n$1\r\nb\r\n", "ZREVRANGE", "z", "0", "1");
        c.call("*2\r\n$1\r\nb\r\n$1\r\na\r\n", "ZRANGE", "z", "-2", "-1", "REV");
        c.call("-ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX\r\n",
                "ZRANGE", "z", "0", "1", "LIMIT", "0", "1");
        c.call("-ERR syntax error, WITHSCORES not supported in combination with BYLEX\r\n",
                "ZRANGE", "z", "-", "+", "BYLEX", "WITHSCORES");
        c.call("-ERR syntax error\r\n", "ZREVRANGE", "z", "0", "1", "BYSCORE");
    }

    @Test
    void rangesByMember(WireClient c) {
        c.call(":5\r\n", "ZADD", "z", "0", "a", "0", "b", "0", "c", "0", "d", "0", "e");
        c.call("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", "ZRANGEBYLEX", "z", "-", "[c");
        c.call("*2\r\n$1\r\nd\r\n$1\r\nc\r\n", "ZREVRANGEBYLEX", "z", "(e", "(b");
        c.call("*2\r\n$1\r\nc\r\n$1\r\nd\r\n", "ZRANGE", "z", "[b", "+", "BYLEX", "LIMIT", "1", "2");
        c.call(":2\r\n", "ZLEXCOUNT", "z", "[b", "(d");
        c.call("-ERR min or max not valid string range item\r\n", "ZRANGEBYLEX", "z", "a", "+");
    }

    @Test
    void zremrangeCommandsRemoveRanges(WireClient c) {
        c.call(":6\r\n", "ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e", "6", "f");
        c.call(":2\r\n", "ZREMRANGEBYRANK", "z", "0", "1");
        c.call(":2\r\n", "ZREMRANGEBYSCORE", "z", "(3", "5");
        c.call("*2\r\n$1\r\nc\r\n$1\r\nf\r\n", "ZRANGE", "z", "0", "-1");
        c.call(":2\r\n", "ZREMRANGEBYLEX", "z", "-", "+");
        c.call(":0\r\n", "EXISTS", "z");
    }

    @Test
    void zpopminAndZpopmax(WireClient c) {
        c.call(":3\r\n", "ZADD", "z", "1", "a", "2", "b", "3", "c");
        c.call("*2\r\n$1\r\na\r\n$1\r\n1\r\n", "ZPOPMIN", "z");
        c.call("*4\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nb\r\n$1\r\n2\r\n", "ZPOPMAX", "z", "5");
        c.call("*0\r\n", "ZPOPMIN", "z");
        c.call(":0\r\n", "EXISTS", "z");
        c.call("-ERR value is out of range, must be positive\r\n", "ZPOPMIN", "z", "-1");
    }

    @Test
    void bzpopminWaitsForAnAdd(WireClient waiter, WireClient adder) {
        waiter.command("BZPOPMIN", "z", "0");
        waiter.expectNoReplyWithin(Duration.ofMillis(100));
        adder.call(":1\r\n", "ZADD", "z", "7", "m");
        waiter.expect("*3\r\n$1\r\nz\r\n$1\r\nm\r\n$1\r\n7\r\n");
        waiter.call("*-1\r\n", "BZPOPMAX", "z", "0.05");
    }

    @Test
    void zscanListsMembersWithScores(WireClient c) {
        c.call(":2\r\n", "ZADD", "z", "1.5", "a", "2", "b");
        c.call("*2\r\n$1\r\n0\r\n*4\r\n$1\r\na\r\n$3\r\n1.5\r\n$1\r\nb\r\n$1\r\n2\r\n", "ZSCAN", "z", "0");
    }

    @Test
    void zaddWithOnlyOptionsHasNoScoreAndIsASyntaxError(WireClient c) {
        c.call("-ERR syntax error\r\n", "ZADD", "z", "NX", "XX");
    }

    @Test
    void gtAndLtLeaveAnEqualScoreAloneSoIncrAnswersNull(WireClient c) {
        c.call(":1\r\n", "ZADD", "z", "5", "m");
        c.call("$-1\r\n", "ZADD", "z", "GT", "INCR", "0", "m");
        c.call("$-1\r\n", "ZADD", "z", "LT", "INCR", "0", "m");
        c.call("$1\r\n5\r\n", "ZSCORE", "z", "m");
    }

    @Test
    void zremCountsEveryMemberRemovedAndDeletesTheEmptiedSet(WireClient c) {
        c.call(":2\r\n", "ZADD", "z", "1", "a", "2", "b");
        c.call(":2\r\n", "ZREM", "z", "a", "b", "zzz");
        c.call(":0\r\n", "EXISTS", "z");
    }

    @Test
    void theLowestScoreHasRankZero(WireClient c) {
        c.call(":2\r\n", "ZADD", "z", "1", "a", "2", "b");
        c.call(":0\r\n", "ZRANK", "z", "a");
        c.call(":1\r\n", "ZREVRANK", "z", "a");
    }

    @Test
    void zpopWithACountOfZeroAndInResp3(WireClient c) {
        c.call(":3\r\n", "ZADD", "z", "1", "a", "2", "b", "3", "c");
        c.call("*0\r\n", "ZPOPMIN", "z", "0");
        c.command("HELLO", "3").readReply();
        c.call("*2\r\n*2\r\n$1\r\na\r\n,1\r\n*2\r\n$1\r\nb\r\n,2\r\n", "ZPOPMIN", "z", "2"); // with a count: pairs
        c.call("*2\r\n$1\r\nc\r\n,3\r\n", "ZPOPMAX", "z");                                 // without: flat
    }

    @Test
    void bzpopmaxAndBzpopminTakeFromTheirEndAtOnce(WireClient c) {
        c.call(":3\r\n", "ZADD", "z", "1", "a", "2", "b", "3", "c");
        c.call("*3\r\n$1\r\nz\r\n$1\r\nc\r\n$1\r\n3\r\n", "BZPOPMAX", "z", "0");
        c.call("*3\r\n$1\r\nz\r\n$1\r\na\r\n$1\r\n1\r\n", "BZPOPMIN", "z", "0");
    }

    @Test
    void limitNeedsBothItsValues(WireClient c) {
        c.call(":1\r\n", "ZADD", "z", "1", "a");
        c.call("-ERR syntax error\r\n", "ZRANGEBYSCORE", "z", "0", "10", "LIMIT", "0");
        c.call("-ERR syntax error\r\n", "ZRANGE", "z", "0", "10", "BYSCORE", "LIMIT", "0");
    }

    @Test
    void scoreBoundsAreReadAsRedisReadsThem(WireClient c) {
        c.call(":3\r\n", "ZADD", "z", "0", "zero", "1", "a", "2", "b");
        c.call(":1\r\n", "ZCOUNT", "z", "", "");       // nothing at all is 0
        c.call(":1\r\n", "ZCOUNT", "z", "(", "1");     // and "(" alone is "above 0"
        c.call(":2\r\n", "ZCOUNT", "z", " 1", "\t2");  // blanks before the number are skipped
        c.call(":2\r\n", "ZCOUNT", "z", "\r\n1", "\u000b\f2");
        c.call("-ERR min or max is not a float\r\n", "ZCOUNT", "z", " ", "1");
        c.call("-ERR min or max is not a float\r\n", "ZCOUNT", "z", "1", "2 ");
        c.call("-ERR min or max not valid string range item\r\n", "ZRANGEBYLEX", "z", "", "+");
    }

    @Test
    void aScoreRangeWithEqualEndsHoldsThatScoreUnlessAnEndIsExcluded(WireClient c) {
        c.call(":3\r\n", "ZADD", "z", "1", "a", "2", "b", "3", "c");
        c.call(":1\r\n", "ZCOUNT", "z", "2", "2");
        c.call("*1\r\n$1\r\nb\r\n", "ZRANGEBYSCORE", "z", "2", "2");
        c.call(":0\r\n", "ZCOUNT", "z", "(2", "2");
        c.call(":0\r\n", "ZCOUNT", "z", "2", "(2");
        c.call(":0\r\n", "ZCOUNT", "z", "3", "2");
    }

    @Test
    void memberRangesFromPlusOrToMinusAreEmpty(WireClient c) {
        c.call(":3\r\n", "ZADD", "z", "0", "a", "0", "b", "0", "c");
        c.call("*0\r\n", "ZRANGEBYLEX", "z", "+", "+");
        c.call("*0\r\n", "ZRANGEBYLEX", "z", "-", "-");
        c.call(":0\r\n", "ZLEXCOUNT", "z", "+", "+");
        c.call(":0\r\n", "ZREMRANGEBYLEX", "z", "-", "-");
        c.call(":3\r\n", "ZCARD", "z");
    }

    @Test
    void everySortedSetWriteOfAnotherClientTouchesAWatchedKey(WireClient c, WireClient other) {
        String[][] writes = {{"ZADD", "z", "5", "a", "1", "new"}, {"ZINCRBY", "z", "1", "a"}, {"ZREM", "z", "a"},
                {"ZPOPMIN", "z"}, {"BZPOPMIN", "z", "0"}, {"ZREMRANGEBYRANK", "z", "0", "0"},
                {"ZREMRANGEBYSCORE", "z", "1", "1"}, {"ZREMRANGEBYLEX", "z", "[a", "[a"}};
        for (String[] write : writes) {
            other.call("+OK\r\n", "FLUSHALL");
            other.call(":2\r\n", "ZADD", "z", "1", "a", "2", "b");
            c.call("+OK\r\n", "WATCH", "z");
            other.command(write).readReply();
            c.call("+OK\r\n", "MULTI");
            c.call("+QUEUED\r\n", "PING");
            c.call("*-1\r\n", "EXEC");
        }
    }

    @Test
    void sortedSetWritesThatChangeNothingLeaveAWatchedKeyAlone(WireClient c, WireClient other) {
        c.call(":2\r\n", "ZADD", "z", "1", "a", "2", "b");
        c.call("+OK\r\n", "WATCH", "z");
        other.call(":0\r\n", "ZADD", "z", "1", "a");
        other.call(":0\r\n", "ZREM", "z", "zzz");
        other.call(":0\r\n", "ZREMRANGEBYSCORE", "z", "5", "6");
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "PING");
        c.call("*1\r\n+PONG\r\n", "EXEC");
    }

    @Test
    void scoresAreReadAsStrtodReadsThemHexadecimalIncluded(WireClient c) {
        c.call(":3\r\n", "ZADD", "z", "0x10", "hex", "0X1.8P1", "point", "+Infinity", "top");
        c.call("*6\r\n$5\r\npoint\r\n$1\r\n3\r\n$3\r\nhex\r\n$2\r\n16\r\n$3\r\ntop\r\n$3\r\ninf\r\n",
                "ZRANGE", "z", "0", "-1", "WITHSCORES");
        c.call("$2\r\n24\r\n", "ZINCRBY", "z", "0x1p3", "hex");
        c.call("$23\r\n4.9406564584124654e-324\r\n", "ZINCRBY", "sub", "0x1p-1074", "m");
    }

    @Test
    void scoresBeyondTheDoubleRangeOrLostToUnderflowAreNotFloats(WireClient c) {
        for (String refused : new String[] {"1e309", "-1e400", "1.7976931348623159e308", "0x1p1024", "1e-400", "2.4e-324",
                "0x1p-1075", "nan", "-nan", "0x", "0x1p", "1e", " 1", "1 ", "1\u0000", "", "infinit"}) {
            c.call("-ERR value is not a valid float\r\n", "ZADD", "z", refused, "m");
            c.call("-ERR value is not a valid float\r\n", "ZINCRBY", "z", refused, "m");
        }
        c.call(":0\r\n", "EXISTS", "z");
    }

    @Test
    void scoreBoundsAreABareStrtodSoOverflowIsInfinityAndAZeroByteEndsThem(WireClient c) {
        c.call(":4\r\n", "ZADD", "z", "-1e300", "a", "0", "b", "8", "c", "inf", "d");
        c.call("*1\r\n$1\r\nd\r\n", "ZRANGEBYSCORE", "z", "1e400", "+inf");
        c.call("*3\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n", "ZRANGEBYSCORE", "z", "1e-400", "+inf");
        c.call("*2\r\n$1\r\nc\r\n$1\r\nd\r\n", "ZRANGEBYSCORE", "z", "(0x1p-1075", "inf");
        c.call(":2\r\n", "ZCOUNT", "z", "0x8", "0x1p1024");
        c.call(":2\r\n", "ZCOUNT", "z", "1\u0000junk", "+inf");
        c.call(":3\r\n", "ZCOUNT", "z", "\u0000", "+inf");
        c.call(":3\r\n", "ZCOUNT", "z", "\t-1e300", "\u000b8");
        for (String refused : new String[] {"nan", "0x1g", "1e5x", " ", "+", "((1"}) {
            c.call("-ERR min or max is not a float\r\n", "ZRANGEBYSCORE", "z", refused, "+inf");
        }
    }

    @Test
    void aSmallSortedSetKeepsMinusZeroAsZeroButZincrbyRepliesWithTheSumItComputed(WireClient c) {
        c.call(":1\r\n", "ZADD", "z", "-0", "m");
        c.call("$1\r\n0\r\n", "ZSCORE", "z", "m");
        c.call("$2\r\n-0\r\n", "ZINCRBY", "z", "-0.0", "n");
        c.call("$1\r\n0\r\n", "ZSCORE", "z", "n");
        c.call("$1\r\n0\r\n", "ZINCRBY", "z", "-0", "n");
        c.call("$2\r\n-0\r\n", "ZADD", "z", "INCR", "-0", "x");
        c.call("*6\r\n$1\r\nm\r\n$1\r\n0\r\n$1\r\nn\r\n$1\r\n0\r\n$1\r\nx\r\n$1\r\n0\r\n",
                "ZRANGE", "z", "0", "-1", "WITHSCORES");
    }

    @Test
    void bzpopminTimeoutsAreReadAsRedisReadsThem(WireClient c) {
        for (String negative : new String[] {"-1", "-0.0011", "1e20", "9223372036854775807", "inf", "-inf", "1e400"}) {
            c.call("-ERR timeout is negative\r\n", "BZPOPMIN", "z", negative);
            c.call("-ERR timeout is negative\r\n", "BZPOPMAX", "z", negative);
        }
        for (String invalid : new String[] {"nan", "abc", "", " 1", "1e5000", "0x"}) {
            c.call("-ERR timeout is not a float or out of range\r\n", "BZPOPMIN", "z", invalid);
        }
        c.call("*-1\r\n", "BZPOPMIN", "z", "0x1p-10");
    }
    @Test
    void onlyZrangeTakesRevTheOlderSpellingsHaveTheirDirection(WireClient c) {
        c.call(":1\r\n", "ZADD", "z", "1", "a");
        c.call("-ERR syntax error\r\n", "ZRANGEBYSCORE", "z", "-inf", "+inf", "REV");
        c.call("-ERR syntax error\r\n", "ZRANGEBYSCORE", "z", "1", "nan", "WITHSCORES", "REV"); // options first
        c.call("-ERR syntax error\r\n", "ZRANGEBYLEX", "z", "-", "+", "REV");
        c.call("-ERR syntax error\r\n", "ZREVRANGEBYSCORE", "z", "+inf", "-inf", "REV");
        c.call("*1\r\n$1\r\na\r\n", "ZRANGE", "z", "0", "-1", "REV");
    }

    @Test
    void memberRangesOverMembersOutOfOrderWalkAsRedisListpacksDo(WireClient c) {
        // Redis leaves member ranges over differing scores unspecified; a listpack (a small sorted set) fixes them
        c.call(":4\r\n", "ZADD", "z", "1", "b", "2", "a", "3", "d", "4", "c"); // scores order b a d c
        c.call("*2\r\n$1\r\nb\r\n$1\r\na\r\n", "ZRANGEBYLEX", "z", "[a", "[c"); // from b, while <= c
        c.call("*0\r\n", "ZRANGEBYLEX", "z", "[c", "[c", "LIMIT", "1", "1"); // first >= c is d, above max
        c.call("*2\r\n$1\r\nc\r\n$1\r\nd\r\n", "ZREVRANGEBYLEX", "z", "+", "[c");
        c.call(":2\r\n", "ZLEXCOUNT", "z", "[b", "[c");
        c.call(":0\r\n", "ZLEXCOUNT", "z", "[a", "[a"); // the first member >= a is b, above max
        c.call(":2\r\n", "ZREMRANGEBYLEX", "z", "[a", "[c");
        c.call("*2\r\n$1\r\nd\r\n$1\r\nc\r\n", "ZRANGE", "z", "0", "-1");
    }

    @Test
    void lexRangesOverDifferentScoresAnswerWhatRedisWalkFinds(WireClient c) {
        c.call(":2\r\n", "ZADD", "z", "0", "b", "2", "-3");
        c.call("*0\r\n", "ZRANGEBYLEX", "z", "[a", "[b");
        c.call(":0\r\n", "ZLEXCOUNT", "z", "[a", "[b");
        c.call(":0\r\n", "ZREMRANGEBYLEX", "z", "[a", "[b");
        c.call(":5\r\n", "ZADD", "w", "0", "c", "2", "d", "0", "ba", "2", "ab", "2", "z");
        c.call("*5\r\n$2\r\nba\r\n$1\r\nc\r\n$2\r\nab\r\n$1\r\nd\r\n$1\r\nz\r\n", "ZRANGE", "w", "0", "-1");
        c.call("*1\r\n$1\r\nc\r\n", "ZRANGEBYLEX", "w", "(ab", "(d", "LIMIT", "1", "1");
        c.call("*0\r\n", "ZREVRANGEBYLEX", "w", "(d", "(ab", "LIMIT", "1", "1");
        c.call("*5\r\n$2\r\nba\r\n$1\r\nc\r\n$2\r\nab\r\n$1\r\nd\r\n$1\r\nz\r\n", "ZRANGEBYLEX", "w", "[b", "+");
        c.call(":5\r\n", "ZLEXCOUNT", "w", "[b", "+");
        c.call(":3\r\n", "ZREMRANGEBYLEX", "w", "[b", "[c");
        c.call("*2\r\n$1\r\nd\r\n$1\r\nz\r\n", "ZRANGE", "w", "0", "-1");
    }

    @Test
    void zunionAddsTheWeightedScoresOfEveryInput(WireClient c) {
        c.call(":3\r\n", "ZADD", "a", "1", "x", "2", "y", "3", "z");
        c.call(":3\r\n", "ZADD", "b", "10", "y", "20", "z", "30", "w");
        c.call(":3\r\n", "SADD", "s", "y", "w", "q");
        c.call("*4\r\n$1\r\nx\r\n$1\r\ny\r\n$1\r\nz\r\n$1\r\nw\r\n", "ZUNION", "2", "a", "b");
        c.call("*8\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$2\r\n12\r\n$1\r\nz\r\n$2\r\n23\r\n$1\r\nw\r\n$2\r\n30\r\n",
                "ZUNION", "2", "a", "b", "WITHSCORES");
        c.call("*10\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\nq\r\n$1\r\n3\r\n$1\r\ny\r\n$2\r\n25\r\n$1\r\nz\r\n$2\r\n43\r\n"
                + "$1\r\nw\r\n$2\r\n63\r\n", "ZUNION", "3", "a", "b", "s", "WEIGHTS", "1", "2", "3", "WITHSCORES");
        c.call("*8\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$1\r\n2\r\n$1\r\nz\r\n$1\r\n3\r\n$1\r\nw\r\n$2\r\n30\r\n",
                "ZUNION", "2", "a", "b", "AGGREGATE", "MIN", "WITHSCORES");
        c.call("*8\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$2\r\n10\r\n$1\r\nz\r\n$2\r\n20\r\n$1\r\nw\r\n$2\r\n30\r\n",
                "ZUNION", "2", "a", "b", "AGGREGATE", "MAX", "WITHSCORES");
        c.call("*6\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$1\r\n2\r\n$1\r\nz\r\n$1\r\n3\r\n",
                "ZUNION", "2", "a", "missing", "WITHSCORES");
    }

    @Test
    void zinterKeepsTheMembersOfEveryInput(WireClient c) {
        c.call(":3\r\n", "ZADD", "a", "1", "x", "2", "y", "3", "z");
        c.call(":3\r\n", "ZADD", "b", "10", "y", "20", "z", "30", "w");
        c.call(":3\r\n", "SADD", "s", "y", "w", "q");
        c.call("*4\r\n$1\r\ny\r\n$2\r\n12\r\n$1\r\nz\r\n$2\r\n23\r\n", "ZINTER", "2", "a", "b", "WITHSCORES");
        c.call("*2\r\n$1\r\ny\r\n$2\r\n13\r\n", "ZINTER", "3", "a", "b", "s", "WITHSCORES");
        c.call("*6\r\n$1\r\nx\r\n$1\r\n5\r\n$1\r\ny\r\n$2\r\n10\r\n$1\r\nz\r\n$2\r\n15\r\n",
                "ZINTER", "2", "a", "a", "WEIGHTS", "2", "3", "WITHSCORES");
        c.call("*4\r\n$1\r\ny\r\n$2\r\n10\r\n$1\r\nz\r\n$2\r\n20\r\n",
                "ZINTER", "2", "a", "b", "WEIGHTS", "0", "1", "AGGREGATE", "MAX", "WITHSCORES");
        c.call("*0\r\n", "ZINTER", "2", "a", "missing");
    }

    @Test
    void zdiffKeepsTheFirstInputsMembersThatNoOtherHas(WireClient c) {
        c.call(":3\r\n", "ZADD", "a", "1", "x", "2", "y", "3", "z");
        c.call(":3\r\n", "ZADD", "b", "10", "y", "20", "z", "30", "w");
        c.call("*2\r\n$1\r\nx\r\n$1\r\n1\r\n", "ZDIFF", "2", "a", "b", "WITHSCORES");
        c.call("*1\r\n$1\r\nw\r\n", "ZDIFF", "2", "b", "a");
        c.call("*0\r\n", "ZDIFF", "1", "missing");
    }

    @Test
    void infinityMinusInfinityIsZero(WireClient c) {
        c.call(":1\r\n", "ZADD", "up", "+inf", "m");
        c.call(":1\r\n", "ZADD", "down", "-inf", "m");
        c.call("*2\r\n$1\r\nm\r\n$1\r\n0\r\n", "ZUNION", "2", "up", "down", "WITHSCORES");
        c.call("*2\r\n$1\r\nm\r\n$1\r\n0\r\n", "ZINTER", "2", "up", "down", "WITHSCORES");
        c.call("*2\r\n$1\r\nm\r\n$4\r\n-inf\r\n", "ZUNION", "2", "up", "down", "WEIGHTS", "0", "1", "WITHSCORES");
    }

    @Test
    void theStoreFormsReplaceTheDestination(WireClient c) {
        c.call(":3\r\n", "ZADD", "a", "1", "x", "2", "y", "3", "z");
        c.call(":3\r\n", "ZADD", "b", "10", "y", "20", "z", "30", "w");
        c.call("+OK\r\n", "SET", "dst", "old", "EX", "100");
        c.call(":4\r\n", "ZUNIONSTORE", "dst", "2", "a", "b", "WEIGHTS", "2", "1");
        c.call("*8\r\n$1\r\nx\r\n$1\r\n2\r\n$1\r\ny\r\n$2\r\n14\r\n$1\r\nz\r\n$2\r\n26\r\n$1\r\nw\r\n$2\r\n30\r\n",
                "ZRANGE", "dst", "0", "-1", "WITHSCORES");
        c.call(":-1\r\n", "TTL", "dst");
        c.call(":2\r\n", "ZINTERSTORE", "dst", "2", "a", "b", "AGGREGATE", "MIN");
        c.call("*4\r\n$1\r\ny\r\n$1\r\n2\r\n$1\r\nz\r\n$1\r\n3\r\n", "ZRANGE", "dst", "0", "-1", "WITHSCORES");
        c.call(":1\r\n", "ZDIFFSTORE", "dst", "2", "a", "b");
        c.call("*2\r\n$1\r\nx\r\n$1\r\n1\r\n", "ZRANGE", "dst", "0", "-1", "WITHSCORES");
        c.call(":0\r\n", "ZINTERSTORE", "dst", "2", "a", "missing");
        c.call(":0\r\n", "EXISTS", "dst");
    }

    @Test
    void setOperationErrorsComeInRedisOrder(WireClient c) {
        c.call(":1\r\n", "ZADD", "a", "1", "x");
        c.call("+OK\r\n", "SET", "str", "x");
        c.call("-ERR at least 1 input key is needed for 'zunion' command\r\n", "ZUNION", "0", "a");
        c.call("-ERR at least 1 input key is needed for 'zunion' command\r\n", "ZUNION", "-1", "a");
        c.call("-ERR value is not an integer or out of range\r\n", "ZUNION", "x", "a");
        c.call("-ERR syntax error\r\n", "ZUNION", "2", "a");
        c.call("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "ZUNION", "2", "a", "str");
        c.call("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
                "ZUNION", "2", "str", "a", "FOO");
        c.call("-ERR syntax error\r\n", "ZUNION", "2", "a", "a", "WEIGHTS", "1");
        c.call("-ERR weight value is not a float\r\n", "ZUNION", "2", "a", "a", "WEIGHTS", "1", "x");
        c.call("-ERR syntax error\r\n", "ZUNION", "1", "a", "AGGREGATE", "AVG");
        c.call("-ERR syntax error\r\n", "ZUNION", "1", "a", "AGGREGATE");
        c.call("-ERR syntax error\r\n", "ZDIFF", "1", "a", "WEIGHTS", "1");
        c.call("-ERR syntax error\r\n", "ZUNIONSTORE", "dst", "1", "a", "WITHSCORES");
        c.call("-ERR at least 1 input key is needed for 'zunionstore' command\r\n", "ZUNIONSTORE", "dst", "0", "a");
        c.call("-ERR at least 1 input key is needed for 'zinterstore' command\r\n", "ZINTERSTORE", "dst", "0", "a");
        c.call("-ERR at least 1 input key is needed for 'zdiffstore' command\r\n", "ZDIFFSTORE", "dst", "0", "a");
        c.call("-ERR at least 1 input key is needed for 'zinter' command\r\n", "ZINTER", "0", "a");
        c.call("-ERR at least 1 input key is needed for 'zdiff' command\r\n", "ZDIFF", "0", "a");
    }

    @Test
    void zintercardCountsUpToItsLimit(WireClient c) {
        c.call(":3\r\n", "ZADD", "a", "1", "x", "2", "y", "3", "z");
        c.call(":3\r\n", "ZADD", "b", "10", "y", "20", "z", "30", "w");
        c.call(":3\r\n", "SADD", "s", "y", "w", "q");
        c.call(":2\r\n", "ZINTERCARD", "2", "a", "b");
        c.call(":1\r\n", "ZINTERCARD", "3", "a", "b", "s");
        c.call(":1\r\n", "ZINTERCARD", "2", "a", "b", "LIMIT", "1");
        c.call(":2\r\n", "ZINTERCARD", "2", "a", "b", "LIMIT", "0");
        c.call(":0\r\n", "ZINTERCARD", "2", "a", "missing");
        c.call("-ERR LIMIT can't be negative\r\n", "ZINTERCARD", "2", "a", "b", "LIMIT", "-1");
        c.call("-ERR LIMIT can't be negative\r\n", "ZINTERCARD", "2", "a", "b", "LIMIT", "x");
        c.call("-ERR syntax error\r\n", "ZINTERCARD", "2", "a", "b", "WITHSCORES");
        c.call("-ERR at least 1 input key is needed for 'zintercard' command\r\n", "ZINTERCARD", "0", "a");
        c.call("-ERR syntax error\r\n", "ZINTERCARD", "3", "a", "b");
    }

    @Test
    void zrangestoreStoresARangeOfAnyKind(WireClient c) {
        c.call(":4\r\n", "ZADD", "src", "1", "a", "2", "b", "3", "c", "4", "d");
        c.call(":2\r\n", "ZRANGESTORE", "dst", "src", "1", "2");
        c.call("*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n", "ZRANGE", "dst", "0", "-1", "WITHSCORES");
        c.call(":2\r\n", "ZRANGESTORE", "dst", "src", "0", "1", "REV");
        c.call("*4\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n4\r\n", "ZRANGE", "dst", "0", "-1", "WITHSCORES");
        c.call(":2\r\n", "ZRANGESTORE", "dst", "src", "(1", "+inf", "BYSCORE", "LIMIT", "1", "2");
        c.call("*4\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n4\r\n", "ZRANGE", "dst", "0", "-1", "WITHSCORES");
        c.call(":2\r\n", "ZRANGESTORE", "dst", "src", "[b", "[c", "BYLEX");
        c.call("*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n", "ZRANGE", "dst", "0", "-1", "WITHSCORES");
        c.call(":0\r\n", "ZRANGESTORE", "dst", "src", "5", "10");
        c.call(":0\r\n", "EXISTS", "dst");
        c.call("-ERR syntax error\r\n", "ZRANGESTORE", "dst", "src", "0", "-1", "WITHSCORES");
        c.call("-ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX\r\n",
                "ZRANGESTORE", "dst", "src", "0", "-1", "LIMIT", "0", "1");
        c.call(":0\r\n", "ZRANGESTORE", "dst", "missing", "0", "-1");
        c.call(":1\r\n", "ZRANGESTORE", "src", "src", "1", "1");
        c.call("*2\r\n$1\r\nb\r\n$1\r\n2\r\n", "ZRANGE", "src", "0", "-1", "WITHSCORES");
    }

    @Test
    void zrandmemberRepliesInRedisShapes(WireClient c) {
        c.call(":3\r\n", "ZADD", "z", "1", "a", "2", "b", "3", "c");
        c.call("$-1\r\n", "ZRANDMEMBER", "missing");
        c.call("*0\r\n", "ZRANDMEMBER", "missing", "2");
        c.call("*0\r\n", "ZRANDMEMBER", "z", "0");
        c.call("*3\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n", "ZRANDMEMBER", "z", "3");
        c.call("*6\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\na\r\n$1\r\n1\r\n",
                "ZRANDMEMBER", "z", "10", "WITHSCORES");
        c.call("-ERR syntax error\r\n", "ZRANDMEMBER", "z", "3", "WITHSCORES", "x");
        c.call("-ERR value is not an integer or out of range\r\n", "ZRANDMEMBER", "z", "x");
        c.call("-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n",
                "ZRANDMEMBER", "z", "-9223372036854775808");
        c.call("-ERR value is out of range\r\n", "ZRANDMEMBER", "z", "9223372036854775807", "WITHSCORES");
        c.command("HELLO", "3").readReply();
        c.call("*3\r\n*2\r\n$1\r\nc\r\n,3\r\n*2\r\n$1\r\nb\r\n,2\r\n*2\r\n$1\r\na\r\n,1\r\n",
                "ZRANDMEMBER", "z", "3", "WITHSCORES");
        c.call("_\r\n", "ZRANDMEMBER", "missing");
    }

    @Test
    void zmpopPopsFromTheFirstNonEmptySortedSet(WireClient c) {
        c.call(":3\r\n", "ZADD", "b", "1", "x", "2", "y", "3", "z");
        c.call("*-1\r\n", "ZMPOP", "1", "missing", "MIN");
        c.call("*2\r\n$1\r\nb\r\n*1\r\n*2\r\n$1\r\nx\r\n$1\r\n1\r\n", "ZMPOP", "2", "missing", "b", "MIN");
        c.call("*2\r\n$1\r\nb\r\n*2\r\n*2\r\n$1\r\nz\r\n$1\r\n3\r\n*2\r\n$1\r\ny\r\n$1\r\n2\r\n",
                "ZMPOP", "2", "missing", "b", "MAX", "COUNT", "5");
        c.call(":0\r\n", "EXISTS", "b");
        c.call(":1\r\n", "ZADD", "b", "1", "x");
        c.command("HELLO", "3").readReply();
        c.call("*2\r\n$1\r\nb\r\n*1\r\n*2\r\n$1\r\nx\r\n,1\r\n", "ZMPOP", "1", "b", "MIN");
        c.call("_\r\n", "ZMPOP", "1", "b", "MIN");
    }

    @Test
    void zmpopErrors(WireClient c) {
        c.call(":1\r\n", "ZADD", "b", "1", "x");
        c.call("+OK\r\n", "SET", "str", "x");
        c.call("-ERR numkeys should be greater than 0\r\n", "ZMPOP", "0", "b", "MIN");
        c.call("-ERR numkeys should be greater than 0\r\n", "ZMPOP", "x", "b", "MIN");
        c.call("-ERR syntax error\r\n", "ZMPOP", "2", "b", "MIN");
        c.call("-ERR syntax error\r\n", "ZMPOP", "1", "b", "MIDDLE");
        c.call("-ERR count should be greater than 0\r\n", "ZMPOP", "1", "b", "MIN", "COUNT", "0");
        c.call("-ERR syntax error\r\n", "ZMPOP", "1", "b", "MIN", "COUNT", "1", "COUNT", "1");
        c.call("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
                "ZMPOP", "2", "str", "b", "MIN");
        c.call("-ERR timeout is not a float or out of range\r\n", "BZMPOP", "x", "1", "b", "MIN");
        c.call("-ERR timeout is negative\r\n", "BZMPOP", "-1", "1", "b", "MIN");
        c.call("-ERR numkeys should be greater than 0\r\n", "BZMPOP", "0", "0", "b", "MIN");
    }

    @Test
    void bzmpopAnswersAtOnceWhenItCanAndTimesOutWithTheNullArray(WireClient c) {
        c.call(":2\r\n", "ZADD", "b", "1", "x", "2", "y");
        c.call("*2\r\n$1\r\nb\r\n*1\r\n*2\r\n$1\r\ny\r\n$1\r\n2\r\n",
                "BZMPOP", "0", "2", "missing", "b", "MAX", "COUNT", "1");
        c.call("*-1\r\n", "BZMPOP", "0.01", "1", "missing", "MIN");
        c.command("HELLO", "3").readReply();
        c.call("_\r\n", "BZMPOP", "0.01", "1", "missing", "MIN");
    }

    @Test
    void bzmpopWaitsForAZaddAndPopsUpToCount(WireClient waiter, WireClient writer) {
        waiter.command("BZMPOP", "0", "2", "z1", "z2", "MIN", "COUNT", "2");
        waiter.expectNoReplyWithin(Duration.ofMillis(100));
        writer.call(":3\r\n", "ZADD", "z2", "3", "c", "1", "a", "2", "b");
        waiter.expect("*2\r\n$2\r\nz2\r\n*2\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n"
                + "*2\r\n$1\r\nb\r\n$1\r\n2\r\n");
        writer.call("*2\r\n$1\r\nc\r\n$1\r\n3\r\n", "ZRANGE", "z2", "0", "-1", "WITHSCORES");
    }

    @Test
    void bzmpopInsideMultiDoesNotBlock(WireClient c) {
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "BZMPOP", "0", "1", "z", "MAX");
        c.call("*1\r\n*-1\r\n", "EXEC");
    }

    @Test
    void zrandmemberWithANegativeCountMayRepeatMembers(WireClient c) {
        c.call(":2\r\n", "ZADD", "z", "1", "a", "2", "b");
        java.util.List<Object> members = c.command("ZRANDMEMBER", "z", "-10").readArray();
        assertThat(members).hasSize(10).allMatch(m -> m.equals("a") || m.equals("b"));
        java.util.List<Object> distinct = c.command("ZRANDMEMBER", "z", "1").readArray();
        assertThat(distinct).hasSize(1).allMatch(m -> m.equals("a") || m.equals("b"));
    }

    @Test
    void zrandmemberWithACountBelowTheSizeGivesDistinctMembers(WireClient c) {
        c.call(":4\r\n", "ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d");
        java.util.List<Object> members = c.command("ZRANDMEMBER", "z", "3").readArray();
        assertThat(members).hasSize(3).doesNotHaveDuplicates()
                .isSubsetOf("a", "b", "c", "d");
    }

    @Test
    void zrandmemberTakesAFewOfAHugeSortedSetWithoutWalkingIt(WireClient c) {
        fill(c, "ZADD", "z", 100_000);
        List<Object> pairs = manyAtOnce(c, 5_000, "ZRANDMEMBER", "z", "2");
        assertThat(pairs).allSatisfy(p -> assertThat((List<?>) p).hasSize(2).doesNotHaveDuplicates());
        assertThat(pairs.stream().flatMap(p -> ((List<?>) p).stream()).distinct().count()).isGreaterThan(9_000);
        assertThat(manyAtOnce(c, 5_000, "ZRANDMEMBER", "z", "-5")).allSatisfy(p -> assertThat((List<?>) p).hasSize(5));
        assertThat(manyAtOnce(c, 5_000, "ZRANDMEMBER", "z")).allSatisfy(m -> assertThat(m).isInstanceOf(String.class));
        assertThat(c.command("ZRANDMEMBER", "z", "60000").readArray()).hasSize(60_000).doesNotHaveDuplicates();
    }

    /** {@code size} members or fields m0, m1... with scores or values 0, 1..., added 10,000 a command. */
    static void fill(WireClient c, String command, String key, int size) {
        boolean sadd = command.equals("SADD");
        for (int from = 0; from < size; from += 10_000) {
            String[] args = new String[2 + (sadd ? 10_000 : 20_000)];
            args[0] = command;
            args[1] = key;
            for (int i = 0; i < 10_000; i++) {
                boolean zadd = command.equals("ZADD");
                if (sadd) {
                    args[2 + i] = "m" + (from + i);
                    continue;
                }
                args[2 + 2 * i] = zadd ? Integer.toString(from + i) : "m" + (from + i);
                args[3 + 2 * i] = zadd ? "m" + (from + i) : Integer.toString(from + i);
            }
            c.call(":10000\r\n", args);
        }
    }

    /**
     * Runs one command {@code times} times in a transaction and returns EXEC's replies. EXEC answers once all have
     * run, so the client's reply timeout bounds their total time: on a key of 100,000 members, 5,000 picks that each
     * walked the key would take far longer than picks that each cost what Redis's cost.
     */
    static List<Object> manyAtOnce(WireClient c, int times, String... command) {
        StringBuilder resp = new StringBuilder("*1\r\n$5\r\nMULTI\r\n");
        StringBuilder one = new StringBuilder("*").append(command.length).append("\r\n");
        for (String arg : command) {
            one.append('$').append(arg.length()).append("\r\n").append(arg).append("\r\n");
        }
        c.send(resp.append(one.toString().repeat(times)).toString());
        c.expect("+OK\r\n" + "+QUEUED\r\n".repeat(times));
        List<Object> replies = c.command("EXEC").readArray();
        assertThat(replies).hasSize(times);
        return replies;
    }
}
