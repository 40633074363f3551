package dev.buildredis.bitmaps;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Lookup;
import dev.buildredis.store.Key;
import dev.buildredis.store.StringValue;

import java.util.List;

/**
 * BITOP: a bitwise operation over whole strings, byte by byte, the result stored in a destination key.
 * <pre>
 * BITOP AND|OR|XOR dest k1 k2 ...   BITOP NOT dest k      :&lt;the result's length&gt;
 * </pre>
 * A shorter string, or a missing key, counts as zero bytes up to the longest one, so {@code AND} with a missing key
 * is all zeros. When every source is empty or missing the result is empty, and an empty result is not stored: the
 * destination is deleted instead, since Redis keeps no empty strings made by a command.
 */
final class BitOp {

    private BitOp() {
    }

    private enum Operation { AND, OR, XOR, NOT }

    static void bitop(Client c, List<byte[]> a) {
        Operation op = operation(a.get(1));
        if (op == Operation.NOT && a.size() != 4) {
            throw new CommandError("ERR BITOP NOT must be called with a single source key.");
        }
        int sources = a.size() - 3;
        StringValue[] values = new StringValue[sources];
        int longest = 0;
        for (int i = 0; i < sources; i++) {
            values[i] = Lookup.string(c.db(), Args.key(a.get(3 + i)));
            if (values[i] != null) {
                longest = Math.max(longest, values[i].length());
            }
        }
        Key destination = Args.key(a.get(2));
        if (longest == 0) {
            if (c.db().delete(destination)) {
                c.modified(destination);
            }
            c.reply.integer(0);
            return;
        }
        byte[] result = new byte[longest];
        for (int j = 0; j < longest; j++) {
            int output = byteAt(values[0], j);
            if (op == Operation.NOT) {
                output = ~output;
            }
            for (int i = 1; i < sources; i++) {
                int b = byteAt(values[i], j);
                output = switch (op) {
                    case AND -> output & b;
                    case OR -> output | b;
                    case XOR -> output ^ b;
                    case NOT -> output;
                };
            }
            result[j] = (byte) output;
        }
        c.db().set(destination, StringValue.raw(result, longest)); // as SET: the destination's TTL goes
        c.modified(destination);
        c.reply.integer(longest);
    }

    private static Operation operation(byte[] name) {
        for (Operation op : Operation.values()) {
            if (Args.is(name, op.name())) {
                return op;
            }
        }
        throw CommandError.syntax();
    }

    /** Byte {@code j} of a source, 0 past its end or for a missing key. */
    private static int byteAt(StringValue value, int j) {
        return value == null || j >= value.length() ? 0 : value.array()[value.offset() + j];
    }
}
