package dev.buildredis.persistence.rdb;

import dev.buildredis.store.Numbers;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Builds a listpack (see {@link Listpack} for the layout) byte for byte as Redis 7.0's {@code lpAppend} does, so
 * that a DUMP payload made here equals redis-server's: an entry that is the canonical text of a 64-bit integer is
 * stored as the smallest integer encoding that holds it, any other as a string; each entry ends with its backlen.
 */
final class ListpackWriter {

    private static final int HEADER = 6;
    private static final int END = 0xff;
    /** Redis writes this count when a listpack has 65535 entries or more: "count them". */
    private static final int UNKNOWN_COUNT = 0xffff;

    private final ByteArrayOutputStream entries = new ByteArrayOutputStream();
    private int count;

    /** Appends one entry. */
    ListpackWriter add(byte[] entry) {
        int start = entries.size();
        Long integer = entry.length > 0 && entry.length <= 20 ? Numbers.parseLong(entry) : null;
        if (integer != null) {
            integer(integer);
        } else {
            string(entry);
        }
        backlen(entries.size() - start);
        count++;
        return this;
    }

    /** The size the listpack has so far, header and end byte included (Redis's {@code lpBytes}). */
    int bytes() {
        return HEADER + entries.size() + 1;
    }

    int count() {
        return count;
    }

    /** The finished listpack. */
    byte[] toBytes() {
        int total = bytes();
        byte[] lp = new byte[total];
        for (int i = 0; i < 4; i++) {
            lp[i] = (byte) (total >>> (8 * i));
        }
        int shownCount = Math.min(count, UNKNOWN_COUNT);
        lp[4] = (byte) shownCount;
        lp[5] = (byte) (shownCount >>> 8);
        System.arraycopy(entries.toByteArray(), 0, lp, HEADER, entries.size());
        lp[total - 1] = (byte) END;
        return lp;
    }

    /** A listpack of these entries. */
    static byte[] of(List<byte[]> values) {
        ListpackWriter lp = new ListpackWriter();
        values.forEach(lp::add);
        return lp.toBytes();
    }

    private void integer(long v) {
        if (v >= 0 && v <= 127) {
            entries.write((int) v);                                   // 0xxxxxxx
        } else if (v >= -4096 && v <= 4095) {
            long u = v < 0 ? (1 << 13) + v : v;                       // 110xxxxx yyyyyyyy
            entries.write((int) (u >>> 8) | 0xc0);
            entries.write((int) u & 0xff);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            entries.write(0xf1);
            littleEndian(v, 2);
        } else if (v >= -(1 << 23) && v <= (1 << 23) - 1) {
            entries.write(0xf2);
            littleEndian(v, 3);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            entries.write(0xf3);
            littleEndian(v, 4);
        } else {
            entries.write(0xf4);
            littleEndian(v, 8);
        }
    }

    private void string(byte[] s) {
        int length = s.length;
        if (length < 64) {
            entries.write(0x80 | length);                             // 10xxxxxx
        } else if (length < 4096) {
            entries.write(0xe0 | (length >>> 8));                     // 1110xxxx yyyyyyyy
            entries.write(length & 0xff);
        } else {
            entries.write(0xf0);
            littleEndian(length, 4);
        }
        entries.writeBytes(s);
    }

    /** The entry's size, 7 bits a byte, most significant first, with the high bit set on all but the first. */
    private void backlen(long l) {
        if (l <= 127) {
            entries.write((int) l);
        } else if (l < 16383) {
            entries.write((int) (l >>> 7));
            entries.write((int) (l & 127) | 128);
        } else if (l < 2097151) {
            entries.write((int) (l >>> 14));
            entries.write((int) ((l >>> 7) & 127) | 128);
            entries.write((int) (l & 127) | 128);
        } else if (l < 268435455) {
            entries.write((int) (l >>> 21));
            entries.write((int) ((l >>> 14) & 127) | 128);
            entries.write((int) ((l >>> 7) & 127) | 128);
            entries.write((int) (l & 127) | 128);
        } else {
            entries.write((int) (l >>> 28));
            entries.write((int) ((l >>> 21) & 127) | 128);
            entries.write((int) ((l >>> 14) & 127) | 128);
            entries.write((int) ((l >>> 7) & 127) | 128);
            entries.write((int) (l & 127) | 128);
        }
    }

    private void littleEndian(long v, int width) {
        for (int i = 0; i < width; i++) {
            entries.write((int) (v >>> (8 * i)) & 0xff);
        }
    }
}
