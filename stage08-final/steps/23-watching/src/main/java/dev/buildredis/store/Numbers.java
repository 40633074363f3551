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
 * parseDouble  "1.5" "0x1p3" "inf" "-Infinity" accepted; "" " 1" "1x" "nan" "1e400" refused    (strtod, no NaN)
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

    /**
     * The bytes as a double the way Redis reads a score or a float argument ({@code string2d}), or {@code null}:
     * strtod must read them all (so hexadecimal {@code 0x1p3} is 8, and {@code infinity} is one), they must not
     * start with a blank, NaN is refused, and so is a number beyond the double range or so small it becomes 0
     * (strtod's ERANGE): {@code 1e400} and {@code 1e-400} are not floats to Redis.
     */
    public static Double parseDouble(byte[] bytes) {
        double simple = simpleDecimal(bytes);
        if (!Double.isNaN(simple)) {
            return simple;
        }
        if (bytes.length == 0 || Strtod.isSpace(bytes[0])) {
            return null;
        }
        Strtod read = Strtod.read(bytes, 0, bytes.length);
        if (read.end() != bytes.length) {
            return null;
        }
        double value = value(bytes, 0, read);
        boolean number = read.kind() == Strtod.Kind.DECIMAL || read.kind() == Strtod.Kind.HEX;
        if (Double.isNaN(value)
                || number && (Double.isInfinite(value) || value == 0 && read.mantissa().signum() != 0)) {
            return null;
        }
        return value;
    }

    /** Exact powers of ten as doubles: 10^22 is the largest that a double holds exactly. */
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    // tag::simple-decimal[]
    /**
     * The common case without the general reader: an optional minus, at most 15 digits with at most one point, and
     * nothing else ({@code 0}, {@code 1.5}, {@code -42}, {@code .5}); NaN for anything else. Such digits make an
     * integer below 2^53 and the point a power of ten up to 10^15, both exact in a double, so their one division is
     * correctly rounded, as strtod's result is. Scores are mostly like this, and the general reader costs a
     * {@code BigInteger} and two strings per number.
     */
    static double simpleDecimal(byte[] bytes) {
        int i = bytes.length > 0 && bytes[0] == '-' ? 1 : 0;
        long digits = 0;
        int count = 0;
        int point = -1;
        for (; i < bytes.length; i++) {
            int digit = bytes[i] - '0';
            if (digit >= 0 && digit <= 9 && count < 15) {
                digits = digits * 10 + digit;
                count++;
            } else if (bytes[i] == '.' && point < 0) {
                point = count;
            } else {
                return Double.NaN;
            }
        }
        if (count == 0) {
            return Double.NaN;
        }
        double value = point < 0 ? digits : digits / POWERS_OF_TEN[count - point];
        return bytes[0] == '-' ? -value : value;
    }
    // end::simple-decimal[]

    /**
     * A score bound after its optional {@code (}, as Redis's {@code zslParseRange} reads it: a bare strtod whose
     * result is only checked not to be NaN and to end the string (a C string: it ends at a zero byte). So blanks
     * first are skipped, nothing at all is 0, {@code 1e400} is +inf and {@code 1e-400} is 0.
     */
    public static Double parseBound(byte[] bytes, int from) {
        Strtod read = Strtod.read(bytes, from, bytes.length);
        if (read.end() < bytes.length && bytes[read.end()] != 0) {
            return null;
        }
        double value = read.kind() == Strtod.Kind.NONE ? 0 : value(bytes, from, read);
        return Double.isNaN(value) ? null : value;
    }

    /**
     * A number as SORT reads its weights: C's {@code strtod} on the bytes as a C string (they end at a zero byte),
     * which must read all of it; blanks first are skipped and nothing at all is 0. {@code null} for NaN, for what is
     * not read, and for a number out of the double range (strtod's ERANGE: {@code 1e400}, {@code 1e-400}).
     */
    public static Double parseWhole(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        Strtod read = Strtod.read(bytes, 0, end);
        if (read.end() != end) {
            return null;
        }
        if (read.kind() == Strtod.Kind.NONE) {
            return 0.0;
        }
        double value = value(bytes, 0, read);
        boolean number = read.kind() == Strtod.Kind.DECIMAL || read.kind() == Strtod.Kind.HEX;
        if (Double.isNaN(value)
                || number && (Double.isInfinite(value) || value == 0 && read.mantissa().signum() != 0)) {
            return null;
        }
        return value;
    }

    /** The double strtod returns for what it read: rounded to nearest, ±inf on overflow, ±0 on underflow. */
    private static double value(byte[] bytes, int from, Strtod read) {
        return switch (read.kind()) {
            case INFINITY -> read.negative() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            case NAN, NONE -> Double.NaN;
            case DECIMAL -> { // Java's decimal reading is correctly rounded, as glibc's is
                int start = from;
                while (Strtod.isSpace(bytes[start])) {
                    start++;
                }
                yield Double.parseDouble(new String(bytes, start, read.end() - start, StandardCharsets.ISO_8859_1));
            }
            case HEX -> {
                Strtod.Rounded r = read.round(Strtod.Format.DOUBLE);
                double magnitude = r.overflow() ? Double.POSITIVE_INFINITY
                        : Math.scalb(r.significand().doubleValue(), r.exponent());
                yield r.negative() ? -magnitude : magnitude;
            }
        };
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
