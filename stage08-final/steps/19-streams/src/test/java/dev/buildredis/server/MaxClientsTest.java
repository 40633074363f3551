package dev.buildredis.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --maxclients}: the benchmark holds 10,000 idle connections beside its own, so the limit must be settable. */
class MaxClientsTest {

    @Test
    void aClientOverMaxclientsIsRefusedWithRedisText() throws IOException {
        try (Server server = Server.start(Config.parse("--port", "0", "--maxclients", "1"));
             Socket first = new Socket("127.0.0.1", server.port());
             Socket second = new Socket("127.0.0.1", server.port())) {
            second.setSoTimeout(5000); // a server that ignores --maxclients says nothing: fail, do not hang
            first.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readLine(first.getInputStream())).isEqualTo("+PONG");
            assertThat(readLine(second.getInputStream())).isEqualTo("-ERR max number of clients reached");
        }
    }

    @Test
    void clientsThatResetTheirConnectionAtTheLimitHurtNoOne() throws IOException {
        try (Server server = Server.start(Config.parse("--port", "0", "--maxclients", "1"));
             Socket first = new Socket("127.0.0.1", server.port())) {
            first.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readLine(first.getInputStream())).isEqualTo("+PONG");
            for (int i = 0; i < 200; i++) { // each sends RST before the server can tell it the limit is reached
                Socket rude = new Socket("127.0.0.1", server.port());
                rude.setSoLinger(true, 0);
                rude.close();
            }
            first.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readLine(first.getInputStream())).isEqualTo("+PONG");
            try (Socket late = new Socket("127.0.0.1", server.port())) {
                late.setSoTimeout(5000);
                assertThat(readLine(late.getInputStream())).isEqualTo("-ERR max number of clients reached");
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\r' && b >= 0; b = in.read()) {
            line.append((char) b);
        }
        in.read(); // the \n after the \r
        return line.toString();
    }
}
