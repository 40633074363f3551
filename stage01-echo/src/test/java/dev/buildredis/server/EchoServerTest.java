package dev.buildredis.server;

import dev.buildredis.testing.StageLimitation;
import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

@WireTest
@StageLimitation(value = "an echo server sends back the bytes it got; Redis answers commands", required = true)
class EchoServerTest {

    @Test
    void aLineComesBackAsItWasSent(WireClient client) {
        client.send("hello\r\n").expect("hello\r\n");
    }

    @Test
    void everyByteValueComesBackUnchanged(WireClient client) {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        client.send(all).expect(all);
    }

    @Test
    void severalMessagesOnOneConnectionComeBackInOrder(WireClient client) {
        client.send("one\n").expect("one\n");
        client.send("two\n").expect("two\n");
        client.send("three\n").expect("three\n");
    }

    @Test
    void aMessageLargerThanTheReadBufferComesBackWhole(InetSocketAddress address) throws Exception {
        byte[] payload = new byte[1 << 20];
        new Random(42).nextBytes(payload);
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(5000);
            // Read while writing: a server that echoes fills our receive buffer before we finish sending.
            InputStream in = socket.getInputStream();
            CompletableFuture<byte[]> echoed = CompletableFuture.supplyAsync(() -> readFully(in, payload.length));
            OutputStream out = socket.getOutputStream();
            out.write(payload);
            out.flush();
            assertThat(echoed.get()).isEqualTo(payload);
        }
    }

    @Test
    void aClientThatLeavesMidMessageDoesNotStopTheServer(InetSocketAddress address) throws IOException {
        try (Socket leaving = new Socket(address.getAddress(), address.getPort())) {
            leaving.getOutputStream().write("half a mess".getBytes());
        }
        try (WireClient next = WireClient.connect(address)) {
            next.send("still here\n").expect("still here\n");
        }
    }

    @Test
    void aClientThatResetsTheConnectionDoesNotStopTheServer(InetSocketAddress address) throws IOException {
        try (Socket resetting = new Socket(address.getAddress(), address.getPort())) {
            resetting.setSoLinger(true, 0); // close() sends RST instead of FIN
            resetting.getOutputStream().write("abrupt".getBytes());
        }
        try (WireClient next = WireClient.connect(address)) {
            next.send("still here\n").expect("still here\n");
        }
    }

    private static byte[] readFully(InputStream in, int length) {
        try {
            return in.readNBytes(length);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
