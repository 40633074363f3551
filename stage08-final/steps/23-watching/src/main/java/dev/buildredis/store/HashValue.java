package dev.buildredis.store;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A hash value: fields to values, in insertion order. Redis keeps small hashes (see {@link Encodings}) as a listpack, which also lists fields in insertion order, so HGETALL on a small hash gives the same order
 * here as there; for large hashes Redis's order is its hash table's, which no client may rely on.
 *
 * <p>The fields are nodes of a {@link Dict}, the server's own hash table, linked in insertion order as a
 * {@code LinkedHashMap}'s entries are: the table finds a field, and draws a random one without walking the hash
 * (HRANDFIELD), as Redis's {@code dict} does; the links give the order.
 *
 * <p>Changed only through {@link #put} and {@link #remove}, so that its memory estimate follows every change.
 */
public final class HashValue extends Value {

    /** A field: the Dict node (which holds the field's bytes), its value, and its neighbours in insertion order. */
    private static final class Field extends Dict.Node {
        byte[] value;
        Field before;
        Field after;

        Field(Key field, int hash, byte[] value) {
            super(field, hash);
            this.value = value;
        }
    }

    /** A {@link Field} (header, the Dict node's key, key length, hash and next, value, two links: 56 bytes) and its table share. */
    private static final int FIELD_OVERHEAD = 56 + Memory.TABLE_SHARE;

    private final Dict<Field> fields = new Dict<>();
    private Field first;
    private Field last;
    private final Encodings encodings;
    private boolean listpack = true;
    private long fieldBytes;

    public HashValue(Encodings encodings) {
        this.encodings = encodings;
    }

    /** The fields and their values, read-only, in insertion order. */
    public Map<Key, byte[]> fields() {
        return new AbstractMap<>() {
            @Override
            public int size() {
                return fields.size();
            }

            @Override
            public byte[] get(Object field) {
                return field instanceof Key key ? HashValue.this.get(key) : null;
            }

            @Override
            public boolean containsKey(Object field) {
                return get(field) != null;
            }

            @Override
            public Set<Entry<Key, byte[]>> entrySet() {
                return new AbstractSet<>() {
                    @Override
                    public int size() {
                        return fields.size();
                    }

                    @Override
                    public Iterator<Entry<Key, byte[]>> iterator() {
                        return new Iterator<>() {
                            private Field next = first;

                            @Override
                            public boolean hasNext() {
                                return next != null;
                            }

                            @Override
                            public Entry<Key, byte[]> next() {
                                if (next == null) {
                                    throw new NoSuchElementException();
                                }
                                Field f = next;
                                next = f.after;
                                return Map.entry(f.key(), f.value);
                            }
                        };
                    }
                };
            }
        };
    }

    public byte[] get(Key field) {
        Field f = fields.get(field);
        return f == null ? null : f.value;
    }

    /**
     * {@code count} distinct fields and their values at random (at most the size), in insertion order: one walk, each
     * field taken with the chance that it is still needed (selection sampling).
     */
    public List<Map.Entry<Key, byte[]>> sample(int count, RandomGenerator random) {
        List<Map.Entry<Key, byte[]>> chosen = new ArrayList<>(Math.min(count, size()));
        int left = size();
        for (Field f = first; f != null && chosen.size() < count; f = f.after, left--) {
            if (random.nextInt(left) < count - chosen.size()) {
                chosen.add(Map.entry(f.key(), f.value));
            }
        }
        return chosen;
    }

    /** A random field and its value, or {@code null} if the hash is empty: a draw from the table, not a walk. */
    public Map.Entry<Key, byte[]> random(RandomGenerator random) {
        Field f = fields.randomNode(random);
        return f == null ? null : Map.entry(f.key(), f.value);
    }

    // tag::put[]
    /** Sets the field's value; returns the previous one or {@code null}. */
    public byte[] put(Key field, byte[] value) {
        byte[] old = set(field, value);
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

    /** The table and the links: a new field goes last, a field set again keeps its place. */
    private byte[] set(Key field, byte[] value) {
        int hash = Dict.hash(field);
        Field f = fields.get(field, hash);
        if (f != null) {
            byte[] old = f.value;
            f.value = value;
            return old;
        }
        f = new Field(field, hash, value);
        fields.add(f);
        f.before = last;
        if (last == null) {
            first = f;
        } else {
            last.after = f;
        }
        last = f;
        return null;
    }

    /** Removes the field; returns its value or {@code null}. */
    public byte[] remove(Key field) {
        Field f = fields.remove(field);
        if (f == null) {
            return null;
        }
        if (f.before == null) {
            first = f.after;
        } else {
            f.before.after = f.after;
        }
        if (f.after == null) {
            last = f.before;
        } else {
            f.after.before = f.before;
        }
        fieldBytes -= FIELD_OVERHEAD + Memory.array(field.bytes().length) + Memory.array(f.value.length);
        return f.value;
    }

    public int size() {
        return fields.size();
    }

    /** The object, the Dict and its first table, and every field. */
    @Override
    public long memoryBytes() {
        return 40 + 32 + 48 + fieldBytes;
    }

    @Override
    public HashValue copy() {
        HashValue copy = new HashValue(encodings);
        for (Field f = first; f != null; f = f.after) {
            copy.put(f.key(), f.value);
        }
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
