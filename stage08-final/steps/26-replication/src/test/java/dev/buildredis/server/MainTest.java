package dev.buildredis.server;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @Test
    void aTakenPortIsExplainedInsteadOfStarting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Server server = Main.start(new String[] {"--port", Integer.toString(taken.getLocalPort())}, err);

            assertThat(server).isNull();
            assertThat(errBytes.toString(StandardCharsets.UTF_8))
                    .contains("Could not bind 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void anUnknownOptionIsExplainedWithTheUsage() {
        Server server = Main.start(new String[] {"--prot", "6379"}, err);

        assertThat(server).isNull();
        assertThat(errBytes.toString(StandardCharsets.UTF_8))
                .contains("Unknown option '--prot'")
                .contains("Usage: java -jar <stage>.jar [--port 6379] [--bind 127.0.0.1] [--<CONFIG parameter> <value>]");
    }

    @Test
    void everyConfigParameterIsAnOptionCheckedBeforeThePortIsBound() {
        assertThat(Main.start(new String[] {"--port", "0", "--colour", "red"}, err)).isNull();
        assertThat(Main.start(new String[] {"--port", "0", "--maxclients", "lots"}, err)).isNull();
        assertThat(errBytes.toString(StandardCharsets.UTF_8))
                .contains("Unknown option '--colour'")
                .contains("Bad value for option '--maxclients': argument couldn't be parsed into an integer");
    }

    @Test
    void validOptionsStartAServerThatCanBeClosed() throws Exception {
        try (Server server = Main.start(new String[] {"--port", "0"}, err)) {
            assertThat(server).isNotNull();
            assertThat(server.port()).isPositive();
        }
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
