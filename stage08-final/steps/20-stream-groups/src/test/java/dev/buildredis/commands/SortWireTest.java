package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SORT and SORT_RO, byte for byte as Redis 7.0 answers: numbers and strings, weights from other keys and hash
 * fields, constant BY patterns, GET, LIMIT, STORE, and the order Redis leaves equal elements in.
 */
@WireTest
class SortWireTest {

    @BeforeEach
    void startEmpty(WireClient client) {
        client.call("+OK\r\n", "FLUSHALL");
    }

    @Test
    void sortOrdersNumbersAscendingOrDescending(WireClient c) {
        c.call(":8\r\n", "RPUSH", "l", "3", "1", "2", "10", "-5", "1.5", "0x10", "inf");
        c.call("*8\r\n$2\r\n-5\r\n$1\r\n1\r\n$3\r\n1.5\r\n$1\r\n2\r\n$1\r\n3\r\n$2\r\n10\r\n$4\r\n0x10\r\n$3\r\n"
                + "inf\r\n", "SORT", "l");
        c.call("*8\r\n$3\r\ninf\r\n$4\r\n0x10\r\n$2\r\n10\r\n$1\r\n3\r\n$1\r\n2\r\n$3\r\n1.5\r\n$1\r\n1\r\n$2\r\n"
                + "-5\r\n", "SORT", "l", "DESC");
        c.call("*8\r\n$2\r\n-5\r\n$1\r\n1\r\n$3\r\n1.5\r\n$1\r\n2\r\n$1\r\n3\r\n$2\r\n10\r\n$4\r\n0x10\r\n$3\r\n"
                + "inf\r\n", "SORT", "l", "ASC");
    }

    @Test
    void equalNumbersAreOrderedByTheirBytes(WireClient c) {
        c.call(":4\r\n", "RPUSH", "l", "1.0", "1", "01", "1e0");
        c.call("*4\r\n$2\r\n01\r\n$1\r\n1\r\n$3\r\n1.0\r\n$3\r\n1e0\r\n", "SORT", "l");
        c.call("*4\r\n$3\r\n1e0\r\n$3\r\n1.0\r\n$1\r\n1\r\n$2\r\n01\r\n", "SORT", "l", "DESC");
    }

    @Test
    void limitTakesAPageOfTheSortedElements(WireClient c) {
        c.call(":5\r\n", "RPUSH", "l", "5", "4", "3", "2", "1");
        c.call("*2\r\n$1\r\n2\r\n$1\r\n3\r\n", "SORT", "l", "LIMIT", "1", "2");
        c.call("*2\r\n$1\r\n1\r\n$1\r\n2\r\n", "SORT", "l", "LIMIT", "-1", "2");
        c.call("*2\r\n$1\r\n4\r\n$1\r\n5\r\n", "SORT", "l", "LIMIT", "3", "-1");
        c.call("*0\r\n", "SORT", "l", "LIMIT", "10", "2");
        c.call("*0\r\n", "SORT", "l", "LIMIT", "0", "0");
        c.call("-ERR value is not an integer or out of range\r\n", "SORT", "l", "LIMIT", "x", "2");
        c.call("-ERR syntax error\r\n", "SORT", "l", "LIMIT", "0");
    }

    @Test
    void alphaComparesTheElementsAsStrings(WireClient c) {
        c.call(":5\r\n", "RPUSH", "l", "banana", "apple", "10", "9", "cherry");
        c.call("*5\r\n$2\r\n10\r\n$1\r\n9\r\n$5\r\napple\r\n$6\r\nbanana\r\n$6\r\ncherry\r\n", "SORT", "l", "ALPHA");
        c.call("*2\r\n$6\r\ncherry\r\n$6\r\nbanana\r\n", "SORT", "l", "ALPHA", "DESC", "LIMIT", "0", "2");
        c.call("-ERR One or more scores can't be converted into double\r\n", "SORT", "l");
    }

    @Test
    void sortingASortedSetLeavesItASkipList(WireClient c) {
        c.call(":2\r\n", "ZADD", "z", "1", "a", "2", "b");
        c.call("-ERR syntax error\r\n", "SORT", "z", "BOGUS");
        c.call("-ERR value is not an integer or out of range\r\n", "SORT", "z", "LIMIT", "0", "x");
        c.call("$8\r\nlistpack\r\n", "OBJECT", "ENCODING", "z");
        c.call("-ERR One or more scores can't be converted into double\r\n", "SORT_RO", "z");
        c.call("$8\r\nskiplist\r\n", "OBJECT", "ENCODING", "z");
        c.call(":2\r\n", "ZADD", "y", "1", "a", "2", "b");
        c.call("*1\r\n$1\r\na\r\n", "SORT", "y", "BY", "nosort", "LIMIT", "0", "1");
        c.call("$8\r\nskiplist\r\n", "OBJECT", "ENCODING", "y");
    }

