package dev.buildredis.bitmaps;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Lookup;
import dev.buildredis.store.Key;
import dev.buildredis.store.Numbers;
import dev.buildredis.store.StringValue;

import java.util.ArrayList;
import java.util.List;

/**
 * BITFIELD and BITFIELD_RO: integers of any width from 1 to 64 bits at any bit offset of a string.
 * <pre>
 * BITFIELD k SET u8 0 255 GET i8 0 INCRBY u4 #1 3 OVERFLOW SAT INCRBY u8 0 1
 *   *4 :0 :-1 :3 :255        SET answers the old value, INCRBY the new one; a failed INCRBY (OVERFLOW FAIL) is a null
 * </pre>
 * A type is {@code i} (signed, up to i64) or {@code u} (unsigned, up to u63: RESP has no integer above 2^63-1)
 * and its width; an offset is a bit ({@code 8}) or a field number ({@code #1}: the second field of that width).
 * OVERFLOW applies to the SETs and INCRBYs after it: WRAP (the default) wraps around, SAT stops at the type's
 * limit, FAIL does nothing and answers null. Every subcommand is read and checked before any runs, so a bad one
 * fails the whole command and changes nothing. BITFIELD_RO takes only GET, for read-only replicas and scripts.
 */
final class BitfieldCommand {

    private static final String TYPE_ERROR =
            "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.";

    private BitfieldCommand() {
    }

    /** One subcommand, read and checked. */
    private record Op(Kind kind, long offset, int bits, boolean signed, long value, Overflow overflow) {
    }

    private enum Kind { GET, SET, INCRBY }

    static void run(Client c, List<byte[]> a, boolean readOnlyCommand) {
        List<Op> ops = new ArrayList<>();
        Overflow overflow = Overflow.WRAP;
        boolean writes = false;
        long highestBit = 0; // the last bit a SET or INCRBY touches: the string grows to it before any runs
        for (int j = 2; j < a.size(); j++) {
            int remaining = a.size() - j - 1;
            byte[] name = a.get(j);
            Kind kind;
            if (Args.is(name, "get") && remaining >= 2) {
                kind = Kind.GET;
            } else if (Args.is(name, "set") && remaining >= 3) {
                kind = Kind.SET;
            } else if (Args.is(name, "incrby") && remaining >= 3) {
                kind = Kind.INCRBY;
            } else if (Args.is(name, "overflow") && remaining >= 1) {
                overflow = Overflow.parse(a.get(++j));
                continue;
            } else {
                throw CommandError.syntax();
            }
            byte[] type = a.get(j + 1);
            boolean signed = type.length > 0 && type[0] == 'i';
            int bits = width(type);
            long offset = BitmapCommands.offset(c, a.get(j + 2), bits);
            long value = 0;
            if (kind != Kind.GET) {
                writes = true;
                highestBit = Math.max(highestBit, offset + bits - 1);
                value = Args.integer(a.get(j + 3));
            }
            ops.add(new Op(kind, offset, bits, signed, value, overflow));
            j += kind == Kind.GET ? 2 : 3;
        }
        Key key = Args.key(a.get(1));
        StringValue value;
        boolean grown = false;
        if (!writes) {
            value = Lookup.string(c.db(), key);
            if (value == null && !readOnlyCommand) {
                c.notifyKeyspaceEvent("keymiss", key); // BITFIELD of GETs alone reads as BITFIELD_RO does
            }
        } else if (readOnlyCommand) {
            throw new CommandError("ERR BITFIELD_RO only supports the GET subcommand");
        } else {
            value = Lookup.string(c.db(), key);
            int needed = (int) (highestBit >>> 3) + 1;
            if (value == null) {
                value = StringValue.raw(new byte[needed], needed);
                grown = true;
            } else {
                grown = value.length() < needed;
                value.growZero(needed);
            }
            c.db().put(key, value); // even if nothing changes: a new key stays, as in Redis (OVERFLOW FAIL)
        }
        c.reply.arrayHeader(ops.size());
        long changes = 0;
        for (Op op : ops) {
            if (op.kind() == Kind.GET) {
                c.reply.integer(value == null ? 0 : read(value, op));
            } else if (write(c, value, op, grown)) {
                changes++;
            }
        }
        if (changes > 0) {
            c.db().put(key, value);
            c.modified(key);
            c.engine.countChanges(changes, 1); // Redis: a change a SET or INCRBY that wrote
        }
    }

    /** i1..i64 or u1..u63, as Redis's {@code getBitfieldTypeFromArgument} reads them (up to a NUL byte, as C). */
    private static int width(byte[] type) {
        int end = 1;
        while (end < type.length && type[end] != 0) {
            end++;
        }
        Long bits = type.length == 0 || (type[0] != 'i' && type[0] != 'u') ? null : Numbers.parseLong(type, 1, end);
        if (bits == null || bits < 1 || bits > (type[0] == 'i' ? 64 : 63)) {
            throw new CommandError(TYPE_ERROR);
        }
        return bits.intValue();
    }

    private static long read(StringValue value, Op op) {
        return op.signed() ? Bits.getSigned(value.array(), value.offset(), value.length(), op.offset(), op.bits())
                : Bits.getUnsigned(value.array(), value.offset(), value.length(), op.offset(), op.bits());
    }

    /** Runs a SET or an INCRBY and writes its reply; true if it changed the string (or the string grew). */
    private static boolean write(Client c, StringValue value, Op op, boolean grown) {
        long old = read(value, op);
        long target = op.kind() == Kind.INCRBY ? old + op.value() : op.value();
        Overflow.Result result = op.signed()
                ? op.overflow().signed(op.kind() == Kind.INCRBY ? old : op.value(),
                        op.kind() == Kind.INCRBY ? op.value() : 0, op.bits())
                : op.overflow().unsigned(op.kind() == Kind.INCRBY ? old : op.value(),
                        op.kind() == Kind.INCRBY ? op.value() : 0, op.bits());
        if (result.failed()) {
            c.reply.nullBulk();
            return false;
        }
        long stored = result.overflowed() ? result.value() : target;
        c.reply.integer(op.kind() == Kind.INCRBY ? stored : old);
        int first = (int) (op.offset() >>> 3);
        int last = (int) ((op.offset() + op.bits() - 1) >>> 3);
        byte[] span = new byte[last - first + 1];
        System.arraycopy(value.array(), value.offset() + first, span, 0, span.length);
        Bits.set(span, op.offset() - (long) first * 8, op.bits(), stored);
        value.setRange(first, span);
        return grown || old != stored;
    }
}
