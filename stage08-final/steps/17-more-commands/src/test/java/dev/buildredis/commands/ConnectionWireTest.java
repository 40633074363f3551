package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@WireTest
class ConnectionWireTest {

    @Test
    void hello3SwitchesTheConnectionToResp3(WireClient c) {
        List<Object> hello = c.command("HELLO", "3").readArray();
        assertThat(hello.subList(0, 6)).containsExactly("server", "redis", "version", "7.0.15", "proto", 3L);
        c.call("+OK\r\n", "FLUSHALL");
        c.call("_\r\n", "GET", "missing");
        c.call(":0\r\n", "DBSIZE");
        c.call(":1\r\n", "HSET", "h", "f", "v");
        c.call("%1\r\n$1\r\nf\r\n$1\r\nv\r\n", "HGETALL", "h");
        c.call(":1\r\n", "SADD", "s", "1");
        c.call("~1\r\n$1\r\n1\r\n", "SMEMBERS", "s");
        c.call(":1\r\n", "ZADD", "z", "1.5", "m");
        c.call(",1.5\r\n", "ZSCORE", "z", "m");
        c.call("*1\r\n*2\r\n$1\r\nm\r\n,1.5\r\n", "ZRANGE", "z", "0", "-1", "WITHSCORES");
        c.command("HELLO", "2").readReply();
        c.call("$-1\r\n", "GET", "missing");
    }

    @Test
    void helloRefusesUnknownVersions(WireClient c) {
        c.call("-NOPROTO unsupported protocol version\r\n", "HELLO", "4");
        c.call("-ERR Protocol version is not an integer or out of range\r\n", "HELLO", "x");
    }

    @Test
    void clientNamesAndIds(WireClient c) {
        c.call("$-1\r\n", "CLIENT", "GETNAME");
        c.call("+OK\r\n", "CLIENT", "SETNAME", "worker-1");
        c.call("$8\r\nworker-1\r\n", "CLIENT", "GETNAME");
        c.call("-ERR Client names cannot contain spaces, newlines or special characters.\r\n",
                "CLIENT", "SETNAME", "a b");
        Object id = c.command("CLIENT", "ID").readReply();
        assertThat(id).isInstanceOf(Long.class);
        String list = (String) c.command("CLIENT", "LIST").readReply();
        assertThat(list).contains("id=" + id + " ").contains(" name=worker-1 ").endsWith("\n");
        c.call("-ERR unknown subcommand 'NOPE'. Try CLIENT HELP.\r\n", "CLIENT", "NOPE");
    }

    @Test
    void clientKillClosesAnotherConnection(WireClient c, InetSocketAddress address) {
        try (WireClient victim = WireClient.connect(address)) {
            long id = (Long) victim.command("CLIENT", "ID").readReply();
            c.call(":1\r\n", "CLIENT", "KILL", "ID", Long.toString(id));
            victim.expectClosed();
        }
        c.call(":0\r\n", "CLIENT", "KILL", "ID", "999999");
        c.call("-ERR No such client\r\n", "CLIENT", "KILL", "1.2.3.4:5");
    }

    @Test
    void quitRepliesOkThenCloses(WireClient c) {
        c.call("+OK\r\n", "QUIT");
        c.expectClosed();
    }

    @Test
    void aDatabaseIndexPastAnIntSaysTheIntRange(WireClient c) {
        String intRange = "-ERR value is out of range, value must between -2147483648 and 2147483647\r\n";
        c.call(intRange, "SELECT", "9223372036854775807");
        c.call(intRange, "SELECT", "-2147483649");
        c.call("-ERR DB index is out of range\r\n", "SELECT", "2147483647");
        c.call("-ERR value is not an integer or out of range\r\n", "SELECT", "abc");
        c.call("+OK\r\n", "SET", "k", "v");
        c.call(intRange, "COPY", "k", "k2", "DB", "2147483648");
        c.call("-ERR DB index is out of range\r\n", "COPY", "k", "k2", "DB", "-1");
    }

