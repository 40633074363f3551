package dev.buildredis.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A run of consecutive stream entries: what Redis keeps in one listpack under one key of its radix tree. The entries
 * are decoded here (an ArrayList of {@link StreamEntry}, tombstones included), but the node keeps the size Redis's
 * listpack would have ({@link #listpackBytes}), because Redis decides from that size when an XADD starts a new node,
 * and so what {@code XADD MAXLEN ~}, {@code XTRIM ~} and XINFO's {@code radix-tree-keys} give. The listpack itself,
 * the node's form in an RDB file, is {@link StreamListpack}'s.
 */
public final class StreamNode {

    /** Redis's cap on a node's listpack (STREAM_LISTPACK_MAX_SIZE), whatever stream-node-max-bytes says. */
    public static final long MAX_BYTES = 1L << 30;

    static final int FLAGS_DELETED = 1;
    static final int FLAGS_SAME_FIELDS = 2;

    private final StreamId master;
    private final byte[][] masterFields;
    private final ArrayList<StreamEntry> entries = new ArrayList<>();
    private int live;
    private int deleted;
    private long listpackBytes;
    private long memory;

    /** A node for {@code first}, whose fields become the master fields. */
    StreamNode(StreamId first, byte[][] fields) {
        this.master = first;
        this.masterFields = fields;
        listpackBytes = Listpacks.HEADER + Listpacks.END + Listpacks.integerSize(0) + Listpacks.integerSize(0)
                + Listpacks.integerSize(fields.length) + Listpacks.integerSize(0);
        memory = NODE_OVERHEAD + Memory.array((long) Memory.REFERENCE * fields.length);
        for (byte[] field : fields) {
            listpackBytes += Listpacks.size(field);
            memory += Memory.array(field.length);
        }
    }

    // ---- memory, see Memory: a TreeMap entry for the node, the node, its ArrayList; per entry its object, its ID,
    // its arrays of references, and the bytes of every value and of every field it does not share with the master.

    /** The node's TreeMap entry (40 bytes), the node object (48) and its ArrayList (24 and its array's header). */
    static final int NODE_OVERHEAD = 40 + 48 + 24 + 16;
    /** An entry: its object (32), its StreamId (32), its reference in the ArrayList's array. */
    static final int ENTRY_OVERHEAD = 32 + 32 + Memory.REFERENCE;

    public StreamId master() {
        return master;
    }

    /** The entries, tombstones included, in ID order. */
    public List<StreamEntry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** Entries not deleted (the listpack's {@code count}). */
    public int live() {
        return live;
    }

    /** Tombstones (the listpack's {@code deleted}). */
    public int deleted() {
        return deleted;
    }

    public byte[][] masterFields() {
        return masterFields;
    }

    /** The size of this node's listpack in Redis, as {@code lpBytes} gives it. */
    public long listpackBytes() {
        return listpackBytes;
    }

    long memory() {
        return memory;
    }

    StreamEntry last() {
        return entries.get(entries.size() - 1);
    }

    /**
     * Whether Redis would start a new node rather than add an entry whose fields and values have {@code elementBytes}
     * bytes in all (the 7.0 rule: the listpack's size plus the new raw bytes reaching stream-node-max-bytes, or its
     * entries, tombstones included, reaching stream-node-max-entries; 0 means no limit).
     */
    boolean full(long elementBytes, long maxBytes, long maxEntries) {
        long limit = maxBytes == 0 || maxBytes > MAX_BYTES ? MAX_BYTES : maxBytes;
        if (listpackBytes + elementBytes >= limit) {
            return true;
        }
        return maxEntries != 0 && (long) live + deleted >= maxEntries;
    }

    /** Appends an entry (its ID after every ID here); the values are shared with the caller, not copied. */
    StreamEntry append(StreamId id, byte[][] fields, byte[][] values) {
        boolean same = sameAsMaster(fields);
        StreamEntry entry = new StreamEntry(id, same ? masterFields : fields, values, same, false);
        add(entry);
        return entry;
    }

    /** Adds an entry as a file gives it (loading), tombstone or not. */
    void add(StreamEntry entry) {
        entries.add(entry);
        listpackBytes += entrySize(entry) + countChange(entry.deleted() ? 0 : 1, entry.deleted() ? 1 : 0);
        if (entry.deleted()) {
            deleted++;
        } else {
            live++;
        }
        memory += entryMemory(entry);
    }

    /** Marks a live entry deleted: a tombstone, as XDEL and exact trimming leave it. */
    void markDeleted(StreamEntry entry) {
        listpackBytes += Listpacks.integerSize(entry.flags() | FLAGS_DELETED) - Listpacks.integerSize(entry.flags())
                + countChange(-1, 1);
        entry.markDeleted();
        live--;
        deleted++;
    }

    /** The change in the size of the count and deleted elements when they change by these amounts. */
    private long countChange(int liveChange, int deletedChange) {
        return Listpacks.integerSize(live + liveChange) - Listpacks.integerSize(live)
                + Listpacks.integerSize(deleted + deletedChange) - Listpacks.integerSize(deleted);
    }

    private boolean sameAsMaster(byte[][] fields) {
        if (fields.length != masterFields.length) {
            return false;
        }
        for (int i = 0; i < fields.length; i++) {
            if (!java.util.Arrays.equals(fields[i], masterFields[i])) {
                return false;
            }
        }
        return true;
    }

    /** The listpack bytes of one entry, from its flags to its lp-count. */
    private long entrySize(StreamEntry entry) {
        long size = Listpacks.integerSize(entry.flags()) + Listpacks.integerSize(entry.id().ms() - master.ms())
                + Listpacks.integerSize(entry.id().seq() - master.seq());
        if (!entry.sameFields()) {
            size += Listpacks.integerSize(entry.fieldCount());
            for (int i = 0; i < entry.fieldCount(); i++) {
                size += Listpacks.size(entry.field(i));
            }
        }
        for (int i = 0; i < entry.fieldCount(); i++) {
            size += Listpacks.size(entry.value(i));
        }
        return size + Listpacks.integerSize(lpCount(entry));
    }

    /** The elements of an entry in its listpack but its lp-count: what lp-count says. */
    static long lpCount(StreamEntry entry) {
        return entry.sameFields() ? entry.fieldCount() + 3 : 2L * entry.fieldCount() + 4;
    }

    private static long entryMemory(StreamEntry entry) {
        long bytes = ENTRY_OVERHEAD + Memory.array((long) Memory.REFERENCE * entry.fieldCount());
        for (int i = 0; i < entry.fieldCount(); i++) {
            bytes += Memory.array(entry.value(i).length);
        }
        if (!entry.sameFields()) {
            bytes += Memory.array((long) Memory.REFERENCE * entry.fieldCount());
            for (int i = 0; i < entry.fieldCount(); i++) {
                bytes += Memory.array(entry.field(i).length);
            }
        }
        return bytes;
    }

    /** The index of the first entry with an ID at or after {@code id} (entries.size() if none). */
    int ceilingIndex(StreamId id) {
        int low = 0;
        int high = entries.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (entries.get(mid).id().compareTo(id) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The index of the last entry with an ID at or before {@code id} (-1 if none). */
    int floorIndex(StreamId id) {
        int index = ceilingIndex(id);
        if (index < entries.size() && entries.get(index).id().equals(id)) {
            return index;
        }
        return index - 1;
    }

    /** The node as Redis's listpack, byte for byte: what an RDB file stores (see {@link StreamListpack}). */
    public byte[] listpack() {
        return StreamListpack.write(this);
    }

    /**
     * A node from the elements of a listpack that an RDB file holds (integers as their decimal text), checked as
     * Redis's {@code streamValidateListpackIntegrity} checks it.
     *
     * @throws IllegalArgumentException if the elements are not a stream node's
     */
    public static StreamNode fromListpack(StreamId master, List<byte[]> elements) {
        return StreamListpack.read(master, elements);
    }
}
