// @step 01-07
package dev.buildredis.server;

//> step 01-06
//~import dev.buildredis.command.CommandTable;
//~import dev.buildredis.command.Journal;
//< step 01-06
//> step 01-01
//~import dev.buildredis.metrics.MetricsKind;
//< step 01-01
//> step 04-07
//~import dev.buildredis.engine.Client;
//~import dev.buildredis.engine.Engine;
//< step 04-07
//> step 01-06
//~import dev.buildredis.metrics.Monitor;
//< step 01-06
import dev.buildredis.protocol.ProtocolException;
import dev.buildredis.protocol.RespReader;
//> step 01-03
//~import dev.buildredis.protocol.RespValue;
//~import dev.buildredis.protocol.RespWriter;
//~import dev.buildredis.store.Keyspace;
//< step 01-03
import dev.buildredis.testing.BrokenServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/**
 * The stage suite is worth trusting only if it fails on a wrong server. Each case is a mistake people make when
 * they write this stage, a server that makes it (built from this stage's own parts, wired wrongly), and the test
 * that must catch it, with a failure message that shows the bytes sent, expected and received.
 */
class CommonMistakesTest {

    //> step 01-03
//~    private static final Keyspace KEYSPACE = new Keyspace(InstantSource.system());
    //< step 01-03
    //> step 01-02
//~    private static final CommandTable TABLE = CommandTable.standard(KEYSPACE, new Journal(KEYSPACE::changes),
    //< step 01-02
            //> step 01-01
//~            Map.of(), Monitor.of(MetricsKind.OFF, InstantSource.system(), section -> new java.util.LinkedHashMap<>()));
            //< step 01-01
    //> step 03-03
//~    private static final CommandTable TABLE = CommandTable.standard(KEYSPACE, new Journal(),
    //< step 03-03
    //> step 04-06
//~    private static final Engine ENGINE = new Engine(InstantSource.system(), "127.0.0.1", 0);
    //< step 04-06
    //> step 07-07
//~    private static final Engine ENGINE = Server.assemble(InstantSource.system(), "127.0.0.1", 0);
    //< step 07-07
    //> step 04-07
//~    private static final Client CLIENT = ENGINE.connect(); // every broken server's commands run for this one
    //< step 04-07
    //> step 04-05
//~    private static final CommandTable TABLE = CommandTable.standard(new Journal(),
    //< step 04-05
            //> step 02-04
//~            Map.of(), Monitor.of(InstantSource.system(), section -> new java.util.LinkedHashMap<>()));
            //< step 02-04
    //> step 06-06
//~    private static final CommandTable TABLE = CommandTable.standard(ENGINE, new Journal(),
    //< step 06-06
            //> step 05-06
//~            Monitor.of(InstantSource.system(), section -> new java.util.LinkedHashMap<>()));
            //< step 05-06

    /**
     * The stage's commands, one at a time. The broken servers serve each client on a thread of its own, and this
     * stage's keyspace has no lock, since its own server runs every command on one thread; this lock stands for
     * that thread. A mistake that splits a command in two (INCR as GET then SET) still lets others in between.
     */
    private static final Commands COMMANDS = args -> {
        //> step 01-06
//~        synchronized (TABLE) {
        //< step 01-06
            //> step 01-03
//~            return TABLE.execute(args);
            //< step 01-03
            //> step 04-06
//~            TABLE.execute(CLIENT, args);
            //< step 04-06
        //> step 07-07
//~        synchronized (ENGINE) {
//~            ENGINE.execute(CLIENT, args);
        //< step 07-07
            //> step 04-07
//~            return CLIENT.reply.drain();
            //< step 04-07
        }
    };

    //> step 04-07
