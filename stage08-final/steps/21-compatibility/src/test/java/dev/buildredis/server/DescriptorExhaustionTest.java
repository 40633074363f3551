package dev.buildredis.server;

import dev.buildredis.testing.ServerProcess;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The server in a JVM allowed few open files, sent more connections than it has descriptors for: accept fails
 * with "Too many open files" while they stay open. The server must neither die nor spin (accept failing at once,
 * again and again, keeps a core busy), and must serve again once the clients leave.
 */
class DescriptorExhaustionTest {

    private static final int MAX_OPEN_FILES = 128;
    private static final int CONNECTIONS = 200;

    @Test
    void outOfFileDescriptorsTheServerRestsAndServesAgainWhenTheyComeBack() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "reads CPU time from /proc (Linux)");
        ServerProcess.Launch fewFiles = new ServerProcess.Launch(List.of(), MAX_OPEN_FILES);
        try (ServerProcess server = ServerProcess.start(fewFiles)) {
            List<Socket> clients = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    Socket socket = new Socket();
                    clients.add(socket);
                    socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
                }
                long deadline = System.currentTimeMillis() + 10_000;
                while (!server.output().contains("Too many open files") && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(server.output()).contains("Too many open files");

                long before = server.cpuMillis();
                Thread.sleep(2000);
                long used = server.cpuMillis() - before;
                assertThat(used).as("CPU milliseconds in 2 s with accept failing: a spinning loop uses ~2000")
                        .isLessThan(600);
            } finally {
                for (Socket socket : clients) {
                    socket.close();
                }
            }
            assertThat(pingWithin(server.port(), 10_000)).isEqualTo("+PONG\r\n");
        }
    }

    /**
     * PING on a new connection, tried again until the server answers or the time is up. A connection closed without
     * a reply is tried again too: one accepted while the server was still short of descriptors may be.
     */
    private static String pingWithin(int port, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            String answer;
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(2000);
                socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                answer = new String(in.readNBytes(7), StandardCharsets.US_ASCII);
                if (!answer.isEmpty()) {
                    return answer;
                }
                answer = "closed without a reply";
            } catch (IOException e) {
                answer = "no answer: " + e.getMessage();
            }
            if (System.currentTimeMillis() > deadline) {
                return answer;
            }
            Thread.sleep(100);
        }
    }
}
