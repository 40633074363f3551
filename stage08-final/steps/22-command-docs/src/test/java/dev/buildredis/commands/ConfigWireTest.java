package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONFIG SET as Redis 7 does it, and the parameters acted on: every pair set or none, values read as Redis reads
 * them (with its quirks at the edges), and each setting doing what it says. Every test puts back what it changed.
 */
@WireTest
class ConfigWireTest {

    @Test
    void aConfigSetOfSeveralParametersSetsAllOrNone(WireClient c) {
        c.call("-ERR CONFIG SET failed (possibly related to argument 'hz') - argument couldn't be parsed into an "
                + "integer\r\n", "CONFIG", "SET", "maxmemory", "100", "hz", "abc");
        c.call("*2\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n", "CONFIG", "GET", "maxmemory");
        c.call("-ERR CONFIG SET failed (possibly related to argument 'maxmemory') - duplicate parameter\r\n",
                "CONFIG", "SET", "maxmemory", "100", "maxmemory", "200");
        c.call("-ERR Unknown option or number of arguments for CONFIG SET - 'colour'\r\n",
                "CONFIG", "SET", "maxmemory", "100", "colour", "red");
        c.call("*2\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n", "CONFIG", "GET", "maxmemory");
    }

    @Test
    void theListpackValueLimitsAreMemoryValues(WireClient c) {
        try {
            c.call("+OK\r\n", "CONFIG", "SET", "hash-max-listpack-value", "1k", "zset-max-listpack-value", "1kb");
            c.call("*2\r\n$23\r\nhash-max-listpack-value\r\n$4\r\n1000\r\n",
                    "CONFIG", "GET", "hash-max-listpack-value");
            c.call("*2\r\n$23\r\nzset-max-listpack-value\r\n$4\r\n1024\r\n",
                    "CONFIG", "GET", "zset-max-listpack-value");
            c.call("-ERR CONFIG SET failed (possibly related to argument 'hash-max-listpack-value') - argument must be "
                    + "a memory value\r\n", "CONFIG", "SET", "hash-max-listpack-value", "-1");
            c.call("-ERR CONFIG SET failed (possibly related to argument 'hash-max-listpack-entries') - argument "
                    + "couldn't be parsed into an integer\r\n", "CONFIG", "SET", "hash-max-listpack-entries", "1k");
        } finally {
            c.call("+OK\r\n", "CONFIG", "SET", "hash-max-listpack-value", "64", "zset-max-listpack-value", "64");
        }
    }

    @Test
    void anUnknownParameterIsQuotedUpToItsFirstZeroByte(WireClient c) {
        c.call("-ERR Unknown option or number of arguments for CONFIG SET - 'm'\r\n", "CONFIG", "SET", "m\u0000m", "1");
    }

    @Test
    void memoryValuesWrapAt2To64AsRedisReadsThem(WireClient c) {
        try {
            c.call("+OK\r\n", "CONFIG", "SET", "maxmemory", "9999999999gb");
            c.call("*2\r\n$9\r\nmaxmemory\r\n$20\r\n10737418238926258176\r\n", "CONFIG", "GET", "maxmemory");
            c.call("+OK\r\n", "SET", "still", "writable"); // a limit of 10^19 bytes, not "no room at all"
            c.call("-ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory "
                    + "value\r\n", "CONFIG", "SET", "maxmemory", "1.5gb");
        } finally {
            c.call("+OK\r\n", "CONFIG", "SET", "maxmemory", "0");
            c.command("DEL", "still").readReply();
        }
    }

    @Test
    void aMemoryValueWithoutDigitsIsZero(WireClient c) {
        try {
            for (String none : new String[] {"", "b", "k", "KB"}) {
                c.call("+OK\r\n", "CONFIG", "SET", "auto-aof-rewrite-min-size", none);
                c.call("*2\r\n$25\r\nauto-aof-rewrite-min-size\r\n$1\r\n0\r\n",
                        "CONFIG", "GET", "auto-aof-rewrite-min-size");
            }
            c.call("-ERR CONFIG SET failed (possibly related to argument 'auto-aof-rewrite-min-size') - argument must "
                    + "be a memory value\r\n", "CONFIG", "SET", "auto-aof-rewrite-min-size", "x");
        } finally {
            c.call("+OK\r\n", "CONFIG", "SET", "auto-aof-rewrite-min-size", "64mb");
        }
    }

    @Test
    void aStringCannotGrowPastProtoMaxBulkLenWhateverTheOffset(WireClient c) {
        c.call("-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n",
                "SETRANGE", "far", "9223372036854775807", "a");
        c.call("-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n", "SETRANGE", "far", "536870912", "a");
        c.call(":0\r\n", "EXISTS", "far");
    }

