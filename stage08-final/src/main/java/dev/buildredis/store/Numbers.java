package dev.buildredis.store;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Numbers as Redis reads and writes them in strings, so that this server accepts, refuses and prints exactly
 * what Redis does:
 * <pre>
 * parseLong    "42" "-7" accepted; "" "-0" "007" "+5" " 5" "1.5" "9223372036854775808" refused   (string2ll)
 * parseDouble  "1.5" "-2e3" "inf" "+inf" "-Infinity" accepted; "" " 1" "1x" "nan" refused       (strtod, no NaN)
 * formatDouble 1.1 → "1.1000000000000001", 3.0 → "3", 1e20 → "1e+20", +∞ → "inf"                  (printf %.17g)
 * </pre>
 */
public final class Numbers {

    private static final MathContext SEVENTEEN_DIGITS = new MathContext(17, RoundingMode.HALF_EVEN);

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

    /** The bytes as a double the way Redis's strtod-based parsing accepts it, or {@code null}; NaN is refused. */
    public static Double parseDouble(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (text.isEmpty() || text.length() > 5000 || Character.isWhitespace(text.charAt(0))) {
            return null;
        }
        String unsigned = text.charAt(0) == '+' || text.charAt(0) == '-' ? text.substring(1) : text;
        if (unsigned.equalsIgnoreCase("inf") || unsigned.equalsIgnoreCase("infinity")) {
            return text.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!isDecimal(unsigned)) {
            return null; // Java's parser also takes "1d", "0x1p3", "NaN" and blanks around: strtod does not
        }
        return Double.parseDouble(text);
    }

    /**
     * Digits with at most one point and at least one digit, then an optional exponent ({@code e}, a sign, digits):
     * what {@code ([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?} matches, without compiling that pattern at every
     * ZADD.
     */
    private static boolean isDecimal(String s) {
        int i = 0;
        int digits = 0;
        for (; i < s.length() && isDigit(s.charAt(i)); i++) {
            digits++;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            for (i++; i < s.length() && isDigit(s.charAt(i)); i++) {
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponent = i;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == exponent) {
                return false;
            }
        }
        return i == s.length();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A decimal for INCRBYFLOAT: exact, with Redis's long double range checks left to the caller. */
    public static BigDecimal parseDecimal(byte[] bytes) {
        Double d = parseDouble(bytes);
        if (d == null || d.isInfinite()) {
            return null;
        }
        return new BigDecimal(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    /**
     * INCRBYFLOAT's output: Redis prints its long double with 17 decimals and strips trailing zeros, so that
     * {@code 10.5 + 0.1} is {@code 10.6}. Exact decimal arithmetic rounded to 17 decimals gives the same text for
     * the numbers people increment by.
     */
    public static String formatDecimal(BigDecimal value) {
        BigDecimal rounded = value.round(new MathContext(21, RoundingMode.HALF_EVEN))
                .setScale(17, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (rounded.signum() == 0) {
            return "0";
        }
        return rounded.toPlainString();
    }

    // tag::format-double[]
    /** C's {@code printf("%.17g")}, which Redis 7.0 uses for scores: 17 significant digits, trailing zeros cut. */
    public static String formatDouble(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(d).round(SEVENTEEN_DIGITS);
        int exponent = exact.precision() - exact.scale() - 1;
        if (exponent < -4 || exponent >= 17) {
            String digits = exact.unscaledValue().abs().toString().replaceFirst("0+$", "");
            StringBuilder s = new StringBuilder(d < 0 ? "-" : "").append(digits.charAt(0));
            if (digits.length() > 1) {
                s.append('.').append(digits, 1, digits.length());
            }
            s.append('e').append(exponent < 0 ? '-' : '+');
            String e = Integer.toString(Math.abs(exponent));
            return s.append(e.length() < 2 ? "0" + e : e).toString();
        }
        return exact.stripTrailingZeros().toPlainString();
    }
    // end::format-double[]
}
