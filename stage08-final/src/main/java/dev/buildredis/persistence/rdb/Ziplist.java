// @step 13
package dev.buildredis.persistence.rdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a ziplist, the compact encoding of small hashes, sorted sets and list nodes before Redis 7.0, still found in
 * older RDB files:
 * <pre>
 *   total-bytes(4, LE)  tail-offset(4, LE)  count(2, LE; 65535 = "count them")  entry ... entry  FF
 *   entry = prevlen encoding [data]
 *   prevlen:  one byte under 254, or FE and 4 bytes LE: the previous entry's size, for walking backwards
 * </pre>
 * The encoding byte says what follows:
 * <pre>
 *   00xxxxxx                      string up to 63 bytes
 *   01xxxxxx yyyyyyyy             string up to 16383 bytes (14-bit length, big-endian)
 *   10000000 + 4 bytes BE         string up to 2^32-1 bytes
 *   11000000 / 11010000 / 11100000   16 / 32 / 64-bit signed integer, little-endian
 *   11110000                      24-bit signed integer
 *   11111110                      8-bit signed integer
 *   1111xxxx (0001..1101)         the integer xxxx - 1, 0..12, with no data byte
 * </pre>
 */
final class Ziplist {

    private static final int END = 0xff;
    private static final int BIG_PREVLEN = 0xfe;
    private static final int UNKNOWN_COUNT = 0xffff;

    private Ziplist() {
    }

    static List<byte[]> entries(byte[] blob, long fileOffset) throws RdbFormatException {
        BlobCursor zl = new BlobCursor(blob, fileOffset, "ziplist");
        long total = zl.littleEndian(4);
        zl.littleEndian(4); // the tail offset: only for walking backwards
        int count = (int) zl.littleEndian(2);
        if (total != blob.length) {
            throw zl.damaged("its header says " + total + " bytes");
        }
        List<byte[]> entries = new ArrayList<>();
        while (zl.peek() != END) {
            int prevlen = zl.u8();
            if (prevlen == BIG_PREVLEN) {
                zl.skip(4);
            } else if (prevlen > BIG_PREVLEN) {
                throw zl.damaged("previous-length byte 0xff");
            }
            entries.add(entry(zl));
        }
        zl.u8();
        if (zl.position() != blob.length) {
            throw zl.damaged("bytes after its end byte");
        }
        if (count != UNKNOWN_COUNT && count != entries.size()) {
            throw zl.damaged("its header says " + count + " entries, it has " + entries.size());
        }
        return entries;
    }

    private static byte[] entry(BlobCursor zl) throws RdbFormatException {
        int encoding = zl.u8();
        switch (encoding >>> 6) {
            case 0 -> {
                return zl.bytes(encoding & 0x3f);
            }
            case 1 -> {
                return zl.bytes((encoding & 0x3f) << 8 | zl.u8());
            }
            case 2 -> {
                if (encoding != 0x80) {
                    throw zl.damaged("unknown entry encoding 0x" + Integer.toHexString(encoding));
                }
                return zl.bytes(zl.bigEndian(4));
            }
            default -> {
                return RdbInput.decimal(integer(zl, encoding));
            }
        }
    }

    private static long integer(BlobCursor zl, int encoding) throws RdbFormatException {
        return switch (encoding) {
            case 0xc0 -> zl.signedLittleEndian(2);
            case 0xd0 -> zl.signedLittleEndian(4);
            case 0xe0 -> zl.signedLittleEndian(8);
            case 0xf0 -> zl.signedLittleEndian(3);
            case 0xfe -> zl.signedLittleEndian(1);
            default -> {
                int immediate = encoding & 0x0f;
                if (encoding >>> 4 != 0x0f || immediate < 1 || immediate > 13) {
                    throw zl.damaged("unknown entry encoding 0x" + Integer.toHexString(encoding));
                }
                yield immediate - 1;
            }
        };
    }
}