    @Test
    void protoMaxBulkLenLimitsWhatAClientMaySend(WireClient c, WireClient admin) {
        admin.call("+OK\r\n", "CONFIG", "SET", "proto-max-bulk-len", "1mb");
        try {
            c.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2000000\r\n");
            c.expect("-ERR Protocol error: invalid bulk length\r\n");
            c.expectClosed();
            admin.call("-ERR CONFIG SET failed (possibly related to argument 'proto-max-bulk-len') - argument must be "
                    + "between 1048576 and 9223372036854775807 inclusive\r\n", "CONFIG", "SET", "proto-max-bulk-len",
                    "100");
        } finally {
            admin.call("+OK\r\n", "CONFIG", "SET", "proto-max-bulk-len", "512mb");
        }
    }

    @Test
    void savePointsBeyondAnyClockAreTakenAndNeverDue(WireClient c) {
        try {
            c.call("+OK\r\n", "CONFIG", "SET", "save", "9223372036854776 1");
            c.call("*2\r\n$4\r\nsave\r\n$18\r\n9223372036854776 1\r\n", "CONFIG", "GET", "save");
            c.call("-ERR CONFIG SET failed (possibly related to argument 'save') - Invalid save parameters\r\n",
                    "CONFIG", "SET", "save", "0 1");
            c.call("-ERR CONFIG SET failed (possibly related to argument 'save') - Invalid save parameters\r\n",
                    "CONFIG", "SET", "save", "3600  1");
        } finally {
            c.call("+OK\r\n", "CONFIG", "SET", "save", "");
        }
    }

    @Test
    void anIdleClientIsClosedAfterTimeoutUnlessItWaitsInABlockingCommand(WireClient idle, WireClient blocked,
                                                                        WireClient admin) throws InterruptedException {
        admin.call("+OK\r\n", "CONFIG", "SET", "timeout", "1");
        try {
            idle.call("+PONG\r\n", "PING");
            blocked.command("BLPOP", "timeout-test-queue", "0");
            for (int i = 0; i < 10; i++) { // 3 s, with the admin never quiet for a second
                Thread.sleep(300);
                admin.call("+PONG\r\n", "PING");
            }
            idle.expectClosed();
            admin.call(":1\r\n", "RPUSH", "timeout-test-queue", "x");
            blocked.expect("*2\r\n$18\r\ntimeout-test-queue\r\n$1\r\nx\r\n");
        } finally {
            admin.call("+OK\r\n", "CONFIG", "SET", "timeout", "0");
        }
    }

    @Test
    void theListpackLimitsDecideTheEncodingUnderTheirOldNamesToo(WireClient c) {
        try {
            c.call("+OK\r\n", "CONFIG", "SET", "hash-max-ziplist-entries", "2");
            c.call("*2\r\n$25\r\nhash-max-listpack-entries\r\n$1\r\n2\r\n", "CONFIG", "GET",
                    "hash-max-listpack-entries");
            c.call(":2\r\n", "HSET", "enc", "a", "1", "b", "2");
            c.call("$8\r\nlistpack\r\n", "OBJECT", "ENCODING", "enc");
            c.call(":1\r\n", "HSET", "enc", "c", "3");
            c.call("$9\r\nhashtable\r\n", "OBJECT", "ENCODING", "enc");
            c.call(":1\r\n", "HDEL", "enc", "c");
            c.call("$9\r\nhashtable\r\n", "OBJECT", "ENCODING", "enc");
        } finally {
            c.call("+OK\r\n", "CONFIG", "SET", "hash-max-listpack-entries", "512");
            c.command("DEL", "enc").readReply();
        }
    }

    @Test
    void keyspaceEventFlagsAreShownInRedisOrder(WireClient c) {
        try {
            c.call("+OK\r\n", "CONFIG", "SET", "notify-keyspace-events", "KEA");
            c.call("*2\r\n$22\r\nnotify-keyspace-events\r\n$3\r\nAKE\r\n", "CONFIG", "GET", "notify-keyspace-events");
            c.call("-ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') - Invalid event "
                    + "class character. Use 'Ag$lshzxeKEtmdn'.\r\n", "CONFIG", "SET", "notify-keyspace-events", "Q");
        } finally {
            c.call("+OK\r\n", "CONFIG", "SET", "notify-keyspace-events", "");
        }
    }

