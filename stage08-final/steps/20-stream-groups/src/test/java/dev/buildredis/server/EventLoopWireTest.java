package dev.buildredis.server;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a server that serves every client from one thread must still get right, seen from the wire: a client that
 * sends half a command, or sends commands without reading the replies, holds up no one else, and pipelined
 * commands are answered in order. redis-server, one thread too, passes every one of them.
 */
@WireTest
class EventLoopWireTest {

    private final String key = "step01:" + UUID.randomUUID();

    // tag::half-command[]
    @Test
    void aClientThatSendsHalfACommandDoesNotHoldUpTheOthers(InetSocketAddress address) throws InterruptedException {
        try (WireClient slow = WireClient.connect(address); WireClient other = WireClient.connect(address)) {
            slow.send("*2\r\n$4\r\nECHO\r\n$5\r\nhel");        // and then nothing, for now
            Thread.sleep(200);                                  // time for the server to read the half it has
            other.send("PING\r\n").expect("+PONG\r\n");        // served meanwhile
            slow.send("lo\r\n").expect("$5\r\nhello\r\n");    // the rest completes the command
        }
    }
    // end::half-command[]

    @Test
    void tenThousandPipelinedCommandsInOneWriteAreAnsweredInOrder(WireClient client) {
        StringBuilder commands = new StringBuilder();
        StringBuilder replies = new StringBuilder();
        for (int i = 1; i <= 10_000; i++) {
            commands.append("*2\r\n$4\r\nINCR\r\n$").append(key.length()).append("\r\n").append(key).append("\r\n");
            replies.append(':').append(i).append("\r\n");
        }
        client.send(commands.toString()).expect(replies.toString());
        client.command("DEL", key).expect(":1\r\n");
    }

    // tag::greedy-client[]
    @Test
    void aClientThatDoesNotReadItsRepliesDoesNotHoldUpTheOthers(InetSocketAddress address) throws Exception {
        greedyClientHoldsUpNoOne(address, key, 64 * 1024, 256); // 16 MB: past the socket buffers and the pause
    }

    /**
     * One client sends {@code gets} GETs of a value of {@code valueBytes} and reads nothing; another is served
     * meanwhile; then the first reads every reply, in order.
     */
    static void greedyClientHoldsUpNoOne(InetSocketAddress address, String key, int valueBytes, int gets)
            throws Exception {
        String value = "v".repeat(valueBytes);
        try (WireClient other = WireClient.connect(address);
             Socket greedy = new Socket(address.getAddress(), address.getPort())) {
            other.command("SET", key, value).expect("+OK\r\n");
            greedy.setSoTimeout(10_000);
            ByteArrayOutputStream requests = new ByteArrayOutputStream();
            for (int i = 0; i < gets; i++) {
                requests.write(resp("GET", key));
            }
            OutputStream out = greedy.getOutputStream();
            Thread sender = Thread.ofPlatform().start(() -> {
                try {
                    out.write(requests.toByteArray()); // blocks once the server stops reading this client
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Thread.sleep(300); // the greedy client's replies pile up, unread

            other.send("PING\r\n").expect("+PONG\r\n");

            InputStream in = greedy.getInputStream();
            byte[] reply = ("$" + valueBytes + "\r\n" + value + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < gets; i++) {
                assertThat(in.readNBytes(reply.length)).as("reply %d of %d", i + 1, gets).isEqualTo(reply);
            }
            sender.join(10_000);
            other.command("DEL", key).expect(":1\r\n");
        }
    }
    // end::greedy-client[]

    private static byte[] resp(String... words) {
        StringBuilder text = new StringBuilder("*").append(words.length).append("\r\n");
        for (String word : words) {
            text.append('$').append(word.length()).append("\r\n").append(word).append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
