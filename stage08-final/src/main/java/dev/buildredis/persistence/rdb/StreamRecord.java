// @step 19
package dev.buildredis.persistence.rdb;

//> step 20
import dev.buildredis.store.PendingEntry;
import dev.buildredis.store.StreamConsumer;
import dev.buildredis.store.StreamGroup;
//< step 20
import dev.buildredis.store.StreamId;
import dev.buildredis.store.StreamNode;
import dev.buildredis.store.StreamValue;

import java.io.IOException;
import java.util.List;
//> step 20
import java.util.Map;
//< step 20

/**
 * A stream in an RDB file: RDB_TYPE_STREAM_LISTPACKS_2 (19) as Redis 7.0 writes it; this reads 15 (Redis 5 to 6.2)
 * and 21 (7.2) as well. Numbers are lengths (unsigned, as {@link RdbFormat} encodes them) unless said otherwise:
 * <pre>
 *   nodes                    then per node: its first ID (a 16-byte string), its listpack (a string)
 *   length  last-id ms seq
 *   first-id ms seq  max-deleted-id ms seq  entries-added          (not in 15)
//> step 19-19
//~ *   groups                   0: a stream here has none, and a file whose stream has some is refused
//< step 19-19
//> step 20
 *   groups                   then per group:
 *     name  last-id ms seq  entries-read (-1: unknown)              (entries-read not in 15)
 *     PEL size, then per entry: ID (16 raw bytes), delivery time (8 bytes LE, ms), delivery count
 *     consumers, then per consumer:
 *       name  seen-time (8 bytes LE)  [active-time (8 bytes LE), only in 21]
 *       PEL size, then the IDs it owns (16 raw bytes each), each in the group's PEL
//< step 20
 * </pre>
 * The listpacks are Redis's own layout ({@link StreamNode#listpack}), so a node goes to and from the file as it is,
 * tombstones included.
 */
final class StreamRecord {

    private StreamRecord() {
    }

    static void write(RdbWriter out, StreamValue stream) throws IOException {
        out.writeLength(stream.nodeCount());
        for (StreamNode node : stream.nodes()) {
            out.writeString(node.master().encoded());
            out.writeString(node.listpack());
        }
        out.writeLength(stream.length());
        writeId(out, stream.lastId());
        writeId(out, stream.firstId());
        writeId(out, stream.maxDeletedId());
        out.writeLength(stream.entriesAdded());
        //> step 19-19
//~        out.writeLength(0); // no consumer groups
        //< step 19-19
        //> step 20
        out.writeLength(stream.groupCount());
        for (StreamGroup group : stream.groups()) {
            out.writeString(group.name());
            writeId(out, group.lastId());
            out.writeLength(group.entriesRead());
            out.writeLength(group.pending().size());
            for (Map.Entry<StreamId, PendingEntry> pending : group.pending().entrySet()) {
                out.write(pending.getKey().encoded());
                out.writeLittleEndian(pending.getValue().deliveryTime, 8);
                out.writeLength(pending.getValue().deliveryCount);
            }
            out.writeLength(group.consumerCount());
            for (StreamConsumer consumer : group.consumers()) {
                out.writeString(consumer.name());
                out.writeLittleEndian(consumer.seenTime, 8);
                out.writeLength(consumer.pending().size());
                for (StreamId id : consumer.pending().keySet()) {
                    out.write(id.encoded());
                }
            }
        }
        //< step 20
    }

    private static void writeId(RdbWriter out, StreamId id) throws IOException {
        out.writeLength(id.ms());
        out.writeLength(id.seq());
    }

