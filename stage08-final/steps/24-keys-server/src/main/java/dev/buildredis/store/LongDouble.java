package dev.buildredis.store;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The C {@code long double} Redis computes INCRBYFLOAT, HINCRBYFLOAT and blocking timeouts in: on x86-64 the x87
 * 80-bit format, 64 significand bits and a range up to about 1.19e4932, so that {@code 1e308 + 1e308} is a number
 * there and not an infinity. A finite value is exact ({@code significand * 2^exponent}), and every operation
 * rounds as the hardware does (to nearest, ties to even).
 * <pre>
 * parse     "1e400" "0x1p3" "inf" accepted; "1e5000" "1e-5000" "nan" " 1" refused      (Redis's string2ld)
 * toText    %.17Lf with trailing zeros cut: 0.1 + 0.2 → "0.3", 1e308 + 1e308 → all 309 digits
 * </pre>
 */
public final class LongDouble {

    /** Redis's MAX_LONG_DOUBLE_CHARS: longer strings are not numbers to string2ld. */
    private static final int MAX_CHARS = 5 * 1024;

    private static final BigInteger TEN_TO_17 = BigInteger.TEN.pow(17);

    public static final LongDouble ZERO = new LongDouble(false, BigInteger.ZERO, 0, 0);

    private final boolean negative;
    private final BigInteger significand; // null for infinities and NaN
    private final int exponent;
    private final int special; // 0 finite, 1 infinity, 2 NaN

    private LongDouble(boolean negative, BigInteger significand, int exponent, int special) {
        this.negative = negative;
        this.significand = significand;
        this.exponent = exponent;
        this.special = special;
    }

    private static LongDouble of(Strtod.Rounded r) {
        return r.overflow() ? new LongDouble(r.negative(), null, 0, 1)
                : new LongDouble(r.negative(), r.significand(), r.exponent(), 0);
    }

    /**
     * The string as Redis's {@code string2ld} reads it, or {@code null}: strtold must read it all, it must not start
     * with a blank, NaN is refused, and so is a number too large or too small for a long double (strtold's
     * ERANGE); {@code inf} itself is accepted.
     */
    public static LongDouble parse(byte[] bytes) {
        if (bytes.length == 0 || bytes.length >= MAX_CHARS || Strtod.isSpace(bytes[0])) {
            return null;
        }
        Strtod read = Strtod.read(bytes, 0, bytes.length);
        if (read.end() != bytes.length) {
            return null;
        }
        return switch (read.kind()) {
            case INFINITY -> new LongDouble(read.negative(), null, 0, 1);
            case DECIMAL, HEX -> {
                Strtod.Rounded r = read.round(Strtod.Format.EXTENDED);
                yield r.overflow() || r.underflow() ? null : of(r);
            }
            default -> null;
        };
    }

    public static LongDouble parse(String text) {
        return parse(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public boolean isFinite() {
        return special == 0;
    }

    /** NaN or an infinity: what Redis's {@code isnan(v) || isinf(v)} refuses. */
    public boolean isNanOrInfinite() {
        return special != 0;
    }

    /** {@code this + other}, rounded to a long double; beyond its range an infinity, inf + -inf a NaN. */
    public LongDouble plus(LongDouble other) {
        if (special == 2 || other.special == 2) {
            return new LongDouble(false, null, 0, 2);
        }
        if (special == 1 || other.special == 1) {
            if (special == 1 && other.special == 1 && negative != other.negative) {
                return new LongDouble(false, null, 0, 2);
            }
            return special == 1 ? this : other;
        }
        int low = Math.min(exponent, other.exponent);
        BigInteger a = signed().shiftLeft(exponent - low);
        BigInteger b = other.signed().shiftLeft(other.exponent - low);
        BigInteger sum = a.add(b);
        if (sum.signum() == 0) {
            return new LongDouble(negative && other.negative, BigInteger.ZERO, 0, 0); // -0 + -0 is -0, else +0
        }
        return of(Strtod.round(sum.signum() < 0, sum.abs(), BigInteger.ONE, low, Strtod.Format.EXTENDED));
    }

    /** {@code this * factor}, rounded to a long double. */
    public LongDouble times(long factor) {
        if (special != 0) {
            boolean nan = special == 2 || factor == 0;
            return new LongDouble(negative != (factor < 0), null, 0, nan ? 2 : 1);
        }
        BigInteger product = significand.multiply(BigInteger.valueOf(Math.abs(factor)));
        boolean sign = negative != (factor < 0);
        if (product.signum() == 0) {
            return new LongDouble(sign, BigInteger.ZERO, 0, 0);
        }
        return of(Strtod.round(sign, product, BigInteger.ONE, exponent, Strtod.Format.EXTENDED));
    }

    /**
     * C's {@code (long long) ceill(v)} on x86-64: the integer at or above the value, or {@code Long.MIN_VALUE} (the
     * x87 "integer indefinite") when that is not a 64-bit integer, as for infinities and NaN.
     */
    public long ceilToLong() {
        if (special != 0) {
            return Long.MIN_VALUE;
        }
        BigInteger ceil;
        if (exponent >= 0) {
            ceil = significand.shiftLeft(exponent);
        } else {
            BigInteger[] qr = significand.divideAndRemainder(BigInteger.ONE.shiftLeft(-exponent));
            ceil = qr[0].add(!negative && qr[1].signum() != 0 ? BigInteger.ONE : BigInteger.ZERO);
        }
        if (negative) {
            ceil = ceil.negate();
        }
        return ceil.bitLength() < 64 ? ceil.longValue() : Long.MIN_VALUE;
    }

    /**
     * The text Redis stores and replies for INCRBYFLOAT ({@code ld2string} in its human mode): {@code %.17Lf}, then
     * the zeros after the point cut, then the point if nothing follows it, and {@code -0} made {@code 0}.
     */
    public String toText() {
        if (special == 1) {
            return negative ? "-inf" : "inf";
        }
        if (special == 2) {
            return "nan";
        }
        String digits; // the value times 10^17, rounded to an integer as printf rounds: to nearest, ties to even
        if (exponent >= 0) {
            digits = significand.shiftLeft(exponent).multiply(TEN_TO_17).toString();
        } else {
            BigInteger scaled = significand.multiply(TEN_TO_17);
            BigInteger divisor = BigInteger.ONE.shiftLeft(-exponent);
            BigInteger[] qr = scaled.divideAndRemainder(divisor);
            int half = qr[1].shiftLeft(1).compareTo(divisor);
            BigInteger q = half > 0 || (half == 0 && qr[0].testBit(0)) ? qr[0].add(BigInteger.ONE) : qr[0];
            digits = q.toString();
        }
        if (digits.length() < 18) {
            digits = "0".repeat(18 - digits.length()) + digits;
        }
        int point = digits.length() - 17;
        int last = digits.length();
        while (last > point && digits.charAt(last - 1) == '0') {
            last--;
        }
        String text = last == point ? digits.substring(0, point) : digits.substring(0, point) + "." + digits.substring(point, last);
        return negative && !text.equals("0") ? "-" + text : text;
    }

    private BigInteger signed() {
        return negative ? significand.negate() : significand;
    }

    @Override
    public String toString() {
        return toText();
    }
}
