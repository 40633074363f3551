// @step 19
package dev.buildredis.store;

//> step 20
import java.util.Arrays;
//< step 20
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
//> step 19-19
//~ * A stream value: entries in ID order, grouped in nodes as Redis groups them.
//< step 19-19
//> step 20
 * A stream value: entries in ID order, grouped in nodes as Redis groups them, and the stream's consumer groups.
//< step 20
 * <pre>
 *   nodes   TreeMap: first ID of a node → StreamNode [entry, entry, tombstone, entry, ...]   (see StreamNode)
//> step 20
 *   groups  TreeMap: name (raw bytes) → StreamGroup (last delivered ID, PEL, consumers)
//< step 20
 *   length, last-generated-id, recorded-first-entry-id, max-deleted-entry-id, entries-added   (XINFO STREAM)
 * </pre>
 * Redis keeps the nodes in a radix tree keyed by the nodes' first IDs as 16 big-endian bytes; a TreeMap gives the
 * same order and the same costs in this server's terms:
 * <ul>
 *   <li>XADD: O(log N) for the TreeMap's last node, O(1) to append to it (amortised, an ArrayList), O(log N) when it
 *       is full and a node starts.</li>
 *   <li>XRANGE of M entries: O(log N) to find the node and O(log E) to find the entry in it (E entries a node, 100
 *       by default), then O(M) plus the tombstones walked over.</li>
 *   <li>XDEL: O(log N + log E) per ID; the entry stays as a tombstone until its node has no live entry left.</li>
 *   <li>XTRIM: O(nodes removed) for whole nodes, plus O(E) within the last one when exact.</li>
 *   <li>Memory per entry: its object and StreamId (64 bytes), a reference in the node's list, an array of
 *       references to its values and each value's byte[]; its fields cost nothing more when they are those of the
 *       node's first entry (the usual case), as in Redis's listpack. Per node, about 130 bytes and its first entry's
 *       fields. Redis's listpack holds a small entry in a few dozen bytes: see {@link #memoryBytes}.</li>
 * </ul>
 * Each node keeps the size Redis's listpack would have, so that nodes start where Redis's do: that decides what
 * {@code MAXLEN ~} trims, and what XINFO says about the radix tree.
 */
public final class StreamValue extends Value {

    //> step 19-19
//~    /** The object (80 bytes with its IDs' references) and its TreeMap (48). */
//~    private static final int OVERHEAD = 80 + 48;
    //< step 19-19
    //> step 20
    /** The object (80 bytes with its IDs' references) and its two TreeMaps (48 each). */
    private static final int OVERHEAD = 80 + 48 + 48;
    //< step 20

    private final Encodings encodings;
    private final TreeMap<StreamId, StreamNode> nodes = new TreeMap<>();
    //> step 20
    private final TreeMap<byte[], StreamGroup> groups = new TreeMap<>(Arrays::compareUnsigned);
    //< step 20
    private long length;
    private StreamId lastId = StreamId.MIN;
    private StreamId firstId = StreamId.MIN;
    private StreamId maxDeletedId = StreamId.MIN;
    private long entriesAdded;
    private long appends;
    private long memory = OVERHEAD;

    public StreamValue(Encodings encodings) {
        this.encodings = encodings;
    }

    // ---- what XINFO STREAM shows

    public long length() {
        return length;
    }

    /** The last ID XADD gave (or XSETID set): a new entry's ID must be after it, even if that entry is gone. */
    public StreamId lastId() {
        return lastId;
    }

    /** The ID of the first entry, as recorded when entries are added and removed (0-0 when empty). */
    public StreamId firstId() {
        return firstId;
    }

    //> step 19-19
//~    /** The greatest ID XDEL removed (0-0 if none). */
    //< step 19-19
    //> step 20
    /** The greatest ID XDEL removed (0-0 if none): a group's read counter is exact only for entries after it. */
    //< step 20
    public StreamId maxDeletedId() {
        return maxDeletedId;
    }

    /** How many entries were ever added, trimmed and deleted ones included. */
    public long entriesAdded() {
        return entriesAdded;
    }

