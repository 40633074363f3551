package dev.buildredis.protocol;

import java.util.OptionalLong;

/**
 * Reads a signed 64-bit decimal the way Redis's {@code string2ll} does, so that this server accepts and refuses
 * exactly the numbers Redis does, in protocol headers ({@code *3}, {@code $5}) and in arguments
 * ({@code SET k v EX 10}):
 * <pre>
 * "0"  "42"  "-7"  "-9223372036854775808"     accepted
 * ""  "-"  "-0"  "007"  "+5"  " 5"  "1.5"       refused: no sign but '-', no leading zero, nothing else
 * "9223372036854775808"                        refused: out of range
 * </pre>
 */
public final class Decimal {

    /** The longest valid input: a minus sign and 19 digits. */
    private static final int MAX_LENGTH = 20;

    private Decimal() {
    }

    /** The whole of {@code bytes} as a number, or empty if it is not one. */
    public static OptionalLong parse(byte[] bytes) {
        return parse(bytes, 0, bytes.length);
    }

    /** {@code bytes[from, to)} as a number, or empty if it is not one. */
    public static OptionalLong parse(byte[] bytes, int from, int to) {
        if (from >= to || to - from > MAX_LENGTH) {
            return OptionalLong.empty();
        }
        boolean negative = bytes[from] == '-';
        int i = negative ? from + 1 : from;
        if (i >= to || (bytes[i] == '0' && (to - i > 1 || negative))) {
            return OptionalLong.empty(); // "-", "-0", "007": a zero is accepted only as the whole number
        }
        // Accumulate downwards, as Long.parseLong does: the negative range is one larger than the positive one.
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long value = 0;
        for (; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9 || value < (limit + digit) / 10) {
                return OptionalLong.empty();
            }
            value = value * 10 - digit;
        }
        return OptionalLong.of(negative ? value : -value);
    }
}
