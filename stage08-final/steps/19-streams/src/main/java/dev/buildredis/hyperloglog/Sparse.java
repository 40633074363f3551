package dev.buildredis.hyperloglog;

import static dev.buildredis.hyperloglog.Opcode.isVal;
import static dev.buildredis.hyperloglog.Opcode.isXzero;
import static dev.buildredis.hyperloglog.Opcode.isZero;
import static dev.buildredis.hyperloglog.Opcode.val;
import static dev.buildredis.hyperloglog.Opcode.valLength;
import static dev.buildredis.hyperloglog.Opcode.valValue;
import static dev.buildredis.hyperloglog.Opcode.xzeroLength;
import static dev.buildredis.hyperloglog.Opcode.zeroLength;

/**
 * The sparse encoding: the registers from first to last as runs, in three {@link Opcode}s (ZERO and XZERO for runs
 * of zeros, VAL for up to four equal registers), as Redis's {@code hyperloglog.c}.
 * <pre>
 *   empty:                               XZERO:16384              7f ff
 *   registers 1000, 1020, 1021 at 2,3,3: XZERO:1000 VAL:2,1 ZERO:19 VAL:3,2 XZERO:15362
 * </pre>
 * A register above 32, or a string that would grow past {@code hll-sparse-max-bytes}, turns the HLL dense. The
 * opcodes of a string can be anything (SETRANGE can write them): every walk checks that the runs add up to 16384
 * registers and reports a corrupt HLL otherwise, and reads past the end find 0, never another array's bytes.
 */
final class Sparse {

    private Sparse() {
    }

    /** What {@link #walk} hands each opcode: the first register it covers, how many, and their value. */
    @FunctionalInterface
    interface RunVisitor {
        void visit(int first, int run, int value);
    }

    /** What {@link #forEachRegister} hands each register that is not 0. */
    @FunctionalInterface
    interface RegisterVisitor {
        void visit(int index, int value);
    }

    /** Writes a run of zeros as ZERO or, when longer than 64, XZERO; returns where the next opcode goes. */
    private static int putZeros(byte[] seq, int n, int length) {
        if (length > Opcode.ZERO_MAX_LEN) {
            Opcode.setXzero(seq, n, length);
            return n + 2;
        }
        seq[n] = Opcode.zero(length);
        return n + 1;
    }

    /**
     * Walks the opcodes, handing each run to {@code visitor}; false if the runs do not cover exactly 16384
     * registers. A run past the last register stops the walk at once: the check of the Redis 7.0.15 that Debian
     * ships (CVE-2025-32023), so that no crafted string leads past the registers.
     */
    static boolean walk(HyperLogLog hll, RunVisitor visitor) {
        int index = 0;
        int p = HyperLogLog.HEADER;
        while (p < hll.length) {
            int op = hll.at(p);
            int run;
            int value = 0;
            if (isZero(op)) {
                run = zeroLength(op);
                p++;
            } else if (isXzero(op)) {
                run = xzeroLength(op, hll.at(p + 1));
                p += 2;
            } else {
                run = valLength(op);
                value = valValue(op);
                p++;
            }
            if (index + run > HyperLogLog.REGISTERS) {
                return false;
            }
            visitor.visit(index, run, value);
            index += run;
        }
        return index == HyperLogLog.REGISTERS;
    }

    /** Visits every register that is not 0, in order; false as {@link #walk}. */
    static boolean forEachRegister(HyperLogLog hll, RegisterVisitor visitor) {
        return walk(hll, (first, run, value) -> {
            for (int i = 0; value != 0 && i < run; i++) {
                visitor.visit(first + i, value);
            }
        });
    }

    /** Adds how many registers hold each value to {@code histogram}; false as {@link #walk}. */
    static boolean histogram(HyperLogLog hll, int[] histogram) {
        return walk(hll, (first, run, value) -> histogram[value] += run);
    }

    /** PFDEBUG DECODE: the opcodes as text, {@code "Z:8436 v:1,1 z:3"}. */
    static String decode(HyperLogLog hll) {
        StringBuilder text = new StringBuilder();
        int p = HyperLogLog.HEADER;
        while (p < hll.length) {
            int op = hll.at(p);
            if (isZero(op)) {
                text.append("z:").append(zeroLength(op)).append(' ');
                p++;
            } else if (isXzero(op)) {
                text.append("Z:").append(xzeroLength(op, hll.at(p + 1))).append(' ');
                p += 2;
            } else {
                text.append("v:").append(valValue(op)).append(',').append(valLength(op)).append(' ');
                p++;
            }
        }
        return text.toString().strip();
    }

