package dev.buildredis.hyperloglog;

import java.util.Arrays;

/**
 * A HyperLogLog exactly as Redis keeps one: an ordinary string, so that GET, SET, DUMP and RDB files carry it, and
 * an HLL made here counts the same in redis-server, byte for byte.
 * <pre>
 *   +------+---+-------+-----------------+--------------------------------------------+
 *   | HYLL | E | 0 0 0 | cardinality     | registers                                  |
 *   +------+---+-------+-----------------+--------------------------------------------+
 *     4      1    3      8, little endian    E = 0 dense: 16384 registers of 6 bits, 12288 bytes
 *                        top bit set:        E = 1 sparse: run-length opcodes, see {@link Sparse}
 *                        stale, to count again
 * </pre>
 * An element is hashed to 64 bits: the low 14 choose one of 16384 registers, and the register keeps the longest
 * run of zeros (plus one) seen in the other 50. A new HLL is sparse, a few bytes for mostly empty registers, and
 * turns dense once it would grow past {@code hll-sparse-max-bytes} or a register needs more than 32.
 *
 * <p>The methods change {@link #bytes} in place, as Redis changes its {@code sds}: the sparse form grows and shrinks
 * within spare room at the end of the array, and the dense form replaces the array.
 */
final class HyperLogLog {

    static final int P = 14;                        // register index bits: the more, the smaller the error
    static final int REGISTERS = 1 << P;            // 16384
    static final int Q = 64 - P;                    // hash bits left for the run of zeros
    static final int BITS = 6;                      // enough for a run of up to 63
    static final int HEADER = 16;
    static final int DENSE_SIZE = HEADER + (REGISTERS * BITS + 7) / 8; // 12304
    static final int DENSE = 0;
    static final int SPARSE = 1;

    /** The string: {@code length} bytes, perhaps with room after them. */
    byte[] bytes;
    int length;

