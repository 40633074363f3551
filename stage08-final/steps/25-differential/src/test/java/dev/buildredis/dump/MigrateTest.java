package dev.buildredis.dump;

import dev.buildredis.testing.BothServers;
import dev.buildredis.testing.WireClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MIGRATE between this server and a real redis-server, both ways: the keys arrive with their values and TTLs (the DUMP
 * payloads each writes, the other reads), leave the source unless COPY, and the target's refusals come back as
 * Redis words them.
 */
class MigrateTest {

    private static BothServers servers;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        servers = BothServers.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        servers.close();
    }

    @BeforeEach
    void empty() {
        servers.each(c -> c.call("+OK\r\n", "FLUSHALL"));
    }

    @Test
    void keysMoveToARealRedisWithTheirTtlsAndLeaveThisServer() {
        WireClient ours = servers.ours();
        WireClient redis = servers.redis();
        ours.call("+OK\r\n", "SET", "s", "1");
        ours.call(":2\r\n", "RPUSH", "l", "x", "y");
        ours.call("+OK\r\n", "SET", "e", "v", "PX", "100000");
        ours.call("+OK\r\n", "MIGRATE", "127.0.0.1", port(servers.redisAddress().getPort()), "", "2", "5000",
                "KEYS", "s", "l", "e", "missing");
        ours.call(":0\r\n", "EXISTS", "s", "l", "e");
        redis.call("+OK\r\n", "SELECT", "2");
        redis.call("$1\r\n1\r\n", "GET", "s");
        redis.call("*2\r\n$1\r\nx\r\n$1\r\ny\r\n", "LRANGE", "l", "0", "-1");
        assertThat((Long) redis.command("PTTL", "e").readReply()).isBetween(90_000L, 100_000L);
    }

    @Test
    void keysComeFromARealRedisAndCopyLeavesThemThere() {
        WireClient ours = servers.ours();
        WireClient redis = servers.redis();
        redis.call(":3\r\n", "SADD", "set", "a", "b", "c");
        redis.call("+OK\r\n", "MIGRATE", "127.0.0.1", port(servers.oursAddress().getPort()), "set", "0", "5000",
                "COPY");
        redis.call(":1\r\n", "EXISTS", "set");
        ours.call(":3\r\n", "SCARD", "set");
        ours.call("+OK\r\n", "MIGRATE", "127.0.0.1", port(servers.redisAddress().getPort()), "set", "0", "5000",
                "REPLACE");
        ours.call(":0\r\n", "EXISTS", "set");
    }

    @Test
    void theTargetsRefusalComesBackAndTheKeyStays() {
        refusedBy(servers.ours(), servers.redis(), servers.redisAddress().getPort());
        refusedBy(servers.redis(), servers.ours(), servers.oursAddress().getPort());
    }

    private static void refusedBy(WireClient source, WireClient target, int targetPort) {
        source.call("+OK\r\n", "SET", "k", "here");
        target.call("+OK\r\n", "SET", "k", "there");
        source.call("-ERR Target instance replied with error: BUSYKEY Target key name already exists.\r\n",
                "MIGRATE", "127.0.0.1", port(targetPort), "k", "0", "5000");
        source.call("$4\r\nhere\r\n", "GET", "k");
        source.call("-ERR Target instance replied with error: ERR AUTH <password> called without any password "
                + "configured for the default user. Are you sure your configuration is correct?\r\n",
                "MIGRATE", "127.0.0.1", port(targetPort), "k", "0", "5000", "REPLACE", "AUTH", "secret");
        source.call("$4\r\nhere\r\n", "GET", "k");
    }

    @Test
    void argumentsAreCheckedAsRedisChecksThem() throws IOException {
        String closed;
        try (ServerSocket gone = new ServerSocket(0)) {
            closed = port(gone.getLocalPort());
        }
        String finalClosed = closed;
        servers.each(c -> {
            c.call("+NOKEY\r\n", "MIGRATE", "127.0.0.1", finalClosed, "missing", "0", "100");
            c.call("+OK\r\n", "SET", "k", "v");
            c.call("-ERR When using MIGRATE KEYS option, the key argument must be set to the empty string\r\n",
                    "MIGRATE", "127.0.0.1", finalClosed, "k", "0", "100", "KEYS", "k");
            c.call("-ERR syntax error\r\n", "MIGRATE", "127.0.0.1", finalClosed, "k", "0", "100", "AUTH");
            c.call("-ERR syntax error\r\n", "MIGRATE", "127.0.0.1", finalClosed, "k", "0", "100", "BOGUS");
            c.call("-ERR value is not an integer or out of range\r\n",
                    "MIGRATE", "127.0.0.1", finalClosed, "k", "x", "100");
            c.call("-IOERR error or timeout writing to target instance\r\n",
                    "MIGRATE", "127.0.0.1", finalClosed, "k", "0", "100");
            c.call("$1\r\nv\r\n", "GET", "k");
        });
    }

    private static String port(int port) {
        return Integer.toString(port);
    }
}
