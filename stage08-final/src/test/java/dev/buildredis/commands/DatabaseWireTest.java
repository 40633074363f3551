// @step 24
package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.Test;

/** MOVE and SWAPDB: keys between databases, and what clients watching or waiting in them see. */
@WireTest
class DatabaseWireTest {

    /** Databases 12 and 13, emptied, with the client in 12. */
    private static void fresh(WireClient c) {
        c.call("+OK\r\n", "SELECT", "13");
        c.call("+OK\r\n", "FLUSHDB");
        c.call("+OK\r\n", "SELECT", "12");
        c.call("+OK\r\n", "FLUSHDB");
    }

    @Test
    void moveTakesTheKeyAndItsTtlToTheOtherDatabase(WireClient c) {
        fresh(c);
        c.call("+OK\r\n", "SET", "mv:k", "v", "EX", "1000");
        c.call(":1\r\n", "MOVE", "mv:k", "13");
        c.call(":0\r\n", "EXISTS", "mv:k");
        c.call("+OK\r\n", "SELECT", "13");
        c.call("$1\r\nv\r\n", "GET", "mv:k");
        c.call(":1000\r\n", "TTL", "mv:k");
    }

    @Test
    void moveLeavesAKeyThatIsAlreadyThereOrMissingHere(WireClient c) {
        fresh(c);
        c.call(":0\r\n", "MOVE", "mv:none", "13");
        c.call("+OK\r\n", "SET", "mv:k", "here");
        c.call("+OK\r\n", "SELECT", "13");
        c.call("+OK\r\n", "SET", "mv:k", "there");
        c.call("+OK\r\n", "SELECT", "12");
        c.call(":0\r\n", "MOVE", "mv:k", "13");
        c.call("$4\r\nhere\r\n", "GET", "mv:k");
    }

    @Test
    void moveChecksTheDatabaseBeforeTheKey(WireClient c) {
        fresh(c);
        c.call("-ERR source and destination objects are the same\r\n", "MOVE", "mv:none", "12");
        c.call("-ERR DB index is out of range\r\n", "MOVE", "mv:none", "16");
        c.call("-ERR DB index is out of range\r\n", "MOVE", "mv:none", "-1");
        c.call("-ERR value is not an integer or out of range\r\n", "MOVE", "mv:none", "x");
        c.call("-ERR value is out of range, value must between -2147483648 and 2147483647\r\n", "MOVE", "mv:none",
                "4294967296");
    }

    @Test
    void swapdbExchangesTheDataAndLeavesEveryClientWhereItWas(WireClient c, WireClient other) {
        fresh(c);
        c.call("+OK\r\n", "SET", "sw:k", "from-12");
        other.call("+OK\r\n", "SELECT", "13");
        other.call("+OK\r\n", "SET", "sw:k", "from-13");
        c.call("+OK\r\n", "SWAPDB", "12", "13");
        c.call("$7\r\nfrom-13\r\n", "GET", "sw:k");
        other.call("$7\r\nfrom-12\r\n", "GET", "sw:k");
        c.call("+OK\r\n", "SWAPDB", "13", "12");
        c.call("$7\r\nfrom-12\r\n", "GET", "sw:k");
        c.call("+OK\r\n", "SWAPDB", "12", "12");
    }

    @Test
    void swapdbFailsATransactionWatchingAKeyInEitherDatabase(WireClient c, WireClient other) {
        fresh(c);
        c.call("+OK\r\n", "SET", "sw:w", "1");
        c.call("+OK\r\n", "WATCH", "sw:w");
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "PING");
        other.call("+OK\r\n", "SWAPDB", "12", "13");
        c.call("*-1\r\n", "EXEC");
        c.call("+OK\r\n", "WATCH", "sw:nowhere"); // a key in neither: the EXEC goes through
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "PING");
        other.call("+OK\r\n", "SWAPDB", "12", "13");
        c.call("*1\r\n+PONG\r\n", "EXEC");
        c.call("+OK\r\n", "WATCH", "sw:w"); // a database swapped with itself: nothing changes, nothing touched
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "PING");
        other.call("+OK\r\n", "SWAPDB", "12", "12");
        c.call("*1\r\n+PONG\r\n", "EXEC");
    }

    @Test
    void swapdbServesAClientBlockedOnAKeyTheOtherDatabaseHas(WireClient c, WireClient other) {
        fresh(c);
        c.command("BLPOP", "sw:list", "0");
        other.call("+OK\r\n", "SELECT", "13");
        other.call(":1\r\n", "RPUSH", "sw:list", "x");
        other.call("+OK\r\n", "SWAPDB", "12", "13");
        c.expect("*2\r\n$7\r\nsw:list\r\n$1\r\nx\r\n");
    }

    @Test
    void swapdbNamesTheIndexItCannotRead(WireClient c) {
        c.call("-ERR invalid first DB index\r\n", "SWAPDB", "x", "1");
        c.call("-ERR invalid second DB index\r\n", "SWAPDB", "1", "x");
        c.call("-ERR invalid second DB index\r\n", "SWAPDB", "1", "4294967296");
        c.call("-ERR DB index is out of range\r\n", "SWAPDB", "0", "16");
        c.call("-ERR DB index is out of range\r\n", "SWAPDB", "-1", "0");
    }
}