    @Test
    void resetLeavesMultiAndSelectsDatabaseZero(WireClient c) {
        c.call("+OK\r\n", "SELECT", "2");
        c.call("+OK\r\n", "MULTI");
        c.call("+RESET\r\n", "RESET");
        c.call("-ERR EXEC without MULTI\r\n", "EXEC");
        c.call("+OK\r\n", "SET", "reset-probe", "v");
        c.call("+OK\r\n", "SELECT", "0");
        c.call("$1\r\nv\r\n", "GETDEL", "reset-probe");
    }

    /** A field of a CLIENT LIST or CLIENT INFO line: {@code field(line, "db")} is "3" for "... db=3 ...". */
    private static String field(String line, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^| )" + name + "=(\\S*)").matcher(line);
        assertThat(m.find()).as("%s in %s", name, line).isTrue();
        return m.group(1);
    }

    private static String clientLine(WireClient c, long id) {
        String list = (String) c.command("CLIENT", "LIST", "ID", Long.toString(id)).readReply();
        assertThat(list).endsWith("\n");
        return list.strip();
    }

    @Test
    void clientIdsGrowAndClientInfoDescribesTheCaller(WireClient c, WireClient other) {
        long first = (Long) c.command("CLIENT", "ID").readReply();
        long second = (Long) other.command("CLIENT", "ID").readReply();
        assertThat(second).isGreaterThan(first);
        String info = (String) c.command("CLIENT", "INFO").readReply();
        assertThat(field(info, "id")).isEqualTo(Long.toString(first));
        assertThat(field(info, "cmd")).isEqualTo("client|info");
        assertThat(info).endsWith("\n");
    }

    @Test
    void clientListShowsWhatAConnectionIsDoing(WireClient c, WireClient worker) {
        long id = (Long) worker.command("CLIENT", "ID").readReply();
        worker.call("+OK\r\n", "CLIENT", "SETNAME", "worker");
        worker.call("+OK\r\n", "SELECT", "3");
        worker.call("+OK\r\n", "MULTI");
        worker.call("+QUEUED\r\n", "PING");
        worker.call("+QUEUED\r\n", "GET", "k");
        String line = clientLine(c, id);
        assertThat(field(line, "name")).isEqualTo("worker");
        assertThat(field(line, "db")).isEqualTo("3");
        assertThat(field(line, "flags")).isEqualTo("x");
        assertThat(field(line, "multi")).isEqualTo("2");
        assertThat(field(line, "cmd")).isEqualTo("get"); // a queued command is the last one looked up
        worker.call("*2\r\n+PONG\r\n$-1\r\n", "EXEC");
        assertThat(field(clientLine(c, id), "multi")).isEqualTo("-1");
        worker.command("BLPOP", "client-list-q", "0");
        worker.expectNoReplyWithin(java.time.Duration.ofMillis(100));
        assertThat(field(clientLine(c, id), "flags")).isEqualTo("b");
        c.call(":1\r\n", "CLIENT", "UNBLOCK", Long.toString(id));
        worker.expect("*-1\r\n");
        worker.command("SUBSCRIBE", "ch").readReply();
        worker.command("PSUBSCRIBE", "p*").readReply();
        line = clientLine(c, id);
        assertThat(field(line, "flags")).isEqualTo("P");
        assertThat(field(line, "sub")).isEqualTo("1");
        assertThat(field(line, "psub")).isEqualTo("1");
        assertThat(field(line, "cmd")).isEqualTo("psubscribe");
    }

    @Test
    void cmdShowsTheLastCommandLookedUpEvenIfItWasRefused(WireClient c, WireClient other) {
        long id = (Long) other.command("CLIENT", "ID").readReply();
        other.command("NOSUCHCOMMAND").readReply();
        assertThat(field(clientLine(c, id), "cmd")).isEqualTo("NULL");
        other.command("GET").readReply();
        assertThat(field(clientLine(c, id), "cmd")).isEqualTo("get");
        other.command("CLIENT", "NOPE").readReply();
        assertThat(field(clientLine(c, id), "cmd")).isEqualTo("NULL");
        other.command("CLIENT").readReply();
        assertThat(field(clientLine(c, id), "cmd")).isEqualTo("client");
    }

    @Test
    void clientListFiltersByIdOrByTypeButNotBoth(WireClient c, WireClient subscriber) {
        long me = (Long) c.command("CLIENT", "ID").readReply();
        long sub = (Long) subscriber.command("CLIENT", "ID").readReply();
        subscriber.command("SUBSCRIBE", "client-list-ch").readReply();
        String both = (String) c.command("CLIENT", "LIST", "ID", Long.toString(me), Long.toString(sub), "0", "-1")
                .readReply();
        assertThat(both.lines().map(l -> field(l, "id"))).containsExactlyInAnyOrder(Long.toString(me), Long.toString(sub));
        String pubsub = (String) c.command("CLIENT", "LIST", "TYPE", "PubSub").readReply();
        assertThat(pubsub.lines().map(l -> field(l, "id"))).contains(Long.toString(sub)).doesNotContain(Long.toString(me));
        String normal = (String) c.command("CLIENT", "LIST", "TYPE", "normal").readReply();
        assertThat(normal.lines().map(l -> field(l, "id"))).contains(Long.toString(me)).doesNotContain(Long.toString(sub));
        c.call("-ERR Unknown client type 'foo'\r\n", "CLIENT", "LIST", "TYPE", "foo");
        c.call("-ERR Invalid client ID\r\n", "CLIENT", "LIST", "ID", "x");
        c.call("-ERR syntax error\r\n", "CLIENT", "LIST", "ID");
        c.call("-ERR syntax error\r\n", "CLIENT", "LIST", "TYPE", "normal", "ID", Long.toString(me));
    }

    @Test
    void clientKillFiltersMustAllMatch(WireClient c, InetSocketAddress address) {
        try (WireClient victim = WireClient.connect(address)) {
            String info = (String) victim.command("CLIENT", "INFO").readReply();
            String id = field(info, "id"), addr = field(info, "addr"), laddr = field(info, "laddr");
            c.call(":0\r\n", "CLIENT", "KILL", "ID", id, "ADDR", "1.2.3.4:5");
            c.call(":0\r\n", "CLIENT", "KILL", "ID", id, "LADDR", "1.2.3.4:5");
            c.call(":0\r\n", "CLIENT", "KILL", "ID", id, "TYPE", "pubsub");
            c.call(":0\r\n", "CLIENT", "KILL", "ADDR", addr, "ID", "999999");
            c.call(":1\r\n", "CLIENT", "KILL", "ID", id, "ADDR", addr, "LADDR", laddr, "TYPE", "normal", "USER",
                    "default", "SKIPME", "yes");
            victim.expectClosed();
        }
    }

    @Test
    void clientKillSkipsTheCallerUnlessToldNot(WireClient c) {
        String id = c.command("CLIENT", "ID").readReply().toString();
        c.call(":0\r\n", "CLIENT", "KILL", "ID", id);
        c.call(":0\r\n", "CLIENT", "KILL", "ID", id, "SKIPME", "YES");
        c.call(":1\r\n", "CLIENT", "KILL", "ID", id, "SKIPME", "no");
        c.expectClosed();
    }

    @Test
    void clientKillOfAnAddressClosesThatClient(WireClient c, InetSocketAddress address) {
        try (WireClient victim = WireClient.connect(address)) {
            String addr = field((String) victim.command("CLIENT", "INFO").readReply(), "addr");
            c.call("+OK\r\n", "CLIENT", "KILL", addr);
            victim.expectClosed();
        }
    }

    @Test
    void clientKillErrorsUseRedisTexts(WireClient c) {
        c.call("-ERR client-id should be greater than 0\r\n", "CLIENT", "KILL", "ID", "0");
        c.call("-ERR client-id should be greater than 0\r\n", "CLIENT", "KILL", "ID", "x");
        c.call("-ERR syntax error\r\n", "CLIENT", "KILL", "FOO", "bar");
        c.call("-ERR syntax error\r\n", "CLIENT", "KILL", "SKIPME", "maybe");
        c.call("-ERR syntax error\r\n", "CLIENT", "KILL", "ID", "1", "SKIPME");
        c.call("-ERR Unknown client type 'foo'\r\n", "CLIENT", "KILL", "TYPE", "foo");
        c.call("-ERR No such user 'bob'\r\n", "CLIENT", "KILL", "USER", "bob");
    }

    @Test
    void clientUnblockReadsItsReasonBeforeItsId(WireClient c) {
        c.call("-ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR\r\n", "CLIENT", "UNBLOCK", "abc", "BOGUS");
        c.call("-ERR value is not an integer or out of range\r\n", "CLIENT", "UNBLOCK", "abc", "TIMEOUT");
    }

    @Test
    void clientUnblockEndsAWaitAsATimeoutOrWithAnError(WireClient c, WireClient waiter) {
        String id = waiter.command("CLIENT", "ID").readReply().toString();
        c.call(":0\r\n", "CLIENT", "UNBLOCK", id);
        waiter.command("BLPOP", "unblock-q", "0");
        waiter.expectNoReplyWithin(java.time.Duration.ofMillis(100));
        c.call(":1\r\n", "CLIENT", "UNBLOCK", id, "TIMEOUT");
        waiter.expect("*-1\r\n");
        waiter.command("BLPOP", "unblock-q", "0");
        waiter.expectNoReplyWithin(java.time.Duration.ofMillis(100));
        c.call(":1\r\n", "CLIENT", "UNBLOCK", id, "error");
        waiter.expect("-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n");
        waiter.call("+PONG\r\n", "PING");
        c.call("-ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR\r\n", "CLIENT", "UNBLOCK", id, "foo");
        c.call("-ERR unknown subcommand or wrong number of arguments for 'UNBLOCK'. Try CLIENT HELP.\r\n",
                "CLIENT", "UNBLOCK", id, "TIMEOUT", "x");
        c.call("-ERR value is not an integer or out of range\r\n", "CLIENT", "UNBLOCK", "x");
    }

    @Test
    void clientNamesAreMadeOfPrintableBytes(WireClient c) {
        c.call("+OK\r\n", "CLIENT", "SETNAME", "!~");
        c.call("$2\r\n!~\r\n", "CLIENT", "GETNAME");
        c.call("-ERR Client names cannot contain spaces, newlines or special characters.\r\n",
                "CLIENT", "SETNAME", "a\u007f");
        c.call("+OK\r\n", "CLIENT", "SETNAME", "");
        c.call("$-1\r\n", "CLIENT", "GETNAME");
    }

    @Test
    void clientNoEvictAndHelp(WireClient c) {
        c.call("+OK\r\n", "CLIENT", "NO-EVICT", "on");
        List<Object> help = c.command("CLIENT", "HELP").readArray();
        assertThat(help.get(0)).isEqualTo("CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        assertThat(help.subList(help.size() - 2, help.size())).containsExactly("HELP", "    Prints this help.");
    }

    @Test
    void authAcceptsTheDefaultUserWhoHasNoPassword(WireClient c) {
        c.call("+OK\r\n", "AUTH", "default", "anything");
        c.call("-ERR AUTH <password> called without any password configured for the default user. Are you sure "
                + "your configuration is correct?\r\n", "AUTH", "secret");
        c.call("-WRONGPASS invalid username-password pair or user is disabled.\r\n", "AUTH", "bob", "secret");
        c.call("-ERR syntax error\r\n", "AUTH", "a", "b", "c");
    }

    @Test
    void helloAndClientKillQuoteABadArgumentUpToItsFirstZeroByte(WireClient c) {
        c.call("-ERR Syntax error in HELLO option 'a'\r\n", "HELLO", "3", "a\u0000b");
        c.call("-ERR Unknown client type 'q'\r\n", "CLIENT", "KILL", "TYPE", "q\u0000q");
        c.call("-ERR No such user 'q'\r\n", "CLIENT", "KILL", "USER", "q\u0000q");
    }

    @Test
    void helloAuthenticatesAndNamesTheConnection(WireClient c) {
        c.call("+OK\r\n", "CLIENT", "SETNAME", "before");
        assertThat(c.command("HELLO", "2").readArray()).contains("proto", 2L);
        c.call("$6\r\nbefore\r\n", "CLIENT", "GETNAME");
        assertThat(c.command("HELLO", "2", "AUTH", "default", "x", "SETNAME", "after").readArray()).contains(2L);
        c.call("$5\r\nafter\r\n", "CLIENT", "GETNAME");
        c.call("-WRONGPASS invalid username-password pair or user is disabled.\r\n", "HELLO", "2", "AUTH", "bob", "x");
        c.call("-ERR Syntax error in HELLO option 'AUTH'\r\n", "HELLO", "2", "AUTH", "default");
        c.call("-ERR Syntax error in HELLO option 'setname'\r\n", "HELLO", "2", "setname");
        c.call("-ERR Syntax error in HELLO option 'foo'\r\n", "HELLO", "2", "foo");
        c.call("-ERR Client names cannot contain spaces, newlines or special characters.\r\n",
                "HELLO", "2", "SETNAME", "a b");
        c.call("-NOPROTO unsupported protocol version\r\n", "HELLO", "1");
        c.call("$5\r\nafter\r\n", "CLIENT", "GETNAME");
        assertThat(c.command("HELLO").readArray()).contains("proto", 2L);
        // Redis 7.0 names the connection as it reads SETNAME: an option after it that fails leaves the name set
        c.call("-ERR Syntax error in HELLO option 'foo'\r\n", "HELLO", "2", "SETNAME", "", "foo");
        c.call("$-1\r\n", "CLIENT", "GETNAME");
        c.call("-ERR Syntax error in HELLO option 'foo'\r\n", "HELLO", "2", "SETNAME", "late", "foo");
        c.call("$4\r\nlate\r\n", "CLIENT", "GETNAME");
    }

    @Test
    void resetForgetsWatchesSubscriptionsTheProtocolAndTheName(WireClient c, WireClient other) {
        c.call("+OK\r\n", "CLIENT", "SETNAME", "named");
        c.command("HELLO", "3").readReply();
        c.call("+OK\r\n", "WATCH", "reset-k");
        c.command("SUBSCRIBE", "reset-ch").readReply();
        c.command("PSUBSCRIBE", "reset-p*").readReply();
        c.call("+RESET\r\n", "RESET");
        other.call(":0\r\n", "PUBLISH", "reset-ch", "m");
        other.call(":0\r\n", "PUBLISH", "reset-pattern", "m");
        other.call("+OK\r\n", "SET", "reset-k", "v");
        c.call("$1\r\nv\r\n", "GET", "reset-k"); // RESP2 again, and free to run any command
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "PING");
        c.call("*1\r\n+PONG\r\n", "EXEC");
        c.call("$-1\r\n", "CLIENT", "GETNAME");
        other.call(":1\r\n", "DEL", "reset-k");
    }

    @Test
    void infoCountsTheConnectedClientsAndConfigGetPortTellsThePort(WireClient c, WireClient other,
                                                                    InetSocketAddress address) {
        other.call("+PONG\r\n", "PING");
        String clients = (String) c.command("INFO", "clients").readReply();
        java.util.regex.Matcher connected = java.util.regex.Pattern.compile("connected_clients:(\\d+)").matcher(clients);
        assertThat(connected.find()).as(clients).isTrue();
        assertThat(Long.parseLong(connected.group(1))).isGreaterThanOrEqualTo(2);
        c.call("*2\r\n$4\r\nport\r\n$" + Integer.toString(address.getPort()).length() + "\r\n" + address.getPort()
                + "\r\n", "CONFIG", "GET", "port");
    }

    @Test
    void infoCountsEveryConnectionReceived(WireClient c, InetSocketAddress address) {
        long before = totalConnections(c);
        try (WireClient another = WireClient.connect(address)) {
            another.call("+PONG\r\n", "PING");
        }
        assertThat(totalConnections(c)).isEqualTo(before + 1);
    }

    private static long totalConnections(WireClient c) {
        String stats = (String) c.command("INFO", "stats").readReply();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("total_connections_received:(\\d+)").matcher(stats);
        assertThat(m.find()).as(stats).isTrue();
        return Long.parseLong(m.group(1));
    }
}
