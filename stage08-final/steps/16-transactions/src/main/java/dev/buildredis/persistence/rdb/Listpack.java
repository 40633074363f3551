package dev.buildredis.persistence.rdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a listpack, the compact encoding of small hashes, sorted sets and list nodes since Redis 7.0 (and of small
 * sets since 7.2): a header, entries, an end byte.
 * <pre>
 *   total-bytes(4, LE)  count(2, LE; 65535 = "count them")  entry ... entry  FF
 *   entry = encoding [data] backlen
 * </pre>
 * The first byte of an entry says what follows:
 * <pre>
 *   0xxxxxxx                      7-bit unsigned integer
 *   10xxxxxx + x bytes            string up to 63 bytes
 *   110xxxxx yyyyyyyy             13-bit signed integer
 *   1110xxxx yyyyyyyy + bytes     string up to 4095 bytes (12-bit length, big-endian)
 *   11110000 + 4-byte LE length   string up to 2^32-1 bytes
 *   11110001 / 0010 / 0011 / 0100 16 / 24 / 32 / 64-bit signed integer, little-endian
 * </pre>
 * {@code backlen} is the size of encoding and data, written backwards in 1..5 bytes so that the listpack can be
 * walked from its end; a forward reader only skips it. Integers come out as their decimal text, as Redis reads them.
 */
final class Listpack {

    private static final int HEADER = 6;
    private static final int END = 0xff;
    private static final int UNKNOWN_COUNT = 0xffff;

    private Listpack() {
    }

    static List<byte[]> entries(byte[] blob, long fileOffset) throws RdbFormatException {
        BlobCursor lp = new BlobCursor(blob, fileOffset, "listpack");
        long total = lp.littleEndian(4);
        int count = (int) lp.littleEndian(2);
        if (total != blob.length || blob.length < HEADER + 1) {
            throw lp.damaged("its header says " + total + " bytes");
        }
        List<byte[]> entries = new ArrayList<>();
        while (lp.peek() != END) {
            int start = lp.position();
            entries.add(entry(lp));
            lp.skip(backlenSize(lp.position() - start));
        }
        lp.u8();
        if (lp.position() != blob.length) {
            throw lp.damaged("bytes after its end byte");
        }
        if (count != UNKNOWN_COUNT && count != entries.size()) {
            throw lp.damaged("its header says " + count + " entries, it has " + entries.size());
        }
        return entries;
    }

    private static byte[] entry(BlobCursor lp) throws RdbFormatException {
        int first = lp.u8();
        if ((first & 0x80) == 0) {
            return RdbInput.decimal(first);
        }
        if ((first & 0xc0) == 0x80) {
            return lp.bytes(first & 0x3f);
        }
        if ((first & 0xe0) == 0xc0) {
            long value = (first & 0x1f) << 8 | lp.u8();
            return RdbInput.decimal(value << 51 >> 51); // sign-extend 13 bits
        }
        if ((first & 0xf0) == 0xe0) {
            return lp.bytes((first & 0x0f) << 8 | lp.u8());
        }
        return switch (first) {
            case 0xf0 -> lp.bytes(lp.littleEndian(4));
            case 0xf1 -> RdbInput.decimal(lp.signedLittleEndian(2));
            case 0xf2 -> RdbInput.decimal(lp.signedLittleEndian(3));
            case 0xf3 -> RdbInput.decimal(lp.signedLittleEndian(4));
            case 0xf4 -> RdbInput.decimal(lp.signedLittleEndian(8));
            default -> throw lp.damaged("unknown entry encoding 0x" + Integer.toHexString(first));
        };
    }

    /**
     * The bytes {@code backlen} takes for an entry of {@code size} bytes: 7 bits of the size in each, with Redis's
     * {@code lpEncodeBacklen} bounds (16383 already takes three).
     */
    private static int backlenSize(int size) {
        if (size <= 127) {
            return 1;
        } else if (size < 16383) {
            return 2;
        } else if (size < 2097151) {
            return 3;
        } else if (size < 268435455) {
            return 4;
        }
        return 5;
    }
}
