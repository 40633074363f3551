package dev.buildredis.engine;

import dev.buildredis.server.Server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * What the loop does with a throwable it must not contain: an error of the JVM itself ends the loop as a failure,
 * which {@code Main} turns into exit status 1 (so that a supervisor restarts the server), never as a clean stop.
 * Running out of memory, by contrast, only closes the client whose request did it ({@code OversizedRequestTest}).
 */
class EventLoopFailureTest {

    @Test
    void anErrorOfTheJvmItselfStopsTheLoopAsAFailure() throws IOException {
        Engine engine = Server.assemble(InstantSource.system(), "127.0.0.1", 0);
        engine.configure(Map.of());
        engine.commands().register(List.of(Command.of("breakjvm", 1, "", 0, 0, 0, (client, args) -> {
            throw new InternalError("a broken JVM");
        })));
        EventLoop loop = EventLoop.start(engine, "127.0.0.1", 0);
        try (Socket client = new Socket("127.0.0.1", loop.port())) {
            client.getOutputStream().write("BREAKJVM\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTimeoutPreemptively(Duration.ofSeconds(10), loop::awaitTermination, "the loop stops");
            assertThat(client.getInputStream().read()).as("the connection is closed, with no reply").isEqualTo(-1);
        } finally {
            loop.close();
        }
        assertThat(loop.failed()).as("why the loop stopped, which makes Main exit with status 1")
                .contains("InternalError: a broken JVM");
    }
}
