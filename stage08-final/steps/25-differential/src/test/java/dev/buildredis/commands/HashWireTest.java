package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@WireTest
class HashWireTest {

    @BeforeEach
    void startEmpty(WireClient client) {
        client.call("+OK\r\n", "FLUSHALL");
    }

    @Test
    void hsetCountsNewFieldsAndHgetReadsThem(WireClient c) {
        c.call(":2\r\n", "HSET", "h", "a", "1", "b", "2");
        c.call(":1\r\n", "HSET", "h", "b", "3", "c", "4");
        c.call("$1\r\n3\r\n", "HGET", "h", "b");
        c.call("$-1\r\n", "HGET", "h", "zzz");
        c.call("$-1\r\n", "HGET", "missing", "a");
        c.call("+OK\r\n", "HMSET", "h", "d", "5");
        c.call(":4\r\n", "HLEN", "h");
        c.call("-ERR wrong number of arguments for 'hset' command\r\n", "HSET", "h", "a", "1", "b");
    }

    @Test
    void smallHashesListFieldsInInsertionOrder(WireClient c) {
        c.call(":3\r\n", "HSET", "h", "z", "1", "a", "2", "m", "3");
        c.call("*6\r\n$1\r\nz\r\n$1\r\n1\r\n$1\r\na\r\n$1\r\n2\r\n$1\r\nm\r\n$1\r\n3\r\n", "HGETALL", "h");
        c.call("*3\r\n$1\r\nz\r\n$1\r\na\r\n$1\r\nm\r\n", "HKEYS", "h");
        c.call("*3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n", "HVALS", "h");
        c.call("*0\r\n", "HGETALL", "missing");
    }

    @Test
    void hmgetAnswersNullForMissingFields(WireClient c) {
        c.call(":1\r\n", "HSET", "h", "a", "1");
        c.call("*2\r\n$1\r\n1\r\n$-1\r\n", "HMGET", "h", "a", "b");
        c.call("*2\r\n$-1\r\n$-1\r\n", "HMGET", "missing", "a", "b");
    }

    @Test
    void hdelRemovesFieldsAndTheEmptiedHash(WireClient c) {
        c.call(":2\r\n", "HSET", "h", "a", "1", "b", "2");
        c.call(":1\r\n", "HDEL", "h", "a", "zzz");
        c.call(":1\r\n", "HDEL", "h", "b");
        c.call(":0\r\n", "EXISTS", "h");
        c.call(":0\r\n", "HDEL", "h", "b");
    }

    @Test
    void hexistsHstrlenAndHsetnx(WireClient c) {
        c.call(":1\r\n", "HSETNX", "h", "a", "hello");
        c.call(":0\r\n", "HSETNX", "h", "a", "other");
        c.call(":1\r\n", "HEXISTS", "h", "a");
        c.call(":0\r\n", "HEXISTS", "h", "b");
        c.call(":5\r\n", "HSTRLEN", "h", "a");
        c.call(":0\r\n", "HSTRLEN", "h", "b");
    }

    @Test
    void hincrbyAndHincrbyfloatWithTheirErrors(WireClient c) {
        c.call(":5\r\n", "HINCRBY", "h", "n", "5");
        c.call(":-5\r\n", "HINCRBY", "h", "n", "-10");
        c.call("$4\r\n-4.5\r\n", "HINCRBYFLOAT", "h", "n", "0.5");
        c.call("-ERR hash value is not an integer\r\n", "HINCRBY", "h", "n", "1");
        c.call("-ERR value is not an integer or out of range\r\n", "HINCRBY", "h", "n", "x");
        c.call(":1\r\n", "HSET", "h", "s", "abc");
        c.call("-ERR hash value is not a float\r\n", "HINCRBYFLOAT", "h", "s", "1");
        c.call("-ERR value is not a valid float\r\n", "HINCRBYFLOAT", "h", "n", "x");
        c.call(":1\r\n", "HSET", "h", "max", "9223372036854775807");
        c.call("-ERR increment or decrement would overflow\r\n", "HINCRBY", "h", "max", "1");
    }

