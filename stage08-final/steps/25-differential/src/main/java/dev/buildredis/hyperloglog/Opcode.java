package dev.buildredis.hyperloglog;

/**
 * The bytes of the three sparse opcodes ({@link Sparse}): what each means, and how each is written.
 * <pre>
 *   00xxxxxx            ZERO   xxxxxx+1 registers (1 to 64) are 0
 *   01xxxxxx yyyyyyyy   XZERO  xxxxxxyyyyyyyy+1 registers (1 to 16384) are 0
 *   1vvvvvxx            VAL    xx+1 registers (1 to 4) are vvvvv+1 (1 to 32)
 * </pre>
 * Lengths and values are stored minus one, so that no opcode wastes a code on an empty run. Writing casts to a byte
 * as C stores into a {@code uint8_t}: a length out of range from a corrupt string is cut, not refused, as in Redis.
 */
final class Opcode {

    static final int VAL_MAX_VALUE = 32;
    static final int VAL_MAX_LEN = 4;
    static final int ZERO_MAX_LEN = 64;

    private Opcode() {
    }

    static boolean isZero(int op) {
        return (op & 0xc0) == 0;
    }

    static boolean isXzero(int op) {
        return (op & 0xc0) == 0x40;
    }

    static boolean isVal(int op) {
        return (op & 0x80) != 0;
    }

    static int zeroLength(int op) {
        return (op & 0x3f) + 1;
    }

    static int xzeroLength(int op, int next) {
        return (((op & 0x3f) << 8) | next) + 1;
    }

    static int valValue(int op) {
        return ((op >> 2) & 0x1f) + 1;
    }

    static int valLength(int op) {
        return (op & 3) + 1;
    }

    static byte val(int value, int length) {
        return (byte) (((value - 1) << 2 | (length - 1)) | 0x80);
    }

    static byte zero(int length) {
        return (byte) (length - 1);
    }

    static void setXzero(byte[] bytes, int at, int length) {
        bytes[at] = (byte) (((length - 1) >> 8) | 0x40);
        bytes[at + 1] = (byte) ((length - 1) & 0xff);
    }
}