    /** XSETID: the last ID, and the counters Redis lets a client set with it. */
    public void setLastId(StreamId lastId, long entriesAdded, StreamId maxDeletedId) {
        this.lastId = lastId;
        this.entriesAdded = entriesAdded;
        this.maxDeletedId = maxDeletedId;
    }

    /**
     * How many entries XADD appended to this value since it was made: a blocked XREAD is served only after one,
     * as Redis serves it only when XADD signals the key. Not saved anywhere.
     */
    public long appends() {
        return appends;
    }

    public Collection<StreamNode> nodes() {
        return Collections.unmodifiableCollection(nodes.values());
    }

    /** XINFO's radix-tree-keys. */
    public int nodeCount() {
        return nodes.size();
    }

    /**
     * XINFO's radix-tree-nodes: the nodes Redis's radix tree (rax) has for these keys. A rax is a compressed trie: a
     * run of bytes that all keys below share is one node, a place where they differ is one node with a child per
     * byte, and every key ends in a leaf; an empty rax is its root.
     */
    public long radixTreeNodes() {
        if (nodes.isEmpty()) {
            return 1;
        }
        byte[][] keys = new byte[nodes.size()][];
        int i = 0;
        for (StreamId id : nodes.keySet()) {
            keys[i++] = id.encoded();
        }
        return raxNodes(keys, 0, keys.length, 0);
    }

    private static long raxNodes(byte[][] keys, int from, int to, int depth) {
        if (depth == StreamId.ENCODED_LENGTH) {
            return 1; // the leaf where a key ends
        }
        int shared = 0; // sorted keys: what the first and the last share, all share
        while (depth + shared < StreamId.ENCODED_LENGTH && keys[from][depth + shared] == keys[to - 1][depth + shared]) {
            shared++;
        }
        if (shared > 0) {
            return 1 + raxNodes(keys, from, to, depth + shared); // a compressed node
        }
        long count = 1; // a node with a child per distinct byte
        for (int i = from; i < to; ) {
            int j = i;
            while (j < to && keys[j][depth] == keys[i][depth]) {
                j++;
            }
            count += raxNodes(keys, i, j, depth + 1);
            i = j;
        }
        return count;
    }

    // ---- reading entries

    /**
     * The live entries from {@code start} to {@code end}, both included, in ID order or (reverse) backwards; lazy, so
     * that a COUNT stops the walk.
     */
    public Iterator<StreamEntry> range(StreamId start, StreamId end, boolean reverse) {
        return reverse ? new StreamRange.Backward(nodes, start, end) : new StreamRange.Forward(nodes, start, end);
    }

    /** The live entry with this ID, or {@code null}. */
    public StreamEntry entry(StreamId id) {
        Map.Entry<StreamId, StreamNode> floor = nodes.floorEntry(id);
        if (floor == null) {
            return null;
        }
        StreamNode node = floor.getValue();
        int index = node.ceilingIndex(id);
        if (index == node.entries().size()) {
            return null;
        }
        StreamEntry entry = node.entries().get(index);
        return entry.id().equals(id) && !entry.deleted() ? entry : null;
    }

    /** The first live entry, or {@code null}. */
    public StreamEntry first() {
        Iterator<StreamEntry> it = range(StreamId.MIN, StreamId.MAX, false);
        return it.hasNext() ? it.next() : null;
    }

    /** The last live entry, or {@code null} (Redis's streamLastValidID). */
    public StreamEntry last() {
        Iterator<StreamEntry> it = range(StreamId.MIN, StreamId.MAX, true);
        return it.hasNext() ? it.next() : null;
    }

    /** The ID of the first entry, tombstones included, or MAX if there is none (Redis's streamGetEdgeID). */
    public StreamId firstIdWithTombstones() {
        return nodes.isEmpty() ? StreamId.MAX : nodes.firstEntry().getValue().entries().get(0).id();
    }

    // ---- writing entries

