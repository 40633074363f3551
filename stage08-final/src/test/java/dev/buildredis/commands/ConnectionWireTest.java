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
    void resetLeavesMultiAndSelectsDatabaseZero(WireClient c) {
        c.call("+OK\r\n", "SELECT", "2");
        c.call("+OK\r\n", "MULTI");
        c.call("+RESET\r\n", "RESET");
        c.call("-ERR EXEC without MULTI\r\n", "EXEC");
        c.call("+OK\r\n", "SET", "reset-probe", "v");
        c.call("+OK\r\n", "SELECT", "0");
        c.call("$1\r\nv\r\n", "GETDEL", "reset-probe");
    }
}
