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
    void expiredKeysThatAreNeverReadAreReclaimedByTheActiveCycle() {
        for (int i = 0; i < 20_000; i++) {
            session.call("SET", "temp:" + i, "v", "PX", "10");
        }
        session.call("SET", "kept", "v");
        session.clock.advance(Duration.ofMillis(11));
        assertThat(session.engine.keyspace().db(0).size()).isEqualTo(20_001);
        for (int cycle = 0; cycle < 100 && session.engine.keyspace().db(0).size() > 1; cycle++) {
            session.engine.cron();
        }
        assertThat(session.engine.keyspace().db(0).size()).isEqualTo(1);
        assertThat(session.engine.keyspace().expiredKeys()).isEqualTo(20_000);
    }

    @Test
    void theActiveCycleLeavesKeysWhoseDeadlineHasNotPassed() {
        for (int i = 0; i < 1_000; i++) {
            session.call("SET", "later:" + i, "v", "EX", "100");
        }
        session.engine.cron();
        assertThat(session.engine.keyspace().db(0).size()).isEqualTo(1_000);
    }

    @Test
    void aBlockedClientTimesOutWhenTheClockPassesItsTimeout() {
        assertThat(session.call("BLPOP", "q", "1.5")).isEmpty();
        session.clock.advance(Duration.ofMillis(1_499));
        session.engine.expireTimeouts();
        assertThat(Session.output(session.client)).isEmpty();
        session.clock.advance(Duration.ofMillis(1));
        session.engine.expireTimeouts();
        assertThat(Session.output(session.client)).isEqualTo("*-1\r\n");
        assertThat(session.engine.takeUnblocked()).isSameAs(session.client);
    }

    @Test
    void aPushServesTheClientThatBlockedFirst() {
        Client first = session.client;
        Client second = session.engine.connect();
        Client pusher = session.engine.connect();
        session.call(first, "BLPOP", "q", "0");
        session.call(second, "BLPOP", "q", "0");
        assertThat(session.call(pusher, "RPUSH", "q", "a")).isEqualTo(":1\r\n");
        assertThat(Session.output(first)).isEqualTo("*2\r\n$1\r\nq\r\n$1\r\na\r\n");
        assertThat(Session.output(second)).isEmpty();
        assertThat(second.isBlocked()).isTrue();
    }

    @Test
    void theNextTimeoutIsTheEarliestDeadlineOfAClientThatDoesNotWaitForEver() {
        long start = session.engine.keyspace().nowMillis();
        assertThat(session.engine.nextTimeoutMillis()).isEqualTo(Long.MAX_VALUE);
        session.call("BLPOP", "q", "0");
        assertThat(session.engine.nextTimeoutMillis()).isEqualTo(Long.MAX_VALUE);
        session.call(session.engine.connect(), "BLPOP", "q", "5");
        session.call(session.engine.connect(), "BLPOP", "q", "2");
        assertThat(session.engine.nextTimeoutMillis()).isEqualTo(start + 2_000);
    }

    @Test
    void aClientThatTimedOutIsAnsweredOnceAndIsNoLongerBlocked() {
        session.call("BLPOP", "q", "1");
        session.clock.advance(Duration.ofMillis(1_000));
        session.engine.expireTimeouts();
        assertThat(Session.output(session.client)).isEqualTo("*-1\r\n");
        assertThat(session.client.isBlocked()).isFalse();
        session.clock.advance(Duration.ofMillis(1_000));
        session.engine.expireTimeouts();
        session.call(session.engine.connect(), "RPUSH", "q", "x");
        assertThat(Session.output(session.client)).isEmpty();
        assertThat(session.engine.nextTimeoutMillis()).isEqualTo(Long.MAX_VALUE);
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