    @Test
    void anElementThatIsNoNumberFailsANumericSort(WireClient c) {
        c.call(":3\r\n", "RPUSH", "l", "1", "abc", "2");
        c.call("-ERR One or more scores can't be converted into double\r\n", "SORT", "l");
        c.call("*3\r\n$1\r\n1\r\n$1\r\n2\r\n$3\r\nabc\r\n", "SORT", "l", "ALPHA");
        c.call("-ERR One or more scores can't be converted into double\r\n", "SORT", "l", "LIMIT", "0", "1");
        c.call(":1\r\n", "RPUSH", "big", "1e400");
        c.call("-ERR One or more scores can't be converted into double\r\n", "SORT", "big");
    }

    @Test
    void byTakesTheWeightsFromOtherKeys(WireClient c) {
        c.call(":3\r\n", "RPUSH", "l", "1", "2", "3");
        c.call("+OK\r\n", "MSET", "w_1", "30", "w_2", "10", "w_3", "20");
        c.call("*3\r\n$1\r\n2\r\n$1\r\n3\r\n$1\r\n1\r\n", "SORT", "l", "BY", "w_*");
        c.call("*3\r\n$1\r\n1\r\n$1\r\n3\r\n$1\r\n2\r\n", "SORT", "l", "BY", "w_*", "DESC");
        c.call(":1\r\n", "DEL", "w_2");
        c.call("*3\r\n$1\r\n2\r\n$1\r\n3\r\n$1\r\n1\r\n", "SORT", "l", "BY", "w_*");
        c.call("*1\r\n$1\r\n3\r\n", "SORT", "l", "BY", "w_*", "LIMIT", "1", "1");
    }

    @Test
    void byReadsAHashFieldAfterTheArrow(WireClient c) {
        c.call(":3\r\n", "RPUSH", "l", "1", "2", "3");
        c.call(":1\r\n", "HSET", "h_1", "name", "carol");
        c.call(":1\r\n", "HSET", "h_2", "name", "alice");
        c.call(":1\r\n", "HSET", "h_3", "name", "bob");
        c.call("*3\r\n$1\r\n2\r\n$1\r\n3\r\n$1\r\n1\r\n", "SORT", "l", "BY", "h_*->name", "ALPHA");
        c.call("*3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n", "SORT", "l", "BY", "h_*->age");
    }

    @Test
    void byAConstantPatternLeavesTheOrderAsItIs(WireClient c) {
        c.call(":3\r\n", "RPUSH", "l", "3", "1", "2");
        c.call("*3\r\n$1\r\n3\r\n$1\r\n1\r\n$1\r\n2\r\n", "SORT", "l", "BY", "nosort");
        c.call("*3\r\n$1\r\n2\r\n$1\r\n1\r\n$1\r\n3\r\n", "SORT", "l", "BY", "nosort", "DESC");
        c.call("*1\r\n$1\r\n1\r\n", "SORT", "l", "BY", "nosort", "LIMIT", "1", "1");
        c.call(":3\r\n", "ZADD", "z", "1", "c", "2", "a", "3", "b");
        c.call("*3\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n", "SORT", "z", "BY", "nosort");
        c.call("*2\r\n$1\r\nb\r\n$1\r\na\r\n", "SORT", "z", "BY", "nosort", "DESC", "LIMIT", "0", "2");
        c.call("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", "SORT", "z", "ALPHA");
    }

    @Test
    void getFetchesOtherKeysForEachSortedElement(WireClient c) {
        c.call(":3\r\n", "RPUSH", "l", "2", "1", "3");
        c.call("+OK\r\n", "MSET", "name_1", "one", "name_2", "two");
        c.call(":1\r\n", "HSET", "h_3", "f", "three");
        c.call("*3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n", "SORT", "l", "GET", "#");
        c.call("*9\r\n$3\r\none\r\n$1\r\n1\r\n$-1\r\n$3\r\ntwo\r\n$1\r\n2\r\n$-1\r\n$-1\r\n$1\r\n3\r\n$5\r\n"
                + "three\r\n", "SORT", "l", "GET", "name_*", "GET", "#", "GET", "h_*->f");
        c.call("*3\r\n$-1\r\n$-1\r\n$-1\r\n", "SORT", "l", "GET", "nostar");
    }