    /**
     * The ID XADD {@code *} gives at {@code now}: now-0, or the last ID plus one if the clock has not passed it.
     * {@code null} after the last possible ID.
     */
    public StreamId nextId(long now) {
        if (Long.compareUnsigned(now, lastId.ms()) > 0) {
            return new StreamId(now, 0);
        }
        return lastId.next();
    }

    /** Whether an entry of these fields and values is beyond what a listpack can hold (XADD refuses it). */
    public static boolean tooLarge(byte[][] fields, byte[][] values) {
        return elementBytes(fields, values) > StreamNode.MAX_BYTES;
    }

    private static long elementBytes(byte[][] fields, byte[][] values) {
        long bytes = 0;
        for (int i = 0; i < fields.length; i++) {
            bytes += fields[i].length + values[i].length;
        }
        return bytes;
    }

    /**
     * Appends an entry; {@code id} must be after {@link #lastId}. The arrays become the entry's (not copied). A new
     * node starts when the last one is full by Redis's rule (see {@link StreamNode#full}).
     */
    public void append(StreamId id, byte[][] fields, byte[][] values) {
        Map.Entry<StreamId, StreamNode> tail = nodes.lastEntry();
        StreamNode node = tail == null ? null : tail.getValue();
        if (node == null || node.full(elementBytes(fields, values), encodings.streamNodeMaxBytes,
                encodings.streamNodeMaxEntries)) {
            node = new StreamNode(id, fields);
            nodes.put(id, node);
            memory += node.memory();
        }
        long before = node.memory();
        node.append(id, fields, values);
        memory += node.memory() - before;
        length++;
        entriesAdded++;
        appends++;
        lastId = id;
        if (length == 1) {
            firstId = id;
        }
    }

    /** Deletes the live entry {@code id}; false if there is none. A node left with no live entry goes. */
    private boolean delete(StreamId id) {
        Map.Entry<StreamId, StreamNode> floor = nodes.floorEntry(id);
        if (floor == null) {
            return false;
        }
        StreamNode node = floor.getValue();
        int index = node.ceilingIndex(id);
        if (index == node.entries().size()) {
            return false;
        }
        StreamEntry entry = node.entries().get(index);
        if (!entry.id().equals(id) || entry.deleted()) {
            return false;
        }
        if (node.live() == 1) {
            nodes.remove(floor.getKey());
            memory -= node.memory();
        } else {
            node.markDeleted(entry);
        }
        length--;
        return true;
    }

    /** XDEL: deletes these IDs, and keeps the first and max-deleted IDs; returns how many entries it deleted. */
    public int deleteAll(Iterable<StreamId> ids) {
        int deleted = 0;
        boolean wasFirst = false;
        for (StreamId id : ids) {
            if (delete(id)) {
                wasFirst |= id.equals(firstId);
                if (id.isAfter(maxDeletedId)) {
                    maxDeletedId = id;
                }
                deleted++;
            }
        }
        if (deleted > 0) {
            if (length == 0) {
                firstId = StreamId.MIN;
            } else if (wasFirst) {
                firstId = first().id();
            }
        }
        return deleted;
    }

    /**
     * How XTRIM or XADD trim: to at most {@code maxLength} entries, or to entries at or after {@code minId};
     * {@code approximate} ({@code ~}) removes whole nodes only; {@code limit} (not 0) stops before removing more
     * entries than that.
     */
    public record Trim(boolean byLength, long maxLength, StreamId minId, boolean approximate, long limit) {
    }

