package dev.buildredis.persistence.rdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an intset, the encoding of small all-integer sets: a sorted array of integers, all of one width, the
 * smallest width that holds every member.
 * <pre>
 *   width(4, LE: 2, 4 or 8)  count(4, LE)  count × width bytes, each a signed little-endian integer
 * </pre>
 */
final class Intset {

    private Intset() {
    }

    /** The members as their decimal text. */
    static List<byte[]> members(byte[] blob, long fileOffset) throws RdbFormatException {
        BlobCursor set = new BlobCursor(blob, fileOffset, "intset");
        long width = set.littleEndian(4);
        long count = set.littleEndian(4);
        if (width != 2 && width != 4 && width != 8) {
            throw set.damaged("integer width " + width);
        }
        if (8 + width * count != blob.length) {
            throw set.damaged(count + " members of " + width + " bytes do not fill it");
        }
        List<byte[]> members = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            members.add(RdbInput.decimal(set.signedLittleEndian((int) width)));
        }
        return members;
    }
}
