package dev.buildredis.engine;

import dev.buildredis.store.Key;
import dev.buildredis.store.Value;

import java.util.List;

/**
 * What SCAN, HSCAN, SSCAN and ZSCAN share: the cursor, the options and the reply.
 * <pre>
 * SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]
 * reply: *2\r\n$1\r\n0\r\n*2\r\n$2\r\nk1\r\n$2\r\nk2\r\n      next cursor (0: done), then the keys
 * </pre>
 */
public final class Scan {

    /** Redis's default COUNT. */
    static final int DEFAULT_COUNT = 10;

    public record Options(long count, byte[] pattern, byte[] type) {

        public boolean matches(Key key) {
            return pattern == null || Glob.matches(pattern, key.bytes(), false);
        }

        public boolean ofType(Value value) {
            return type == null || Args.is(type, value.typeName());
        }
    }

    private Scan() {
    }

    /**
     * An unsigned 64-bit cursor read as Redis reads it, with C's {@code strtoul} (base 10) on the argument as a C
     * string: a sign is allowed and a minus wraps ({@code -1} is 2^64-1), leading zeros are, nothing at all is 0,
     * and a zero byte ends the number; a blank first, anything else after the digits or a value past 2^64-1 is
     * {@code -ERR invalid cursor}.
     */
    public static long cursor(byte[] arg) {
        int end = arg.length;
        for (int i = 0; i < arg.length; i++) {
            if (arg[i] == 0) {
                end = i;
                break;
            }
        }
        if (end == 0) {
            return 0;
        }
        int i = 0;
        boolean negative = arg[0] == '-';
        if (arg[0] == '+' || negative) {
            i++;
        }
        if (i == end) {
            throw new CommandError("ERR invalid cursor"); // a sign alone: strtoul reads nothing, stops at the sign
        }
        long value = 0;
        for (; i < end; i++) {
            int digit = arg[i] - '0';
            if (digit < 0 || digit > 9 || Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0) {
                throw new CommandError("ERR invalid cursor");
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    public static Options options(List<byte[]> a, int from, boolean typeAllowed) {
        long count = DEFAULT_COUNT;
        byte[] pattern = null;
        byte[] type = null;
        for (int i = from; i < a.size(); i++) {
            boolean hasValue = i + 1 < a.size();
            if (Args.is(a.get(i), "COUNT") && hasValue) {
                count = Args.integer(a.get(++i));
                if (count < 1) {
                    throw CommandError.syntax();
                }
            } else if (Args.is(a.get(i), "MATCH") && hasValue) {
                pattern = a.get(++i);
                if (Glob.matchesAll(pattern)) {
                    pattern = null;
                }
            } else if (typeAllowed && Args.is(a.get(i), "TYPE") && hasValue) {
                type = a.get(++i);
            } else {
                throw CommandError.syntax();
            }
        }
        return new Options(count, pattern, type);
    }

    public static void reply(Client c, long cursor, List<Key> keys) {
        c.reply.arrayHeader(2);
        c.reply.bulk(Args.bytes(Long.toUnsignedString(cursor)));
        c.reply.arrayHeader(keys.size());
        for (Key key : keys) {
            c.reply.bulk(key.bytes());
        }
    }
}
