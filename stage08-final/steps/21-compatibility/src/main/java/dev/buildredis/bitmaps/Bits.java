package dev.buildredis.bitmaps;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Bits of a string, numbered as SETBIT numbers them: bit 0 is the most significant bit of the first byte.
 * <pre>
 *   byte 0             byte 1
 *   +-----------------+-----------------+
 *   |0 1 2 3 4 5 6 7  |8 9 ...        15|     SETBIT k 6 1 on "\x00" gives "\x02"
 *   +-----------------+-----------------+
 * </pre>
 * Every method reads {@code length} bytes of {@code a} from {@code offset} on (a string as the store keeps it,
 * perhaps inside a bigger array); a bit past the end reads as 0, as if the string went on with zero bytes.
 */
final class Bits {

    /** Eight bytes read as one long, to count and skip a word at a time over strings of up to 512 MB. */
    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Bits() {
    }

    /** Bit {@code bit} of the string: 0 or 1. */
    static int get(byte[] a, int offset, int length, long bit) {
        long index = bit >>> 3;
        return index < length ? bitAt(a, offset, bit) : 0;
    }

    /** Bit {@code bit}, which must be within the string. */
    private static int bitAt(byte[] a, int offset, long bit) {
        return (a[offset + (int) (bit >>> 3)] >> (7 - (int) (bit & 7))) & 1;
    }

    // tag::popcount[]
    /** How many bits are set among bits {@code from} to {@code to}, both included, all within the string. */
    static long count(byte[] a, int offset, long from, long to) {
        int first = (int) (from >>> 3);
        int last = (int) (to >>> 3);
        int firstMask = 0xff >>> (from & 7);          // the bits of the first byte from 'from' on
        int lastMask = (0xff << (7 - (to & 7))) & 0xff; // the bits of the last byte up to 'to'
        if (first == last) {
            return Integer.bitCount(a[offset + first] & firstMask & lastMask);
        }
        long count = Integer.bitCount(a[offset + first] & firstMask) + Integer.bitCount(a[offset + last] & lastMask);
        int i = offset + first + 1;
        int end = offset + last;
        for (; i + 8 <= end; i += 8) {
            count += Long.bitCount((long) WORD.get(a, i));
        }
        for (; i < end; i++) {
            count += Integer.bitCount(a[i] & 0xff);
        }
        return count;
    }
    // end::popcount[]

    /**
     * The first bit equal to {@code bit} (0 or 1) among bits {@code from} to {@code to}, both included, all within
     * the string; -1 if there is none. Whole bytes, and whole words of eight, that cannot hold it are skipped.
     */
    static long first(byte[] a, int offset, long from, long to, int bit) {
        int skip = bit == 1 ? 0 : 0xff;   // a byte of only the other bit
        long skipWord = bit == 1 ? 0 : -1L;
        long pos = from;
        while (pos <= to && (pos & 7) != 0) { // up to a byte boundary, one bit at a time
            if (bitAt(a, offset, pos) == bit) {
                return pos;
            }
            pos++;
        }
        while (pos + 64 <= to + 1 && (long) WORD.get(a, offset + (int) (pos >>> 3)) == skipWord) {
            pos += 64;
        }
        while (pos + 8 <= to + 1 && (a[offset + (int) (pos >>> 3)] & 0xff) == skip) {
            pos += 8;
        }
        for (; pos <= to; pos++) {
            if (bitAt(a, offset, pos) == bit) {
                return pos;
            }
        }
        return -1;
    }

    /**
     * The {@code bits}-wide unsigned integer at bit {@code at}, most significant bit first: Redis's
     * {@code getUnsignedBitfield}. Bits past the end of the string read as 0.
     */
    static long getUnsigned(byte[] a, int offset, int length, long at, int bits) {
        long value = 0;
        for (int j = 0; j < bits; j++) {
            value = (value << 1) | get(a, offset, length, at + j);
        }
        return value;
    }

    /** As {@link #getUnsigned}, the top bit read as the sign (two's complement). */
    static long getSigned(byte[] a, int offset, int length, long at, int bits) {
        long value = getUnsigned(a, offset, length, at, bits);
        if (bits < 64 && (value & (1L << (bits - 1))) != 0) {
            value |= -1L << bits;
        }
        return value;
    }

    /**
     * Writes the low {@code bits} bits of {@code value} at bit {@code at}, most significant first, into
     * {@code a}, which starts at the string's first byte and is long enough: Redis's {@code setUnsignedBitfield}
     * (a signed value is written the same way, as its two's complement).
     */
    static void set(byte[] a, long at, int bits, long value) {
        for (int j = 0; j < bits; j++) {
            long bit = at + j;
            int index = (int) (bit >>> 3);
            int mask = 1 << (7 - (int) (bit & 7));
            if ((value >>> (bits - 1 - j) & 1) != 0) {
                a[index] |= (byte) mask;
            } else {
                a[index] &= (byte) ~mask;
            }
        }
    }
}
