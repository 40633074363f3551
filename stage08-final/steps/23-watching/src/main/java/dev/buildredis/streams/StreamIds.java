package dev.buildredis.streams;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.CommandError;
import dev.buildredis.store.Numbers;
import dev.buildredis.store.StreamId;

import java.nio.charset.StandardCharsets;

/**
 * Stream IDs and options in arguments, read as Redis 7.0 reads them ({@code streamGenericParseIDOrReply}):
 * <pre>
 *   1526919030474-55    ms and seq, each an unsigned 64-bit number
 *   1526919030474       seq missing: 0 for a range's start, the maximum for its end
 *   -  +                the first and the last possible ID (refused where an exact ID is needed: "strict")
 *   (1526919030474-55   a range bound that excludes the ID (XRANGE, XPENDING, XAUTOCLAIM)
 *   1526919030474-*     XADD only: the next sequence number of that millisecond
 * </pre>
 * Redis copies the argument into a C string, so it stops at a NUL byte; each number is read by {@code string2ull},
 * which falls back to {@code strtoull} and so accepts {@code " 5"}, {@code "+5"} and {@code "05"} (but not
 * {@code "-5"}). Anything else is {@code -ERR Invalid stream ID specified as stream command argument}.
 */
final class StreamIds {

    static final String INVALID = "ERR Invalid stream ID specified as stream command argument";

    /** Redis parses an ID in a 128-byte buffer: a longer argument is not an ID. */
    private static final int LONGEST = 127;

    private StreamIds() {
    }

    /** An ID where {@code -} and {@code +} are allowed; a missing seq is {@code missingSeq}. */
    static StreamId parse(byte[] arg, long missingSeq) {
        return parse(arg, missingSeq, false, null);
    }

    /** An exact ID: {@code -} and {@code +} refused. */
    static StreamId strict(byte[] arg) {
        return parse(arg, 0, true, null);
    }

    /** XADD's ID and whether its sequence number was given ({@code 5-*} leaves it to the stream). */
    record Given(StreamId id, boolean seqGiven) {
    }

    static Given forAdd(byte[] arg) {
        boolean[] seqGiven = {true};
        StreamId id = parse(arg, 0, true, seqGiven);
        return new Given(id, seqGiven[0]);
    }

    /** The start of a range, {@code (} excluding it: the ID after. */
    static StreamId start(byte[] arg) {
        if (!exclusive(arg)) {
            return parse(arg, 0);
        }
        StreamId next = parse(java.util.Arrays.copyOfRange(arg, 1, arg.length), 0, true, null).next();
        if (next == null) {
            throw new CommandError("ERR invalid start ID for the interval");
        }
        return next;
    }

    /** The end of a range (a missing seq is the maximum), {@code (} excluding it: the ID before. */
    static StreamId end(byte[] arg) {
        if (!exclusive(arg)) {
            return parse(arg, -1);
        }
        StreamId previous = parse(java.util.Arrays.copyOfRange(arg, 1, arg.length), -1, true, null).previous();
        if (previous == null) {
            throw new CommandError("ERR invalid end ID for the interval");
        }
        return previous;
    }

    private static boolean exclusive(byte[] arg) {
        return arg.length > 1 && arg[0] == '(';
    }

    private static StreamId parse(byte[] arg, long missingSeq, boolean strict, boolean[] seqGiven) {
        if (arg.length > LONGEST) {
            throw new CommandError(INVALID);
        }
        String text = text(arg);
        if (text.equals("-") || text.equals("+")) {
            if (strict) {
                throw new CommandError(INVALID);
            }
            return text.equals("-") ? StreamId.MIN : StreamId.MAX;
        }
        int dash = text.indexOf('-');
        Long ms = unsigned(dash < 0 ? text : text.substring(0, dash));
        if (ms == null) {
            throw new CommandError(INVALID);
        }
        if (dash < 0) {
            return new StreamId(ms, missingSeq);
        }
        String seqText = text.substring(dash + 1);
        if (seqGiven != null && seqText.equals("*")) {
            seqGiven[0] = false;
            return new StreamId(ms, 0);
        }
        Long seq = unsigned(seqText);
        if (seq == null) {
            throw new CommandError(INVALID);
        }
        return new StreamId(ms, seq);
    }

    // tag::string2ull[]
    /**
     * Redis's {@code string2ull}: a canonical integer ({@code string2ll}) that is not negative, or else whatever C's
     * {@code strtoull} reads entirely: blanks first, a sign, decimal digits, nothing after them, no overflow. A
     * {@code -} there wraps, as in C ({@code " -1"} is 18446744073709551615). {@code null} if it is none of these.
     */
    static Long unsigned(String text) {
        Long canonical = Numbers.parseLong(text.getBytes(StandardCharsets.ISO_8859_1));
        if (canonical != null) {
            return canonical < 0 ? null : canonical;
        }
        int i = 0;
        while (i < text.length() && " \t\n\u000b\f\r".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int digits = i;
        long value = 0;
        for (; i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9'; i++) {
            int digit = text.charAt(i) - '0';
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L, 10)) > 0
                    || value == Long.divideUnsigned(-1L, 10) && digit > Long.remainderUnsigned(-1L, 10)) {
                return null; // ERANGE
            }
            value = value * 10 + digit;
        }
        if (i == digits || i != text.length()) {
            return null;
        }
        return negative ? -value : value;
    }
    // end::string2ull[]

    /** The argument as Redis's C code sees it: up to its first NUL byte, one char a byte. */
    static String text(byte[] arg) {
        int length = 0;
        while (length < arg.length && arg[length] != 0) {
            length++;
        }
        return new String(arg, 0, length, StandardCharsets.ISO_8859_1);
    }

    /** Whether the argument is the option, compared as C's strcasecmp does (up to a NUL byte). */
    static boolean is(byte[] arg, String option) {
        return Args.is(text(arg).getBytes(StandardCharsets.ISO_8859_1), option);
    }
}
