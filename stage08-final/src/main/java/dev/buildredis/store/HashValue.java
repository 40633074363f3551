package dev.buildredis.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A hash value: fields to values, in insertion order. Redis keeps small hashes (up to 128 fields of at most 64
 * bytes) as a listpack, which also lists fields in insertion order, so HGETALL on a small hash gives the same order
 * here as there; for large hashes Redis's order is its hash table's, which no client may rely on.
 */
public final class HashValue implements Value {

    /** Redis 7.0's hash-max-listpack-entries and hash-max-listpack-value. */
    private static final int LISTPACK_ENTRIES = 128;
    private static final int LISTPACK_VALUE = 64;

    private final Map<Key, byte[]> fields = new LinkedHashMap<>();

    public Map<Key, byte[]> fields() {
        return fields;
    }

    @Override
    public HashValue copy() {
        HashValue copy = new HashValue();
        copy.fields.putAll(fields);
        return copy;
    }

    @Override
    public String typeName() {
        return "hash";
    }

    @Override
    public String encoding() {
        if (fields.size() > LISTPACK_ENTRIES) {
            return "hashtable";
        }
        for (Map.Entry<Key, byte[]> e : fields.entrySet()) {
            if (e.getKey().bytes().length > LISTPACK_VALUE || e.getValue().length > LISTPACK_VALUE) {
                return "hashtable";
            }
        }
        return "listpack";
    }
}
