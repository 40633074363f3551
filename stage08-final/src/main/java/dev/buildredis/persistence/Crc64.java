package dev.buildredis.persistence;

/**
 * The 64-bit CRC that closes every RDB file since version 5: Redis's {@code crc64.c}, the "Jones" polynomial
 * {@code 0xad93d23594c935a9}, reflected input and output, initial value 0, no final XOR.
 *
 * <p>"Reflected" means the bits of each byte are taken lowest first, so the table-driven loop shifts right and uses
 * the bit-reversed polynomial {@code 0x95ac9329ac4bc9b5}. The check value is
 * {@code crc64(0, "123456789") == 0xe9c6d914c4b8d9ca}.
 */
public final class Crc64 {

    private static final long REFLECTED_POLYNOMIAL = 0x95ac9329ac4bc9b5L;

    /** The CRC of every possible byte with a zero register: one table lookup per byte instead of eight shifts. */
    private static final long[] TABLE = new long[256];

    static {
        for (int b = 0; b < 256; b++) {
            long crc = b;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ REFLECTED_POLYNOMIAL : crc >>> 1;
            }
            TABLE[b] = crc;
        }
    }

    private Crc64() {
    }

    /** Continues {@code crc} over {@code bytes[offset, offset + length)}; start with 0. */
    public static long update(long crc, byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            crc = TABLE[(int) ((crc ^ bytes[i]) & 0xff)] ^ (crc >>> 8);
        }
        return crc;
    }

    /** Continues {@code crc} over one byte. */
    public static long update(long crc, int b) {
        return TABLE[(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8);
    }

    /** The CRC of the whole array. */
    public static long of(byte[] bytes) {
        return update(0, bytes, 0, bytes.length);
    }
}
