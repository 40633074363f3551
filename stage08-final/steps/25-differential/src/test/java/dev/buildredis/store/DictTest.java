package dev.buildredis.store;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DictTest {

    /** The smallest node: a key and a number. */
    private static final class Counter extends Dict.Node {
        final int value;

        Counter(Key key, int value) {
            super(key, Dict.hash(key));
            this.value = value;
        }
    }

    private static Key key(int i) {
        return Key.of("k" + i);
    }

    private static Integer value(Counter node) {
        return node == null ? null : node.value;
    }

    @Test
    void behavesAsAMapThroughGrowthAndShrinking() {
        Dict<Counter> dict = new Dict<>();
        Map<Key, Integer> model = new HashMap<>();
        Random random = new Random(42);
        for (int step = 0; step < 50_000; step++) {
            Key k = key(random.nextInt(2_000));
            if (random.nextInt(3) == 0) {
                assertThat(value(dict.remove(k))).isEqualTo(model.remove(k));
            } else {
                assertThat(value(dict.put(new Counter(k, step)))).isEqualTo(model.put(k, step));
            }
            assertThat(dict.size()).isEqualTo(model.size());
        }
        model.forEach((k, v) -> assertThat(value(dict.get(k))).isEqualTo(v));
        assertThat(dict.keys()).containsExactlyInAnyOrderElementsOf(model.keySet());
    }

    @Test
    void aFullScanVisitsEveryKeyPresentThroughoutWhileTheTableGrows() {
        Dict<Counter> dict = new Dict<>();
        for (int i = 0; i < 100; i++) {
            dict.put(new Counter(key(i), i));
        }
        Set<Key> seen = new HashSet<>();
        long cursor = 0;
        int next = 100;
        do {
            cursor = dict.scan(cursor, n -> seen.add(n.key()));
            dict.put(new Counter(key(next++), 0)); // one bucket visited, one key added: the table doubles twice meanwhile
        } while (cursor != 0);
        assertThat(next).isGreaterThan(256); // 128 buckets at the start, 512 at the end
        for (int i = 0; i < 100; i++) {
            assertThat(seen).contains(key(i));
        }
    }

    @Test
    void aFullScanVisitsEveryKeyPresentThroughoutWhileTheTableShrinks() {
        Dict<Counter> dict = new Dict<>();
        for (int i = 0; i < 5_000; i++) {
            dict.put(new Counter(key(i), i));
        }
        Set<Key> seen = new HashSet<>();
        long cursor = 0;
        int removed = 100;
        do {
            cursor = dict.scan(cursor, n -> seen.add(n.key()));
            for (int i = 0; i < 200 && removed < 5_000; i++) {
                dict.remove(key(removed++)); // keys 0..99 stay; the rest go, and the table halves
            }
        } while (cursor != 0);
        for (int i = 0; i < 100; i++) {
            assertThat(seen).contains(key(i));
        }
    }

    @Test
    void randomKeyReturnsOnlyPresentKeys() {
        Dict<Counter> dict = new Dict<>();
        assertThat(dict.randomKey(new Random(1))).isNull();
        dict.put(new Counter(key(1), 1));
        dict.put(new Counter(key(2), 2));
        Random random = new Random(7);
        Set<Key> drawn = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            drawn.add(dict.randomKey(random));
        }
        assertThat(drawn).containsExactlyInAnyOrder(key(1), key(2));
    }

    @Test
    void aResizeMovesTheKeysABucketAtATimeAndEveryKeyStaysReachable() {
        Dict<Counter> dict = new Dict<>();
        int keys = 1 << 12;
        for (int i = 0; i < keys; i++) {
            dict.add(new Counter(key(i), i));
        }
        dict.rehash(Integer.MAX_VALUE);
        assertThat(dict.resizing()).isFalse();
        dict.add(new Counter(key(keys), keys)); // one more than buckets: the table starts doubling
        assertThat(dict.resizing()).isTrue();
        for (int i = 0; i <= keys; i += 2) {
            assertThat(value(dict.get(key(i)))).isEqualTo(i); // a bucket moves at each lookup, not the table
            assertThat(dict.resizing()).isTrue();
        }
        assertThat(dict.keys()).hasSize(keys + 1).doesNotHaveDuplicates();
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            assertThat(dict.get(dict.randomKey(random))).isNotNull();
        }
        assertThat(value(dict.remove(key(1)))).isEqualTo(1);
        assertThat(dict.rehash(Integer.MAX_VALUE)).isFalse();
        for (int i = 2; i <= keys; i++) {
            assertThat(value(dict.get(key(i)))).isEqualTo(i);
        }
        assertThat(dict.size()).isEqualTo(keys);
    }

    @Test
    void aFullScanReturnsEveryKeyPresentThroughoutWhileResizesComeAndGo() {
        Random random = new Random(11);
        for (int round = 0; round < 20; round++) {
            Dict<Counter> dict = new Dict<>();
            int stable = 50 + random.nextInt(500);
            for (int i = 0; i < stable; i++) {
                dict.add(new Counter(key(i), i));
            }
            Set<Key> seen = new HashSet<>();
            long cursor = 0;
            int next = stable;
            do {
                cursor = dict.scan(cursor, n -> seen.add(n.key()));
                for (int i = random.nextInt(40); i > 0; i--) { // grow, shrink and move buckets between the steps
                    if (random.nextBoolean() && dict.size() < 8 * stable) { // bounded, so that the scan ends
                        dict.add(new Counter(key(next++), 0));
                    } else if (next > stable) {
                        dict.remove(key(stable + random.nextInt(next - stable)));
                    }
                }
            } while (cursor != 0);
            for (int i = 0; i < stable; i++) {
                assertThat(seen).as("round %d", round).contains(key(i));
            }
        }
    }
}