//~    /** Runs a command and returns the bytes of its reply. */
    //< step 04-07
    @FunctionalInterface
    private interface Commands {
        //> step 01-03
//~        RespValue execute(List<byte[]> args);
        //< step 01-03
        //> step 04-07
//~        byte[] execute(List<byte[]> args);
        //< step 04-07
    }

    enum Mistake {
        /** Parses only the first command of each read and drops the rest, and any command split across reads. */
        ONE_READ_IS_ONE_COMMAND(CommonMistakesTest::oneCommandPerRead,
                PingEchoWireTest.class, "pipelinedCommandsInOneWriteAreAllAnsweredInOrder"),
        /** Drops a command that arrives in several reads. */
        PARTIAL_COMMANDS_ARE_LOST(CommonMistakesTest::oneCommandPerRead,
                PingEchoWireTest.class, "aCommandSplitAcrossTwoWritesIsAnsweredOnce"),
        /** Sends a bulk string's length in characters of its UTF-8 text rather than in bytes. */
        LENGTH_IN_CHARACTERS(CommonMistakesTest::lengthInCharacters,
                PingEchoWireTest.class, "aBulkLengthCountsBytesNotCharacters"),
        /** Answers +OK to commands it does not know, so that clients "work". */
        UNKNOWN_COMMANDS_GET_OK(CommonMistakesTest::okToUnknownCommands,
                PingEchoWireTest.class, "anUnknownCommandGetsRedisErrorText"),
        /** Reports a protocol error but keeps reading a stream it can no longer frame. */
        PROTOCOL_ERROR_KEEPS_CONNECTION(CommonMistakesTest::keepOpenAfterProtocolError,
                PingEchoWireTest.class, "aProtocolErrorIsReportedAndClosesTheConnection"),
        /** Keeps keys as Java strings decoded from UTF-8: different bytes that are not UTF-8 become one key. */
        KEYS_DECODED_AS_TEXT(CommonMistakesTest::keysAsText,
                KeyValueWireTest.class, "keysAndValuesAreBinarySafe"),
        /** Ignores NX, so SET ... NX overwrites. */
        NX_IGNORED(intercepting(args -> isSet(args) ? COMMANDS.execute(without(args, Set.of("nx"), 0)) : null),
                KeyValueWireTest.class, "nxWritesOnlyAMissingKey"),
        /** Counts the keys DEL was given instead of the keys it removed. */
        DEL_COUNTS_ITS_ARGUMENTS(intercepting(args -> commandName(args).equals("del")
                ? countArguments(COMMANDS.execute(args), args) : null),
                KeyValueWireTest.class, "delCountsTheKeysItRemoved"),
        /** Parses the expiry options but never applies them. */
        EXPIRY_IGNORED(intercepting(args -> isSet(args)
                ? COMMANDS.execute(without(args, Set.of("ex", "px", "exat", "pxat"), 1)) : null),
                KeyValueWireTest.class, "aKeyWhoseExpiryHasPassedIsGone"),
        /** Serves one client at a time: the next connection waits until the first leaves. */
        ONE_CLIENT_AT_A_TIME(client -> {
            synchronized (CommonMistakesTest.class) {
                intercepting(args -> null).serve(client);
            }
        }, ConcurrentClientsWireTest.class, "aSecondClientIsServedWhileTheFirstStaysConnected", ""),
        /** Implements INCR as GET then SET: two clients that interleave lose an increment. */
        NON_ATOMIC_INCR(intercepting(args -> commandName(args).equals("incr") ? getThenSet(args) : null),
                ConcurrentClientsWireTest.class, "nClientsIncrementingOneKeyMTimesEachGiveExactlyNTimesM", "expected"),
        /** Implements MSET as one SET after another: MGET can see some keys written and others not. */
        NON_ATOMIC_MSET(intercepting(args -> commandName(args).equals("mset") ? setOneByOne(args) : null),
                ConcurrentClientsWireTest.class, "msetIsNeverSeenHalfAppliedByMget", "MGET replies that mixed"),
        /** One thread for every client, which waits for the rest of a command that came in half: all wait. */
        WAITS_FOR_A_HALF_COMMAND(CommonMistakesTest::waitForTheRestOfACommand,
                EventLoopWireTest.class, "aClientThatSendsHalfACommandDoesNotHoldUpTheOthers");

        final BrokenServer.Mistake server;
        final Class<?> suite;
        final String catchingTest;
        final String failureShows;

        Mistake(BrokenServer.Mistake server, Class<?> suite, String catchingTest) {
            this(server, suite, catchingTest, "sent:");
        }

        Mistake(BrokenServer.Mistake server, Class<?> suite, String catchingTest, String failureShows) {
            this.server = server;
            this.suite = suite;
            this.catchingTest = catchingTest;
            this.failureShows = failureShows;
        }
    }

    @ParameterizedTest
    @EnumSource(Mistake.class)
    void theSuiteCatchesTheMistakeAndShowsTheBytes(Mistake mistake) throws IOException {
        try (BrokenServer server = new BrokenServer(mistake.server)) {
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
            assertThat(failure.getMessage()).contains(mistake.failureShows);
        }
    }

    private static java.lang.reflect.Method testMethod(Mistake mistake) {
        return java.util.Arrays.stream(mistake.suite.getDeclaredMethods())
                .filter(method -> method.getName().equals(mistake.catchingTest))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no test " + mistake.catchingTest + " in " + mistake.suite));
    }

    private static void oneCommandPerRead(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        //> step 01-03
//~        RespWriter writer = new RespWriter(new BufferedOutputStream(client.getOutputStream()));
        //< step 01-03
        //> step 04-07
//~        OutputStream out = new BufferedOutputStream(client.getOutputStream());
        //< step 04-07
        byte[] buffer = new byte[16 * 1024];
        int count;
        while ((count = in.read(buffer)) != -1) {
            RespReader reader = new RespReader(); // a fresh parser per read: what one read holds is all there is
            reader.feed(buffer, 0, count);
            try {
                List<byte[]> command = reader.next();
                if (command != null) {
                    //> step 01-03
//~                    writer.write(COMMANDS.execute(command));
//~                    writer.flush();
                    //< step 01-03
                    //> step 04-07
//~                    out.write(COMMANDS.execute(command));
//~                    out.flush();
                    //< step 04-07
                }
            } catch (ProtocolException e) {
                return;
            }
        }
    }

    private static void lengthInCharacters(Socket client) throws IOException {
        OutputStream out = new BufferedOutputStream(client.getOutputStream());
        serveCorrectlyExcept(client, COMMANDS::execute, reply -> {
            //> step 01-03
//~            if (reply instanceof RespValue.BulkString bulk) {
//~                String text = new String(bulk.bytes(), StandardCharsets.UTF_8);
            //< step 01-03
            //> step 04-07
//~            String resp = new String(reply, StandardCharsets.ISO_8859_1);
//~            if (resp.startsWith("$") && !resp.startsWith("$-1")) {
//~                byte[] bytes = resp.substring(resp.indexOf('\n') + 1, resp.length() - 2)
//~                        .getBytes(StandardCharsets.ISO_8859_1);
//~                String text = new String(bytes, StandardCharsets.UTF_8);
            //< step 04-07
                out.write(("$" + text.length() + "\r\n").getBytes(StandardCharsets.US_ASCII));
                //> step 01-03
//~                out.write(bulk.bytes());
                //< step 01-03
                //> step 04-07
//~                out.write(bytes);
                //< step 04-07
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                //> step 01-03
//~                RespWriter writer = new RespWriter(out);
//~                writer.write(reply);
                //< step 01-03
                //> step 04-07
//~                out.write(reply);
                //< step 04-07
            }
        }, out);
    }

    private static void okToUnknownCommands(Socket client) throws IOException {
        OutputStream out = new BufferedOutputStream(client.getOutputStream());
        //> step 01-03
//~        RespWriter writer = new RespWriter(out);
//~        serveCorrectlyExcept(client, COMMANDS::execute, reply -> writer.write(
//~                reply instanceof RespValue.SimpleError e && e.message().startsWith("ERR unknown command")
//~                        ? RespValue.OK : reply), out);
        //< step 01-03
        //> step 04-07
//~        serveCorrectlyExcept(client, COMMANDS::execute, reply -> out.write(
//~                new String(reply, StandardCharsets.ISO_8859_1).startsWith("-ERR unknown command") ? OK : reply), out);
        //< step 04-07
    }

    private static void keepOpenAfterProtocolError(Socket client) throws IOException {
        ReadableByteChannel in = Channels.newChannel(client.getInputStream());
        //> step 01-03
//~        RespWriter writer = new RespWriter(new BufferedOutputStream(client.getOutputStream()));
        //< step 01-03
        //> step 04-07
//~        OutputStream out = new BufferedOutputStream(client.getOutputStream());
        //< step 04-07
        RespReader reader = new RespReader();
        while (reader.readFrom(in) != -1) {
            try {
                List<byte[]> command;
                while ((command = reader.next()) != null) {
                    //> step 01-03
//~                    writer.write(COMMANDS.execute(command));
                    //< step 01-03
                    //> step 04-07
//~                    out.write(COMMANDS.execute(command));
                    //< step 04-07
                }
            } catch (ProtocolException e) {
                //> step 01-03
//~                writer.write(new RespValue.SimpleError("ERR Protocol error: " + e.getMessage()));
                //< step 01-03
                //> step 04-07
//~                out.write(("-ERR Protocol error: " + e.getMessage() + "\r\n").getBytes(StandardCharsets.US_ASCII));
                //< step 04-07
                reader = new RespReader(); // "recover" by starting over, and keep the connection
            }
            //> step 01-03
//~            writer.flush();
            //< step 01-03
            //> step 04-07
//~            out.flush();
            //< step 04-07
        }
    }

    /** The one thread (the lock) reads a command to its end, blocking, before it serves anyone else. */
    private static void waitForTheRestOfACommand(Socket client) throws IOException {
        ReadableByteChannel in = Channels.newChannel(client.getInputStream());
        //> step 01-03
//~        RespWriter writer = new RespWriter(new BufferedOutputStream(client.getOutputStream()));
        //< step 01-03
        //> step 04-07
//~        OutputStream out = new BufferedOutputStream(client.getOutputStream());
        //< step 04-07
        RespReader reader = new RespReader();
        try {
            while (reader.readFrom(in) != -1) {
                //> step 01-06
//~                synchronized (TABLE) { // from the first byte of a command: nobody else is served
                //< step 01-06
                //> step 07-07
//~                synchronized (ENGINE) { // from the first byte of a command: nobody else is served
                //< step 07-07
                    List<byte[]> command;
                    while ((command = reader.next()) == null) {
                        if (reader.readFrom(in) == -1) { // waits here for the rest, holding everyone up
                            return;
                        }
                    }
                    do {
                        //> step 01-03
//~                        writer.write(COMMANDS.execute(command));
                        //< step 01-03
                        //> step 04-07
//~                        out.write(COMMANDS.execute(command));
                        //< step 04-07
                    } while ((command = reader.next()) != null);
                    //> step 01-03
//~                    writer.flush();
                    //< step 01-03
                    //> step 04-07
//~                    out.flush();
                    //< step 04-07
                }
            }
        } catch (ProtocolException e) {
            // closing is right here; the mistake is elsewhere
        }
    }

    private static void keysAsText(Socket client) throws IOException {
        Map<String, byte[]> values = new HashMap<>();
        intercepting(args -> switch (commandName(args)) {
            case "set" -> {
                values.put(new String(args.get(1), StandardCharsets.UTF_8), args.get(2));
                //> step 01-03
//~                yield RespValue.OK;
                //< step 01-03
                //> step 04-07
//~                yield OK;
                //< step 04-07
            }
            case "get" -> {
                byte[] value = values.get(new String(args.get(1), StandardCharsets.UTF_8));
                //> step 01-03
//~                yield value == null ? RespValue.NULL : new RespValue.BulkString(value);
                //< step 01-03
                //> step 04-07
//~                yield value == null ? "$-1\r\n".getBytes(StandardCharsets.US_ASCII) : bulk(value);
                //< step 04-07
            }
            default -> null;
        }).serve(client);
    }

    /** A server that answers with {@code wrong} where it gives a reply, and correctly where it gives null. */
    //> step 01-03
