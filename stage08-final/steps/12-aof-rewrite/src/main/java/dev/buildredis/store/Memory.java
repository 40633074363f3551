package dev.buildredis.store;

/**
 * What {@code used_memory} counts on the JVM: an estimate, kept up to date key by key, of the heap bytes the data set
 * holds, the number eviction compares with {@code maxmemory}.
 *
 * <p>Why not the heap in use ({@code Runtime.totalMemory() - freeMemory()})? It counts garbage that is not collected
 * yet, so it jumps up and down with the collector, and evicting by it would evict at random moments and keep evicting
 * after a collection had already made room. The estimate is deterministic: the same commands give the same number,
 * which a test can rely on. It counts for the JVM the launcher ({@code bin/server}) starts: generational ZGC, which
 * has no compressed references (8-byte references), with compact object headers (8-byte headers, 12-byte array
 * headers), objects aligned to 8 bytes:
 * <pre>
 *   per key      the key's Slot (the Dict node that holds the value) + its table slot + the key's byte[], which
 *                holds a short string value too (see Slot)
 *   per TTL      the key's Deadline node in the expires Dict + its table slot + its key bytes
 *   per value    the value object, its collections' entries and every byte[] it holds (see each Value)
 * </pre>
 * It does not count client buffers, the command table or garbage; Redis's used_memory counts client buffers and
 * the allocator's exact sizes. Keep {@code maxmemory} well below {@code -Xmx} (half is safe): the collector needs room
 * for garbage, and the estimate rounds some collection internals.
 */
public final class Memory {

    // tag::accounting[]
    /** An object header and alignment: every object costs at least this. */
    static final int OBJECT = 16;

    /** A reference in an object or array: ZGC does not compress them. */
    static final int REFERENCE = 8;

    /** A java.util.HashMap/HashSet node (header, hash, key, value, next: 36 bytes, aligned to 40) and its table share. */
    static final int HASH_NODE = 48;

    /** A Dict node's share of the bucket table: a reference per bucket, one to two buckets per node. */
    static final int TABLE_SHARE = 8;

    /**
     * The fixed part of a key: its {@link Slot} (header; key, key length, hash and next of the Dict node; value,
     * access clock, snapshot epoch: 48 bytes) and its table share.
     */
    static final int KEY_OVERHEAD = 48 + TABLE_SHARE;

    /** A key's {@link Deadline} in the expires Dict: header, node fields and the time (40 bytes), and its table share. */
    static final int DEADLINE = 40 + TABLE_SHARE;
    // end::accounting[]

    private Memory() {
    }

    /** The bytes of a {@code byte[]} of this length: a 12-byte header, rounded up to 8. */
    static long array(long length) {
        return (12 + length + 7) & ~7L;
    }

    /** A key's own bytes, without its value. */
    public static long key(Key key) {
        return key(key.bytes().length);
    }

    static long key(int keyLength) {
        return KEY_OVERHEAD + array(keyLength);
    }

    /** A key's TTL: its {@link Deadline} and the copy of the key's bytes the expires Dict holds. */
    public static long expireEntry(Key key) {
        return DEADLINE + array(key.bytes().length);
    }
}
