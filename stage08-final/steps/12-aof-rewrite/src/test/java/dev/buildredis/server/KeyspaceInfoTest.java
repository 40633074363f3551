package dev.buildredis.server;

import dev.buildredis.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * INFO's keyspace line and {@code expired_keys} on a clock moved by hand: exact counts, without sleeping and
 * without the keys of other tests (a real redis-server shared by the suite would have those).
 */
class KeyspaceInfoTest {

    private final ManualClock clock = new ManualClock();
    private Server server;
    private Jedis jedis;

    @BeforeEach
    void start() throws IOException {
        server = Server.start(Config.parse("--port", "0"), clock);
        jedis = new Jedis("127.0.0.1", server.port());
    }

    @AfterEach
    void stop() {
        jedis.close();
        server.close();
    }

    @Test
    void anEmptyDataSetHasNoKeyspaceLine() {
        assertThat(jedis.info("keyspace")).isEqualTo("# Keyspace\r\n");
    }

    @Test
    void theKeyspaceLineCountsKeysAndThoseWithAnExpiry() {
        jedis.set("a", "1");
        jedis.set("b", "2");
        jedis.sendCommand(Protocol.Command.SET, "c", "3", "EX", "10");

        assertThat(jedis.info("keyspace")).isEqualTo("# Keyspace\r\ndb0:keys=3,expires=1,avg_ttl=0\r\n");
    }

    @Test
    void aKeyFoundExpiredCountsAsExpiredAndLeavesTheKeyspace() {
        jedis.sendCommand(Protocol.Command.SET, "c", "3", "EX", "10");
        clock.advance(Duration.ofSeconds(11));

        assertThat(jedis.get("c")).isNull();

        assertThat(jedis.info("stats")).contains("\r\nexpired_keys:1\r\n");
        assertThat(jedis.info("keyspace")).isEqualTo("# Keyspace\r\n");
    }
}
