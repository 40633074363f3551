// @step 25
package dev.buildredis.differential;

import java.util.ArrayList;
import java.util.List;

import static dev.buildredis.differential.Arguments.args;

/**
 * Bitmaps: SETBIT, GETBIT, BITCOUNT and BITPOS over ranges of bytes and bits, BITOP, BITFIELD and BITFIELD_RO with
 * every width, field offsets and overflow rule. Offsets stay small: a valid offset near 2^32 would make both servers
 * allocate 512 MB.
 */
final class BitmapFamily implements Family {

    private static final List<String> WIDTHS = List.of("1", "2", "3", "7", "8", "9", "16", "31", "32", "33", "63",
            "64");

    /** Strings whose bits are all set, all clear, or both: where BITPOS's edge rules show. */
    private static final String[] BITMAPS = {"\u00ff", "\u00ff\u00ff\u00ff", "\u0000", "\u0000\u0000\u0000",
            "\u00ff\u00f0\u0000", "\u000f\u00ff", "\u00ff".repeat(20), "\u0000".repeat(17) + "\u0001"};

    @Override
    public int weight() {
        return 4;
    }

    @Override
    public List<Template> templates() {
        return List.of(
                Template.of(a -> args("SET", a.key(), a.pick(BITMAPS))),
                Template.of(a -> args("SETBIT", a.key(), offset(a), a.chance(90) ? a.pick("0", "1")
                        : a.pick("2", "-1", "x", ""))),
                Template.of(a -> args("GETBIT", a.key(), offset(a))),
                Template.of(a -> args("BITCOUNT", a.key(), range(a))),
                Template.of(a -> args("BITPOS", a.key(), a.chance(90) ? a.pick("0", "1") : a.integer(), range(a))),
                Template.of(a -> args("BITOP", a.pick("AND", "OR", "XOR", "NOT", "and", "NAND"), a.key(),
                        a.keys(1, 3))),
                Template.of(a -> args("BITFIELD", a.key(), fields(a, true))),
                Template.of(a -> args("BITFIELD_RO", a.key(), fields(a, a.chance(10)))));
    }

    /** A bit offset: small mostly, sometimes refused (negative, not a number, past 512 MB). */
    private static String offset(Arguments a) {
        return a.chance(90) ? Integer.toString(a.between(0, 100))
                : a.pick("-1", "abc", "1.5", "4294967296", "9223372036854775807", "#1");
    }

    /** BITCOUNT's and BITPOS's optional {@code start end [BYTE|BIT]}, or a part of it. */
    private static List<String> range(Arguments a) {
        List<String> range = new ArrayList<>();
        int parts = a.between(0, 3);
        for (int i = 0; i < parts; i++) {
            range.add(i < 2 ? a.integer() : a.pick("BIT", "BYTE", "bit", "bits"));
        }
        return range;
    }

    /** One to four subcommands: GET, SET, INCRBY and OVERFLOW, with SET and INCRBY only if {@code writes}. */
    private static List<String> fields(Arguments a, boolean writes) {
        List<String> fields = new ArrayList<>();
        for (int i = a.between(1, 4); i > 0; i--) {
            String type = a.chance(95) ? a.pick("i", "u") + a.pick(WIDTHS) : a.pick("u64", "i65", "i0", "x8", "");
            String offset = a.chance(80) ? Integer.toString(a.between(0, 90)) : a.pick("#0", "#1", "#3", "-1", "#");
            switch (writes ? a.nextInt(4) : 0) {
                case 0 -> fields.addAll(List.of("GET", type, offset));
                case 1 -> fields.addAll(List.of("SET", type, offset, a.integer()));
                case 2 -> fields.addAll(List.of("INCRBY", type, offset, a.integer()));
                default -> fields.addAll(List.of("OVERFLOW", a.pick("WRAP", "SAT", "FAIL", "fail", "NONE")));
            }
        }
        return fields;
    }
}
