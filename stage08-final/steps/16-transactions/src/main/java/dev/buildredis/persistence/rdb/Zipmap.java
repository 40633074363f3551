package dev.buildredis.persistence.rdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a zipmap, the encoding of small hashes before Redis 2.6, found only in very old RDB files:
 * <pre>
 *   count(1; 254+ = "count them")  ( len field  len free value [free unused bytes] )*  FF
 *   len: one byte under 254, or FE and 4 bytes LE
 * </pre>
 * {@code free} is the room left after a value that shrank in place; a reader skips it.
 */
final class Zipmap {

    private static final int END = 0xff;
    private static final int BIG_LENGTH = 0xfe;

    private Zipmap() {
    }

    /** Field, value, field, value, ... */
    static List<byte[]> entries(byte[] blob, long fileOffset) throws RdbFormatException {
        BlobCursor zm = new BlobCursor(blob, fileOffset, "zipmap");
        zm.u8(); // the count: a hint, unreliable past 253
        List<byte[]> entries = new ArrayList<>();
        while (zm.peek() != END) {
            entries.add(zm.bytes(length(zm)));
            long valueLength = length(zm);
            int free = zm.u8();
            entries.add(zm.bytes(valueLength));
            zm.skip(free);
        }
        zm.u8();
        if (zm.position() != blob.length) {
            throw zm.damaged("bytes after its end byte");
        }
        return entries;
    }

    private static long length(BlobCursor zm) throws RdbFormatException {
        int first = zm.u8();
        if (first < BIG_LENGTH) {
            return first;
        }
        if (first == BIG_LENGTH) {
            return zm.littleEndian(4);
        }
        throw zm.damaged("a length where the end byte is");
    }
}
