package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.Slowlog;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SLOWLOG records commands at least as slow as slowlog-log-slower-than, with their arguments in Redis's order and
 * Redis's cuts. The threshold 0 logs every command, so the tests need no slow command; each puts the threshold back
 * afterwards, since a real Redis is shared by the whole run.
 */
@WireTest
class SlowLogWireTest {

    private final String key = "slowlog:" + UUID.randomUUID();
    private Jedis admin;

    @BeforeEach
    void logEveryCommand(InetSocketAddress address) {
        admin = new Jedis(address.getHostString(), address.getPort(), 2000);
        admin.configSet("slowlog-log-slower-than", "0");
        admin.slowlogReset();
    }

    @AfterEach
    void putTheThresholdBack() {
        admin.configSet("slowlog-log-slower-than", "10000");
        admin.slowlogReset();
        admin.close();
    }

    @Test
    void aCommandAtTheThresholdIsLoggedWithItsArguments() {
        admin.set(key, "value");

        List<Slowlog> newest = admin.slowlogGet(1);

        assertThat(newest).hasSize(1);
        assertThat(newest.getFirst().getArgs()).containsExactly("SET", key, "value");
        assertThat(newest.getFirst().getExecutionTime()).isNotNegative()
                .as("a SET takes microseconds, not seconds").isLessThan(1_000_000);
        assertThat(newest.getFirst().getTimeStamp()).isPositive();
    }

    @Test
    void entriesComeNewestFirstWithGrowingIds() {
        admin.set(key, "1");
        admin.get(key);

        List<Slowlog> newest = admin.slowlogGet(2);

        assertThat(newest.get(0).getArgs()).containsExactly("GET", key);
        assertThat(newest.get(1).getArgs()).containsExactly("SET", key, "1");
        assertThat(newest.get(0).getId()).isGreaterThan(newest.get(1).getId());
    }

    @Test
    void longArgumentsAreCutAt128BytesAndManyArgumentsAt32() {
        admin.set(key, "x".repeat(200));
        List<String> args = new ArrayList<>(List.of("RPUSH", key + ":list"));
        for (int i = 0; i < 40; i++) {
            args.add(Integer.toString(i));
        }
        admin.sendCommand(() -> "RPUSH".getBytes(), args.subList(1, args.size()).toArray(String[]::new));

        List<Slowlog> newest = admin.slowlogGet(2);

        assertThat(newest.get(1).getArgs().get(2)).isEqualTo("x".repeat(128) + "... (72 more bytes)");
        assertThat(newest.get(0).getArgs()).hasSize(32).endsWith("... (11 more arguments)");
        admin.del(key + ":list");
    }

    @Test
    void lenCountsTheEntriesAndResetEmptiesTheLog() {
        admin.set(key, "v");
        assertThat(admin.slowlogLen()).isPositive();

        admin.slowlogReset();

        assertThat(admin.slowlogLen()).isLessThanOrEqualTo(1); // the RESET itself may be logged after it ran
    }

    @Test
    void aCountBelowMinusOneIsRefused(WireClient c) {
        c.command("SLOWLOG", "GET", "-2").expect("-ERR count should be greater than or equal to -1\r\n");
    }
}
