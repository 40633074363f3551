package dev.buildredis.store;

import dev.buildredis.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeyspaceTest {

    private final ManualClock clock = new ManualClock();
    private final Keyspace keyspace = new Keyspace(clock);

    @Test
    void aValueSetIsTheValueGot() {
        keyspace.set(key("k"), bytes("v"), Condition.ALWAYS, Expiry.PERSIST);

        assertThat(keyspace.get(key("k"))).isEqualTo(bytes("v"));
    }

    @Test
    void aMissingKeyHasNoValue() {
        assertThat(keyspace.get(key("nothing"))).isNull();
    }

    @Test
    void setReportsThePreviousValue() {
        keyspace.set(key("k"), bytes("old"), Condition.ALWAYS, Expiry.PERSIST);

        SetResult result = keyspace.set(key("k"), bytes("new"), Condition.ALWAYS, Expiry.PERSIST);

        assertThat(result.written()).isTrue();
        assertThat(result.previous()).isEqualTo(bytes("old"));
    }

    @Test
    void ifAbsentDoesNotOverwrite() {
        keyspace.set(key("k"), bytes("first"), Condition.IF_ABSENT, Expiry.PERSIST);

        SetResult second = keyspace.set(key("k"), bytes("second"), Condition.IF_ABSENT, Expiry.PERSIST);

        assertThat(second.written()).isFalse();
        assertThat(keyspace.get(key("k"))).isEqualTo(bytes("first"));
    }

    @Test
    void ifPresentDoesNotCreate() {
        SetResult result = keyspace.set(key("k"), bytes("v"), Condition.IF_PRESENT, Expiry.PERSIST);

        assertThat(result.written()).isFalse();
        assertThat(keyspace.exists(key("k"))).isFalse();
    }

    @Test
    void aKeyLivesUntilItsExpiryTimeAndIsGoneOneMillisecondLater() {
        keyspace.set(key("k"), bytes("v"), Condition.ALWAYS, new Expiry.At(clock.millis() + 10_000));

        clock.advance(Duration.ofSeconds(10));
        assertThat(keyspace.get(key("k"))).isEqualTo(bytes("v"));

        clock.advance(Duration.ofMillis(1));
        assertThat(keyspace.get(key("k"))).isNull();
    }

    @Test
    void anExpiredKeyStaysInMemoryUntilSomethingTouchesIt() {
        keyspace.set(key("k"), bytes("v"), Condition.ALWAYS, new Expiry.At(clock.millis() + 1));
        clock.advance(Duration.ofSeconds(1));

        assertThat(keyspace.size()).isEqualTo(1);
        assertThat(keyspace.exists(key("k"))).isFalse();
        assertThat(keyspace.size()).isZero();
    }

    @Test
    void anExpiredKeyCountsAsAbsentForIfAbsent() {
        keyspace.set(key("k"), bytes("old"), Condition.ALWAYS, new Expiry.At(clock.millis() + 1));
        clock.advance(Duration.ofSeconds(1));

        SetResult result = keyspace.set(key("k"), bytes("new"), Condition.IF_ABSENT, Expiry.PERSIST);

        assertThat(result.written()).isTrue();
        assertThat(result.previous()).isNull();
    }

    @Test
    void aPlainSetRemovesTheTimeToLive() {
        keyspace.set(key("k"), bytes("v"), Condition.ALWAYS, new Expiry.At(clock.millis() + 1000));
        keyspace.set(key("k"), bytes("w"), Condition.ALWAYS, Expiry.PERSIST);
        clock.advance(Duration.ofDays(1));

        assertThat(keyspace.get(key("k"))).isEqualTo(bytes("w"));
    }

    @Test
    void keepTtlKeepsTheOldExpiryTime() {
        keyspace.set(key("k"), bytes("v"), Condition.ALWAYS, new Expiry.At(clock.millis() + 1000));
        keyspace.set(key("k"), bytes("w"), Condition.ALWAYS, Expiry.KEEP);

        assertThat(keyspace.get(key("k"))).isEqualTo(bytes("w"));
        clock.advance(Duration.ofMillis(1001));
        assertThat(keyspace.get(key("k"))).isNull();
    }

    @Test
    void keepTtlOnANewKeyMeansNoExpiry() {
        keyspace.set(key("k"), bytes("v"), Condition.ALWAYS, Expiry.KEEP);
        clock.advance(Duration.ofDays(365));

        assertThat(keyspace.exists(key("k"))).isTrue();
    }

    @Test
    void deleteSaysWhetherTheKeyExisted() {
        keyspace.set(key("k"), bytes("v"), Condition.ALWAYS, Expiry.PERSIST);

        assertThat(keyspace.delete(key("k"))).isTrue();
        assertThat(keyspace.delete(key("k"))).isFalse();
    }

    @Test
    void deletingAnExpiredKeyDeletesNothing() {
        keyspace.set(key("k"), bytes("v"), Condition.ALWAYS, new Expiry.At(clock.millis() + 1));
        clock.advance(Duration.ofSeconds(1));

        assertThat(keyspace.delete(key("k"))).isFalse();
    }

    @Test
    void aKeyFoundExpiredIsReportedOnceWithItsName() {
        List<Key> expired = new ArrayList<>();
        keyspace.onExpired(expired::add);
        keyspace.set(key("k"), bytes("v"), Condition.ALWAYS, new Expiry.At(clock.millis() + 1));
        clock.advance(Duration.ofSeconds(1));

        keyspace.get(key("k"));
        keyspace.get(key("k"));

        assertThat(expired).containsExactly(key("k"));
    }

    // tag::loading-test[]
    @Test
    void whileLoadingNothingExpiresSoThatAReplayMeetsTheKeysTheCommandsMet() {
        keyspace.set(key("n"), bytes("5"), Condition.ALWAYS, new Expiry.At(clock.millis() + 1500)); // SET n 5 PX 1500
        clock.advance(Duration.ofSeconds(2)); // the server restarts after n's time

        keyspace.loading(true);
        assertThat(keyspace.get(key("n"))).as("INCR n, replayed, reads 5 as it did").isEqualTo(bytes("5"));
        keyspace.set(key("n"), bytes("6"), Condition.ALWAYS, Expiry.KEEP);
        keyspace.loading(false);

        assertThat(keyspace.get(key("n"))).as("n expired with the time it had").isNull();
    }
    // end::loading-test[]

    @Test
    void countsEveryKeyAndThoseWithAnExpiry() {
        for (int i = 0; i < 100; i++) {
            Expiry expiry = i % 4 == 0 ? new Expiry.At(clock.millis() + 10_000) : Expiry.PERSIST;
            keyspace.set(key("k" + i), bytes("v"), Condition.ALWAYS, expiry);
        }

        assertThat(keyspace.count()).isEqualTo(new KeyCount(100, 25));
    }

    private static Key key(String text) {
        return new Key(bytes(text));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
