package dev.buildredis.server;

import dev.buildredis.commands.ListWireTest;
import dev.buildredis.commands.TransactionWireTest;
import dev.buildredis.protocol.ProtocolException;
import dev.buildredis.protocol.RespReader;
import dev.buildredis.testing.BrokenProxy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/**
 * The stage suite is worth trusting only if it fails on a wrong server. Each case is a mistake people make when
 * they write an event-loop server, a server that makes it (this stage's correct server behind a
 * {@link BrokenProxy} that distorts the traffic as the mistake would), and the test that must catch it, with a
 * failure message that shows the bytes sent, expected and received.
 */
class CommonMistakesTest {

    /** A socket send buffer of a common size: what one {@code channel.write} of a large reply may get through. */
    private static final int SEND_BUFFER = 64 * 1024;

    /** The one thread of a server that serves every client, command by command. */
    private static final ReentrantLock EVENT_LOOP = new ReentrantLock();

    enum Mistake {
        /** Parses only the first command of each read and drops the rest, and any command split across reads. */
        ONE_READ_IS_ONE_COMMAND(CommonMistakesTest::oneCommandPerRead,
                PingEchoWireTest.class, "pipelinedCommandsInOneWriteAreAllAnsweredInOrder",
                "got:      \"+PONG\\r\\n\" and then nothing"),
        /** Drops a command that arrives in several reads. */
        PARTIAL_COMMANDS_ARE_LOST(CommonMistakesTest::oneCommandPerRead,
                PingEchoWireTest.class, "aCommandSplitAcrossTwoWritesIsAnsweredOnce",
                "got:      \"-ERR"),
        /** Calls {@code channel.write} once per reply as if it wrote all: a large reply loses all but its start. */
        PARTIAL_WRITES_IGNORED(CommonMistakesTest::oneWritePerReply,
                PingEchoWireTest.class, "aReplyLargerThanASocketBufferArrivesWhole", "more bytes) and then nothing"),
        /** Sends a bulk string's length in characters of its UTF-8 text rather than in bytes. */
        LENGTH_IN_CHARACTERS(CommonMistakesTest::lengthInCharacters,
                PingEchoWireTest.class, "aBulkLengthCountsBytesNotCharacters", "got:      \"$5\\r\\nh")
        ,
        /** Answers WATCH with OK but watches nothing, so EXEC runs even after another client changed the key. */
        WATCH_IGNORED(rewriting(command -> commandName(command).equals("watch") ? List.of(bytes("UNWATCH")) : command),
                TransactionWireTest.class, "aWatchedKeyChangedByAnotherClientMakesExecFail",
                "got:      \"*1\\r\\n+\""),
        /** Waits for a blocking pop inside the event loop: no other client is served until the pop returns. */
        BLOCKING_POP_BLOCKS_THE_LOOP(CommonMistakesTest::everyClientOneCommandAtATime,
                ListWireTest.class, "blpopWaitsForAPushFromAnotherClient", "RPUSH")
        ;

        final BrokenProxy.Mistake server;
        final Class<?> suite;
        final String catchingTest;
        final String failureShows;

        Mistake(BrokenProxy.Mistake server, Class<?> suite, String catchingTest, String failureShows) {
            this.server = server;
            this.suite = suite;
            this.catchingTest = catchingTest;
            this.failureShows = failureShows;
        }
    }

    @ParameterizedTest
    @EnumSource(Mistake.class)
    void theSuiteCatchesTheMistakeAndShowsTheBytes(Mistake mistake) throws IOException {
        try (Server correct = Server.start(new Config("127.0.0.1", 0));
             BrokenProxy server = new BrokenProxy(new InetSocketAddress("127.0.0.1", correct.port()), mistake.server)) {
            List<Event> failures = EngineTestKit.engine("junit-jupiter")
                    .selectors(selectMethod(mistake.suite, testMethod(mistake)))
                    .configurationParameter("redis.target", server.target())
                    .execute()
                    .testEvents()
                    .failed()
                    .list();

            assertThat(failures)
                    .as("%s.%s against a server with the mistake %s", mistake.suite.getSimpleName(),
                            mistake.catchingTest, mistake)
                    .hasSize(1);
            Throwable failure = failures.getFirst()
                    .getPayload(TestExecutionResult.class).orElseThrow()
                    .getThrowable().orElseThrow();
            assertThat(failure.getMessage()).contains("sent:", mistake.failureShows);
        }
    }

