package dev.buildredis.persistence.rdb;

import dev.buildredis.store.StreamId;
import dev.buildredis.store.StreamNode;
import dev.buildredis.store.StreamValue;

import java.io.IOException;
import java.util.List;

/**
 * A stream in an RDB file: RDB_TYPE_STREAM_LISTPACKS_2 (19) as Redis 7.0 writes it; this reads 15 (Redis 5 to 6.2)
 * and 21 (7.2) as well. Numbers are lengths (unsigned, as {@link RdbFormat} encodes them) unless said otherwise:
 * <pre>
 *   nodes                    then per node: its first ID (a 16-byte string), its listpack (a string)
 *   length  last-id ms seq
 *   first-id ms seq  max-deleted-id ms seq  entries-added          (not in 15)
 *   groups                   0: a stream here has none, and a file whose stream has some is refused
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
        out.writeLength(0); // no consumer groups
    }

    private static void writeId(RdbWriter out, StreamId id) throws IOException {
        out.writeLength(id.ms());
        out.writeLength(id.seq());
    }

    /**
     * A stream of type 15, 19 or 21, checked as Redis checks one when it loads it; one with consumer groups is
     * refused, as this server has no groups to put them in.
     */
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
        at = in.offset();
        if (in.readLength() != 0) {
            throw new RdbFormatException(at, "stream consumer groups are not supported");
        }
        return stream;
    }

    private static StreamId readId(RdbInput in) throws IOException {
        long ms = in.readLength();
        return new StreamId(ms, in.readLength());
    }
}
