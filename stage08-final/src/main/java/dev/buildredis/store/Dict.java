package dev.buildredis.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;

/**
 * A chained hash table from {@link Key} to {@code V}, written out instead of {@link java.util.HashMap} for the two
 * things Redis needs from its {@code dict} that a {@code HashMap} does not offer:
 * <ul>
 *   <li>{@link #scan}: a stateless cursor over the buckets, in reverse-binary order, so that a full SCAN returns
 *       every key present for the whole scan even if the table doubles or halves between calls;</li>
 *   <li>{@link #randomKey}: a random entry without walking the table (RANDOMKEY, eviction and expiry sampling).</li>
 * </ul>
 * The table is a power of two; it doubles when the load reaches 1 and halves below 1/8, in one step. Redis rehashes
 * incrementally so that a resize never stalls a client; that refinement belongs to the performance work.
 *
 * <pre>
 *   buckets: [0] → (k3,v3) → (k9,v9)      cursor order for 8 buckets: 0 4 2 6 1 5 3 7
 *            [1] → (k1,v1)                 (the bucket index with its bits reversed, counted up)
 *            ...
 * </pre>
 */
public final class Dict<V> {

    private static final int MIN_SIZE = 4;

    private static final class Entry<V> {
        final Key key;
        final int hash;
        V value;
        Entry<V> next;

        Entry(Key key, int hash, V value, Entry<V> next) {
            this.key = key;
            this.hash = hash;
            this.value = value;
            this.next = next;
        }
    }

    private Entry<V>[] table = newTable(MIN_SIZE);
    private int size;

    /** The number of entries. */
    public int size() {
        return size;
    }

    /** The value for {@code key}, or {@code null}. */
    public V get(Key key) {
        int hash = spread(key.hashCode());
        for (Entry<V> e = table[hash & (table.length - 1)]; e != null; e = e.next) {
            if (e.hash == hash && e.key.equals(key)) {
                return e.value;
            }
        }
        return null;
    }

    /** Sets the value for {@code key} and returns the previous one, or {@code null}. */
    public V put(Key key, V value) {
        int hash = spread(key.hashCode());
        int index = hash & (table.length - 1);
        for (Entry<V> e = table[index]; e != null; e = e.next) {
            if (e.hash == hash && e.key.equals(key)) {
                V old = e.value;
                e.value = value;
                return old;
            }
        }
        table[index] = new Entry<>(key, hash, value, table[index]);
        if (++size > table.length) {
            resize(table.length * 2);
        }
        return null;
    }

    /** Removes {@code key} and returns its value, or {@code null} if it was absent. */
    public V remove(Key key) {
        int hash = spread(key.hashCode());
        int index = hash & (table.length - 1);
        Entry<V> previous = null;
        for (Entry<V> e = table[index]; e != null; previous = e, e = e.next) {
            if (e.hash == hash && e.key.equals(key)) {
                if (previous == null) {
                    table[index] = e.next;
                } else {
                    previous.next = e.next;
                }
                size--;
                if (table.length > MIN_SIZE && size < table.length / 8) {
                    resize(table.length / 2);
                }
                return e.value;
            }
        }
        return null;
    }

    /** Removes every entry. */
    public void clear() {
        table = newTable(MIN_SIZE);
        size = 0;
    }

    /** Calls {@code action} for every entry (the caller must not change the table meanwhile). */
    public void forEach(BiConsumer<Key, V> action) {
        for (Entry<V> head : table) {
            for (Entry<V> e = head; e != null; e = e.next) {
                action.accept(e.key, e.value);
            }
        }
    }

    /** Every key, in table order. */
    public List<Key> keys() {
        List<Key> keys = new ArrayList<>(size);
        forEach((k, v) -> keys.add(k));
        return keys;
    }

    /**
     * A random key, or {@code null} if empty: a random non-empty bucket, then a random entry of its chain. Like
     * Redis's, slightly biased towards keys in short chains.
     */
    public Key randomKey(RandomGenerator random) {
        if (size == 0) {
            return null;
        }
        Entry<V> head;
        do {
            head = table[random.nextInt(table.length)];
        } while (head == null);
        int length = 0;
        for (Entry<V> e = head; e != null; e = e.next) {
            length++;
        }
        Entry<V> e = head;
        for (int skip = random.nextInt(length); skip > 0; skip--) {
            e = e.next;
        }
        return e.key;
    }

    // tag::scan[]
    /**
     * Visits the entries of one bucket (the one {@code cursor} names) and returns the next cursor; 0 when the scan
     * is complete. The cursor counts up with its bits reversed, so that the buckets a small table has visited map to
     * buckets the doubled table has visited too, and the other way round for a halved table: a key present from the
     * first call to the last is returned at least once; a key may be returned twice.
     */
    public long scan(long cursor, BiConsumer<Key, V> visitor) {
        if (size == 0) {
            return 0;
        }
        long mask = table.length - 1;
        for (Entry<V> e = table[(int) (cursor & mask)]; e != null; e = e.next) {
            visitor.accept(e.key, e.value);
        }
        cursor |= ~mask;                       // set the bits above the mask, so that the increment carries past them
        cursor = Long.reverse(cursor);
        cursor++;
        cursor = Long.reverse(cursor);
        return cursor;
    }
    // end::scan[]

    private void resize(int capacity) {
        Entry<V>[] old = table;
        table = newTable(capacity);
        for (Entry<V> head : old) {
            Entry<V> e = head;
            while (e != null) {
                Entry<V> next = e.next;
                int index = e.hash & (capacity - 1);
                e.next = table[index];
                table[index] = e;
                e = next;
            }
        }
    }

    /** Mixes the high bits into the low ones, which pick the bucket (Arrays.hashCode is weak in its low bits). */
    private static int spread(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        return h ^ (h >>> 13);
    }

    @SuppressWarnings("unchecked")
    private static <V> Entry<V>[] newTable(int capacity) {
        return (Entry<V>[]) new Entry<?>[capacity];
    }
}