    @Test
    void hincrbyfloatComputesInLongDoubleAndReadsWhatStrtoldReads(WireClient c) {
        c.call(":1\r\n", "HSET", "h", "f", "1e30");
        c.call("$31\r\n1000000000000000000024696061952\r\n", "HINCRBYFLOAT", "h", "f", "1");
        c.call("$4\r\n16.5\r\n", "HINCRBYFLOAT", "h", "hex", "0x10.8");
        c.call("$1\r\n0\r\n", "HINCRBYFLOAT", "h", "tiny", "4e-4951");
        c.call(":1\r\n", "HSET", "h", "max", "1.18973149535723176502e4932");
        c.call("-ERR increment would produce NaN or Infinity\r\n", "HINCRBYFLOAT", "h", "max", "1e4931");
        c.call("-ERR value is NaN or Infinity\r\n", "HINCRBYFLOAT", "h", "f", "-inf");
        c.call("-ERR value is not a valid float\r\n", "HINCRBYFLOAT", "h", "f", "1e5000");
        c.call("-ERR value is not a valid float\r\n", "HINCRBYFLOAT", "h", "f", "nan");
        c.call(":1\r\n", "HSET", "h", "huge", "1e5000");
        c.call("-ERR hash value is not a float\r\n", "HINCRBYFLOAT", "h", "huge", "1");
        c.call(":1\r\n", "HSET", "h", "dbl", "1e308");
        c.command("HINCRBYFLOAT", "h", "dbl", "1e308").readReply(); // 2e308: a long double, so a number
        c.call(":309\r\n", "HSTRLEN", "h", "dbl");
    }

    @Test
    void hscanReturnsFieldsAndValues(WireClient c) {
        c.call(":3\r\n", "HSET", "h", "a1", "x", "a2", "y", "b1", "z");
        c.call("*2\r\n$1\r\n0\r\n*4\r\n$2\r\na1\r\n$1\r\nx\r\n$2\r\na2\r\n$1\r\ny\r\n", "HSCAN", "h", "0", "MATCH", "a*");
        c.call("*2\r\n$1\r\n0\r\n*0\r\n", "HSCAN", "missing", "0");
    }

    @Test
    void hashCommandsOnAnotherTypeAnswerWrongtype(WireClient c) {
        c.call("+OK\r\n", "SET", "s", "v");
        String wrongType = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
        c.call(wrongType, "HSET", "s", "f", "v");
        c.call(wrongType, "HGET", "s", "f");
        c.call(wrongType, "HGETALL", "s");
        c.call(wrongType, "HLEN", "s");
        c.call(wrongType, "HINCRBY", "s", "f", "1");
    }

    @Test
    void hincrbyReachesBothEndsOfALongButNotBeyond(WireClient c) {
        c.call(":2\r\n", "HSET", "h", "up", "1", "down", "-1");
        c.call(":9223372036854775807\r\n", "HINCRBY", "h", "up", "9223372036854775806");
        c.call(":-9223372036854775808\r\n", "HINCRBY", "h", "down", "-9223372036854775807");
        c.call("-ERR increment or decrement would overflow\r\n", "HINCRBY", "h", "down", "-1");
        c.call(":-9223372036854775807\r\n", "HINCRBY", "h", "down", "1");
        c.call(":7\r\n", "HINCRBY", "h", "small", "7");
        c.call(":10\r\n", "HINCRBY", "h", "small", "3");
        c.call(":-2\r\n", "HINCRBY", "h", "negative", "-2");
        c.call(":-5\r\n", "HINCRBY", "h", "negative", "-3");
    }

    @Test
    void everyHashWriteOfAnotherClientTouchesAWatchedKey(WireClient c, WireClient other) {
        String[][] writes = {{"HSET", "h", "a", "1"}, {"HSETNX", "h", "new", "1"}, {"HDEL", "h", "a"},
                {"HINCRBY", "h", "n", "1"}, {"HINCRBYFLOAT", "h", "n", "1.5"}};
        for (String[] write : writes) {
            other.call("+OK\r\n", "FLUSHALL");
            other.call(":2\r\n", "HSET", "h", "a", "1", "n", "1");
            c.call("+OK\r\n", "WATCH", "h");
            other.command(write).readReply();
            c.call("+OK\r\n", "MULTI");
            c.call("+QUEUED\r\n", "PING");
            c.call("*-1\r\n", "EXEC");
        }
    }

