package dev.buildredis.store;

import dev.buildredis.testing.ManualClock;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A {@link Cut} writes the keyspace as it was when the cut began, each key once, whatever commands do to it while
 * the walk goes on.
 */
class CutTest {

    private final ManualClock clock = new ManualClock();
    private static final long NOW = 1_767_225_600_000L; // the manual clock's time
    private final Keyspace keyspace = new Keyspace(clock);
    private final Database db = keyspace.db(0);
    /** What the cut wrote: "db:key" → "value@expireAt"; a key written twice fails the test. */
    private final Map<String, String> written = new HashMap<>();

    private void collect(int index, Key key, Value value, long expireAt) {
        String name = index + ":" + key;
        String previous = written.put(name, text(value) + "@" + expireAt);
        assertThat(previous).as("%s was written twice", name).isNull();
    }

    private static String text(Value value) {
        return value instanceof StringValue s ? new String(s.bytes(), StandardCharsets.ISO_8859_1) : value.toString();
    }

    private void set(Database database, String key, String value) {
        database.set(Key.of(key), new StringValue(value.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private Map<String, String> contents() {
        Map<String, String> now = new HashMap<>();
        for (int i = 0; i < keyspace.databaseCount(); i++) {
            Database d = keyspace.db(i);
            for (Key key : d.keys()) {
                now.put(i + ":" + key, text(d.peek(key)) + "@" + d.expireAt(key));
            }
        }
        return now;
    }

    private void walkToEnd(Cut cut) {
        while (!cut.step(1)) {
            // one bucket at a time: the most chances for changes in between
        }
    }

    @Test
    void anUntouchedKeyspaceIsWrittenWholeOnceEach() {
        for (int i = 0; i < 1000; i++) {
            set(keyspace.db(i % 3), "k" + i, "v" + i);
        }
        db.setExpireAt(Key.of("k0"), NOW + 5000);
        Map<String, String> before = contents();
        Cut cut = keyspace.beginCut(this::collect);
        walkToEnd(cut);
        assertThat(written).isEqualTo(before);
        assertThat(cut.written()).isEqualTo(1000);
        assertThat(cut.size(0)).isEqualTo(334);
        assertThat(cut.volatileSize(0)).isEqualTo(1);
    }

    @Test
    void aKeyChangedDuringTheWalkIsWrittenWithItsOldValueBeforeTheChange() {
        set(db, "a", "old");
        db.setExpireAt(Key.of("a"), NOW + 9000);
        Cut cut = keyspace.beginCut(this::collect);
        set(db, "a", "new");                    // SET drops the TTL too
        assertThat(written).containsEntry("0:a", "old@" + (NOW + 9000));
        walkToEnd(cut);
        assertThat(written).hasSize(1).containsEntry("0:a", "old@" + (NOW + 9000));
    }

    @Test
    void aKeyDeletedOrExpiredDuringTheWalkIsStillInTheSnapshot() {
        set(db, "gone", "1");
        set(db, "ttl", "2");
        Cut cut = keyspace.beginCut(this::collect);
        db.delete(Key.of("gone"));
        db.setExpireAt(Key.of("ttl"), NOW + 100);
        walkToEnd(cut);
        assertThat(written).containsEntry("0:gone", "1@-1").containsEntry("0:ttl", "2@-1");
    }

    @Test
    void aKeyMadeAfterTheCutIsNotInTheSnapshot() {
        set(db, "old", "1");
        Cut cut = keyspace.beginCut(this::collect);
        set(db, "new", "2");
        db.delete(Key.of("old"));
        set(db, "old", "3");                    // a new key under an old name
        walkToEnd(cut);
        assertThat(written).containsOnlyKeys("0:old").containsEntry("0:old", "1@-1");
    }

    @Test
    void aValueChangedInPlaceIsWrittenAsItWasWhenTheCommandLookedItUp() {
        ListValue list = new ListValue();
        list.addLast("x".getBytes(StandardCharsets.ISO_8859_1));
        db.set(Key.of("list"), list);
        Cut cut = keyspace.beginCut(this::collect);
        keyspace.writing(true);
        ((ListValue) db.get(Key.of("list"))).addLast("y".getBytes(StandardCharsets.ISO_8859_1)); // RPUSH's path
        walkToEnd(cut);
        assertThat(written.get("0:list")).isEqualTo("[[120]]@-1");
    }

    @Test
    void aReadOnlyLookupLeavesTheKeyToTheWalk() {
        set(db, "k", "v");
        Cut cut = keyspace.beginCut(this::collect);
        keyspace.writing(false);
        db.get(Key.of("k"));
        keyspace.writing(true);
        assertThat(written).isEmpty();
        walkToEnd(cut);
        assertThat(written).containsOnlyKeys("0:k");
    }

    @Test
    void flushallDuringTheWalkLeavesTheSnapshotWhole() {
        for (int i = 0; i < 100; i++) {
            set(db, "k" + i, "v");
        }
        Map<String, String> before = contents();
        Cut cut = keyspace.beginCut(this::collect);
        cut.step(3);
        keyspace.flushAll();
        set(db, "after", "x");
        walkToEnd(cut);
        assertThat(written).isEqualTo(before);
    }

    @Test
    void onlyOneCutRunsAtATimeAndAFinishedOneCostsNothing() {
        set(db, "k", "v");
        Cut cut = keyspace.beginCut(this::collect);
        assertThatThrownBy(() -> keyspace.beginCut(this::collect)).isInstanceOf(IllegalStateException.class);
        walkToEnd(cut);
        set(db, "k", "changed");
        assertThat(written).hasSize(1);
        Cut second = keyspace.beginCut((i, k, v, e) -> written.put("second:" + k, text(v)));
        walkToEnd(second);
        assertThat(written).containsEntry("second:k", "changed");
    }

    // tag::randomized[]
    @Test
    void randomChangesWhileTheTablesGrowAndShrinkNeverChangeWhatIsWritten() {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 20; round++) {
            written.clear();
            keyspace.flushAll();
            for (int i = 0; i < random.nextInt(1, 2000); i++) {
                set(keyspace.db(random.nextInt(2)), "k" + random.nextInt(3000), "v" + i);
            }
            Map<String, String> before = contents();
            Cut cut = keyspace.beginCut(this::collect);
            List<Runnable> changes = new ArrayList<>();
            changes.add(() -> set(keyspace.db(random.nextInt(2)), "k" + random.nextInt(3000), "new"));
            changes.add(() -> keyspace.db(random.nextInt(2)).delete(Key.of("k" + random.nextInt(3000))));
            changes.add(() -> {
                Database d = keyspace.db(random.nextInt(2));
                Key key = Key.of("k" + random.nextInt(3000));
                if (d.exists(key)) {
                    d.setExpireAt(key, NOW + random.nextLong(1, 10_000));
                }
            });
            changes.add(() -> { // hundreds of new keys at once, now and then: the table doubles under the walk
                if (random.nextInt(20) > 0) {
                    return;
                }
                for (int i = 0; i < 300; i++) {
                    set(keyspace.db(random.nextInt(2)), "n" + random.nextInt(100_000), "x");
                }
            });
            do {
                changes.get(random.nextInt(changes.size())).run();
            } while (!cut.step(random.nextInt(1, 8)));
            assertThat(written).as("seed %d, round %d", seed, round).isEqualTo(before);
        }
    }
    // end::randomized[]
}