    private static java.lang.reflect.Method testMethod(Mistake mistake) {
        return Arrays.stream(mistake.suite.getDeclaredMethods())
                .filter(method -> method.getName().equals(mistake.catchingTest))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no test " + mistake.catchingTest + " in " + mistake.suite));
    }

    /** A fresh parser for every read, as if one read held exactly one command: the rest of the read is dropped. */
    private static void oneCommandPerRead(Socket client, Socket server) throws IOException {
        BrokenProxy.relay(server, client);
        InputStream in = client.getInputStream();
        OutputStream out = server.getOutputStream();
        byte[] buffer = new byte[16 * 1024];
        int count;
        while ((count = in.read(buffer)) != -1) {
            RespReader reader = new RespReader();
            reader.feed(buffer, 0, count);
            try {
                List<byte[]> command = reader.next();
                if (command != null) {
                    out.write(BrokenProxy.encode(command));
                }
            } catch (ProtocolException e) {
                return;
            }
        }
    }

    /** Each reply goes out in one write of at most a send buffer; the rest is never written. */
    private static void oneWritePerReply(Socket client, Socket server) throws IOException {
        BrokenProxy.relay(client, server);
        InputStream in = new BufferedInputStream(server.getInputStream());
        OutputStream out = client.getOutputStream();
        while (true) {
            byte[] reply = BrokenProxy.readReply(in);
            out.write(reply, 0, Math.min(reply.length, SEND_BUFFER));
        }
    }

    /** Every bulk string's length header counts the characters of its UTF-8 text. */
    private static void lengthInCharacters(Socket client, Socket server) throws IOException {
        BrokenProxy.relay(client, server);
        InputStream in = new BufferedInputStream(server.getInputStream());
        OutputStream out = client.getOutputStream();
        while (true) {
            String line = BrokenProxy.readLine(in);
            if (line.startsWith("$") && !line.equals("$-1")) {
                int length = Integer.parseInt(line.substring(1));
                byte[] bulk = BrokenProxy.readExactly(in, length + 2);
                int characters = new String(bulk, 0, length, StandardCharsets.UTF_8).length();
                out.write(("$" + characters + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bulk);
            } else {
                out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
        }
    }

    /** A server that runs {@code wrong(command)} in place of each command it receives. */
    private static BrokenProxy.Mistake rewriting(UnaryOperator<List<byte[]>> wrong) {
        return (client, server) -> {
            BrokenProxy.relay(server, client);
            InputStream in = client.getInputStream();
            OutputStream out = server.getOutputStream();
            RespReader reader = new RespReader();
            try {
                while (reader.readFrom(in) != -1) {
                    List<byte[]> command;
                    while ((command = reader.next()) != null) {
                        out.write(BrokenProxy.encode(wrong.apply(command)));
                    }
                }
            } catch (ProtocolException e) {
                // closing is right here; the mistake is elsewhere
            }
        };
    }

    /**
     * One loop for every client that runs a command and waits for its reply before it turns to the next: right
     * for GET and SET, wrong for a BLPOP, whose reply waits for a push that no other client can now send.
     */
    private static void everyClientOneCommandAtATime(Socket client, Socket server) throws IOException {
        InputStream in = client.getInputStream();
        InputStream replies = new BufferedInputStream(server.getInputStream());
        RespReader reader = new RespReader();
        try {
            while (reader.readFrom(in) != -1) {
                List<byte[]> command;
                while ((command = reader.next()) != null) {
                    EVENT_LOOP.lock();
                    try {
                        server.getOutputStream().write(BrokenProxy.encode(command));
                        client.getOutputStream().write(BrokenProxy.readReply(replies));
                    } finally {
                        EVENT_LOOP.unlock();
                    }
                }
            }
        } catch (ProtocolException e) {
            // closing is right here; the mistake is elsewhere
        }
    }

    private static String commandName(List<byte[]> command) {
        return new String(command.getFirst(), StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
