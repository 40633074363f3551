package dev.buildredis.store;

import dev.buildredis.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A database's keys, values and deadlines: lazy expiry, TTLs kept or dropped, sixteen databases apart. */
class DatabaseTest {

    private final ManualClock clock = new ManualClock();
    private final Keyspace keyspace = new Keyspace(clock);
    private final Database db = keyspace.db(0);

    @Test
    void aValueSetIsTheValueGot() {
        db.set(key("k"), bytes("v"));

        assertThat(string(db.get(key("k")))).isEqualTo("v");
    }

    @Test
    void aMissingKeyHasNoValue() {
        assertThat(db.get(key("nothing"))).isNull();
        assertThat(db.exists(key("nothing"))).isFalse();
    }

    @Test
    void aShortStringAndALongOneReadBackTheSame() {
        String longer = "x".repeat(StringValue.EMBSTR_LIMIT + 1);
        db.set(key("short"), bytes("v".repeat(StringValue.EMBSTR_LIMIT)));
        db.set(key("long"), bytes(longer));

        assertThat(string(db.get(key("short")))).isEqualTo("v".repeat(StringValue.EMBSTR_LIMIT));
        assertThat(string(db.get(key("long")))).isEqualTo(longer);
    }

    @Test
    void aKeyLivesUntilItsDeadlineAndIsGoneOneMillisecondLater() {
        db.set(key("k"), bytes("v"));
        db.setExpireAt(key("k"), clock.millis() + 10_000);

        clock.advance(Duration.ofSeconds(10));
        assertThat(db.get(key("k"))).isNotNull();

        clock.advance(Duration.ofMillis(1));
        assertThat(db.get(key("k"))).isNull();
    }

    @Test
    void anExpiredKeyStaysInMemoryUntilSomethingLooksItUp() {
        db.set(key("k"), bytes("v"));
        db.setExpireAt(key("k"), clock.millis() + 1);
        clock.advance(Duration.ofSeconds(1));

        assertThat(db.size()).isEqualTo(1);
        assertThat(db.exists(key("k"))).isFalse();
        assertThat(db.size()).isZero();
        assertThat(db.volatileSize()).isZero();
        assertThat(keyspace.expiredKeys()).isEqualTo(1);
    }

    @Test
    void setDropsTheTimeToLiveAndPutKeepsIt() {
        db.set(key("dropped"), bytes("v"));
        db.setExpireAt(key("dropped"), clock.millis() + 1000);
        db.set(key("kept"), bytes("v"));
        db.setExpireAt(key("kept"), clock.millis() + 1000);

        db.set(key("dropped"), bytes("w"));
        db.put(key("kept"), bytes("w"));

        assertThat(db.expireAt(key("dropped"))).isEqualTo(-1);
        assertThat(db.expireAt(key("kept"))).isEqualTo(clock.millis() + 1000);
        clock.advance(Duration.ofMillis(1001));
        assertThat(db.get(key("dropped"))).isNotNull();
        assertThat(db.get(key("kept"))).isNull();
    }

    @Test
    void deleteSaysWhetherTheKeyExistedAndTakesItsDeadlineAlong() {
        db.set(key("k"), bytes("v"));
        db.setExpireAt(key("k"), clock.millis() + 1000);

        assertThat(db.delete(key("k"))).isTrue();
        assertThat(db.delete(key("k"))).isFalse();
        assertThat(db.volatileSize()).isZero();
    }

    @Test
    void aKeyFoundExpiredIsReportedOnceWithItsDatabase() {
        List<String> expired = new ArrayList<>();
        keyspace.onExpired((database, key) -> expired.add(database.index() + ":" + key));
        db.set(key("k"), bytes("v"));
        db.setExpireAt(key("k"), clock.millis() + 1);
        clock.advance(Duration.ofSeconds(1));

        db.get(key("k"));
        db.get(key("k"));

        assertThat(expired).containsExactly("0:k");
    }

    // tag::loading-test[]
    @Test
    void whileLoadingNothingExpiresSoThatAReplayMeetsTheKeysTheCommandsMet() {
        db.set(key("n"), bytes("5"));                   // SET n 5 PX 1500
        db.setExpireAt(key("n"), clock.millis() + 1500);
        clock.advance(Duration.ofSeconds(2));          // the server restarts after n's time

        keyspace.loading(true);
        assertThat(string(db.get(key("n")))).as("INCR n, replayed, reads 5 as it did").isEqualTo("5");
        db.put(key("n"), bytes("6"));
        keyspace.loading(false);

        assertThat(db.get(key("n"))).as("n expired with the time it had").isNull();
    }
    // end::loading-test[]

    @Test
    void theSixteenDatabasesKeepTheirKeysApart() {
        keyspace.db(0).set(key("k"), bytes("zero"));
        keyspace.db(15).set(key("k"), bytes("fifteen"));

        assertThat(keyspace.databaseCount()).isEqualTo(Keyspace.DEFAULT_DATABASES);
        assertThat(string(keyspace.db(0).get(key("k")))).isEqualTo("zero");
        assertThat(string(keyspace.db(15).get(key("k")))).isEqualTo("fifteen");
        assertThat(keyspace.db(1).exists(key("k"))).isFalse();
    }

    @Test
    void usedMemoryGrowsWithEachKeyAndComesBackToZero() {
        for (int i = 0; i < 1000; i++) {
            db.set(key("k" + i), bytes("value" + i));
            db.setExpireAt(key("k" + i), clock.millis() + 60_000);
        }
        assertThat(keyspace.usedMemory()).isPositive().isEqualTo(db.usedMemory());

        for (int i = 0; i < 1000; i++) {
            db.delete(key("k" + i));
        }
        assertThat(keyspace.usedMemory()).isZero();
        assertThat(keyspace.peakMemory()).isPositive();
    }

    @Test
    void theCronFinishesAResizeThatNoLookupFinishes() {
        for (int i = 0; i < 10_000; i++) {
            db.set(key("k" + i), bytes("v"));
        }
        keyspace.rehash(Long.MAX_VALUE);

        assertThat(db.rehash(1)).as("no resize left under way").isFalse();
        for (int i = 0; i < 10_000; i++) {
            assertThat(db.exists(key("k" + i))).isTrue();
        }
    }

    private static Key key(String text) {
        return Key.of(text);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String string(Value value) {
        return new String(((StringValue) value).bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
