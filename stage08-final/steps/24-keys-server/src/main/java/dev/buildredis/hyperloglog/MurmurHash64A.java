package dev.buildredis.hyperloglog;

/**
 * MurmurHash2, 64-bit version ({@code MurmurHash64A}), as Redis hashes an element before adding it to a
 * HyperLogLog. Redis reads the blocks little endian on every machine, so the same element sets the same register
 * everywhere: that is what lets an HLL written by one server be counted and added to by another.
 */
final class MurmurHash64A {

    /** The seed Redis passes ({@code 0xadc83b19}): any other gives other registers, and other bytes in GET. */
    static final int REDIS_SEED = 0xadc83b19;

    private static final long M = 0xc6a4a7935bd1e995L;
    private static final int R = 47;

    private MurmurHash64A() {
    }

    static long hash(byte[] key, int seed) {
        int length = key.length;
        long h = (seed & 0xffffffffL) ^ (length * M); // the seed is an unsigned int in C
        int blocks = length - (length & 7);
        for (int i = 0; i < blocks; i += 8) {
            long k = littleEndian(key, i, 8);
            k *= M;
            k ^= k >>> R;
            k *= M;
            h ^= k;
            h *= M;
        }
        if ((length & 7) != 0) {
            h ^= littleEndian(key, blocks, length & 7);
            h *= M;
        }
        h ^= h >>> R;
        h *= M;
        h ^= h >>> R;
        return h;
    }

    /** {@code count} bytes from {@code from} as an unsigned little-endian number. */
    private static long littleEndian(byte[] bytes, int from, int count) {
        long value = 0;
        for (int i = count - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[from + i] & 0xff);
        }
        return value;
    }
}
