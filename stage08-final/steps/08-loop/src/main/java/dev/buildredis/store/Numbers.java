package dev.buildredis.store;

/**
 * Numbers as Redis reads and writes them in strings, so that this server accepts, refuses and prints exactly
 * what Redis does:
 * <pre>
 * parseLong    "42" "-7" accepted; "" "-0" "007" "+5" " 5" "1.5" "9223372036854775808" refused   (string2ll)
 * </pre>
 */
public final class Numbers {

    private Numbers() {
    }

    /** The whole array as a 64-bit integer, or {@code null} if it is not one. */
    public static Long parseLong(byte[] bytes) {
        return parseLong(bytes, 0, bytes.length);
    }

    /** {@code bytes[from, to)} as a 64-bit integer, or {@code null}. */
    public static Long parseLong(byte[] bytes, int from, int to) {
        if (from >= to || to - from > 20) {
            return null;
        }
        boolean negative = bytes[from] == '-';
        int i = negative ? from + 1 : from;
        if (i >= to || (bytes[i] == '0' && (to - i > 1 || negative))) {
            return null;
        }
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE; // accumulate downwards: -2^63 has no positive twin
        long value = 0;
        for (; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9 || value < (limit + digit) / 10) {
                return null;
            }
            value = value * 10 - digit;
        }
        return negative ? value : -value;
    }

}
