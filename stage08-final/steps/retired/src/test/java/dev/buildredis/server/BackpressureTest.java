// @step 01-01
package dev.buildredis.server;

import dev.buildredis.testing.ServerProcess;
import dev.buildredis.testing.WireClient;
import org.junit.jupiter.api.Test;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that pipelines commands and does not read the replies, against this server in a JVM with a 32 MB heap:
 * the 128 MB of replies it asks for cannot pile up in the server, which stops reading it instead (backpressure),
 * serves the other clients meanwhile, and sends every reply, in order, once the client reads. A server that went on
 * running that client's commands would run out of heap and stop.
 */
class BackpressureTest {

    private static final int VALUE_BYTES = 64 * 1024;
    private static final int GETS = 2048;

    // tag::backpressure-test[]
    @Test
    void aClientThatDoesNotReadItsRepliesCannotFillTheServersHeap() throws Exception {
        ServerProcess.Launch smallHeap = new ServerProcess.Launch(List.of("-Xmx32m"), 0);
        try (ServerProcess server = ServerProcess.start(smallHeap);
             WireClient other = WireClient.connect(new InetSocketAddress("127.0.0.1", server.port()));
             Socket greedy = new Socket("127.0.0.1", server.port())) {
            String value = "v".repeat(VALUE_BYTES);
            other.command("SET", "big", value).expect("+OK\r\n");
            greedy.setSoTimeout(10_000);
            Thread sender = Thread.ofPlatform().start(() -> sendGets(greedy));
            Thread.sleep(500); // the server has stopped reading the greedy client; its writes block

            other.send("PING\r\n").expect("+PONG\r\n");

            InputStream in = greedy.getInputStream();
            byte[] reply = ("$" + VALUE_BYTES + "\r\n" + value + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < GETS; i++) {
                assertThat(in.readNBytes(reply.length)).as("reply %d of %d", i + 1, GETS).isEqualTo(reply);
            }
            sender.join(10_000);
            other.send("PING\r\n").expect("+PONG\r\n");
        }
    }
    // end::backpressure-test[]

    private static void sendGets(Socket socket) {
        byte[] get = "*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n".getBytes(StandardCharsets.US_ASCII);
        try {
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            for (int i = 0; i < GETS; i++) {
                out.write(get);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
