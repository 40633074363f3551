package dev.buildredis.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A hash value: fields to values, in insertion order. Redis keeps small hashes (see {@link Encodings}) as a listpack, which also lists fields in insertion order, so HGETALL on a small hash gives the same order
 * here as there; for large hashes Redis's order is its hash table's, which no client may rely on.
 *
 * <p>Changed only through {@link #put} and {@link #remove}, so that its memory estimate follows every change.
 */
public final class HashValue extends Value {

    /** A LinkedHashMap entry with its table share and two links, and the field's Key. */
    private static final int FIELD_OVERHEAD = Memory.HASH_NODE + 8 + Memory.OBJECT;

    private final Map<Key, byte[]> fields = new LinkedHashMap<>();
    private final Encodings encodings;
    private boolean listpack = true;
    private long fieldBytes;

    public HashValue(Encodings encodings) {
        this.encodings = encodings;
    }

    /** The fields and their values, read-only. */
    public Map<Key, byte[]> fields() {
        return Collections.unmodifiableMap(fields);
    }

    public byte[] get(Key field) {
        return fields.get(field);
    }

    // tag::put[]
    /** Sets the field's value; returns the previous one or {@code null}. */
    public byte[] put(Key field, byte[] value) {
        byte[] old = fields.put(field, value);
        if (listpack && (fields.size() > encodings.hashEntries || field.bytes().length > encodings.hashValue
                || value.length > encodings.hashValue)) {
            listpack = false;
        }
        fieldBytes += old == null
                ? FIELD_OVERHEAD + Memory.array(field.bytes().length) + Memory.array(value.length)
                : Memory.array(value.length) - Memory.array(old.length);
        return old;
    }
    // end::put[]

    /** Removes the field; returns its value or {@code null}. */
    public byte[] remove(Key field) {
        byte[] old = fields.remove(field);
        if (old != null) {
            fieldBytes -= FIELD_OVERHEAD + Memory.array(field.bytes().length) + Memory.array(old.length);
        }
        return old;
    }

    public int size() {
        return fields.size();
    }

    /** The object, the LinkedHashMap, and every field. */
    @Override
    public long memoryBytes() {
        return 16 + 64 + fieldBytes;
    }

    @Override
    public HashValue copy() {
        HashValue copy = new HashValue(encodings);
        fields.forEach(copy::put);
        copy.listpack = listpack; // COPY keeps the encoding, whatever the limits are now
        return copy;
    }

    @Override
    public String typeName() {
        return "hash";
    }

    @Override
    public String encoding() {
        return listpack ? "listpack" : "hashtable";
    }
}
