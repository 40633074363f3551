package dev.buildredis.bitmaps;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Lookup;
import dev.buildredis.store.Key;
import dev.buildredis.store.Numbers;
import dev.buildredis.store.StringValue;

import java.util.List;

/**
 * The bitmap commands: strings read and written a bit at a time, as Redis's {@code bitops.c}. There is no bitmap
 * type: SETBIT on a missing key makes a string of zero bytes long enough for the bit, and GET shows the bytes.
 * <pre>
 * SETBIT k 7 1            :0     the bit's old value; k is now "\x01"
 * GETBIT k 7              :1     0 past the end of the string or for a missing key
 * BITCOUNT k [s e [BYTE|BIT]]    the bits set, in a range of bytes or of bits (negative: from the end)
 * BITPOS k 1 [s [e [BYTE|BIT]]]  the first 1 (or 0) bit, -1 if none
 * BITOP AND|OR|XOR|NOT d k...    :2     the length of d; d is deleted when the result is empty
 * </pre>
 * BITFIELD is in {@link BitfieldCommand}.
 */
public final class BitmapCommands {

    static final String OFFSET_ERROR = "ERR bit offset is not an integer or out of range";
    private static final String BIT_ERROR = "ERR bit is not an integer or out of range";

    private BitmapCommands() {
    }

    public static List<Command> all() {
        return List.of(
                Command.of("setbit", 4, "write denyoom", 1, 1, 1, BitmapCommands::setbit),
                Command.of("getbit", 3, "readonly fast", 1, 1, 1, BitmapCommands::getbit),
                Command.of("bitcount", -2, "readonly", 1, 1, 1, BitmapCommands::bitcount),
                Command.of("bitpos", -3, "readonly", 1, 1, 1, BitmapCommands::bitpos),
                Command.of("bitop", -4, "write denyoom", 2, -1, 1, BitOp::bitop),
                Command.of("bitfield", -2, "write denyoom", 1, 1, 1, (c, a) -> BitfieldCommand.run(c, a, false)),
                Command.of("bitfield_ro", -2, "readonly fast", 1, 1, 1, (c, a) -> BitfieldCommand.run(c, a, true)));
    }

    // tag::offset[]
    /**
     * A bit offset, as Redis's {@code getBitOffsetFromArgument}: a non-negative integer whose byte lies within
     * {@code proto-max-bulk-len} (512 MB: bit 4294967295 at most). With {@code bits} > 0, {@code #n} means the n-th
     * field of that width (BITFIELD's {@code GET u8 #2} is bit 16); the product wraps as Redis's does.
     */
    static long offset(Client c, byte[] arg, int bits) {
        boolean field = bits > 0 && arg.length > 1 && arg[0] == '#';
        Long parsed = Numbers.parseLong(arg, field ? 1 : 0, arg.length);
        if (parsed == null) {
            throw new CommandError(OFFSET_ERROR);
        }
        long offset = field ? parsed * bits : parsed;
        // Java arrays stop short of 2 GB: a larger proto-max-bulk-len does not take bits past that.
        long maxBytes = Math.min(c.engine.maxBulkLength(), StringValue.MAX_ARRAY - 8);
        if (offset < 0 || (offset >>> 3) >= maxBytes) {
            throw new CommandError(OFFSET_ERROR);
        }
        return offset;
    }
    // end::offset[]

    // tag::setbit[]
    private static void setbit(Client c, List<byte[]> a) {
        long offset = offset(c, a.get(2), 0);
        Long on = Numbers.parseLong(a.get(3));
        if (on == null || (on & ~1L) != 0) {
            throw new CommandError(BIT_ERROR);
        }
        Key key = Args.key(a.get(1));
        int index = (int) (offset >>> 3);
        int mask = 1 << (7 - (int) (offset & 7));
        StringValue value = Lookup.string(c.db(), key);
        boolean grown = value == null || value.length() <= index;
        if (value == null) {
            value = StringValue.raw(new byte[index + 1], index + 1); // a new string, exactly long enough
        } else {
            value.growZero(index + 1); // raw from now on, even if nothing changes, as Redis's dbUnshareStringValue
        }
        int old = value.array()[value.offset() + index];
        boolean wasSet = (old & mask) != 0;
        if (grown || wasSet != (on == 1)) { // an unchanged bit is no change: no WATCH touched, nothing propagated
            value.setRange(index, new byte[] {(byte) (on == 1 ? old | mask : old & ~mask)});
            c.db().put(key, value);
            c.modified(key);
        } else {
            c.db().put(key, value);
        }
        c.reply.integer(wasSet ? 1 : 0);
    }
    // end::setbit[]

