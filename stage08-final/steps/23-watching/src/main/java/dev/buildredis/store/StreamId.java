package dev.buildredis.store;

import java.nio.charset.StandardCharsets;

/**
 * The ID of a stream entry, {@code <ms>-<seq>}: two unsigned 64-bit numbers, ordered by milliseconds, then by
 * sequence. Java has no unsigned long, so both are kept in a {@code long} and compared and printed unsigned:
 * {@code 18446744073709551615-0} is stored as {@code -1, 0}.
 * <pre>
 *   1526919030474-55     ms = 1526919030474 (a Unix time, for IDs the server chose), seq = 55
 *   0-0                  MIN: no entry has it, it is the "nothing read yet" of a group
 *   18446744073709551615-18446744073709551615   MAX
 * </pre>
 * In a file (RDB, the radix tree keys) an ID is 16 bytes: both numbers big-endian, so that byte order is ID order.
 */
public record StreamId(long ms, long seq) implements Comparable<StreamId> {

    public static final StreamId MIN = new StreamId(0, 0);
    public static final StreamId MAX = new StreamId(-1, -1);

    /** The bytes of an ID in an RDB file and in Redis's radix tree: ms then seq, each big-endian. */
    public static final int ENCODED_LENGTH = 16;

    @Override
    public int compareTo(StreamId other) {
        int byMs = Long.compareUnsigned(ms, other.ms);
        return byMs != 0 ? byMs : Long.compareUnsigned(seq, other.seq);
    }

    public boolean isZero() {
        return ms == 0 && seq == 0;
    }

    /** The ID just after this one, or {@code null} after MAX (Redis's streamIncrID fails there). */
    public StreamId next() {
        if (seq != -1) {
            return new StreamId(ms, seq + 1);
        }
        return ms == -1 ? null : new StreamId(ms + 1, 0);
    }

    /** The ID just before this one, or {@code null} before 0-0. */
    public StreamId previous() {
        if (seq != 0) {
            return new StreamId(ms, seq - 1);
        }
        return ms == 0 ? null : new StreamId(ms - 1, -1);
    }

    public boolean isAfter(StreamId other) {
        return compareTo(other) > 0;
    }

    public boolean isBefore(StreamId other) {
        return compareTo(other) < 0;
    }

    /** The text clients see: {@code <ms>-<seq>}, both unsigned. */
    @Override
    public String toString() {
        return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
    }

    public byte[] text() {
        return toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The 16-byte big-endian form (RDB files, radix tree keys). */
    public byte[] encoded() {
        byte[] bytes = new byte[ENCODED_LENGTH];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (ms >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (seq >>> (56 - 8 * i));
        }
        return bytes;
    }

    /** Reads the 16-byte form at {@code offset}. */
    public static StreamId decode(byte[] bytes, int offset) {
        long ms = 0;
        long seq = 0;
        for (int i = 0; i < 8; i++) {
            ms = ms << 8 | (bytes[offset + i] & 0xff);
            seq = seq << 8 | (bytes[offset + 8 + i] & 0xff);
        }
        return new StreamId(ms, seq);
    }
}
