package dev.buildredis.store;

import java.util.Arrays;

/**
 * What a database keeps for each key, in the node its {@link Dict} links (so the key's bytes are here too): the value,
 * the access clock or counter that eviction reads (Redis keeps both in the 24 {@code lru} bits of its {@code robj}),
 * and the snapshot epoch.
 *
 * <pre>
 *   access, LRU policies:  [ 24-bit LRU clock: seconds ]
 *   access, LFU policies:  [ 16-bit time: minutes ][ 8-bit logarithmic counter ]
 * </pre>
 *
 * <p>A short string value (see {@link StringValue#embeddable}) has no object of its own: it is copied into the
 * node's array right after the key, and {@code value} stays {@code null}. One array instead of an array, a
 * {@code StringValue} and its array is what makes a million small keys fit in less memory than redis-server's:
 * <pre>
 *   SET key:000000000001 v000000001
 *
 *   Slot (48 bytes) ── key ──▶ byte[26]  k e y : 0 0 0 0 0 0 0 0 0 0 0 1 v 0 0 0 0 0 0 0 0 1
 *                               keyLength = 16 ─────────────────────────┘
 * </pre>
 */
final class Slot extends Dict.Node {

    private Value value; // null: the value is the string in key[keyLength..]
    int access;
    /**
     * The number of the last snapshot {@link Cut} that has this key written, or that began after the key was made:
     * a cut writes the keys whose number is below its own, once each (see {@link Cut}).
     */
    int savedEpoch;

    Slot(Key key, int hash, int access) {
        super(key, hash);
        this.access = access;
    }

    // tag::store[]
    /** Makes {@code v} the key's value: embedded in the key's array if it is a short string, linked otherwise. */
    void store(Value v) {
        if (v instanceof StringValue s && s.embeddable()) {
            embed(s.array(), s.offset(), s.length());
        } else {
            if (value == null && key.length != keyLength) {
                key = Arrays.copyOf(key, keyLength); // the old embedded string goes
            }
            value = v;
            v.charged = Memory.key(keyLength) + v.memoryBytes();
        }
    }

    /** Makes a new string the key's value, without a {@code StringValue} in between if it is short (SET). */
    void store(byte[] string) {
        if (string.length <= StringValue.EMBSTR_LIMIT) {
            embed(string, 0, string.length);
        } else {
            store(new StringValue(string));
        }
    }

    private void embed(byte[] bytes, int from, int length) {
        if (value != null || key.length != keyLength + length) { // the same length (an overwrite) reuses the array
            byte[] both = new byte[keyLength + length];
            System.arraycopy(key, 0, both, 0, keyLength);
            key = both;
            value = null;
        }
        System.arraycopy(bytes, from, key, keyLength, length);
    }

    /** The value: the linked object, or a view of the embedded string (a new one each time). */
    Value value() {
        return value != null ? value : StringValue.embedded(key, keyLength);
    }
    // end::store[]

    /** What this key adds to used memory, as last counted (an embedded string cannot change in place). */
    long charged() {
        return value != null ? value.charged : Memory.KEY_OVERHEAD + Memory.array(key.length);
    }

    /** Counts a linked value again after a change in place; returns the difference. */
    long recount() {
        if (value == null) {
            return 0;
        }
        long before = value.charged;
        value.charged = Memory.key(keyLength) + value.memoryBytes();
        return value.charged - before;
    }
}