//~    private static BrokenServer.Mistake intercepting(java.util.function.Function<List<byte[]>, RespValue> wrong) {
    //< step 01-03
    //> step 04-07
//~    private static BrokenServer.Mistake intercepting(java.util.function.Function<List<byte[]>, byte[]> wrong) {
    //< step 04-07
        return client -> {
            OutputStream out = new BufferedOutputStream(client.getOutputStream());
            //> step 01-03
//~            RespWriter writer = new RespWriter(out);
            //< step 01-03
            serveCorrectlyExcept(client, args -> {
                //> step 01-03
//~                RespValue reply = wrong.apply(args);
                //< step 01-03
                //> step 04-07
//~                byte[] reply = wrong.apply(args);
                //< step 04-07
                return reply != null ? reply : COMMANDS.execute(args);
            //> step 01-03
//~            }, writer::write, out);
            //< step 01-03
            //> step 04-07
//~            }, out::write, out);
            //< step 04-07
        };
    //> step 04-07
//~    }
//~
//~    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
//~
//~    private static byte[] bulk(byte[] value) {
//~        byte[] header = ("$" + value.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
//~        byte[] reply = java.util.Arrays.copyOf(header, header.length + value.length + 2);
//~        System.arraycopy(value, 0, reply, header.length, value.length);
//~        reply[reply.length - 2] = '\r';
//~        reply[reply.length - 1] = '\n';
//~        return reply;
    //< step 04-07
    }

    private static String commandName(List<byte[]> args) {
        return new String(args.get(0), StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
    }

    private static boolean isSet(List<byte[]> args) {
        return commandName(args).equals("set");
    }

    /** The arguments without the named options (each followed by {@code values} values). */
    private static List<byte[]> without(List<byte[]> args, Set<String> options, int values) {
        List<byte[]> kept = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (i >= 3 && options.contains(commandName(args.subList(i, i + 1)))) {
                i += values;
            } else {
                kept.add(args.get(i));
            }
        }
        return kept;
    }

    //> step 01-03
//~    private static RespValue getThenSet(List<byte[]> args) {
//~        RespValue current = COMMANDS.execute(List.of("GET".getBytes(), args.get(1)));
//~        long value = current instanceof RespValue.BulkString bulk ? Long.parseLong(new String(bulk.bytes())) : 0;
    //< step 01-03
    //> step 04-07
//~    private static byte[] getThenSet(List<byte[]> args) {
//~        String current = new String(COMMANDS.execute(List.of("GET".getBytes(), args.get(1))), StandardCharsets.US_ASCII);
//~        long value = current.startsWith("$-1") ? 0 : Long.parseLong(current.split("\r\n")[1]);
    //< step 04-07
        Thread.yield(); // the window in which another client's INCR reads the same value
        COMMANDS.execute(List.of("SET".getBytes(), args.get(1), Long.toString(value + 1).getBytes()));
        //> step 01-03
//~        return new RespValue.Int(value + 1);
        //< step 01-03
        //> step 04-07
//~        return (":" + (value + 1) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        //< step 04-07
    }

    //> step 01-03
