package dev.buildredis.store;

/**
 * What a database keeps for each key, in the node its {@link Dict} links (so the key's bytes are here too): the value, the access clock or counter that eviction reads
 * (Redis keeps both in the 24 {@code lru} bits of its {@code robj}), and the bytes the key was last counted for in
 * {@code used_memory}.
 *
 * <pre>
 *   access, LRU policies:  [ 24-bit LRU clock: seconds ]
 *   access, LFU policies:  [ 16-bit time: minutes ][ 8-bit logarithmic counter ]
 * </pre>
 */
final class Slot extends Dict.Node {

    Value value;
    int access;
    /** What this key adds to the keyspace's used memory now; updated by {@link Database#recount}. */
    long charged;
    /**
     * The number of the last snapshot {@link Cut} that has this key written, or that began after the key was made:
     * a cut writes the keys whose number is below its own, once each (see {@link Cut}).
     */
    int savedEpoch;

    Slot(Key key, Value value, int access) {
        super(key);
        this.value = value;
        this.access = access;
    }
}