    @Test
    void requirepassMakesEveryNewConnectionAuthenticateFirst(WireClient admin, InetSocketAddress address) {
        admin.call("+OK\r\n", "CONFIG", "SET", "requirepass", "s3cret");
        try (WireClient c = WireClient.connect(address)) {
            c.call("-NOAUTH Authentication required.\r\n", "GET", "requirepass-test");
            c.call("-NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH "
                    + "<user> <pass> option can be used to authenticate the client and select the RESP protocol "
                    + "version at the same time\r\n", "HELLO", "2");
            c.call("-WRONGPASS invalid username-password pair or user is disabled.\r\n", "AUTH", "wrong");
            c.call("-WRONGPASS invalid username-password pair or user is disabled.\r\n", "AUTH", "admin", "s3cret");
            c.call("+OK\r\n", "AUTH", "s3cret");
            c.call("$-1\r\n", "GET", "requirepass-test");
            c.call("-WRONGPASS invalid username-password pair or user is disabled.\r\n", "AUTH", "wrong");
            c.call("+PONG\r\n", "PING"); // a failed AUTH does not take back a successful one
            c.call("+RESET\r\n", "RESET");
            c.call("-NOAUTH Authentication required.\r\n", "PING"); // RESET makes it a new connection again
            c.call("-WRONGPASS invalid username-password pair or user is disabled.\r\n",
                    "HELLO", "2", "AUTH", "default", "wrong");
            assertThat(c.command("HELLO", "2", "AUTH", "default", "s3cret").readArray()).contains("proto", 2L);
            c.call("+PONG\r\n", "PING");
        } finally {
            admin.call("+OK\r\n", "CONFIG", "SET", "requirepass", "");
        }
        admin.call("+PONG\r\n", "PING"); // connected before the password: it never had to authenticate
    }

    @Test
    void slowlogShowsPasswordsAsRedacted(WireClient c) {
        try {
            c.call("+OK\r\n", "CONFIG", "SET", "slowlog-log-slower-than", "0");
            c.call("+OK\r\n", "CONFIG", "SET", "masterauth", "s3cret", "timeout", "0");
            c.call("+OK\r\n", "AUTH", "default", "anything"); // no password set: any is taken
            java.util.List<Object> entries = c.command("SLOWLOG", "GET", "2").readArray();
            assertThat(((java.util.List<?>) entries.get(0)).get(3))
                    .isEqualTo(java.util.List.of("AUTH", "(redacted)", "(redacted)"));
            assertThat(((java.util.List<?>) entries.get(1)).get(3))
                    .isEqualTo(java.util.List.of("CONFIG", "SET", "masterauth", "(redacted)", "timeout", "0"));
        } finally {
            c.call("+OK\r\n", "CONFIG", "SET", "masterauth", "", "slowlog-log-slower-than", "10000");
            c.call("+OK\r\n", "SLOWLOG", "RESET");
        }
    }

    @Test
    void theRestOfRedisParametersAreAcceptedAndShownThoughNothingActsOnThem(WireClient c) {
        try {
            c.call("+OK\r\n", "CONFIG", "SET", "lazyfree-lazy-eviction", "yes", "repl-ping-slave-period", "5",
                    "list-max-ziplist-size", "-3", "oom-score-adj-values", "0 300 900");
            c.call("*2\r\n$22\r\nlazyfree-lazy-eviction\r\n$3\r\nyes\r\n", "CONFIG", "GET",
                    "lazyfree-lazy-eviction");
            c.call("*2\r\n$24\r\nrepl-ping-replica-period\r\n$1\r\n5\r\n", "CONFIG", "GET",
                    "repl-ping-replica-period");
            c.call("-ERR CONFIG SET failed (possibly related to argument 'oom-score-adj-values') - Invalid "
                    + "oom-score-adj-values, elements must be between -2000 and 2000.\r\n",
                    "CONFIG", "SET", "oom-score-adj-values", "0 0 2001");
            c.call("-ERR CONFIG SET failed (possibly related to argument 'io-threads') - can't set immutable "
                    + "config\r\n", "CONFIG", "SET", "io-threads", "4");
        } finally {
            c.call("+OK\r\n", "CONFIG", "SET", "lazyfree-lazy-eviction", "no", "repl-ping-replica-period", "10",
                    "list-max-listpack-size", "-2", "oom-score-adj-values", "0 200 800");
        }
    }

    @Test
    void everyNameIsCheckedBeforeAnyValueAndAValueErrorNamesTheParameterInLowerCase(WireClient c) {
        c.call("-ERR Unknown option or number of arguments for CONFIG SET - 'colour'\r\n",
                "CONFIG", "SET", "hz", "abc", "colour", "red");
        c.call("-ERR CONFIG SET failed (possibly related to argument 'hash-max-ziplist-entries') - argument "
                + "couldn't be parsed into an integer\r\n", "CONFIG", "SET", "HASH-MAX-ZIPLIST-ENTRIES", "x");
        c.call("-ERR syntax error\r\n", "CONFIG", "SET", "hz", "10", "timeout");
    }

    @Test
    void immutableAndProtectedParametersAreRefusedWithRedisText(WireClient c) {
        c.call("-ERR CONFIG SET failed (possibly related to argument 'databases') - can't set immutable config\r\n",
                "CONFIG", "SET", "databases", "32");
        c.call("-ERR CONFIG SET failed (possibly related to argument 'dir') - can't set protected config\r\n",
                "CONFIG", "SET", "dir", "/tmp");
        c.expectNoReplyWithin(Duration.ofMillis(10));
    }
}