    //> step 19-19
//~    /**
//~     * A stream of type 15, 19 or 21, checked as Redis checks one when it loads it; one with consumer groups is
//~     * refused, as this server has no groups to put them in.
//~     */
    //< step 19-19
    //> step 20
    /** A stream of type 15, 19 or 21, checked as Redis checks one when it loads it. */
    //< step 20
    static StreamValue read(int type, RdbInput in) throws IOException {
        StreamValue stream = new StreamValue(in.encodings());
        for (long nodes = in.readLength(); nodes > 0; nodes--) {
            long at = in.offset();
            byte[] key = in.readString();
            if (key.length != StreamId.ENCODED_LENGTH) {
                throw in.damaged(at, "stream node key entry is not the size of a stream ID");
            }
            at = in.offset();
            List<byte[]> elements = Listpack.entries(in.readString(), at);
            if (elements.isEmpty()) {
                throw in.damaged(at, "empty listpack inside stream");
            }
            try {
                if (!stream.loadNode(StreamNode.fromListpack(StreamId.decode(key, 0), elements))) {
                    throw in.damaged(at, "listpack re-added with existing key");
                }
            } catch (IllegalArgumentException e) {
                throw in.damaged(at, "stream node: " + e.getMessage());
            }
        }
        long at = in.offset();
        long length = in.readLength();
        StreamId lastId = readId(in);
        boolean version2 = type != RdbFormat.TYPE_STREAM_LISTPACKS;
        StreamId firstId = version2 ? readId(in) : null;
        StreamId maxDeletedId = version2 ? readId(in) : null;
        long entriesAdded = version2 ? in.readLength() : 0;
        try {
            stream.loadCounters(length, lastId, firstId, maxDeletedId, entriesAdded);
        } catch (IllegalArgumentException e) {
            throw in.damaged(at, e.getMessage());
        }
        //> step 20
        for (long groups = in.readLength(); groups > 0; groups--) {
            readGroup(type, in, stream);
        }
        //< step 20
        //> step 19-19
//~        at = in.offset();
//~        if (in.readLength() != 0) {
//~            throw new RdbFormatException(at, "stream consumer groups are not supported");
//~        }
        //< step 19-19
        return stream;
    }
    //> step 20

    private static void readGroup(int type, RdbInput in, StreamValue stream) throws IOException {
        long at = in.offset();
        byte[] name = in.readString();
        StreamId lastId = readId(in);
        long entriesRead = type == RdbFormat.TYPE_STREAM_LISTPACKS
                ? stream.estimateEntriesRead(lastId) // as Redis 7.0 estimates it for an older file
                : in.readLength();
        StreamGroup group = stream.createGroup(name, lastId, entriesRead);
        if (group == null) {
            throw in.damaged(at, "duplicated consumer group name");
        }
        for (long pel = in.readLength(); pel > 0; pel--) {
            at = in.offset();
            StreamId id = StreamId.decode(in.readBytes(StreamId.ENCODED_LENGTH), 0);
            long deliveryTime = in.readLittleEndian(8);
            long deliveryCount = in.readLength();
            if (!group.loadPending(id, deliveryTime, deliveryCount)) {
                throw in.damaged(at, "duplicated global PEL entry loading stream consumer group");
            }
        }
        for (long consumers = in.readLength(); consumers > 0; consumers--) {
            at = in.offset();
            byte[] consumerName = in.readString();
            long seenTime = in.readLittleEndian(8);
            if (type == RdbFormat.TYPE_STREAM_LISTPACKS_3) {
                in.readLittleEndian(8); // active-time: Redis 7.2's, not kept by 7.0
            }
            StreamConsumer consumer = group.createConsumer(consumerName, seenTime);
            if (consumer == null) {
                throw in.damaged(at, "duplicate stream consumer detected");
            }
            for (long pel = in.readLength(); pel > 0; pel--) {
                at = in.offset();
                StreamId id = StreamId.decode(in.readBytes(StreamId.ENCODED_LENGTH), 0);
                if (!group.loadOwnership(consumer, id)) {
                    throw in.damaged(at, "consumer entry not found in group global PEL, or owned twice");
                }
            }
        }
        for (PendingEntry pending : group.pending().values()) {
            if (pending.consumer() == null) {
                throw in.damaged(at, "stream CG PEL entry without consumer");
            }
        }
    }
    //< step 20

    private static StreamId readId(RdbInput in) throws IOException {
        long ms = in.readLength();
        return new StreamId(ms, in.readLength());
    }
}
