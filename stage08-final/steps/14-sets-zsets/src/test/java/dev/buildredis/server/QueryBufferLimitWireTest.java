package dev.buildredis.server;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.UUID;

/**
 * {@code client-query-buffer-limit}: a client whose unfinished command grows past the limit is closed, and no
 * other client notices. Redis's smallest limit is 1mb (CONFIG SET refuses 1048575), so each test lowers it to that
 * and puts the default (1gb) back. Redis checks the limit after every read, before it parses anything: a client
 * blocked in BLPOP, whose input is not parsed until it is served, is closed the same way.
 */
@WireTest
class QueryBufferLimitWireTest {

    private static final String DEFAULT = "1073741824";
    private static final int LIMIT = 1024 * 1024;

    private final String key = "qbuf:" + UUID.randomUUID();

    @Test
    void anUnfinishedArgumentLargerThanTheLimitClosesItsClientAlone(InetSocketAddress address) {
        try (WireClient admin = WireClient.connect(address); WireClient big = WireClient.connect(address)) {
            admin.call("-ERR CONFIG SET failed (possibly related to argument 'client-query-buffer-limit') - argument "
                            + "must be between 1048576 and 9223372036854775807 inclusive\r\n",
                    "CONFIG", "SET", "client-query-buffer-limit", "1048575");
            admin.call("+OK\r\n", "CONFIG", "SET", "client-query-buffer-limit", "1mb");
            try {
                big.send("*3\r\n$3\r\nSET\r\n$" + key.length() + "\r\n" + key + "\r\n$3000000\r\n");
                sendUpTo(big, LIMIT * 3 / 2); // half as much again as the limit, of a 3 MB argument
                big.expectClosed();
                admin.call("+PONG\r\n", "PING");
                admin.call(":0\r\n", "EXISTS", key);
            } finally {
                admin.call("+OK\r\n", "CONFIG", "SET", "client-query-buffer-limit", DEFAULT);
            }
        }
    }

    @Test
    void aCommandUnderTheLimitIsServed(InetSocketAddress address) {
        try (WireClient admin = WireClient.connect(address); WireClient c = WireClient.connect(address)) {
            admin.call("+OK\r\n", "CONFIG", "SET", "client-query-buffer-limit", "1mb");
            try {
                int size = LIMIT - 64 * 1024; // the whole command, header and all, stays under the limit
                c.send("*3\r\n$3\r\nSET\r\n$" + key.length() + "\r\n" + key + "\r\n$" + size + "\r\n");
                c.send("x".repeat(size) + "\r\n").expect("+OK\r\n");
                c.call(":1\r\n", "DEL", key);
            } finally {
                admin.call("+OK\r\n", "CONFIG", "SET", "client-query-buffer-limit", DEFAULT);
            }
        }
    }

    /** Sends up to {@code bytes} in 64 KB writes; the server may close the connection before it has them all. */
    private static void sendUpTo(WireClient client, int bytes) {
        String chunk = "x".repeat(64 * 1024);
        try {
            for (int sent = 0; sent < bytes; sent += chunk.length()) {
                client.send(chunk);
            }
        } catch (AssertionError e) {
            // reset by the server: closed as it should be, expectClosed sees it
        }
    }
}