    // tag::sparse-set[]
    /**
     * Raises register {@code index} to {@code count} in place, as Redis's {@code hllSparseSet}: 1 if it rose, 0 if
     * it was as high already, -1 if the sparse form is corrupt. The opcode holding the register is split in up to
     * three (XZERO:1000 becomes XZERO:400 VAL:5,1 XZERO:599), equal VALs next to it are joined again, and the HLL
     * turns dense instead if the count does not fit a VAL or the string would grow past {@code maxBytes}.
     */
    static int set(HyperLogLog hll, int index, int count, long maxBytes) {
        if (count > Opcode.VAL_MAX_VALUE) {
            return promote(hll, index, count);
        }
        ensureRoom(hll); // the worst split, XZERO into XZERO VAL XZERO, adds three bytes
        byte[] b = hll.bytes;
        int end = hll.length;
        // Step 1: find the opcode that covers the register.
        int p = HyperLogLog.HEADER;
        int prev = -1;
        long first = 0;
        int span = 0;
        while (p < end) {
            int op = hll.at(p);
            int length = 1;
            if (isZero(op)) {
                span = zeroLength(op);
            } else if (isVal(op)) {
                span = valLength(op);
            } else {
                span = xzeroLength(op, hll.at(p + 1));
                length = 2;
            }
            if (index <= first + span - 1) {
                break;
            }
            prev = p;
            p += length;
            first += span;
        }
        if (span == 0 || p >= end) {
            return -1;
        }
        int op = hll.at(p);
        int next = isXzero(op) ? p + 2 : p + 1;
        boolean hasNext = next < end;
        // Step 2: the cases that change one byte in place.
        if (isVal(op)) {
            if (valValue(op) >= count) {
                return 0;
            }
            if (valLength(op) == 1) {
                b[p] = val(count, 1);
                return merged(hll, prev, end);
            }
        }
        if (isZero(op) && zeroLength(op) == 1) {
            b[p] = val(count, 1);
            return merged(hll, prev, end);
        }
        // Step 3: split the opcode into a sequence of up to five bytes and put it in the opcode's place.
        byte[] seq = new byte[5];
        int n = 0;
        long last = first + span - 1;
        if (isVal(op)) {
            int value = valValue(op);
            if (index != first) {
                seq[n++] = val(value, (int) (index - first));
            }
            seq[n++] = val(count, 1);
            if (index != last) {
                seq[n++] = val(value, (int) (last - index));
            }
        } else {
            if (index != first) {
                n = putZeros(seq, n, (int) (index - first));
            }
            seq[n++] = val(count, 1);
            if (index != last) {
                n = putZeros(seq, n, (int) (last - index));
            }
        }
        int delta = n - (isXzero(op) ? 2 : 1);
        if (delta > 0 && (long) hll.length + delta > maxBytes) {
            return promote(hll, index, count);
        }
        if (delta != 0 && hasNext) {
            System.arraycopy(b, next, b, next + delta, end - next);
        }
        hll.length += delta;
        System.arraycopy(seq, 0, b, p, n);
        return merged(hll, prev, end + delta);
    }

    /** Step 4: joins equal VAL opcodes next to the change, scanning up to five opcodes from the one before it. */
    private static int merged(HyperLogLog hll, int prev, int end) {
        byte[] b = hll.bytes;
        int p = prev >= 0 ? prev : HyperLogLog.HEADER;
        int scan = 5;
        while (p < end && scan-- > 0) {
            int op = hll.at(p);
            if (isXzero(op)) {
                p += 2;
                continue;
            } else if (isZero(op)) {
                p++;
                continue;
            }
            if (p + 1 < end && isVal(hll.at(p + 1))) {
                int next = hll.at(p + 1);
                int length = valLength(op) + valLength(next);
                if (valValue(op) == valValue(next) && length <= Opcode.VAL_MAX_LEN) {
                    b[p + 1] = val(valValue(op), length);
                    System.arraycopy(b, p + 1, b, p, end - p - 1);
                    hll.length--;
                    end--;
                    continue; // the joined opcode may join the next one too
                }
            }
            p++;
        }
        hll.invalidateCache();
        return 1;
    }
    // end::sparse-set[]

    private static int promote(HyperLogLog hll, int index, int count) {
        if (!hll.toDense()) {
            return -1;
        }
        return hll.denseSet(index, count);
    }

    /**
     * Makes room for three more bytes and one after them, where Redis has the NUL that ends its strings (a corrupt
     * XZERO cut short at the end is split one byte further), doubling as {@code sdsMakeRoomFor} does.
     */
    private static void ensureRoom(HyperLogLog hll) {
        if (hll.bytes.length - hll.length < 4) {
            byte[] grown = new byte[(hll.length + 3) * 2 + 1];
            System.arraycopy(hll.bytes, 0, grown, 0, hll.length);
            hll.bytes = grown;
        }
    }
}
