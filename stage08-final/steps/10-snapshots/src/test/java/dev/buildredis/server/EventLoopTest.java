package dev.buildredis.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.buildredis.engine.Engine;
import dev.buildredis.engine.EventLoop;
import dev.buildredis.persistence.AofDurability;
import dev.buildredis.persistence.FaultyChannel;
import dev.buildredis.testing.WireClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event loop from the inside, on this server started in-process: how many threads serve the clients, how many
 * fsyncs the writes of many clients share, and what a failing disk does to stage 7's append-only file.
 */
class EventLoopTest {

    @TempDir
    Path dir;

    // tag::one-thread[]
    @Test
    void aHundredClientsAreServedByTheLoopsOneThread() throws Exception {
        Map<String, String> before = threads();
        List<WireClient> clients = new ArrayList<>();
        try (Server server = Server.start(Config.parse("--port", "0"))) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            for (int i = 0; i < 100; i++) {
                clients.add(WireClient.connect(address));
            }
            for (WireClient client : clients) {
                client.send("PING\r\n");       // all of them have a command waiting at once
            }
            for (WireClient client : clients) {
                client.expect("+PONG\r\n");
            }

            Map<String, String> started = threads();
            started.keySet().removeAll(before.keySet());
            assertThat(started.values()).as("threads started since the server was").containsExactly("event-loop");
        } finally {
            clients.forEach(WireClient::close);
        }
    }
    // end::one-thread[]

    // tag::group-commit[]
    @Test
    void underAlwaysTheWritesOfManyClientsInOneTurnShareOneFsync() throws Exception {
        FaultyChannel file = channel();
        file.forceGate = new Semaphore(0); // every fsync waits until the test lets it go
        try (EventLoop server = start(file, "always")) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            List<WireClient> clients = new ArrayList<>();
            for (int i = 0; i < 21; i++) {
                clients.add(WireClient.connect(address));
            }
            clients.getFirst().command("SET", "first", "1");
            waitUntil(() -> file.forcesStarted.get() == 1); // the loop is inside the first fsync, and waits there
            for (int i = 1; i < clients.size(); i++) {
                clients.get(i).command("SET", "k" + i, "v"); // twenty writes arrive meanwhile
            }
            Thread.sleep(100);
            file.forceGate.release(1000);

            for (WireClient client : clients) {
                client.expect("+OK\r\n");
                client.close();
            }
            assertThat(file.forcesStarted.get()).as("fsyncs for 21 writes").isEqualTo(2);
        }
    }
    // end::group-commit[]

    // tag::always-fails[]
    @ParameterizedTest(name = "the {0} fails")
    @ValueSource(strings = {"write", "fsync"})
    void underAlwaysAFailingDiskStopsTheServerBeforeAnyReplyOfTheTurnLeaves(String what) throws Exception {
        FaultyChannel file = channel();
        try (EventLoop server = start(file, "always");
             WireClient client = WireClient.connect(new InetSocketAddress("127.0.0.1", server.port()))) {
            client.command("SET", "before", "1").expect("+OK\r\n");
            IOException error = new IOException("No space left on device");
            if (what.equals("write")) {
                file.writeError = error;
            } else {
                file.forceError = error;
            }

            client.command("SET", "k", "v").expectClosed(); // no +OK: the file may not have it

            server.awaitTermination();
            assertThat(server.failed()).isEqualTo("Can't recover from AOF write error when the AOF fsync policy "
                    + "is 'always': No space left on device. Exiting...");
        }
    }
    // end::always-fails[]

    @Test
    void underEverysecAFailedWriteRefusesWritesUntilTheCronsRetrySucceeds() throws Exception {
        FaultyChannel file = channel();
        try (EventLoop server = start(file, "everysec");
             WireClient client = WireClient.connect(new InetSocketAddress("127.0.0.1", server.port()))) {
            file.writeError = new IOException("No space left on device");
            client.command("SET", "k", "v").expect("+OK\r\n"); // it ran; the file fails after, as in Redis
            String misconf = "-MISCONF Errors writing to the AOF file: No space left on device\r\n";
            client.command("SET", "j", "w").expect(misconf);
            client.command("GET", "k").expect("$1\r\nv\r\n");

            file.writeError = null; // the cron tries again once a second
            long deadline = System.currentTimeMillis() + 5000;
            String reply;
            do {
                Thread.sleep(100);
                client.command("SET", "j", "w");
                reply = new String(client.read(5), StandardCharsets.US_ASCII);
                if (!reply.equals("+OK\r\n")) {
                    client.read(misconf.length() - reply.length()); // the rest of the refusal
                }
            } while (!reply.equals("+OK\r\n") && System.currentTimeMillis() < deadline);
            assertThat(reply).isEqualTo("+OK\r\n");
        }
        assertThat(Files.readString(dir.resolve("appendonly.aof"))).isEqualTo(
                "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n"
                        + "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n*3\r\n$3\r\nSET\r\n$1\r\nj\r\n$1\r\nw\r\n");
    }

    /** The server as Server.start puts it together, with the file written through {@code file}. */
    private EventLoop start(FaultyChannel file, String fsync) throws IOException {
        Engine engine = Server.assemble(InstantSource.system(), "127.0.0.1", 0);
        ((AofDurability) engine.durability()).opener(path -> file);
        engine.configure(Map.of("appendonly", "yes", "appendfsync", fsync, "dir", dir.toString()));
        return EventLoop.start(engine, "127.0.0.1", 0);
    }

    private FaultyChannel channel() throws IOException {
        return new FaultyChannel(FileChannel.open(dir.resolve("appendonly.aof"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND));
    }

    private static final Pattern THREAD = Pattern.compile("\"tid\": \"(\\d+)\",\\s*\"time\": \"[^\"]*\",\\s*"
            + "\"name\": \"([^\"]*)\"");

    /**
     * Every thread of this JVM, virtual ones included (a thread dump lists them; {@code Thread.getAllStackTraces}
     * does not), by id, with its name.
     */
    private Map<String, String> threads() throws IOException {
        Path dump = dir.resolve("threads-" + System.nanoTime() + ".json");
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
        Map<String, String> threads = new HashMap<>();
        Matcher matcher = THREAD.matcher(Files.readString(dump));
        while (matcher.find()) {
            threads.put(matcher.group(1), matcher.group(2));
        }
        return threads;
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition still false after 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
