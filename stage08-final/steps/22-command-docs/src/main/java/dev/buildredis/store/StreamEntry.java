package dev.buildredis.store;

/**
 * One entry of a stream: its ID and its field-value pairs, in the order XADD gave them. An entry XDEL or XTRIM
 * removed stays in its node as a tombstone ({@link #deleted}), as in Redis, until the whole node goes: readers skip
 * it, and it still counts towards the node's size.
 *
 * <p>When the fields are those of its node's first entry (the usual case: every XADD of an application sends the
 * same fields), {@link #fields} is that entry's array, shared, as Redis's listpack stores such an entry's values
 * only ({@code SAMEFIELDS}).
 */
public final class StreamEntry {

    private final StreamId id;
    private final byte[][] fields;
    private final byte[][] values;
    private final boolean sameFields;
    private boolean deleted;

    StreamEntry(StreamId id, byte[][] fields, byte[][] values, boolean sameFields, boolean deleted) {
        this.id = id;
        this.fields = fields;
        this.values = values;
        this.sameFields = sameFields;
        this.deleted = deleted;
    }

    public StreamId id() {
        return id;
    }

    public int fieldCount() {
        return values.length;
    }

    public byte[] field(int i) {
        return fields[i];
    }

    public byte[] value(int i) {
        return values[i];
    }

    public boolean deleted() {
        return deleted;
    }

    void markDeleted() {
        deleted = true;
    }

    /** Whether the node stores this entry's values only, its fields being the node's master fields. */
    public boolean sameFields() {
        return sameFields;
    }

    byte[][] fields() {
        return fields;
    }

    byte[][] values() {
        return values;
    }

    /** Redis's entry flags in the listpack: 1 deleted, 2 same fields as the master entry. */
    public int flags() {
        return (deleted ? 1 : 0) | (sameFields ? 2 : 0);
    }
}
