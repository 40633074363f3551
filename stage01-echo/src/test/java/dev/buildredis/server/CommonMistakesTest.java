package dev.buildredis.server;

import dev.buildredis.testing.BrokenServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.lang.reflect.Method;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/**
 * The stage suite is worth trusting only if it fails on a wrong server. Each case is a mistake people make when
 * they write an echo server, a server that makes it, and the test that must catch it, with a failure message that
 * shows the bytes sent, expected and received.
 */
class CommonMistakesTest {

    enum Mistake {
        /** Answers the first message, then hangs up. */
        ONE_MESSAGE_PER_CONNECTION(CommonMistakesTest::echoFirstReadOnly,
                "severalMessagesOnOneConnectionComeBackInOrder"),
        /** Decodes the bytes as UTF-8 text and encodes them again: bytes that are not UTF-8 do not survive. */
        BYTES_TREATED_AS_TEXT(CommonMistakesTest::echoAsText, "everyByteValueComesBackUnchanged"),
        /** Waits for a full buffer before echoing, so a short message never comes back. */
        WAITS_FOR_A_FULL_BUFFER(CommonMistakesTest::echoFullBuffersOnly, "aLineComesBackAsItWasSent");

        final BrokenServer.Mistake server;
        final String catchingTest;

        Mistake(BrokenServer.Mistake server, String catchingTest) {
            this.server = server;
            this.catchingTest = catchingTest;
        }
    }

    @ParameterizedTest
    @EnumSource(Mistake.class)
    void theSuiteCatchesTheMistakeAndShowsTheBytes(Mistake mistake) throws IOException {
        try (BrokenServer server = new BrokenServer(mistake.server)) {
            List<Event> failures = EngineTestKit.engine("junit-jupiter")
                    .selectors(selectMethod(EchoServerTest.class, testMethod(mistake.catchingTest)))
                    .configurationParameter("redis.target", server.target())
                    .execute()
                    .testEvents()
                    .failed()
                    .list();

            assertThat(failures)
                    .as("EchoServerTest.%s against a server with the mistake %s", mistake.catchingTest, mistake)
                    .hasSize(1);
            Throwable failure = failures.getFirst()
                    .getPayload(TestExecutionResult.class).orElseThrow()
                    .getThrowable().orElseThrow();
            assertThat(failure.getMessage()).contains("sent:", "expected");
        }
    }

    private static Method testMethod(String name) {
        return Arrays.stream(EchoServerTest.class.getDeclaredMethods())
                .filter(method -> method.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no test " + name + " in EchoServerTest"));
    }

    private static void echoFirstReadOnly(Socket client) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        int count = client.getInputStream().read(buffer);
        if (count > 0) {
            client.getOutputStream().write(buffer, 0, count);
        }
    }

    private static void echoAsText(Socket client) throws IOException {
        Reader in = new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8);
        Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8);
        char[] buffer = new char[16 * 1024];
        int count;
        while ((count = in.read(buffer)) != -1) {
            out.write(buffer, 0, count);
            out.flush();
        }
    }

    private static void echoFullBuffersOnly(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        OutputStream out = client.getOutputStream();
        byte[] buffer = new byte[1024];
        while (in.readNBytes(buffer, 0, buffer.length) == buffer.length) {
            out.write(buffer);
        }
    }
}
