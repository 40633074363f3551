package dev.buildredis.server;

import dev.buildredis.testing.ManualClock;
import dev.buildredis.testing.WireClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Expiry end to end, on this stage's server with a clock the test moves: no test sleeps for a TTL to pass.
 * Not a wire test, since only an in-process server lets the test hold its clock.
 */
class ExpiryTest {

    private final ManualClock clock = new ManualClock();
    private Server server;
    private WireClient client;

    @BeforeEach
    void start() throws IOException {
        server = Server.start(Config.parse("--port", "0"), clock);
        client = WireClient.connect(new InetSocketAddress("127.0.0.1", server.port()));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void exKeepsAKeyForThatManySecondsAndNotOneMillisecondMore() {
        client.command("SET", "k", "v", "EX", "10").expect("+OK\r\n");

        clock.advance(Duration.ofSeconds(10));
        client.command("GET", "k").expect("$1\r\nv\r\n");

        clock.advance(Duration.ofMillis(1));
        client.command("GET", "k").expect("$-1\r\n");
    }

    @Test
    void pxCountsMilliseconds() {
        client.command("SET", "k", "v", "PX", "250").expect("+OK\r\n");

        clock.advance(Duration.ofMillis(251));
        client.command("EXISTS", "k").expect(":0\r\n");
    }

    @Test
    void exatIsAnAbsoluteTimeInSeconds() {
        long inOneMinute = clock.instant().getEpochSecond() + 60;
        client.command("SET", "k", "v", "EXAT", Long.toString(inOneMinute)).expect("+OK\r\n");

        clock.advance(Duration.ofSeconds(59));
        client.command("EXISTS", "k").expect(":1\r\n");
        clock.advance(Duration.ofSeconds(2));
        client.command("EXISTS", "k").expect(":0\r\n");
    }

    @Test
    void keepTtlKeepsTheExpiryOfTheValueItReplaces() {
        client.command("SET", "k", "old", "EX", "5").expect("+OK\r\n");
        client.command("SET", "k", "new", "KEEPTTL").expect("+OK\r\n");

        clock.advance(Duration.ofSeconds(4));
        client.command("GET", "k").expect("$3\r\nnew\r\n");
        clock.advance(Duration.ofSeconds(2));
        client.command("GET", "k").expect("$-1\r\n");
    }

    @Test
    void aPlainSetMakesAKeyPermanentAgain() {
        client.command("SET", "k", "v", "EX", "5").expect("+OK\r\n");
        client.command("SET", "k", "w").expect("+OK\r\n");

        clock.advance(Duration.ofDays(30));
        client.command("GET", "k").expect("$1\r\nw\r\n");
    }

    @Test
    void incrKeepsTheKeysExpiry() {
        client.command("SET", "k", "1", "EX", "5").expect("+OK\r\n");
        client.command("INCR", "k").expect(":2\r\n");

        clock.advance(Duration.ofSeconds(6));
        client.command("GET", "k").expect("$-1\r\n");
    }

    @Test
    void incrOnAnExpiredKeyStartsFromZero() {
        client.command("SET", "k", "41", "PX", "10").expect("+OK\r\n");
        clock.advance(Duration.ofMillis(11));

        client.command("INCR", "k").expect(":1\r\n");
    }

    @Test
    void nxCanWriteAgainOnceTheOldKeyHasExpired() {
        client.command("SET", "k", "old", "PX", "100", "NX").expect("+OK\r\n");
        client.command("SET", "k", "new", "NX").expect("$-1\r\n");

        clock.advance(Duration.ofMillis(101));
        client.command("SET", "k", "new", "NX").expect("+OK\r\n");
    }
}
