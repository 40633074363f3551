package dev.buildredis.engine;

import dev.buildredis.store.Key;
import dev.buildredis.store.Numbers;

import java.nio.charset.StandardCharsets;

/**
 * Reading command arguments the way Redis does: numbers with Redis's rules and error texts, options compared
 * without regard to case, text one char a byte.
 */
public final class Args {

    private Args() {
    }

    public static Key key(byte[] arg) {
        return new Key(arg);
    }

    /** A 64-bit integer, or {@code -ERR value is not an integer or out of range}. */
    public static long integer(byte[] arg) {
        Long value = Numbers.parseLong(arg);
        if (value == null) {
            throw new CommandError(CommandError.NOT_INTEGER);
        }
        return value;
    }

    /** An integer that must fit an int (counts, indexes of in-memory structures). */
    public static long integer(byte[] arg, String error) {
        Long value = Numbers.parseLong(arg);
        if (value == null) {
            throw new CommandError(error);
        }
        return value;
    }

    /**
     * A C int, as Redis's getIntFromObjectOrReply reads one (a database index): not an integer is
     * {@code -ERR value is not an integer or out of range}, an integer past an int says its range.
     */
    public static int int32(byte[] arg) {
        long value = integer(arg);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new CommandError("ERR value is out of range, value must between " + Integer.MIN_VALUE + " and "
                    + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    /** A double (inf allowed, NaN refused), or {@code -ERR value is not a valid float}. */
    public static double number(byte[] arg) {
        return number(arg, CommandError.NOT_FLOAT);
    }

    public static double number(byte[] arg, String error) {
        Double value = Numbers.parseDouble(arg);
        if (value == null) {
            throw new CommandError(error);
        }
        return value;
    }

    /** True if the argument is the option, ignoring ASCII case. */
    public static boolean is(byte[] arg, String option) {
        if (arg.length != option.length()) {
            return false;
        }
        for (int i = 0; i < arg.length; i++) {
            int a = arg[i] | 0x20; // lower case for letters; options hold nothing for which this is wrong
            if (a != (option.charAt(i) | 0x20)) {
                return false;
            }
        }
        return true;
    }

    /** One char a byte, so that quoting the argument back gives the same bytes. */
    public static String text(byte[] arg) {
        return new String(arg, StandardCharsets.ISO_8859_1);
    }

    /**
     * Text quoted in an error as Redis quotes a client's bytes, with printf's %s: up to the first zero byte
     * ({@code "a\0b"} shows as {@code a}).
     */
    public static String quoted(String text) {
        int nul = text.indexOf('\0');
        return nul < 0 ? text : text.substring(0, nul);
    }

    public static String quoted(byte[] arg) {
        return quoted(text(arg));
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] bytes(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }
}
