package dev.buildredis.server;

import dev.buildredis.server.Config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerLifecycleTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void closingTheServerDisconnectsTheClientBeingServed() throws Exception {
        Server server = Server.start(Config.parse("--port", "0"));
        try (Socket client = new Socket("127.0.0.1", server.port())) {
            client.setSoTimeout((int) TIMEOUT.toMillis());
            client.getOutputStream().write("PING\r\n".getBytes());
            client.getInputStream().readNBytes(1); // served: the server is now inside this client's loop

            server.close();

            assertThat(client.getInputStream().readAllBytes()).hasSizeLessThan(100); // then end of stream
        }
    }

    @Test
    void aClosedServerAcceptsNoConnection() throws Exception {
        Server server = Server.start(Config.parse("--port", "0"));
        int port = server.port();
        server.close();

        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void awaitTerminationReturnsOnceTheServerIsClosed() throws Exception {
        Server server = Server.start(Config.parse("--port", "0"));
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                server.awaitTermination();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThatThrownBy(() -> waiting.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

        server.close();

        waiting.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void aSecondServerOnTheSamePortIsRefusedWithTheAddress() throws IOException {
        try (Server first = Server.start(Config.parse("--port", "0"))) {
            assertThatThrownBy(() -> Server.start(Config.parse("--port", Integer.toString(first.port()))))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("Could not bind 127.0.0.1:" + first.port());
        }
    }
}
