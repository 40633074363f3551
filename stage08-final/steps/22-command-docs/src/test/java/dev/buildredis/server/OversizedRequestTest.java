package dev.buildredis.server;

import dev.buildredis.testing.ServerProcess;
import dev.buildredis.testing.WireClient;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request the heap cannot hold: a 200 MB SET (under proto-max-bulk-len's 512 MB) to a server whose heap is 128 MB.
 * Redis would try to allocate it; a JVM runs out of heap. That client gets an error and is closed; the event loop
 * and every other client go on.
 */
class OversizedRequestTest {

    @Test
    void aRequestLargerThanTheHeapClosesOnlyItsOwnConnection() throws Exception {
        ServerProcess.Launch smallHeap = new ServerProcess.Launch(List.of("-Xmx128m", "-XX:+UseSerialGC"), 0);
        try (ServerProcess server = ServerProcess.start(smallHeap);
             WireClient bystander = WireClient.connect(new InetSocketAddress("127.0.0.1", server.port()))) {
            bystander.call("+OK\r\n", "SET", "k", "v");
            String reply = sendHuge(server.port(), 200_000_000);
            assertThat(reply).as("what the large client read before its connection closed")
                    .isIn("-ERR the server has no memory left for this request (Java heap space)\r\n", "");
            String logged = "closed: its request did not fit in the heap";
            for (int i = 0; i < 50 && !server.output().contains(logged); i++) {
                Thread.sleep(100); // the log line crosses a pipe: on a loaded machine it can come after the close
            }
            assertThat(server.output()).contains(logged);
            bystander.call("$1\r\nv\r\n", "GET", "k");
            bystander.call("+OK\r\n", "SET", "k2", "v".repeat(1_000_000)); // the heap is usable again
        }
    }

    /** Sends SET big <n bytes> as fast as the server takes it; returns what came back before the close. */
    private static String sendHuge(int port, int bytes) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$" + bytes + "\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 20];
            try {
                for (int sent = 0; sent < bytes; sent += chunk.length) {
                    out.write(chunk, 0, Math.min(chunk.length, bytes - sent));
                }
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException closed) {
                // the server closed the connection while we were still sending: expected
            }
            InputStream in = socket.getInputStream();
            try {
                return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            } catch (IOException reset) {
                return "";
            }
        }
    }
}
