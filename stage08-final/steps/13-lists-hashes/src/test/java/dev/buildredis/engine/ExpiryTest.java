package dev.buildredis.engine;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Expiry and timeouts against a manual clock: no test here sleeps. */
class ExpiryTest {

    private final Session session = new Session();

    @Test
    void aKeyLivesUntilTheClockIsPastItsDeadline() {
        session.call("SET", "k", "v", "PX", "100");
        session.clock.advance(Duration.ofMillis(100));
        assertThat(session.call("GET", "k")).isEqualTo("$1\r\nv\r\n");
        session.clock.advance(Duration.ofMillis(1));
        assertThat(session.call("GET", "k")).isEqualTo("$-1\r\n");
    }

    @Test
    void ttlRoundsToTheNearestSecond() {
        session.call("SET", "k", "v", "EX", "10");
        session.clock.advance(Duration.ofMillis(1_400));
        assertThat(session.call("TTL", "k")).isEqualTo(":9\r\n");
        assertThat(session.call("PTTL", "k")).isEqualTo(":8600\r\n");
        session.clock.advance(Duration.ofMillis(200));
        assertThat(session.call("TTL", "k")).isEqualTo(":8\r\n");
    }

    @Test
    void keysListsAKeyUntilTheClockIsPastItsDeadline() {
        session.call("SET", "k", "v", "PX", "100");
        session.clock.advance(Duration.ofMillis(100));
        assertThat(session.call("KEYS", "*")).isEqualTo("*1\r\n$1\r\nk\r\n");
        session.clock.advance(Duration.ofMillis(1));
        assertThat(session.call("KEYS", "*")).isEqualTo("*0\r\n");
    }

    @Test
    void aDeadlineOfNowDeletesTheKeyAtOnce() {
        session.call("SET", "k", "v");
        long now = session.engine.keyspace().nowMillis();
        assertThat(session.call("PEXPIREAT", "k", Long.toString(now + 1))).isEqualTo(":1\r\n");
        assertThat(session.engine.keyspace().db(0).size()).isEqualTo(1);
        assertThat(session.call("PEXPIREAT", "k", Long.toString(now))).isEqualTo(":1\r\n");
        assertThat(session.engine.keyspace().db(0).size()).isZero();
    }
}
