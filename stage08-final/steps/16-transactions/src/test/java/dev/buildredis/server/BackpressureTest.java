package dev.buildredis.server;

import dev.buildredis.server.Config;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that pipelines far more replies than the socket holds, and reads them only later: the server pauses its
 * reads, and once the client reads, it sends every reply, in order, with nothing lost or stuck in its buffers.
 */
class BackpressureTest {

    private static final int VALUE_BYTES = 64 * 1024;
    private static final int GETS = 100; // 6.4 MB of replies: well over PAUSE_READS_AT and the socket's buffers

    @Test
    void aClientThatReadsLateGetsEveryReplyInOrder() throws Exception {
        try (Server server = Server.start(Config.parse("--port", "0"));
             Socket client = new Socket("127.0.0.1", server.port())) {
            client.setSoTimeout(10_000);
            OutputStream out = client.getOutputStream();
            InputStream in = client.getInputStream();
            String value = "v".repeat(VALUE_BYTES);
            out.write(command("SET", "big", value));
            assertThat(new String(in.readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("+OK\r\n");

            ByteArrayOutputStream requests = new ByteArrayOutputStream();
            for (int i = 0; i < GETS; i++) {
                requests.write(command("GET", "big"));
            }
            requests.write(command("PING"));
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    out.write(requests.toByteArray()); // blocks while the server's reads are paused
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300); // the server fills the socket and pauses reading this client

            byte[] reply = ("$" + VALUE_BYTES + "\r\n" + value + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < GETS; i++) {
                assertThat(in.readNBytes(reply.length)).as("reply %d", i).isEqualTo(reply);
            }
            assertThat(new String(in.readNBytes(7), StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n");
            writer.join(10_000);
        }
    }

    private static byte[] command(String... args) {
        StringBuilder resp = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            resp.append('$').append(arg.length()).append("\r\n").append(arg).append("\r\n");
        }
        return resp.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