    /** Trims as Redis's streamTrim does; returns how many entries went. */
    public long trim(Trim trim) {
        long deleted = 0;
        Iterator<StreamNode> it = nodes.values().iterator();
        while (it.hasNext()) {
            if (trim.byLength() && length <= trim.maxLength()) {
                break;
            }
            StreamNode node = it.next();
            int entries = node.live();
            if (trim.limit() != 0 && deleted + entries > trim.limit()) {
                break;
            }
            boolean wholeNode = trim.byLength()
                    ? length - entries >= trim.maxLength()
                    : node.last().id().isBefore(trim.minId()); // its last entry, tombstone or not
            if (wholeNode) {
                it.remove();
                memory -= node.memory();
                length -= entries;
                deleted += entries;
                continue;
            }
            if (trim.approximate()) {
                break;
            }
            for (StreamEntry entry : node.entries()) {
                boolean enough = trim.byLength() ? length <= trim.maxLength() : !entry.id().isBefore(trim.minId());
                if (enough) {
                    break;
                }
                if (!entry.deleted()) {
                    node.markDeleted(entry);
                    length--;
                    deleted++;
                }
            }
            break; // there was enough to trim in this node
        }
        if (length == 0) {
            firstId = StreamId.MIN;
        } else if (deleted > 0) {
            firstId = first().id();
        }
        return deleted;
    }
    //> step 20

    // ---- consumer groups

    public Collection<StreamGroup> groups() {
        return Collections.unmodifiableCollection(groups.values());
    }

    public int groupCount() {
        return groups.size();
    }

    public StreamGroup group(byte[] name) {
        return groups.get(name);
    }

    /** A new group at {@code lastId}; {@code null} if one of that name exists. */
    public StreamGroup createGroup(byte[] name, StreamId lastId, long entriesRead) {
        if (groups.containsKey(name)) {
            return null;
        }
        StreamGroup group = new StreamGroup(this, name, lastId, entriesRead);
        groups.put(name, group);
        memory += group.memory();
        return group;
    }

    /** Deletes a group with its consumers and PEL; false if there was none. */
    public boolean destroyGroup(byte[] name) {
        StreamGroup group = groups.get(name);
        if (group == null) {
            return false;
        }
        for (StreamConsumer consumer : group.consumers().toArray(StreamConsumer[]::new)) {
            group.deleteConsumer(consumer);
        }
        for (StreamId id : group.pending().keySet().toArray(StreamId[]::new)) {
            group.acknowledge(id);
        }
        groups.remove(name);
        memory -= group.memory();
        return true;
    }

    void charge(long bytes) {
        memory += bytes;
    }

    /**
     * Moves a group past {@code id}, delivered to it now, if it is after the group's last ID, keeping the group's
     * read counter as Redis does: counted on while no tombstone lies ahead, else estimated. Returns whether the group
     * moved.
     */
    public boolean advance(StreamGroup group, StreamId id) {
        if (!id.isAfter(group.lastId())) {
            return false;
        }
        long read = group.entriesRead();
        if (read != StreamGroup.UNKNOWN_ENTRIES_READ && !rangeHasTombstones(id, null)) {
            read++;
        } else if (entriesAdded != 0) {
            read = estimateEntriesRead(id);
        }
        group.position(id, read);
        return true;
    }

    /**
     * How many entries a group positioned at {@code id} has read, counting from the first entry ever added, when it
     * can be known (Redis's streamEstimateDistanceFromFirstEverEntry); else {@link StreamGroup#UNKNOWN_ENTRIES_READ}.
     */
    public long estimateEntriesRead(StreamId id) {
        if (entriesAdded == 0) {
            return 0;
        }
        if (length == 0 && id.compareTo(lastId) <= 0) {
            return entriesAdded;
        }
        int toLast = id.compareTo(lastId);
        if (toLast == 0) {
            return entriesAdded;
        } else if (toLast > 0) {
            return StreamGroup.UNKNOWN_ENTRIES_READ; // the future
        }
        if (maxDeletedId.isZero() || maxDeletedId.isBefore(firstId)) { // no tombstone among the entries
            int toFirst = id.compareTo(firstId);
            if (toFirst < 0) {
                return entriesAdded - length;
            } else if (toFirst == 0) {
                return entriesAdded - length + 1;
            }
        }
        return StreamGroup.UNKNOWN_ENTRIES_READ;
    }

    /** Whether an entry deleted by XDEL lies between {@code start} and {@code end} (null: the ends of the stream). */
    public boolean rangeHasTombstones(StreamId start, StreamId end) {
        if (length == 0 || maxDeletedId.isZero() || firstId.isAfter(maxDeletedId)) {
            return false;
        }
        StreamId from = start == null ? StreamId.MIN : start;
        StreamId to = end == null ? StreamId.MAX : end;
        return !maxDeletedId.isBefore(from) && !maxDeletedId.isAfter(to);
    }

