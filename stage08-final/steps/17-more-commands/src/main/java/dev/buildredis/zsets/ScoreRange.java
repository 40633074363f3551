package dev.buildredis.zsets;

import dev.buildredis.engine.CommandError;
import dev.buildredis.store.Key;
import dev.buildredis.store.Numbers;

import java.util.Arrays;

/**
 * The two kinds of range a sorted-set command takes, parsed as Redis parses them.
 * <pre>
 * by score:  1  (1  -inf  +inf        "(" excludes the bound    else -ERR min or max is not a float
 * by member: [a  (a  -  +             "-"/"+" are the ends      else -ERR min or max not valid string range item
 * </pre>
 */
final class ScoreRange {

    private ScoreRange() {
    }

    record Scores(double min, boolean minExclusive, double max, boolean maxExclusive) {

        boolean aboveMin(double score) {
            return minExclusive ? score > min : score >= min;
        }

        boolean belowMax(double score) {
            return maxExclusive ? score < max : score <= max;
        }

        boolean isEmpty() {
            return min > max || (min == max && (minExclusive || maxExclusive));
        }
    }

    /** A bound: {@code null} member with {@code side} -1 is "-", +1 is "+". */
    record Lex(byte[] min, boolean minExclusive, int minSide, byte[] max, boolean maxExclusive, int maxSide) {

        boolean aboveMin(Key member) {
            if (minSide != 0) {
                return minSide < 0;
            }
            int cmp = Arrays.compareUnsigned(member.bytes(), min);
            return minExclusive ? cmp > 0 : cmp >= 0;
        }

        /** A range no member can be in, as Redis's sdscmplex tells: min above max, or equal with one excluded. */
        boolean isEmpty() {
            int cmp = minSide != 0 || maxSide != 0
                    ? (minSide == maxSide && minSide != 0 ? 0 : minSide < 0 || maxSide > 0 ? -1 : 1)
                    : Arrays.compareUnsigned(min, max);
            return cmp > 0 || (cmp == 0 && (minExclusive || maxExclusive));
        }

        boolean belowMax(Key member) {
            if (maxSide != 0) {
                return maxSide > 0;
            }
            int cmp = Arrays.compareUnsigned(member.bytes(), max);
            return maxExclusive ? cmp < 0 : cmp <= 0;
        }

        /**
         * Redis's zslIsInLexRange: false if the range is empty ([b [a, (a (a) or if a set whose members run from
         * {@code first} to {@code last} cannot reach it (its last member is below min, or its first above max).
         * Redis checks this before it looks for the range's start, which matters for a set whose scores differ:
         * its members are then not in lexical order, and BYLEX answers what this walk finds.
         */
        boolean mayHold(Key first, Key last) {
            int cmp = minSide != 0 || maxSide != 0
                    ? (minSide == maxSide ? 0 : minSide < 0 || maxSide > 0 ? -1 : 1)
                    : Arrays.compareUnsigned(min, max);
            if (cmp > 0 || (cmp == 0 && (minExclusive || maxExclusive))) {
                return false;
            }
            return aboveMin(last) && belowMax(first);
        }
    }

    static Scores scores(byte[] min, byte[] max) {
        String error = "ERR min or max is not a float";
        boolean minEx = min.length > 0 && min[0] == '(';
        boolean maxEx = max.length > 0 && max[0] == '(';
        Double lo = bound(min, minEx ? 1 : 0);
        Double hi = bound(max, maxEx ? 1 : 0);
        if (lo == null || hi == null) {
            throw new CommandError(error);
        }
        return new Scores(lo, minEx, hi, maxEx);
    }

    /**
     * A score bound from {@code from} on, read as Redis reads it (its {@code zslParseRange} calls {@code strtod} and
     * only checks that the number is not NaN and ends the argument): blanks before the number are skipped, nothing
     * at all ({@code ""}, {@code "("}) is 0, {@code 0x10} is 16 and {@code 1e400} is +inf.
     */
    private static Double bound(byte[] b, int from) {
        return Numbers.parseBound(b, from);
    }

    static Lex lex(byte[] min, byte[] max) {
        byte[][] bounds = {min, max};
        int[] sides = new int[2];
        boolean[] exclusive = new boolean[2];
        byte[][] values = new byte[2][];
        for (int i = 0; i < 2; i++) {
            byte[] b = bounds[i];
            if (b.length == 1 && b[0] == '-') {
                sides[i] = -1;
            } else if (b.length == 1 && b[0] == '+') {
                sides[i] = 1;
            } else if (b.length > 0 && (b[0] == '[' || b[0] == '(')) {
                exclusive[i] = b[0] == '(';
                values[i] = Arrays.copyOfRange(b, 1, b.length);
            } else {
                throw new CommandError("ERR min or max not valid string range item");
            }
        }
        return new Lex(values[0], exclusive[0], sides[0], values[1], exclusive[1], sides[1]);
    }
}