    private static void getbit(Client c, List<byte[]> a) {
        long offset = offset(c, a.get(2), 0);
        StringValue value = Lookup.string(c.db(), Args.key(a.get(1)));
        c.reply.integer(value == null ? 0 : Bits.get(value.array(), value.offset(), value.length(), offset));
    }

    /**
     * A range of bytes or bits, as BITCOUNT and BITPOS read {@code start end [BYTE|BIT]}: negative positions count
     * from the end, and the range is then cut to the string. {@code from > to} is an empty range.
     */
    record Range(long from, long to) {

        static Range of(long start, long end, boolean bits, long stringLength) {
            long total = bits ? stringLength * 8 : stringLength;
            if (start < 0) {
                start += total;
            }
            if (end < 0) {
                end += total;
            }
            start = Math.max(start, 0);
            end = Math.max(end, 0);
            end = Math.min(end, total - 1);
            return bits || start > end ? new Range(start, end) : new Range(start * 8, end * 8 + 7);
        }

        boolean isEmpty() {
            return from > to;
        }
    }

    /** BYTE or BIT, the unit of a range: true for BIT, a syntax error for anything else. */
    private static boolean inBits(byte[] unit) {
        if (Args.is(unit, "bit")) {
            return true;
        }
        if (Args.is(unit, "byte")) {
            return false;
        }
        throw CommandError.syntax();
    }

    /** Redis 7.0 looks the key up first: a missing key counts 0 whatever the other arguments are. */
    private static void bitcount(Client c, List<byte[]> a) {
        StringValue value = Lookup.string(c.db(), Args.key(a.get(1)));
        if (value == null) {
            c.reply.integer(0);
            return;
        }
        Range range;
        if (a.size() == 4 || a.size() == 5) {
            long start = Args.integer(a.get(2));
            long end = Args.integer(a.get(3));
            if (start < 0 && end < 0 && start > end) {
                c.reply.integer(0);
                return;
            }
            range = Range.of(start, end, a.size() == 5 && inBits(a.get(4)), value.length());
        } else if (a.size() == 2) {
            range = Range.of(0, -1, false, value.length());
        } else {
            throw CommandError.syntax();
        }
        c.reply.integer(range.isEmpty() ? 0 : Bits.count(value.array(), value.offset(), range.from(), range.to()));
    }

    // tag::bitpos[]
    /**
     * The first bit set (or clear) in a range. A missing key is an endless run of zero bits: 0 for a clear bit, -1
     * for a set one. Without an end, the string is taken as going on with zero bytes, so a clear bit is always
     * found ({@code BITPOS "\xff" 0} is 8); with an end, a bit outside the range is never the answer.
     */
    private static void bitpos(Client c, List<byte[]> a) {
        long bit = Args.integer(a.get(2));
        if (bit != 0 && bit != 1) {
            throw new CommandError("ERR The bit argument must be 1 or 0.");
        }
        StringValue value = Lookup.string(c.db(), Args.key(a.get(1)));
        if (value == null) {
            c.reply.integer(bit == 1 ? -1 : 0);
            return;
        }
        boolean endGiven = a.size() >= 5;
        Range range;
        if (a.size() >= 4 && a.size() <= 6) {
            long start = Args.integer(a.get(3));
            boolean bits = a.size() == 6 && inBits(a.get(5));
            long end = endGiven ? Args.integer(a.get(4)) : -1;
            range = Range.of(start, end, bits, value.length());
        } else if (a.size() == 3) {
            range = Range.of(0, -1, false, value.length());
        } else {
            throw CommandError.syntax();
        }
        if (range.isEmpty()) {
            c.reply.integer(-1);
            return;
        }
        long found = Bits.first(value.array(), value.offset(), range.from(), range.to(), (int) bit);
        if (found == -1 && bit == 0 && !endGiven) {
            found = range.to() + 1; // the first of the zero bits after the string
        }
        c.reply.integer(found);
    }
    // end::bitpos[]
}