    /** The group's lag (entries added it has not read yet), or {@code null} when it cannot be known. */
    public Long lag(StreamGroup group) {
        if (entriesAdded == 0) {
            return 0L;
        }
        if (group.entriesRead() != StreamGroup.UNKNOWN_ENTRIES_READ && !rangeHasTombstones(group.lastId(), null)) {
            return entriesAdded - group.entriesRead();
        }
        long read = estimateEntriesRead(group.lastId());
        return read == StreamGroup.UNKNOWN_ENTRIES_READ ? null : entriesAdded - read;
    }
    //< step 20

    // ---- loading from a file

    /** Adds a node read from a file; false if a node with that key is there already. */
    public boolean loadNode(StreamNode node) {
        if (nodes.containsKey(node.master())) {
            return false;
        }
        if (!nodes.isEmpty() && !node.master().isAfter(nodes.lastEntry().getValue().last().id())) {
            throw new IllegalArgumentException("node " + node.master() + " overlaps the node before it");
        }
        nodes.put(node.master(), node);
        memory += node.memory();
        return true;
    }

    /**
     * The stream's counters as a file gives them, after its nodes. A file of Redis before 7.0 (type 15) has no first
     * ID, max-deleted ID or entries-added: {@code firstId} is then null and they are derived, as Redis derives them.
     *
     * @throws IllegalArgumentException if the length is not the nodes' live entries
     */
    public void loadCounters(long length, StreamId lastId, StreamId firstId, StreamId maxDeletedId, long entriesAdded) {
        long live = 0;
        for (StreamNode node : nodes.values()) {
            live += node.live();
        }
        if (live != length) {
            throw new IllegalArgumentException("stream length " + length + " but " + live + " entries");
        }
        StreamEntry last = last();
        if (last != null && last.id().isAfter(lastId)) {
            throw new IllegalArgumentException("entry " + last.id() + " after the last ID " + lastId);
        }
        this.length = length;
        this.lastId = lastId;
        if (firstId == null) {
            StreamEntry first = first();
            this.firstId = first == null ? StreamId.MAX : first.id();
            this.maxDeletedId = StreamId.MIN;
            this.entriesAdded = length;
        } else {
            this.firstId = firstId;
            this.maxDeletedId = maxDeletedId;
            this.entriesAdded = entriesAdded;
        }
    }

    // ---- Value

    /** The estimate kept up to date by every change (see the class comment for what it counts). */
    @Override
    public long memoryBytes() {
        return memory;
    }

    @Override
    public StreamValue copy() {
        StreamValue copy = new StreamValue(encodings);
        for (StreamNode node : nodes.values()) {
            StreamNode twin = new StreamNode(node.master(), node.masterFields());
            for (StreamEntry entry : node.entries()) {
                twin.add(new StreamEntry(entry.id(), entry.sameFields() ? node.masterFields() : entry.fields(),
                        entry.values(), entry.sameFields(), entry.deleted()));
            }
            copy.loadNode(twin);
        }
        copy.length = length;
        copy.lastId = lastId;
        copy.firstId = firstId;
        copy.maxDeletedId = maxDeletedId;
        copy.entriesAdded = entriesAdded;
        //> step 20
        for (StreamGroup group : groups.values()) {
            StreamGroup twin = copy.createGroup(group.name(), group.lastId(), group.entriesRead());
            group.pending().forEach((id, pending) -> twin.loadPending(id, pending.deliveryTime, pending.deliveryCount));
            for (StreamConsumer consumer : group.consumers()) {
                StreamConsumer other = twin.createConsumer(consumer.name(), consumer.seenTime);
                consumer.pending().keySet().forEach(id -> twin.loadOwnership(other, id));
            }
        }
        //< step 20
        return copy;
    }

    @Override
    public String typeName() {
        return "stream";
    }

    @Override
    public String encoding() {
        return "stream";
    }
}
