package dev.buildredis.store;

import java.math.BigInteger;

/**
 * What C's {@code strtod} and {@code strtold} (glibc, "C" locale) read from a string, and how far they read, so that
 * Redis's checks around them can be repeated exactly:
 * <pre>
 * [blanks] [+|-] ( digits [. digits] [e [+|-] digits]         decimal; "1." and ".5" too, "." and "1e" not whole
 *                | 0x hexdigits [. hexdigits] [p [+|-] digits] hexadecimal; "0x1p3" is 8, "0x" reads as "0"
 *                | inf | infinity | nan [(chars)] )           any case; NaN is for the caller to refuse
 * </pre>
 * The number read is exact ({@link #mantissa} times 10 or 2 to the {@link #exponent}); {@link #round} rounds it
 * to a binary format the way the C library does (to nearest, ties to even, with subnormals).
 *
 * @param end      the index just past the last byte read; {@code from} when nothing could be read
 * @param negative a minus sign was read
 * @param kind     what was read
 * @param mantissa the digits as an integer (decimal or hexadecimal ones), {@code null} for inf and nan
 * @param exponent the power of 10 (decimal) or of 2 (hexadecimal) the mantissa is multiplied by; saturated far
 *                 beyond any format's range
 */
record Strtod(int end, boolean negative, Kind kind, BigInteger mantissa, long exponent) {

    enum Kind { NONE, DECIMAL, HEX, INFINITY, NAN }

    /** An IEEE binary format: {@code precision} significand bits, subnormals down to 2^{@code minExponent}. */
    record Format(int precision, int minExponent, int maxExponent, int maxDecimalExponent, int minDecimalExponent) {

        /** C's double: 53 bits, 2^-1074 .. below 2^1024 (about 1.8e308). */
        static final Format DOUBLE = new Format(53, -1074, 1024, 309, -324);

        /** x86-64's long double (x87 80-bit): 64 bits, 2^-16445 .. below 2^16384 (about 1.19e4932). */
        static final Format EXTENDED = new Format(64, -16445, 16384, 4933, -4951);
    }

    /**
     * A finite binary number of a format: {@code significand * 2^exponent}, or an overflow (too large for the
     * format: strtod's ERANGE with HUGE_VAL) or an underflow (not zero, but rounds to zero: ERANGE with 0).
     */
    record Rounded(boolean negative, BigInteger significand, int exponent, boolean overflow, boolean underflow) {

        static Rounded zero(boolean negative) {
            return new Rounded(negative, BigInteger.ZERO, 0, false, false);
        }

        boolean isZero() {
            return !overflow && significand.signum() == 0;
        }
    }

    private static final long SATURATED = 1_000_000_000L;

