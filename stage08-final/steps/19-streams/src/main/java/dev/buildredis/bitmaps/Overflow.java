package dev.buildredis.bitmaps;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.CommandError;

/**
 * What BITFIELD does when a SET or an INCRBY does not fit its type, as Redis's
 * {@code check(Un)signedBitfieldOverflow}:
 * <pre>
 *   u8 at 250, INCRBY 10     WRAP: 4 (260 mod 256)     SAT: 255     FAIL: null, nothing written
 *   i8 at 100, INCRBY 100    WRAP: -56                 SAT: 127     FAIL: null
 * </pre>
 * A SET is checked as an INCRBY of 0 from the value to set: {@code SET u8 0 256} is 0 under WRAP.
 */
enum Overflow {
    WRAP, SAT, FAIL;

    /** The outcome of a check: whether the value overflowed, the value to store instead, and whether to give up. */
    record Result(boolean overflowed, long value, boolean failed) {
        static final Result NONE = new Result(false, 0, false);
    }

    static Overflow parse(byte[] name) {
        for (Overflow o : values()) {
            if (Args.is(name, o.name())) {
                return o;
            }
        }
        throw new CommandError("ERR Invalid OVERFLOW type specified");
    }

    /** {@code value + increment} as an unsigned integer of {@code bits} (at most 63) bits. */
    Result unsigned(long value, long increment, int bits) {
        long max = (1L << bits) - 1;
        long maxIncrement = max - value;
        long minIncrement = -value;
        if (Long.compareUnsigned(value, max) > 0 || (increment > 0 && increment > maxIncrement)) {
            return outcome(max, value, increment, bits, false);
        }
        if (increment < 0 && increment < minIncrement) {
            return outcome(0, value, increment, bits, false);
        }
        return Result.NONE;
    }

    /** {@code value + increment} as a signed (two's complement) integer of {@code bits} (at most 64) bits. */
    Result signed(long value, long increment, int bits) {
        long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        long min = -max - 1;
        long maxIncrement = max - value; // may wrap, but is only used once value is known to be in range
        long minIncrement = min - value;
        if (value > max || (bits != 64 && increment > maxIncrement)
                || (value >= 0 && increment > 0 && increment > maxIncrement)) {
            return outcome(max, value, increment, bits, true);
        }
        if (value < min || (bits != 64 && increment < minIncrement)
                || (value < 0 && increment < 0 && increment < minIncrement)) {
            return outcome(min, value, increment, bits, true);
        }
        return Result.NONE;
    }

    private Result outcome(long limit, long value, long increment, int bits, boolean signed) {
        return switch (this) {
            case SAT -> new Result(true, limit, false);
            case FAIL -> new Result(true, 0, true);
            case WRAP -> new Result(true, wrap(value + increment, bits, signed), false);
        };
    }

    /** The low {@code bits} bits of {@code sum}, sign-extended if signed. */
    private static long wrap(long sum, int bits, boolean signed) {
        if (bits == 64) {
            return sum;
        }
        long mask = -1L << bits;
        return signed && (sum & (1L << (bits - 1))) != 0 ? sum | mask : sum & ~mask;
    }
}
