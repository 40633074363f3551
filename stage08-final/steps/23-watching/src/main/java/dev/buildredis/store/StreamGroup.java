package dev.buildredis.store;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A consumer group of a stream: the last ID delivered to it, how many entries it has read (to compute its lag), its
 * pending entries list (PEL) and its consumers, each with the part of the PEL delivered to it.
 * <pre>
 *   pending   ID → PendingEntry ──────┐    the same object in both: acknowledging removes it from both
 *   consumers name → StreamConsumer   │
 *                      pending   ID → ┘
 * </pre>
 * Consumers are ordered by name as raw bytes, as Redis's radix tree orders them (XINFO CONSUMERS shows them so).
 * Every change goes through this class, so that the stream's memory estimate follows it.
 */
public final class StreamGroup {

    /** {@code entries-read} when it is not known (Redis's SCG_INVALID_ENTRIES_READ): XINFO shows a null. */
    public static final long UNKNOWN_ENTRIES_READ = -1;

    /** The group in the stream's TreeMap (40), the object (48), its two TreeMaps (48 each). */
    static final int OVERHEAD = 40 + 48 + 48 + 48;
    /** A consumer in the group's TreeMap (40), the object (32), its TreeMap (48). */
    static final int CONSUMER_OVERHEAD = 40 + 32 + 48;
    /** A pending entry: the object (32), its StreamId (32), its TreeMap entries in the group's and the consumer's PEL. */
    static final int PENDING_OVERHEAD = 32 + 32 + 40 + 40;

    private final StreamValue stream;
    private final byte[] name;
    private StreamId lastId;
    private long entriesRead;
    private final TreeMap<StreamId, PendingEntry> pending = new TreeMap<>();
    private final TreeMap<byte[], StreamConsumer> consumers = new TreeMap<>(Arrays::compareUnsigned);

    StreamGroup(StreamValue stream, byte[] name, StreamId lastId, long entriesRead) {
        this.stream = stream;
        this.name = name;
        this.lastId = lastId;
        this.entriesRead = entriesRead;
    }

    public byte[] name() {
        return name;
    }

    /** The last ID delivered to the group (XREADGROUP's {@code >} reads after it). */
    public StreamId lastId() {
        return lastId;
    }

    /** How many entries of the stream the group has read, counting from the first ever added; -1 if unknown. */
    public long entriesRead() {
        return entriesRead;
    }

    /** XGROUP SETID, XCLAIM LASTID, a delivery: the group's position and read counter. */
    public void position(StreamId lastId, long entriesRead) {
        this.lastId = lastId;
        this.entriesRead = entriesRead;
    }

    /** The pending entries by ID, read-only. */
    public NavigableMap<StreamId, PendingEntry> pending() {
        return Collections.unmodifiableNavigableMap(pending);
    }

    /** The consumers by name, read-only. */
    public Collection<StreamConsumer> consumers() {
        return Collections.unmodifiableCollection(consumers.values());
    }

    public int consumerCount() {
        return consumers.size();
    }

    public StreamConsumer consumer(byte[] name) {
        return consumers.get(name);
    }

    /** Creates a consumer seen at {@code now}; {@code null} if the group has one of that name already. */
    public StreamConsumer createConsumer(byte[] name, long now) {
        if (consumers.containsKey(name)) {
            return null;
        }
        StreamConsumer consumer = new StreamConsumer(name, now);
        consumers.put(name, consumer);
        stream.charge(CONSUMER_OVERHEAD + Memory.array(name.length));
        return consumer;
    }

    /** Deletes a consumer and its pending entries; returns how many it had. */
    public int deleteConsumer(StreamConsumer consumer) {
        int count = consumer.pending.size();
        for (StreamId id : consumer.pending.keySet()) {
            pending.remove(id);
        }
        stream.charge(-(long) count * PENDING_OVERHEAD);
        consumers.remove(consumer.name());
        stream.charge(-(CONSUMER_OVERHEAD + Memory.array(consumer.name().length)));
        return count;
    }

    // tag::deliver[]
    /**
     * Records a delivery of {@code id} to {@code consumer} at {@code now}: a new pending entry delivered once, or, if
     * the entry is pending already (XGROUP SETID moved the group back), the same entry moved to this consumer and
     * counted as delivered once, as Redis does. Returns the pending entry.
     */
    public PendingEntry deliver(StreamId id, StreamConsumer consumer, long now) {
        PendingEntry entry = pending.get(id);
        if (entry == null) {
            entry = new PendingEntry(now, 1, consumer);
            pending.put(id, entry);
            consumer.pending.put(id, entry);
            stream.charge(PENDING_OVERHEAD);
            return entry;
        }
        entry.consumer.pending.remove(id);
        entry.consumer = consumer;
        entry.deliveryTime = now;
        entry.deliveryCount = 1;
        consumer.pending.put(id, entry);
        return entry;
    }
    // end::deliver[]

    /**
     * XCLAIM FORCE: a pending entry for {@code id}, delivered once now as any new one, that no consumer owns yet;
     * give it one with {@link #assign}.
     */
    public PendingEntry createUnowned(StreamId id, long now) {
        PendingEntry entry = new PendingEntry(now, 1, null);
        pending.put(id, entry);
        stream.charge(PENDING_OVERHEAD);
        return entry;
    }

    /** Makes {@code consumer} the owner of a pending entry (XCLAIM, XAUTOCLAIM). */
    public void assign(StreamId id, PendingEntry entry, StreamConsumer consumer) {
        if (entry.consumer == consumer) {
            return;
        }
        if (entry.consumer != null) {
            entry.consumer.pending.remove(id);
        }
        entry.consumer = consumer;
        consumer.pending.put(id, entry);
    }

    /** XACK, or a claim of an entry the stream no longer has: removes the pending entry; false if there was none. */
    public boolean acknowledge(StreamId id) {
        PendingEntry entry = pending.remove(id);
        if (entry == null) {
            return false;
        }
        if (entry.consumer != null) {
            entry.consumer.pending.remove(id);
        }
        stream.charge(-PENDING_OVERHEAD);
        return true;
    }

    /** A pending entry loaded from a file, before its consumer is known (RDB lists the group's PEL first). */
    public boolean loadPending(StreamId id, long deliveryTime, long deliveryCount) {
        if (pending.containsKey(id)) {
            return false;
        }
        pending.put(id, new PendingEntry(deliveryTime, deliveryCount, null));
        stream.charge(PENDING_OVERHEAD);
        return true;
    }

    /** A consumer's pending entry loaded from a file: it must be in the group's PEL and have no owner yet. */
    public boolean loadOwnership(StreamConsumer consumer, StreamId id) {
        PendingEntry entry = pending.get(id);
        if (entry == null || entry.consumer != null) {
            return false;
        }
        entry.consumer = consumer;
        consumer.pending.put(id, entry);
        return true;
    }

    long memory() {
        return OVERHEAD + Memory.array(name.length);
    }
}