    HyperLogLog(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    // tag::empty[]
    /** A new, empty HLL: sparse, one XZERO opcode for all 16384 registers, the cached cardinality 0. */
    static HyperLogLog empty() {
        byte[] bytes = new byte[HEADER + 2];
        bytes[0] = 'H';
        bytes[1] = 'Y';
        bytes[2] = 'L';
        bytes[3] = 'L';
        bytes[4] = SPARSE;
        Opcode.setXzero(bytes, HEADER, REGISTERS);
        return new HyperLogLog(bytes, bytes.length);
    }
    // end::empty[]

    /**
     * Whether a string can be read as an HLL, as Redis's {@code isHLLObjectOrReply} checks it: the header, a known
     * encoding, and the exact length if dense. A sparse body is only checked when it is walked.
     */
    static boolean isValid(byte[] a, int offset, int length) {
        if (length < HEADER || a[offset] != 'H' || a[offset + 1] != 'Y' || a[offset + 2] != 'L'
                || a[offset + 3] != 'L') {
            return false;
        }
        int encoding = a[offset + 4] & 0xff;
        return encoding == SPARSE || (encoding == DENSE && length == DENSE_SIZE);
    }

    int encoding() {
        return bytes[4];
    }

    /** Byte {@code i} of the string, or 0 past its end: the NUL that ends every Redis string. */
    int at(int i) {
        return i < length ? bytes[i] & 0xff : 0;
    }

    // ---- the cached cardinality, in the header

    /** Whether the header of the HLL at {@code offset} of {@code a} has a count that is not stale. */
    static boolean cacheValid(byte[] a, int offset) {
        return (a[offset + 15] & 0x80) == 0;
    }

    boolean cacheValid() {
        return cacheValid(bytes, 0);
    }

    /** The count cached in the header of the HLL at {@code offset} of {@code a}. */
    static long cachedCardinality(byte[] a, int offset) {
        long value = 0;
        for (int i = 15; i >= 8; i--) {
            value = (value << 8) | (a[offset + i] & 0xff);
        }
        return value;
    }

    void cacheCardinality(long cardinality) {
        for (int i = 8; i < 16; i++) {
            bytes[i] = (byte) (cardinality >>> (8 * (i - 8)));
        }
    }

    /** Marks the cached cardinality stale: the next PFCOUNT counts again. */
    void invalidateCache() {
        bytes[15] |= (byte) 0x80;
    }

    // tag::add[]
    /**
     * Adds an element: 1 if a register grew (the count may have changed), 0 if not, -1 if the sparse form turned
     * out to be corrupt. Redis's {@code hllPatLen}: the register is the hash's low 14 bits, the value the position
     * of the first 1 bit in the other 50 (a bit past them is set so that the run ends by 51).
     */
    int add(byte[] element, long sparseMaxBytes) {
        long hash = MurmurHash64A.hash(element, MurmurHash64A.REDIS_SEED);
        int index = (int) (hash & (REGISTERS - 1));
        int count = Long.numberOfTrailingZeros((hash >>> P) | (1L << Q)) + 1;
        return set(index, count, sparseMaxBytes);
    }
    // end::add[]

    /** Raises register {@code index} to {@code count} if it is lower; the return value as {@link #add}'s. */
    int set(int index, int count, long sparseMaxBytes) {
        if (encoding() == DENSE) {
            return denseSet(index, count);
        }
        return Sparse.set(this, index, count, sparseMaxBytes);
    }

    int denseSet(int index, int count) {
        if (count <= register(index)) {
            return 0;
        }
        setRegister(index, count);
        return 1;
    }

    // tag::dense[]
    /** Dense register {@code index}: six bits from bit {@code 6 * index}, low bits first, across two bytes. */
    int register(int index) {
        int bit = index * BITS;
        int b0 = at(HEADER + bit / 8);
        int b1 = at(HEADER + bit / 8 + 1);
        return ((b0 >>> (bit & 7)) | (b1 << (8 - (bit & 7)))) & 63;
    }

    void setRegister(int index, int value) {
        int bit = index * BITS;
        int i = HEADER + bit / 8;
        int shift = bit & 7;
        bytes[i] = (byte) ((bytes[i] & ~(63 << shift)) | (value << shift));
        if (i + 1 < length) { // the last register never reaches the next byte
            bytes[i + 1] = (byte) ((bytes[i + 1] & ~(63 >>> (8 - shift))) | (value >>> (8 - shift)));
        }
    }
    // end::dense[]

    /** Turns a sparse HLL dense; false, leaving it as it was, if the sparse form is corrupt. */
    boolean toDense() {
        if (encoding() == DENSE) {
            return true;
        }
        byte[] dense = new byte[DENSE_SIZE];
        System.arraycopy(bytes, 0, dense, 0, HEADER); // the magic and the cached cardinality
        dense[4] = DENSE;
        HyperLogLog target = new HyperLogLog(dense, DENSE_SIZE);
        if (!Sparse.forEachRegister(this, target::setRegister)) {
            return false;
        }
        bytes = dense;
        length = DENSE_SIZE;
        return true;
    }

    /** How many registers hold each value from 0 to 63; null if the sparse form is corrupt. */
    int[] histogram() {
        int[] histogram = new int[64];
        if (encoding() == DENSE) {
            for (int i = 0; i < REGISTERS; i++) {
                histogram[register(i)]++;
            }
            return histogram;
        }
        return Sparse.histogram(this, histogram) ? histogram : null;
    }

    /** Raises each of {@code max}'s 16384 registers to this HLL's; false if the sparse form is corrupt. */
    boolean mergeInto(byte[] max) {
        if (encoding() == DENSE) {
            for (int i = 0; i < REGISTERS; i++) {
                max[i] = (byte) Math.max(max[i], register(i));
            }
            return true;
        }
        return Sparse.forEachRegister(this, (index, value) -> max[index] = (byte) Math.max(max[index], value));
    }

    /** The string's bytes, exactly. */
    byte[] toBytes() {
        return Arrays.copyOf(bytes, length);
    }
}
