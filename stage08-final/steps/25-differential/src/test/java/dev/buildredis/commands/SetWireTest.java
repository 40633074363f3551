package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@WireTest
class SetWireTest {

    @BeforeEach
    void startEmpty(WireClient client) {
        client.call("+OK\r\n", "FLUSHALL");
    }

    @Test
    void saddCountsNewMembersAndIntegerSetsListAscending(WireClient c) {
        c.call(":3\r\n", "SADD", "s", "30", "10", "20");
        c.call(":1\r\n", "SADD", "s", "10", "5");
        c.call("*4\r\n$1\r\n5\r\n$2\r\n10\r\n$2\r\n20\r\n$2\r\n30\r\n", "SMEMBERS", "s");
        c.call(":4\r\n", "SCARD", "s");
        c.call("*0\r\n", "SMEMBERS", "missing");
    }

    @Test
    void membershipQueries(WireClient c) {
        c.call(":2\r\n", "SADD", "s", "a", "b");
        c.call(":1\r\n", "SISMEMBER", "s", "a");
        c.call(":0\r\n", "SISMEMBER", "s", "z");
        c.call("*3\r\n:1\r\n:0\r\n:1\r\n", "SMISMEMBER", "s", "a", "z", "b");
        c.call(":0\r\n", "SISMEMBER", "missing", "a");
    }

    @Test
    void sremRemovesMembersAndTheEmptiedSet(WireClient c) {
        c.call(":2\r\n", "SADD", "s", "a", "b");
        c.call(":1\r\n", "SREM", "s", "a", "z");
        c.call(":1\r\n", "SREM", "s", "b");
        c.call(":0\r\n", "EXISTS", "s");
    }

    @Test
    void setAlgebraOverSeveralKeys(WireClient c) {
        c.call(":4\r\n", "SADD", "a", "1", "2", "3", "4");
        c.call(":3\r\n", "SADD", "b", "3", "4", "5");
        c.call("*2\r\n$1\r\n3\r\n$1\r\n4\r\n", "SINTER", "a", "b");
        c.call("*5\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n$1\r\n4\r\n$1\r\n5\r\n", "SUNION", "a", "b");
        c.call("*2\r\n$1\r\n1\r\n$1\r\n2\r\n", "SDIFF", "a", "b");
        c.call("*0\r\n", "SINTER", "a", "missing");
        c.call(":2\r\n", "SINTERSTORE", "dst", "a", "b");
        c.call(":5\r\n", "SUNIONSTORE", "dst", "a", "b");
        c.call(":0\r\n", "SDIFFSTORE", "dst", "a", "a");
        c.call(":0\r\n", "EXISTS", "dst");
    }

    @Test
    void stringMembersCompareAsBytes(WireClient c) {
        c.call(":3\r\n", "SADD", "s", "apple", "pear", "fig");
        assertThat(c.command("SMEMBERS", "s").readArray()).containsExactlyInAnyOrder("apple", "pear", "fig");
    }

    @Test
    void spopAndSrandmemberWithAndWithoutCount(WireClient c) {
        c.call(":1\r\n", "SADD", "s", "only");
        c.call("$4\r\nonly\r\n", "SRANDMEMBER", "s");
        c.call("*3\r\n$4\r\nonly\r\n$4\r\nonly\r\n$4\r\nonly\r\n", "SRANDMEMBER", "s", "-3");
        c.call("*1\r\n$4\r\nonly\r\n", "SRANDMEMBER", "s", "3");
        c.call("$4\r\nonly\r\n", "SPOP", "s");
        c.call("$-1\r\n", "SPOP", "s");
        c.call("*0\r\n", "SPOP", "s", "2");
        c.call("$-1\r\n", "SRANDMEMBER", "s");
        c.call("*0\r\n", "SRANDMEMBER", "s", "5");
        c.call("-ERR value is out of range, must be positive\r\n", "SPOP", "s", "-1");
    }

    @Test
    void spopWithACountRemovesThatMany(WireClient c) {
        c.call(":5\r\n", "SADD", "s", "1", "2", "3", "4", "5");
        assertThat(c.command("SPOP", "s", "3").readArray()).hasSize(3).doesNotHaveDuplicates();
        c.call(":2\r\n", "SCARD", "s");
    }

    @Test
    void smoveMovesOneMember(WireClient c) {
        c.call(":2\r\n", "SADD", "a", "x", "y");
        c.call(":1\r\n", "SMOVE", "a", "b", "x");
        c.call(":0\r\n", "SMOVE", "a", "b", "x");
        c.call(":1\r\n", "SMOVE", "a", "b", "y");
        c.call(":0\r\n", "EXISTS", "a");
        c.call(":2\r\n", "SCARD", "b");
    }

