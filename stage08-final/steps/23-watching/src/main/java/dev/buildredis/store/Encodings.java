package dev.buildredis.store;

/**
 * The sizes up to which Redis keeps a collection in its compact encoding, from the settings of the same names; what
 * OBJECT ENCODING answers follows them. One instance per keyspace, updated in place by CONFIG SET, and read by each
 * value when it grows.
 *
 * <pre>
 *   hash        listpack   while at most hash-max-listpack-entries fields, each field and value at most
 *                          hash-max-listpack-value bytes; then hashtable
 *   set         intset     while at most set-max-intset-entries members, all integers; then hashtable
 *   sorted set  listpack   while at most zset-max-listpack-entries members, each at most zset-max-listpack-value
 *                          bytes; then skiplist
 * </pre>
 * As in Redis, a value that has left its compact encoding does not come back to it when it shrinks.
 */
public final class Encodings {

    /** Redis 7.0's defaults (hash-max-listpack-entries is 512 in its code, whatever redis.conf's comment says). */
    public static final Encodings DEFAULTS = new Encodings();

    long hashEntries = 512;
    long hashValue = 64;
    long setIntsetEntries = 512;
    long zsetEntries = 128;
    long zsetValue = 64;
    private int listFill = -2;
    private long listPackedThreshold = 1L << 30;

    /** {@code list-max-listpack-size}: how full a list's nodes grow in Redis (a DUMP payload splits lists so). */
    public int listFill() {
        return listFill;
    }

    public void listFill(long fill) {
        listFill = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, fill));
    }

    /** The size from which a list element is a node of its own (DEBUG QUICKLIST-PACKED-THRESHOLD; 1 GB). */
    public long listPackedThreshold() {
        return listPackedThreshold;
    }

    public void listPackedThreshold(long bytes) {
        listPackedThreshold = bytes;
    }
    // stream-node-max-bytes and -entries, which the streams family defines: when XADD starts a new node (StreamNode)
    long streamNodeMaxBytes = 4096;
    long streamNodeMaxEntries = 100;

    /** Takes new limits; values already converted stay as they are. */
    public void update(long hashEntries, long hashValue, long setIntsetEntries, long zsetEntries, long zsetValue) {
        this.hashEntries = hashEntries;
        this.hashValue = hashValue;
        this.setIntsetEntries = setIntsetEntries;
        this.zsetEntries = zsetEntries;
        this.zsetValue = zsetValue;
    }

    /** stream-node-max-bytes and stream-node-max-entries (0: no limit): when XADD starts a new node. */
    public void updateStreams(long nodeMaxBytes, long nodeMaxEntries) {
        this.streamNodeMaxBytes = nodeMaxBytes;
        this.streamNodeMaxEntries = nodeMaxEntries;
    }
}
