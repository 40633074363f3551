package dev.buildredis.server;

import dev.buildredis.testing.WireClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server in a JVM of its own with a 64 MB heap and a 24 MB maxmemory, sent five times its heap in writes: it
 * must evict (or refuse, under noeviction) and go on serving, never die of OutOfMemoryError. This is what the
 * estimate of used memory is for; the heap in use, garbage included, could not be compared with maxmemory.
 */
class SmallHeapTest {

    private static final int VALUE_BYTES = 10_000;
    private static final int BATCH = 100;

    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void allkeysLruServesFiveHeapsOfWritesWithoutRunningOutOfMemory() throws Exception {
        try (WireClient c = start("allkeys-lru")) {
            for (int batch = 0; batch < 320; batch++) { // 32,000 x 10 KB = 320 MB
                StringBuilder commands = new StringBuilder();
                for (int i = 0; i < BATCH; i++) {
                    commands.append(set("k:" + batch + ":" + i));
                }
                c.send(commands.toString());
                for (int i = 0; i < BATCH; i++) {
                    c.expect("+OK\r\n");
                }
            }
            String memory = (String) c.command("INFO", "memory").readReply();
            long used = Long.parseLong(memory.replaceAll("(?s).*used_memory:(\\d+).*", "$1"));
            assertThat(used).isLessThanOrEqualTo(24L * 1024 * 1024 + VALUE_BYTES + 200);
            c.call("+PONG\r\n", "PING");
        }
        assertThat(server.isAlive()).isTrue();
    }

    @Test
    void noevictionRefusesWritesAtTheLimitAndStaysUp() throws Exception {
        try (WireClient c = start("noeviction")) {
            int accepted = 0;
            while (c.command("SET", "k:" + accepted, "v".repeat(VALUE_BYTES)).readReply() instanceof String) {
                accepted++;
            }
            assertThat(accepted).isBetween(2000, 2600); // 24 MB of 10 KB values and their keys
            c.call("$" + VALUE_BYTES + "\r\n" + "v".repeat(VALUE_BYTES) + "\r\n", "GET", "k:0");
        }
        assertThat(server.isAlive()).isTrue();
    }

    private static String set(String key) {
        return "*3\r\n$3\r\nSET\r\n$" + key.length() + "\r\n" + key + "\r\n$" + VALUE_BYTES + "\r\n"
                + "v".repeat(VALUE_BYTES) + "\r\n";
    }

    /** Starts {@code java -Xmx64m ... Main --maxmemory 24mb} and connects once it is ready. */
    private WireClient start(String policy) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        server = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--port", Integer.toString(port), "--maxmemory", "24mb",
                "--maxmemory-policy", policy).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.contains("Ready to accept connections")) {
            // start-up lines before the one that says the port is open
        }
        assertThat(line).as("the server's start-up output").isNotNull();
        Thread.ofVirtual().start(() -> out.lines().forEach(l -> { })); // keep draining, so the server never blocks
        return WireClient.connect(new InetSocketAddress("127.0.0.1", port));
    }
}
