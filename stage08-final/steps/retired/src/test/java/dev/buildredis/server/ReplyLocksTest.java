// @step 01-01
package dev.buildredis.server;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chapter 4's teaching switch, {@code --hold-lock-over-write yes}, changes when a lock is released and nothing
 * else: every reply is the same, every increment counts, and clients that contend for one key all finish.
 */
class ReplyLocksTest {

    private static final int CLIENTS = 8;
    private static final int INCREMENTS = 250;

    @ParameterizedTest(name = "--store {0}")
    @ValueSource(strings = {"locked", "striped"})
    void clientsContendingForOneKeyAllFinishAndEveryIncrementCounts(String store) throws Exception {
        Config config = Config.parse("--port", "0", "--store", store, "--hold-lock-over-write", "yes");
        try (Server server = Server.start(config);
             ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(pool.submit(() -> {
                    try (Socket socket = new Socket("127.0.0.1", server.port())) {
                        for (int n = 0; n < INCREMENTS; n++) {
                            assertThat(call(socket, "*2\r\n$4\r\nINCR\r\n$7\r\ncounter\r\n")).startsWith(":");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get(30, TimeUnit.SECONDS);
            }
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                assertThat(call(socket, "*2\r\n$3\r\nGET\r\n$7\r\ncounter\r\n"))
                        .isEqualTo("$4\r\n" + CLIENTS * INCREMENTS + "\r\n");
                assertThat(call(socket, "*1\r\n$4\r\nPING\r\n")).isEqualTo("+PONG\r\n");
            }
        }
    }

    /** Sends one command and reads one reply of a single line, or a bulk string of one line. */
    private static String call(Socket socket, String request) throws IOException {
        socket.setSoTimeout(5_000);
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        StringBuilder reply = new StringBuilder(line(in));
        if (reply.charAt(0) == '$' && reply.charAt(1) != '-') {
            reply.append(line(in));
        }
        return reply.toString();
    }

    private static String line(DataInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            line.append((char) c);
            if (c == '\n') {
                break;
            }
        }
        return line.toString();
    }
}
