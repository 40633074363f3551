package dev.buildredis.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A chained hash table of keys, written out instead of {@link java.util.HashMap} for what Redis needs from its
 * {@code dict} that a {@code HashMap} does not offer, and for memory:
 * <ul>
 *   <li>{@link #scan}: a stateless cursor over the buckets, in reverse-binary order, so that a full SCAN returns
 *       every key present for the whole scan even if the table doubles or halves between calls;</li>
 *   <li>{@link #randomKey}: a random entry without walking the table (RANDOMKEY, eviction and expiry sampling);</li>
 *   <li>intrusive nodes: the table links the objects that hold the data ({@link Node} subclasses: a database's
 *       {@link Slot}, a key's {@link Deadline}), which carry the key's bytes themselves. A {@code HashMap<Key, Slot>}
 *       would cost three objects more per key (its entry, the {@code Key} record, a boxed deadline), about 56 bytes
 *       of a million-key data set's 178 per key before this change.</li>
 * </ul>
 * The table is a power of two; it doubles when the load reaches 1 and halves below 1/8, a bucket at a time, as
 * Redis's does (see {@link #rehash}).
 *
 * <pre>
 *   buckets: [0] → (k3 ...) → (k9 ...)      cursor order for 8 buckets: 0 4 2 6 1 5 3 7
 *            [1] → (k1 ...)                  (the bucket index with its bits reversed, counted up)
 *            ...
 * </pre>
 */
public final class Dict<N extends Dict.Node> {

    private static final int MIN_SIZE = 4;

    /**
     * What the table links: a key's bytes, their hash, and the next node of the bucket. Subclasses add the data. The
     * array may hold more after the key's {@code keyLength} bytes: a {@link Slot} keeps a short string value there.
     */
    public abstract static class Node {
        byte[] key;
        int keyLength;
        final int hash;
        Node next;

        protected Node(Key key, int hash) {
            this.key = key.bytes();
            this.keyLength = key.bytes().length;
            this.hash = hash;
        }

        /** The node's key (a new record around the same bytes, or a copy of them if the array holds more). */
        public final Key key() {
            return new Key(keyLength == key.length ? key : Arrays.copyOf(key, keyLength));
        }

        final boolean holds(byte[] other, int otherLength, int otherHash) {
            return hash == otherHash && Arrays.equals(key, 0, keyLength, other, 0, otherLength);
        }
    }

    private Node[] table = new Node[MIN_SIZE];
    private Node[] next;          // while a resize is under way: the new table, which the old one moves into
    private int moved;            // while a resize is under way: the old table's buckets below this are moved
    private int size;

    /** The number of entries. */
    public int size() {
        return size;
    }

    /** The hash the table files {@code key} under: a caller that looks a key up in two tables computes it once. */
    public static int hash(Key key) {
        return key.hashCode(); // SipHash: its low bits, which pick the bucket, are as good as its high ones
    }

    /** The node for {@code key}, or {@code null}. */
    public N get(Key key) {
        return get(key, hash(key));
    }

    /** The node for {@code key}, whose {@link #hash} is {@code hash}, or {@code null}. */
    public N get(Key key, int hash) {
        step();
        byte[] bytes = key.bytes();
        N n = find(table, bytes, bytes.length, hash);
        return n != null || next == null ? n : find(next, bytes, bytes.length, hash);
    }

    @SuppressWarnings("unchecked")
    private N find(Node[] in, byte[] bytes, int length, int hash) {
        for (Node n = in[hash & (in.length - 1)]; n != null; n = n.next) {
            if (n.holds(bytes, length, hash)) {
                return (N) n;
            }
        }
        return null;
    }

    /** Adds {@code node}; a node already there for its key is replaced and returned, else {@code null}. */
    public N put(N node) {
        N old = remove(node.key, node.keyLength, node.hash);
        add(node);
        return old;
    }

    /** Adds {@code node}, whose key the caller knows is not in the table (one lookup fewer than {@link #put}). */
    public void add(N node) {
        step();
        Node[] into = next != null ? next : table; // during a resize, new nodes go to the new table
        int index = node.hash & (into.length - 1);
        node.next = into[index];
        into[index] = node;
        size++;
        resizeIfNeeded();
    }

    /** Removes the node for {@code key} and returns it, or {@code null} if it was absent. */
    public N remove(Key key) {
        return remove(key, hash(key));
    }

    /** As {@link #remove(Key)}, with the key's {@link #hash} already known. */
    public N remove(Key key, int hash) {
        return remove(key.bytes(), key.bytes().length, hash);
    }

    private N remove(byte[] bytes, int length, int hash) {
        step();
        N n = unlink(table, bytes, length, hash);
        if (n == null && next != null) {
            n = unlink(next, bytes, length, hash);
        }
        if (n != null) {
            size--;
            resizeIfNeeded();
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    private N unlink(Node[] in, byte[] bytes, int length, int hash) {
        int index = hash & (in.length - 1);
        Node previous = null;
        for (Node n = in[index]; n != null; previous = n, n = n.next) {
            if (n.holds(bytes, length, hash)) {
                if (previous == null) {
                    in[index] = n.next;
                } else {
                    previous.next = n.next;
                }
                n.next = null;
                return (N) n;
            }
        }
        return null;
    }

    /** Calls {@code action} for every node (the caller must not change the table meanwhile). */
    @SuppressWarnings("unchecked")
    public void forEach(Consumer<N> action) {
        for (Node[] in : next == null ? new Node[][] {table} : new Node[][] {table, next}) {
            for (Node head : in) {
                for (Node n = head; n != null; n = n.next) {
                    action.accept((N) n);
                }
            }
        }
    }

    /** Every key, in table order. */
    public List<Key> keys() {
        List<Key> keys = new ArrayList<>(size);
        forEach(n -> keys.add(n.key()));
        return keys;
    }

    /**
     * A random key, or {@code null} if empty: a random non-empty bucket, then a random entry of its chain. Like
     * Redis's, slightly biased towards keys in short chains. During a resize the bucket is drawn from the old
     * table's buckets not yet moved and the new table's, as Redis does.
     */
    public Key randomKey(RandomGenerator random) {
        N n = randomNode(random);
        return n == null ? null : n.key();
    }

    /**
     * A random node, or {@code null} if empty (see {@link #randomKey}): a few draws of a bucket on average, as the
     * table is at least an eighth full, and a walk of one chain; never a walk of the table.
     */
    @SuppressWarnings("unchecked")
    public N randomNode(RandomGenerator random) {
        if (size == 0) {
            return null;
        }
        Node head;
        do {
            if (next == null) {
                head = table[random.nextInt(table.length)];
            } else {
                int index = moved + random.nextInt(table.length - moved + next.length);
                head = index < table.length ? table[index] : next[index - table.length];
            }
        } while (head == null);
        int length = 0;
        for (Node n = head; n != null; n = n.next) {
            length++;
        }
        Node n = head;
        for (int skip = random.nextInt(length); skip > 0; skip--) {
            n = n.next;
        }
        return (N) n;
    }

    // tag::scan[]
    /**
     * Visits the nodes of one bucket (the one {@code cursor} names) and returns the next cursor; 0 when the scan
     * is complete. The cursor counts up with its bits reversed, so that the buckets a small table has visited map to
     * buckets the doubled table has visited too, and the other way round for a halved table: a key present from the
     * first call to the last is returned at least once; a key may be returned twice. The visitor must not look keys
     * up in this table: a lookup moves buckets of a resize under way.
     */
    public long scan(long cursor, Consumer<N> visitor) {
        if (size == 0) {
            return 0;
        }
        if (next == null) {
            long mask = table.length - 1;
            visit(table[(int) (cursor & mask)], visitor);
            return increment(cursor, mask);
        }
        // During a resize a key is in one of two tables: visit the cursor's bucket of the smaller table, then every
        // bucket of the larger table that its keys spread to (the cursor's bucket with each value of the extra bits).
        Node[] small = table.length <= next.length ? table : next;
        Node[] large = small == table ? next : table;
        long smallMask = small.length - 1;
        long largeMask = large.length - 1;
        visit(small[(int) (cursor & smallMask)], visitor);
        do {
            visit(large[(int) (cursor & largeMask)], visitor);
            cursor = increment(cursor, largeMask);
        } while ((cursor & (smallMask ^ largeMask)) != 0);
        return cursor;
    }

    /** The cursor after {@code cursor} for a table of {@code mask + 1} buckets: its bits reversed, plus one. */
    private static long increment(long cursor, long mask) {
        cursor |= ~mask;                       // set the bits above the mask, so that the increment carries past them
        cursor = Long.reverse(cursor);
        cursor++;
        return Long.reverse(cursor);
    }
    // end::scan[]

    @SuppressWarnings("unchecked")
    private void visit(Node head, Consumer<N> visitor) {
        for (Node n = head; n != null; n = n.next) {
            visitor.accept((N) n);
        }
    }

    // tag::rehash[]
    /**
     * Starts a resize when the table is full (as many keys as buckets) or an eighth full. The keys move to the new
     * table a bucket at a time, one bucket at every lookup, insertion and removal and more from the server's cron
     * ({@link #rehash}), as Redis's incremental rehash does: doubling a table of millions of keys in one step would
     * stop every client for a noticeable fraction of a second.
     */
    private void resizeIfNeeded() {
        if (next != null) {
            return;
        }
        if (size > table.length) {
            next = new Node[table.length * 2];
        } else if (table.length > MIN_SIZE && size < table.length / 8) {
            next = new Node[table.length / 2];
        } else {
            return;
        }
        moved = 0;
    }

    /** Whether a resize is under way. */
    public boolean resizing() {
        return next != null;
    }

    /** Moves the keys of up to {@code buckets} non-empty buckets to the new table; false once no resize is left. */
    public boolean rehash(int buckets) {
        int emptyVisits = buckets * 10; // as Redis: an old table of mostly empty buckets costs a bounded step too
        while (buckets-- > 0 && next != null) {
            while (moved < table.length && table[moved] == null) {
                moved++;
                if (--emptyVisits == 0 && moved < table.length) {
                    return true;
                }
            }
            if (moved < table.length) {
                Node n = table[moved];
                table[moved++] = null;
                while (n != null) {
                    Node following = n.next;
                    int index = n.hash & (next.length - 1);
                    n.next = next[index];
                    next[index] = n;
                    n = following;
                }
            }
            if (moved == table.length) {
                table = next;
                next = null;
                resizeIfNeeded(); // insertions during the resize may already call for the next one
            }
        }
        return next != null;
    }

    private void step() {
        if (next != null) {
            rehash(1);
        }
    }
    // end::rehash[]
}