    @Test
    void sscanMatchesMembers(WireClient c) {
        c.call(":3\r\n", "SADD", "s", "1", "2", "10");
        c.call("*2\r\n$1\r\n0\r\n*2\r\n$1\r\n1\r\n$2\r\n10\r\n", "SSCAN", "s", "0", "MATCH", "1*");
    }

    @Test
    void setCommandsOnAnotherTypeAnswerWrongtype(WireClient c) {
        c.call("+OK\r\n", "SET", "str", "v");
        c.call(":1\r\n", "SADD", "s", "a");
        String wrongType = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
        c.call(wrongType, "SADD", "str", "a");
        c.call(wrongType, "SINTER", "s", "str");
        c.call(wrongType, "SMEMBERS", "str");
    }

    @Test
    void spopWithACountOfZeroAndOneThatEmptiesTheSet(WireClient c) {
        c.call(":3\r\n", "SADD", "s", "a", "b", "c");
        c.call("*0\r\n", "SPOP", "s", "0");
        assertThat(c.command("SPOP", "s", "5").readArray()).containsExactlyInAnyOrder("a", "b", "c");
        c.call(":0\r\n", "EXISTS", "s");
    }

    @Test
    void spopAndSrandmemberWithACountChooseAtRandom(WireClient c) {
        java.util.Set<Object> popped = new java.util.HashSet<>();
        java.util.Set<Object> chosen = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            c.call(":10\r\n", "SADD", "s", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
            chosen.add(new java.util.HashSet<>(c.command("SRANDMEMBER", "s", "3").readArray()));
            popped.add(new java.util.HashSet<>(c.command("SPOP", "s", "3").readArray()));
            c.call(":1\r\n", "DEL", "s");
        }
        // 20 draws of 3 of 10 members: the same 3 every time has a chance of (1/120)^19
        assertThat(popped).hasSizeGreaterThan(1);
        assertThat(chosen).hasSizeGreaterThan(1);
    }

    @Test
    void srandmemberRefusesTheOneCountThatHasNoPositiveTwin(WireClient c) {
        c.call(":1\r\n", "SADD", "s", "a");
        c.call("-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n",
                "SRANDMEMBER", "s", "-9223372036854775808");
    }

    @Test
    void storeFormsWriteTheResultSet(WireClient c) {
        c.call(":2\r\n", "SADD", "a", "1", "2");
        c.call(":2\r\n", "SADD", "b", "2", "3");
        c.call(":3\r\n", "SUNIONSTORE", "dst", "a", "b");
        c.call("*3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n", "SMEMBERS", "dst");
        c.call(":1\r\n", "SINTERSTORE", "dst", "a", "b");
        c.call("*1\r\n$1\r\n2\r\n", "SMEMBERS", "dst");
    }

    @Test
    void smoveFromAMissingSetOrOntoItself(WireClient c) {
        c.call(":0\r\n", "SMOVE", "missing", "s", "a");
        c.call(":0\r\n", "EXISTS", "s");
        c.call(":1\r\n", "SADD", "s", "a");
        c.call(":1\r\n", "SMOVE", "s", "s", "a");
        c.call(":0\r\n", "SMOVE", "s", "s", "zzz");
        c.call("*1\r\n$1\r\na\r\n", "SMEMBERS", "s");
    }

    @Test
    void smoveFromAMissingSetAnswersZeroBeforeLookingAtTheDestinationsType(WireClient c) {
        c.call("+OK\r\n", "SET", "str", "v");
        c.call(":0\r\n", "SMOVE", "missing", "str", "a");
        c.call(":1\r\n", "SADD", "s", "a");
        c.call("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "SMOVE", "s", "str", "a");
    }

    @Test
    void everySetWriteOfAnotherClientTouchesAWatchedKey(WireClient c, WireClient other) {
        String[][] writes = {{"SADD", "s", "new"}, {"SREM", "s", "a"}, {"SPOP", "s"}, {"SPOP", "s", "1"},
                {"SMOVE", "s", "t", "a"}, {"SMOVE", "t", "s", "t1"}, {"SUNIONSTORE", "s", "t"},
                {"SDIFFSTORE", "s", "t", "t"}};
        for (String[] write : writes) {
            other.call("+OK\r\n", "FLUSHALL");
            other.call(":2\r\n", "SADD", "s", "a", "b");
            other.call(":1\r\n", "SADD", "t", "t1");
            c.call("+OK\r\n", "WATCH", "s");
            other.command(write).readReply();
            c.call("+OK\r\n", "MULTI");
            c.call("+QUEUED\r\n", "PING");
            c.call("*-1\r\n", "EXEC");
        }
    }

    @Test
    void setWritesThatChangeNothingLeaveAWatchedKeyAlone(WireClient c, WireClient other) {
        c.call(":1\r\n", "SADD", "s", "a");
        c.call("+OK\r\n", "WATCH", "s");
        other.call(":0\r\n", "SADD", "s", "a");
        other.call(":0\r\n", "SREM", "s", "zzz");
        other.call(":0\r\n", "SMOVE", "s", "t", "zzz");
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "PING");
        c.call("*1\r\n+PONG\r\n", "EXEC");
    }

