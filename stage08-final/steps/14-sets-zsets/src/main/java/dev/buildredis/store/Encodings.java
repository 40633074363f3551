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

    /** Takes new limits; values already converted stay as they are. */
    public void update(long hashEntries, long hashValue, long setIntsetEntries, long zsetEntries, long zsetValue) {
        this.hashEntries = hashEntries;
        this.hashValue = hashValue;
        this.setIntsetEntries = setIntsetEntries;
        this.zsetEntries = zsetEntries;
        this.zsetValue = zsetValue;
    }
}
