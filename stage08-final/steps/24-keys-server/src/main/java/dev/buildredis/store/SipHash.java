package dev.buildredis.store;

import java.security.SecureRandom;

/**
 * SipHash-1-2 with a key chosen at random when the server starts: the hash of every key, hash field, set member and
 * channel name, as Redis's {@code siphash.c} (the same function, the same rounds).
 *
 * <p>Why not {@code Arrays.hashCode}: anyone can compute it, so anyone can send keys that all land in one bucket
 * ("Aa" and "BB" hash alike, and so do all 2<sup>n</sup> strings made of n such blocks). 32,768 such keys turn every
 * lookup into a walk of one long chain, and the one event loop makes every other client wait meanwhile. A keyed hash
 * gives a client no way to know which keys collide.
 *
 * <pre>
 *   v0..v3 = the key's two halves ^ four constants
 *   each 8-byte word m, the last one padded and carrying the length in its top byte:
 *       v3 ^= m;  C SipRounds;  v0 ^= m                 (C = 1: the "1" of SipHash-1-2)
 *   v2 ^= 0xff;  D SipRounds                            (D = 2)
 *   hash = v0 ^ v1 ^ v2 ^ v3
 * </pre>
 */
public final class SipHash {

    private static final int COMPRESSION_ROUNDS = 1;
    private static final int FINALIZATION_ROUNDS = 2;
    private static final long K0;
    private static final long K1;

    static {
        SecureRandom random = new SecureRandom();
        K0 = random.nextLong();
        K1 = random.nextLong();
    }

    private SipHash() {
    }

    /** The 64-bit hash of {@code bytes[from, to)} under the server's random key. */
    public static long hash(byte[] bytes, int from, int to) {
        return hash(K0, K1, COMPRESSION_ROUNDS, FINALIZATION_ROUNDS, bytes, from, to);
    }

    /** SipHash-c-d under a given key: the tests check it against the reference vectors of SipHash-2-4. */
    static long hash(long k0, long k1, int c, int d, byte[] bytes, int from, int to) {
        long[] v = {k0 ^ 0x736f6d6570736575L, k1 ^ 0x646f72616e646f6dL, k0 ^ 0x6c7967656e657261L,
                k1 ^ 0x7465646279746573L};
        int length = to - from;
        int lastWord = from + (length & ~7);
        for (int i = from; i <= lastWord; i += 8) {
            long m = i < lastWord ? littleEndian(bytes, i, 8)
                    : ((long) length << 56) | littleEndian(bytes, i, to - i);
            v[3] ^= m;
            rounds(v, c);
            v[0] ^= m;
        }
        v[2] ^= 0xff;
        rounds(v, d);
        return v[0] ^ v[1] ^ v[2] ^ v[3];
    }

    private static void rounds(long[] v, int count) {
        long v0 = v[0];
        long v1 = v[1];
        long v2 = v[2];
        long v3 = v[3];
        for (int round = 0; round < count; round++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        v[0] = v0;
        v[1] = v1;
        v[2] = v2;
        v[3] = v3;
    }

    private static long littleEndian(byte[] bytes, int at, int count) {
        long word = 0;
        for (int i = count - 1; i >= 0; i--) {
            word = (word << 8) | (bytes[at + i] & 0xffL);
        }
        return word;
    }
}