    /** Reads from {@code from} to at most {@code to}, as strtod does (blanks first are skipped). */
    static Strtod read(byte[] b, int from, int to) {
        int i = from;
        while (i < to && isSpace(b[i])) {
            i++;
        }
        boolean negative = false;
        if (i < to && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        if (matches(b, i, to, "inf")) {
            int end = matches(b, i, to, "infinity") ? i + 8 : i + 3;
            return new Strtod(end, negative, Kind.INFINITY, null, 0);
        }
        if (matches(b, i, to, "nan")) {
            int end = i + 3;
            if (end < to && b[end] == '(') {
                int j = end + 1;
                while (j < to && (isAlnum(b[j]) || b[j] == '_')) {
                    j++;
                }
                if (j < to && b[j] == ')') {
                    end = j + 1;
                }
            }
            return new Strtod(end, negative, Kind.NAN, null, 0);
        }
        if (i + 1 < to && b[i] == '0' && (b[i + 1] | 0x20) == 'x') {
            Strtod hex = number(b, i + 2, to, negative, true);
            if (hex != null) {
                return hex;
            }
        }
        Strtod decimal = number(b, i, to, negative, false);
        return decimal != null ? decimal : new Strtod(from, false, Kind.NONE, null, 0);
    }

    /** Digits, a point, digits, an exponent; {@code null} if no digit at all. */
    private static Strtod number(byte[] b, int i, int to, boolean negative, boolean hex) {
        int radix = hex ? 16 : 10;
        StringBuilder digits = new StringBuilder();
        long fraction = 0;
        int count = 0;
        for (; i < to && digit(b[i], radix) >= 0; i++, count++) {
            digits.append((char) b[i]);
        }
        if (i < to && b[i] == '.') {
            for (i++; i < to && digit(b[i], radix) >= 0; i++, count++, fraction++) {
                digits.append((char) b[i]);
            }
        }
        if (count == 0) {
            return null;
        }
        long exponent = 0;
        if (i < to && (b[i] | 0x20) == (hex ? 'p' : 'e')) {
            int j = i + 1;
            boolean minus = false;
            if (j < to && (b[j] == '+' || b[j] == '-')) {
                minus = b[j] == '-';
                j++;
            }
            if (j < to && digit(b[j], 10) >= 0) {
                for (; j < to && digit(b[j], 10) >= 0; j++) {
                    exponent = Math.min(SATURATED, exponent * 10 + (b[j] - '0'));
                }
                exponent = minus ? -exponent : exponent;
                i = j;
            }
        }
        BigInteger mantissa = new BigInteger(digits.toString(), radix);
        long scaled = exponent - (hex ? 4 * fraction : fraction);
        return new Strtod(i, negative, hex ? Kind.HEX : Kind.DECIMAL, mantissa, scaled);
    }

    /** The number read, rounded to the format; only for {@link Kind#DECIMAL} and {@link Kind#HEX}. */
    Rounded round(Format format) {
        if (mantissa.signum() == 0) {
            return Rounded.zero(negative);
        }
        if (kind == Kind.DECIMAL) {
            long magnitude = exponent + mantissa.toString().length(); // the number is below 10^magnitude
            if (magnitude - 1 >= format.maxDecimalExponent()) {
                return new Rounded(negative, null, 0, true, false);
            }
            if (magnitude <= format.minDecimalExponent()) {
                return new Rounded(negative, BigInteger.ZERO, 0, false, true);
            }
            BigInteger ten = BigInteger.TEN.pow((int) Math.abs(exponent));
            return exponent >= 0
                    ? round(negative, mantissa.multiply(ten), BigInteger.ONE, 0, format)
                    : round(negative, mantissa, ten, 0, format);
        }
        long magnitude = exponent + mantissa.bitLength(); // below 2^magnitude
        if (magnitude - 1 >= format.maxExponent()) {
            return new Rounded(negative, null, 0, true, false);
        }
        if (magnitude < format.minExponent() - 1) {
            return new Rounded(negative, BigInteger.ZERO, 0, false, true);
        }
        return round(negative, mantissa, BigInteger.ONE, (int) exponent, format);
    }

    /** {@code numerator / denominator * 2^shift} rounded to the format: to nearest, ties to even. */
    static Rounded round(boolean negative, BigInteger numerator, BigInteger denominator, int shift, Format format) {
        if (numerator.signum() == 0) {
            return Rounded.zero(negative);
        }
        int p = format.precision();
        int s = Math.max(numerator.bitLength() - denominator.bitLength() + shift - p, format.minExponent());
        BigInteger[] qr;
        BigInteger divisor;
        while (true) {
            BigInteger a = numerator;
            divisor = denominator;
            int k = shift - s;
            if (k >= 0) {
                a = a.shiftLeft(k);
            } else {
                divisor = divisor.shiftLeft(-k);
            }
            qr = a.divideAndRemainder(divisor);
            if (qr[0].bitLength() <= p) {
                break;
            }
            s++;
        }
        BigInteger q = qr[0];
        int half = qr[1].shiftLeft(1).compareTo(divisor);
        if (half > 0 || (half == 0 && q.testBit(0))) {
            q = q.add(BigInteger.ONE);
            if (q.bitLength() > p) {
                q = q.shiftRight(1);
                s++;
            }
        }
        if (q.signum() == 0) {
            return new Rounded(negative, BigInteger.ZERO, 0, false, true);
        }
        if ((long) s + q.bitLength() > format.maxExponent()) {
            return new Rounded(negative, null, 0, true, false);
        }
        return new Rounded(negative, q, s, false, false);
    }

    /** C's isspace in the "C" locale. */
    static boolean isSpace(byte c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static boolean isAlnum(byte c) {
        return digit(c, 36) >= 0;
    }

    private static int digit(byte c, int radix) {
        return c < 0 ? -1 : Character.digit((char) c, radix);
    }

    private static boolean matches(byte[] b, int i, int to, String word) {
        if (to - i < word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if ((b[i + k] | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
