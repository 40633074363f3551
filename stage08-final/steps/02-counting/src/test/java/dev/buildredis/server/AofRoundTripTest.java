package dev.buildredis.server;

import dev.buildredis.testing.ManualClock;
import dev.buildredis.testing.WireClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The append-only file end to end, in-process with a clock the test moves: what was written before a restart is
 * there after it, with the same expiry times; a damaged file is refused, a cut one loaded.
 */
class AofRoundTripTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();

    private Server start(String fsync) throws IOException {
        return Server.start(Config.parse("--port", "0", "--appendonly", "yes", "--appendfsync", fsync,
                "--dir", dir.toString()), clock);
    }

    private static WireClient connect(Server server) {
        return WireClient.connect(new InetSocketAddress("127.0.0.1", server.port()));
    }

    // tag::round-trip[]
    @Test
    void everyWriteAndExpiryIsBackAfterARestart() throws IOException {
        try (Server server = start("always"); WireClient client = connect(server)) {
            client.command("SET", "plain", "v").expect("+OK\r\n");
            client.command("SET", "binary\r\n\0\u00ff", "\r\n\u00fe").expect("+OK\r\n");
            client.command("SET", "ex", "v", "EX", "10").expect("+OK\r\n");
            client.command("SET", "px", "v", "PX", "20000").expect("+OK\r\n");
            client.command("SET", "exat", "v", "EXAT", "1767225630").expect("+OK\r\n"); // the clock's start + 30 s
            client.command("SET", "kept", "old", "EX", "40").expect("+OK\r\n");
            client.command("SET", "kept", "new", "KEEPTTL").expect("+OK\r\n");
            client.command("SET", "plain", "second", "NX").expect("$-1\r\n");
            client.command("SET", "gone", "v").expect("+OK\r\n");
            client.command("DEL", "gone").expect(":1\r\n");
        }
        clock.advance(Duration.ofSeconds(5)); // the restart takes time: expiry times must not move with it
        try (Server server = start("always"); WireClient client = connect(server)) {
            client.command("GET", "plain").expect("$1\r\nv\r\n");
            client.command("GET", "binary\r\n\0\u00ff").expect("$3\r\n\r\n\u00fe\r\n");
            client.command("EXISTS", "ex", "px", "exat", "kept", "gone").expect(":4\r\n");
            client.command("GET", "kept").expect("$3\r\nnew\r\n");

            clock.advance(Duration.ofSeconds(5)); // 10 s after the SET: ex still exists, at its last millisecond
            client.command("EXISTS", "ex").expect(":1\r\n");
            clock.advance(Duration.ofMillis(1));
            client.command("EXISTS", "ex").expect(":0\r\n");
            clock.advance(Duration.ofSeconds(10));
            client.command("EXISTS", "px").expect(":0\r\n");
            clock.advance(Duration.ofSeconds(10));
            client.command("EXISTS", "exat").expect(":0\r\n");
            clock.advance(Duration.ofSeconds(10));
            client.command("EXISTS", "kept").expect(":0\r\n");
        }
    }
    // end::round-trip[]

    // tag::replay-expiry-test[]
    @Test
    void theReplayExpiresNothingAndKeysFoundExpiredAreReplayedAsDeleted() throws IOException {
        try (Server server = start("everysec"); WireClient client = connect(server)) {
            client.command("SET", "k", "5", "PX", "1500").expect("+OK\r\n");
            client.command("INCR", "k").expect(":6\r\n");              // 6, still with its 1.5 s
            client.command("SET", "n", "1", "PX", "100").expect("+OK\r\n");
            client.command("SET", "c", "7", "PX", "100").expect("+OK\r\n");
            clock.advance(Duration.ofMillis(200));
            client.command("SET", "n", "2", "NX").expect("+OK\r\n");    // n had expired: NX writes
            client.command("INCR", "c").expect(":1\r\n");              // c had expired: a new c, no expiry
        }
        clock.advance(Duration.ofSeconds(2)); // the restart comes after k's time
        try (Server server = start("everysec"); WireClient client = connect(server)) {
            client.command("GET", "k").expect("$-1\r\n");
            client.command("GET", "n").expect("$1\r\n2\r\n");
            client.command("GET", "c").expect("$1\r\n1\r\n");
        }
    }
    // end::replay-expiry-test[]

    @Test
    void concurrentWritesToTheSameKeysReplayToTheValuesTheClientsLastSaw() throws Exception {
        int keys = 16;
        List<String> before;
        try (Server server = start("no")) {
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                String name = "client" + c;
                clients.add(Thread.ofVirtual().start(() -> {
                    try (Jedis client = new Jedis("127.0.0.1", server.port())) {
                        for (int i = 0; i < 400; i++) {
                            client.set("shared" + i % keys, name + ":" + i);
                            client.incr("counter");
                        }
                    }
                }));
            }
            for (Thread client : clients) {
                client.join();
            }
            before = snapshot(server, keys);
        }
        try (Server server = start("no")) {
            assertThat(snapshot(server, keys)).isEqualTo(before); // the file's order is the data set's order
        }
    }

    private static List<String> snapshot(Server server, int keys) {
        List<String> values = new ArrayList<>();
        try (Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            for (int i = 0; i < keys; i++) {
                values.add(jedis.get("shared" + i));
            }
            values.add(jedis.get("counter"));
        }
        return values;
    }

    @Test
    void replayedCommandsAreNotLoggedASecondTime() throws IOException {
        try (Server server = start("everysec"); WireClient client = connect(server)) {
            client.command("SET", "k", "v").expect("+OK\r\n");
        }
        long size = Files.size(dir.resolve("appendonly.aof"));
        try (Server server = start("everysec")) {
            assertThat(Files.size(dir.resolve("appendonly.aof"))).isEqualTo(size);
        }
    }

    @Test
    void aFileCutAnywhereInItsLastCommandLoadsWhatCameBefore() throws IOException {
        try (Server server = start("no"); WireClient client = connect(server)) {
            client.command("SET", "first", "1").expect("+OK\r\n");
            client.command("SET", "last", "2").expect("+OK\r\n");
        }
        Path file = dir.resolve("appendonly.aof");
        byte[] whole = Files.readAllBytes(file);
        int lastStart = "*3\r\n$3\r\nSET\r\n$5\r\nfirst\r\n$1\r\n1\r\n".length();
        for (int cut = lastStart + 1; cut < whole.length; cut++) {
            Files.write(file, java.util.Arrays.copyOf(whole, cut));
            try (Server server = start("no"); WireClient client = connect(server)) {
                client.command("GET", "first").expect("$1\r\n1\r\n");
                client.command("GET", "last").expect("$-1\r\n");
            }
            assertThat(Files.size(file)).as("cut at %d", cut).isEqualTo(lastStart);
        }
    }

    @Test
    void aDamagedByteInTheMiddleStopsStartUpNamingTheOffset() throws IOException {
        Path file = dir.resolve("appendonly.aof");
        String good = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n";
        Files.writeString(file, good + good.replace("*3", "*x") + good, StandardCharsets.ISO_8859_1);
        assertThatIOException().isThrownBy(() -> start("always"))
                .withMessageContaining("Bad file format reading the append only file " + file + " at offset 28")
                .withMessageContaining("redis-check-aof --fix");
    }
}