//~    private static RespValue setOneByOne(List<byte[]> args) {
    //< step 01-03
    //> step 04-07
//~    private static byte[] setOneByOne(List<byte[]> args) {
    //< step 04-07
        for (int i = 1; i + 1 < args.size(); i += 2) {
            COMMANDS.execute(List.of("SET".getBytes(), args.get(i), args.get(i + 1)));
            Thread.yield(); // the window in which an MGET sees this key written and the next not yet
        }
        //> step 01-03
//~        return RespValue.OK;
        //< step 01-03
        //> step 04-07
//~        return OK;
        //< step 04-07
    }

    //> step 01-03
//~    private static RespValue countArguments(RespValue reply, List<byte[]> args) {
//~        return reply instanceof RespValue.Int ? new RespValue.Int(args.size() - 1) : reply;
    //< step 01-03
    //> step 04-07
//~    private static byte[] countArguments(byte[] reply, List<byte[]> args) {
//~        return reply[0] == ':' ? (":" + (args.size() - 1) + "\r\n").getBytes(StandardCharsets.US_ASCII) : reply;
    //< step 04-07
    }

    @FunctionalInterface
    private interface ReplySink {
        //> step 01-03
//~        void write(RespValue reply) throws IOException;
        //< step 01-03
        //> step 04-07
//~        void write(byte[] reply) throws IOException;
        //< step 04-07
    }

    /** Serves like the stage's ClientConnection, with commands run by {@code execute} and replies sent by {@code sink}. */
    //> step 01-03
//~    private static void serveCorrectlyExcept(Socket client, java.util.function.Function<List<byte[]>, RespValue> execute,
    //< step 01-03
    //> step 04-07
//~    private static void serveCorrectlyExcept(Socket client, java.util.function.Function<List<byte[]>, byte[]> execute,
    //< step 04-07
            ReplySink sink, OutputStream out) throws IOException {
        ReadableByteChannel in = Channels.newChannel(client.getInputStream());
        RespReader reader = new RespReader();
        try {
            while (reader.readFrom(in) != -1) {
                List<byte[]> command;
                while ((command = reader.next()) != null) {
                    sink.write(execute.apply(command));
                }
                out.flush();
            }
        } catch (ProtocolException e) {
            // closing is right here; the mistakes above are elsewhere
        }
    }
}