    @Test
    void storeSavesTheResultAsAListAndDropsTheTtl(WireClient c) {
        c.call(":3\r\n", "RPUSH", "l", "2", "1", "3");
        c.call("+OK\r\n", "SET", "name_1", "one");
        c.call("+OK\r\n", "SET", "dst", "old", "EX", "100");
        c.call(":3\r\n", "SORT", "l", "STORE", "dst");
        c.call("*3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n", "LRANGE", "dst", "0", "-1");
        c.call(":-1\r\n", "TTL", "dst");
        c.call(":3\r\n", "SORT", "l", "GET", "name_*", "STORE", "dst");
        c.call("*3\r\n$3\r\none\r\n$0\r\n\r\n$0\r\n\r\n", "LRANGE", "dst", "0", "-1");
        c.call(":0\r\n", "SORT", "nokey", "STORE", "dst");
        c.call(":0\r\n", "EXISTS", "dst");
    }

    @Test
    void aSetStoredWithoutSortingIsSortedAsStringsSoThatItsOrderIsNoAccident(WireClient c) {
        c.call(":3\r\n", "SADD", "s", "3", "10", "2");
        c.call(":3\r\n", "SORT", "s", "BY", "nosort", "STORE", "dst");
        c.call("*3\r\n$2\r\n10\r\n$1\r\n2\r\n$1\r\n3\r\n", "LRANGE", "dst", "0", "-1");
        c.call(":2\r\n", "SADD", "t", "banana", "apple");
        c.call(":2\r\n", "SORT", "t", "BY", "nosort", "STORE", "dst");
        c.call("*2\r\n$5\r\napple\r\n$6\r\nbanana\r\n", "LRANGE", "dst", "0", "-1");
    }

    @Test
    void sortRoTakesNoStore(WireClient c) {
        c.call(":2\r\n", "RPUSH", "l", "2", "1");
        c.call("*2\r\n$1\r\n1\r\n$1\r\n2\r\n", "SORT_RO", "l");
        c.call("-ERR syntax error\r\n", "SORT_RO", "l", "STORE", "dst");
    }

    @Test
    void sortErrorsAndMissingKeys(WireClient c) {
        c.call("*0\r\n", "SORT", "nokey");
        c.call("+OK\r\n", "SET", "str", "x");
        c.call("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "SORT", "str");
        c.call("-ERR syntax error\r\n", "SORT", "str", "FOO");
        c.call("-ERR syntax error\r\n", "SORT", "nokey", "FOO");
        c.call("-ERR syntax error\r\n", "SORT", "nokey", "BY");
        c.call("-ERR syntax error\r\n", "SORT", "nokey", "GET");
    }

    @Test
    void tiesInAnAlphaSortByWeightsKeepRedisOrderUnderLimit(WireClient c) {
        c.call(":8\r\n", "RPUSH", "l", "a", "b", "c", "d", "e", "f", "g", "h");
        c.call("+OK\r\n",
                "MSET", "w_a", "x", "w_b", "x", "w_c", "y", "w_d", "x", "w_e", "y", "w_f", "x", "w_g", "y", "w_h", "x");
        c.call("*8\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nd\r\n$1\r\nf\r\n$1\r\nh\r\n$1\r\nc\r\n$1\r\ne\r\n$1\r\ng\r\n",
                "SORT", "l", "BY", "w_*", "ALPHA");
        c.call("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nd\r\n", "SORT", "l", "BY", "w_*", "ALPHA", "LIMIT", "0", "3");
        c.call("*4\r\n$1\r\nc\r\n$1\r\ng\r\n$1\r\ne\r\n$1\r\nf\r\n",
                "SORT", "l", "BY", "w_*", "ALPHA", "DESC", "LIMIT", "0", "4");
    }

    @Test
    void resp3GetAnswersNullForAMissingKey(WireClient c) {
        c.call(":2\r\n", "RPUSH", "l", "1", "2");
        c.call("+OK\r\n", "SET", "name_1", "one");
        c.command("HELLO", "3").readReply();
        c.call("*2\r\n$3\r\none\r\n_\r\n", "SORT", "l", "GET", "name_*");
    }
}
