package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WireTest
public class TransactionWireTest {

    @BeforeEach
    void startEmpty(WireClient client) {
        client.call("+OK\r\n", "FLUSHALL");
    }

    @Test
    void execRunsTheQueuedCommandsAndRepliesWithAnArray(WireClient c) {
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "SET", "k", "1");
        c.call("+QUEUED\r\n", "INCR", "k");
        c.call("+QUEUED\r\n", "GET", "k");
        c.call("*3\r\n+OK\r\n:2\r\n$1\r\n2\r\n", "EXEC");
    }

    @Test
    void aCommandFailingInsideExecDoesNotStopTheOthers(WireClient c) {
        c.call("+OK\r\n", "SET", "s", "abc");
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "INCR", "s");
        c.call("+QUEUED\r\n", "SET", "t", "1");
        c.call("*2\r\n-ERR value is not an integer or out of range\r\n+OK\r\n", "EXEC");
    }

    @Test
    void anExecRefusedBeforeItRunsDiscardsTheTransactionAndItsWatchesAsExecAbort(WireClient c, WireClient other) {
        c.call("-EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command\r\n",
                "EXEC", "now");
        c.call("+OK\r\n", "WATCH", "k");
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "SET", "k", "1");
        c.call("-EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command\r\n",
                "EXEC", "now");
        c.call("-ERR EXEC without MULTI\r\n", "EXEC");
        c.call(":0\r\n", "EXISTS", "k");
        other.call("+OK\r\n", "SET", "k", "2"); // no longer watched: the next transaction runs
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "GET", "k");
        c.call("*1\r\n$1\r\n2\r\n", "EXEC");
        c.call("*3\r\n$9\r\nsubscribe\r\n$2\r\nch\r\n:1\r\n", "SUBSCRIBE", "ch");
        c.call("-EXECABORT Transaction discarded because of: Can't execute 'exec': only (P|S)SUBSCRIBE / "
                + "(P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n", "EXEC");
    }

    @Test
    void aCommandRefusedWhileQueueingAbortsTheTransaction(WireClient c) {
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "SET", "k", "1");
        c.call("-ERR unknown command 'NOPE', with args beginning with: \r\n", "NOPE");
        c.call("-EXECABORT Transaction discarded because of previous errors.\r\n", "EXEC");
        c.call(":0\r\n", "EXISTS", "k");
    }

    @Test
    void discardDropsTheQueue(WireClient c) {
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "SET", "k", "1");
        c.call("+OK\r\n", "DISCARD");
        c.call(":0\r\n", "EXISTS", "k");
    }

    @Test
    void misplacedTransactionCommandsAreErrors(WireClient c) {
        c.call("-ERR EXEC without MULTI\r\n", "EXEC");
        c.call("-ERR DISCARD without MULTI\r\n", "DISCARD");
        c.call("+OK\r\n", "MULTI");
        c.call("-ERR MULTI calls can not be nested\r\n", "MULTI");
        c.call("-ERR WATCH inside MULTI is not allowed\r\n", "WATCH", "k");
        c.call("*0\r\n", "EXEC");
    }

    @Test
    void aWatchedKeyChangedByAnotherClientMakesExecFail(WireClient c, WireClient other) {
        c.call("+OK\r\n", "WATCH", "k");
        other.call("+OK\r\n", "SET", "k", "theirs");
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "SET", "k", "mine");
        c.call("*-1\r\n", "EXEC");
        c.call("$6\r\ntheirs\r\n", "GET", "k");
    }

    @Test
    void everyStringWriteOfAnotherClientTouchesAWatchedKey(WireClient c, WireClient other) {
        String[][] writes = {{"GETDEL", "k"}, {"GETEX", "k", "EX", "100"}, {"GETEX", "k", "PERSIST"},
                {"INCRBY", "k", "2"}, {"INCRBYFLOAT", "k", "1.5"}, {"MSET", "k", "1", "j", "2"},
                {"SETRANGE", "k", "0", "2"}};
        for (String[] write : writes) {
            other.call("+OK\r\n", "SET", "k", "1", "EX", "100");
            c.call("+OK\r\n", "WATCH", "k");
            other.command(write).readReply();
            c.call("+OK\r\n", "MULTI");
            c.call("+QUEUED\r\n", "PING");
            c.call("*-1\r\n", "EXEC");
        }
    }

    @Test
    void anUntouchedWatchedKeyLetsExecRun(WireClient c, WireClient other) {
        c.call("+OK\r\n", "WATCH", "k");
        other.call("+OK\r\n", "SET", "unrelated", "v");
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "SET", "k", "mine");
        c.call("*1\r\n+OK\r\n", "EXEC");
    }

    @Test
    void smoveOfAMemberTheDestinationHasLeavesTheDestinationUntouched(WireClient c, WireClient other) {
        other.call(":2\r\n", "SADD", "from", "m", "n");
        other.call(":1\r\n", "SADD", "to", "m");
        c.call("+OK\r\n", "WATCH", "to");
        other.call(":1\r\n", "SMOVE", "from", "to", "m");
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "SCARD", "to");
        c.call("*1\r\n:1\r\n", "EXEC");
        c.call("+OK\r\n", "WATCH", "from");
        other.call(":1\r\n", "SMOVE", "from", "to", "n"); // the source loses a member: touched
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "SCARD", "to");
        c.call("*-1\r\n", "EXEC");
    }

    @Test
    void unwatchForgetsWatchedKeys(WireClient c, WireClient other) {
        c.call("+OK\r\n", "WATCH", "k");
        c.call("+OK\r\n", "UNWATCH");
        other.call("+OK\r\n", "SET", "k", "theirs");
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "SET", "k", "mine");
        c.call("*1\r\n+OK\r\n", "EXEC");
    }

    @Test
    void aWatchedKeyThatExpiresMakesExecFail(WireClient c) {
        c.call("+OK\r\n", "SET", "k", "v", "PX", "30");
        c.call("+OK\r\n", "WATCH", "k");
        try {
            Thread.sleep(60); // real time: the suite also runs against redis-server, whose clock we do not hold
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "PING");
        c.call("*-1\r\n", "EXEC");
    }

    @Test
    void flushallTouchesEveryWatchedKey(WireClient c, WireClient other) {
        c.call("+OK\r\n", "SET", "k", "v");
        c.call("+OK\r\n", "WATCH", "k");
        other.call("+OK\r\n", "FLUSHALL");
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "PING");
        c.call("*-1\r\n", "EXEC");
    }

    @Test
    void execAndDiscardForgetTheWatchedKeys(WireClient c, WireClient other) {
        for (String end : new String[] {"EXEC", "DISCARD"}) {
            c.call("+OK\r\n", "WATCH", "k");
            c.call("+OK\r\n", "MULTI");
            c.command(end).readReply();
            other.call("+OK\r\n", "SET", "k", "theirs");
            c.call("+OK\r\n", "MULTI");
            c.call("+QUEUED\r\n", "PING");
            c.call("*1\r\n+PONG\r\n", "EXEC");
        }
    }

    @Test
    void flushallTouchesOnlyTheWatchedKeysThatExist(WireClient c, WireClient other) {
        c.call("+OK\r\n", "WATCH", "missing");
        other.call("+OK\r\n", "FLUSHALL");
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "PING");
        c.call("*1\r\n+PONG\r\n", "EXEC");
    }

    @Test
    void flushdbTouchesOnlyTheKeysOfItsDatabase(WireClient c, WireClient other) {
        c.call("+OK\r\n", "SET", "k", "v");
        c.call("+OK\r\n", "WATCH", "k");
        other.call("+OK\r\n", "SELECT", "1");
        other.call("+OK\r\n", "SET", "k", "v");
        other.call("+OK\r\n", "FLUSHDB");
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "PING");
        c.call("*1\r\n+PONG\r\n", "EXEC");
    }

    @Test
    void aClientThatStopsWatchingLeavesTheOtherWatchers(WireClient c, WireClient done, WireClient other) {
        c.call("+OK\r\n", "WATCH", "k");
        done.call("+OK\r\n", "WATCH", "k");
        done.call("+OK\r\n", "UNWATCH");
        other.call("+OK\r\n", "SET", "k", "v");
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "PING");
        c.call("*-1\r\n", "EXEC");
    }
}
