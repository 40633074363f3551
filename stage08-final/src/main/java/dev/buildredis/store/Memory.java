package dev.buildredis.store;

/**
 * What {@code used_memory} counts on the JVM: an estimate, kept up to date key by key, of the heap bytes the data set
 * holds, the number eviction compares with {@code maxmemory}.
 *
 * <p>Why not the heap in use ({@code Runtime.totalMemory() - freeMemory()})? It counts garbage that is not collected
 * yet, so it jumps up and down with the collector, and evicting by it would evict at random moments and keep evicting
 * after a collection had already made room. The estimate is deterministic: the same commands give the same number,
 * which a test can rely on. It counts, for a 64-bit JVM with compressed references (12-byte object headers, 4-byte
 * references, objects aligned to 8 bytes):
 * <pre>
 *   per key      Key record + its byte[] + the Dict entry and table slot + the database's entry for it
 *   per TTL      the expires Dict entry and table slot + the boxed deadline
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

    /** A reference in an object or array with compressed references. */
    static final int REFERENCE = 4;

    /** One Dict entry (header, key, hash, value, next) and, on average, its share of the bucket table. */
    static final int DICT_ENTRY = 40;

    /** A java.util.HashMap/HashSet node and its share of the table; LinkedHashMap adds two links. */
    static final int HASH_NODE = 40;

    /** The fixed part of a key: the Key record, the Dict entry and the database's {@link Slot}. */
    static final int KEY_OVERHEAD = OBJECT + DICT_ENTRY + 32;

    /** A key's entry in the expires Dict, with its boxed deadline. */
    public static final int EXPIRE_ENTRY = DICT_ENTRY + OBJECT;
    // end::accounting[]

    private Memory() {
    }

    /** The bytes of a {@code byte[]} of this length: a 16-byte header, rounded up to 8. */
    static long array(long length) {
        return (16 + length + 7) & ~7L;
    }

    /** A key's own bytes, without its value. */
    public static long key(Key key) {
        return KEY_OVERHEAD + array(key.bytes().length);
    }
}