    @Test
    void aStoreOfAnEmptyResultOverAMissingKeyLeavesItsWatchAlone(WireClient c, WireClient other) {
        c.call("+OK\r\n", "WATCH", "dst");
        other.call(":0\r\n", "SINTERSTORE", "dst", "missing", "dst");
        other.call(":0\r\n", "SUNIONSTORE", "dst", "missing");
        other.call(":0\r\n", "SDIFFSTORE", "dst", "missing");
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "PING");
        c.call("*1\r\n+PONG\r\n", "EXEC");
    }

    @Test
    void sintercardCountsTheIntersectionUpToItsLimit(WireClient c) {
        c.call(":3\r\n", "SADD", "a", "x", "y", "z");
        c.call(":3\r\n", "SADD", "b", "y", "z", "w");
        c.call(":2\r\n", "SINTERCARD", "2", "a", "b");
        c.call(":1\r\n", "SINTERCARD", "2", "a", "b", "LIMIT", "1");
        c.call(":2\r\n", "SINTERCARD", "2", "a", "b", "LIMIT", "0");
        c.call(":3\r\n", "SINTERCARD", "1", "a");
        c.call(":0\r\n", "SINTERCARD", "2", "a", "missing");
    }

    @Test
    void sintercardErrors(WireClient c) {
        c.call(":1\r\n", "SADD", "a", "x");
        c.call("+OK\r\n", "SET", "str", "x");
        c.call("-ERR numkeys should be greater than 0\r\n", "SINTERCARD", "0", "a");
        c.call("-ERR numkeys should be greater than 0\r\n", "SINTERCARD", "x", "a");
        c.call("-ERR Number of keys can't be greater than number of args\r\n", "SINTERCARD", "3", "a", "b");
        c.call("-ERR LIMIT can't be negative\r\n", "SINTERCARD", "2", "a", "b", "LIMIT", "-1");
        c.call("-ERR LIMIT can't be negative\r\n", "SINTERCARD", "2", "a", "b", "LIMIT", "x");
        c.call("-ERR syntax error\r\n", "SINTERCARD", "2", "a", "b", "LIMIT");
        c.call("-ERR syntax error\r\n", "SINTERCARD", "2", "a", "b", "FOO", "1");
        c.call("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
                "SINTERCARD", "2", "missing", "str");
    }

    @Test
    void srandmemberAndSpopTakeAFewOfAHugeSetWithoutWalkingIt(WireClient c) {
        SortedSetWireTest.fill(c, "SADD", "s", 100_000);
        java.util.List<Object> pairs = SortedSetWireTest.manyAtOnce(c, 5_000, "SRANDMEMBER", "s", "2");
        assertThat(pairs).allSatisfy(p -> assertThat((java.util.List<?>) p).hasSize(2).doesNotHaveDuplicates());
        assertThat(pairs.stream().flatMap(p -> ((java.util.List<?>) p).stream()).distinct().count())
                .isGreaterThan(9_000);
        assertThat(SortedSetWireTest.manyAtOnce(c, 5_000, "SRANDMEMBER", "s", "-5"))
                .allSatisfy(p -> assertThat((java.util.List<?>) p).hasSize(5));
        assertThat(SortedSetWireTest.manyAtOnce(c, 5_000, "SRANDMEMBER", "s"))
                .allSatisfy(m -> assertThat(m).isInstanceOf(String.class));
        java.util.List<Object> popped = SortedSetWireTest.manyAtOnce(c, 5_000, "SPOP", "s", "2");
        assertThat(popped.stream().flatMap(p -> ((java.util.List<?>) p).stream()).distinct().count())
                .isEqualTo(10_000);
        assertThat(SortedSetWireTest.manyAtOnce(c, 5_000, "SPOP", "s")).doesNotHaveDuplicates();
        c.call(":85000\r\n", "SCARD", "s");
        assertThat(c.command("SRANDMEMBER", "s", "40000").readArray()).hasSize(40_000).doesNotHaveDuplicates();
        assertThat(c.command("SPOP", "s", "40000").readArray()).hasSize(40_000).doesNotHaveDuplicates();
        c.call(":45000\r\n", "SCARD", "s");
    }
}