    @Test
    void hashWritesThatChangeNothingLeaveAWatchedKeyAlone(WireClient c, WireClient other) {
        c.call(":1\r\n", "HSET", "h", "a", "1");
        c.call("+OK\r\n", "WATCH", "h");
        other.call(":0\r\n", "HSETNX", "h", "a", "2");
        other.call(":0\r\n", "HDEL", "h", "zzz");
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "PING");
        c.call("*1\r\n+PONG\r\n", "EXEC");
    }

    @Test
    void hrandfieldRepliesInRedisShapes(WireClient c) {
        c.call(":3\r\n", "HSET", "h", "f1", "v1", "f2", "v2", "f3", "v3");
        c.call("$-1\r\n", "HRANDFIELD", "missing");
        c.call("*0\r\n", "HRANDFIELD", "missing", "2");
        c.call("*0\r\n", "HRANDFIELD", "h", "0");
        c.call("*3\r\n$2\r\nf1\r\n$2\r\nf2\r\n$2\r\nf3\r\n", "HRANDFIELD", "h", "3");
        c.call("*6\r\n$2\r\nf1\r\n$2\r\nv1\r\n$2\r\nf2\r\n$2\r\nv2\r\n$2\r\nf3\r\n$2\r\nv3\r\n",
                "HRANDFIELD", "h", "10", "WITHVALUES");
        c.call("-ERR syntax error\r\n", "HRANDFIELD", "h", "3", "WITHVALUES", "x");
        c.call("-ERR value is not an integer or out of range\r\n", "HRANDFIELD", "h", "x");
        c.call("-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n",
                "HRANDFIELD", "h", "-9223372036854775808");
        c.call("-ERR value is out of range\r\n", "HRANDFIELD", "h", "9223372036854775807", "WITHVALUES");
        c.call("+OK\r\n", "SET", "str", "x");
        c.call("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "HRANDFIELD", "str");
        c.command("HELLO", "3").readReply();
        c.call("*3\r\n*2\r\n$2\r\nf1\r\n$2\r\nv1\r\n*2\r\n$2\r\nf2\r\n$2\r\nv2\r\n*2\r\n$2\r\nf3\r\n$2\r\nv3\r\n",
                "HRANDFIELD", "h", "3", "WITHVALUES");
        c.call("_\r\n", "HRANDFIELD", "missing");
    }

    @Test
    void hrandfieldWithANegativeCountMayRepeatFields(WireClient c) {
        c.call(":2\r\n", "HSET", "h", "f1", "v1", "f2", "v2");
        java.util.List<Object> fields = c.command("HRANDFIELD", "h", "-10").readArray();
        assertThat(fields).hasSize(10).allMatch(f -> f.equals("f1") || f.equals("f2"));
        java.util.List<Object> pairs = c.command("HRANDFIELD", "h", "-3", "WITHVALUES").readArray();
        assertThat(pairs).hasSize(6);
        for (int i = 0; i < pairs.size(); i += 2) {
            assertThat(pairs.get(i + 1)).isEqualTo(pairs.get(i).equals("f1") ? "v1" : "v2");
        }
    }

    @Test
    void hrandfieldWithACountBelowTheSizeGivesDistinctFields(WireClient c) {
        c.call(":4\r\n", "HSET", "h", "a", "1", "b", "2", "c", "3", "d", "4");
        java.util.List<Object> fields = c.command("HRANDFIELD", "h", "3").readArray();
        assertThat(fields).hasSize(3).doesNotHaveDuplicates().isSubsetOf("a", "b", "c", "d");
        assertThat(c.command("HRANDFIELD", "h").readReply()).isIn("a", "b", "c", "d");
    }

    @Test
    void hrandfieldTakesAFewOfAHugeHashWithoutWalkingIt(WireClient c) {
        SortedSetWireTest.fill(c, "HSET", "h", 100_000);
        java.util.List<Object> pairs = SortedSetWireTest.manyAtOnce(c, 5_000, "HRANDFIELD", "h", "2");
        assertThat(pairs).allSatisfy(p -> assertThat((java.util.List<?>) p).hasSize(2).doesNotHaveDuplicates());
        assertThat(pairs.stream().flatMap(p -> ((java.util.List<?>) p).stream()).distinct().count())
                .isGreaterThan(9_000);
        assertThat(SortedSetWireTest.manyAtOnce(c, 5_000, "HRANDFIELD", "h", "-5"))
                .allSatisfy(p -> assertThat((java.util.List<?>) p).hasSize(5));
        assertThat(SortedSetWireTest.manyAtOnce(c, 5_000, "HRANDFIELD", "h"))
                .allSatisfy(f -> assertThat(f).isInstanceOf(String.class));
        assertThat(c.command("HRANDFIELD", "h", "60000").readArray()).hasSize(60_000).doesNotHaveDuplicates();
    }
}
