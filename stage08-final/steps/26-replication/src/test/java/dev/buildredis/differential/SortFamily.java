package dev.buildredis.differential;

import java.util.ArrayList;
import java.util.List;

import static dev.buildredis.differential.Arguments.args;

/**
 * SORT and SORT_RO over the lists, sets and sorted sets the other families make: as numbers or ALPHA, ASC or DESC,
 * LIMIT, BY a key or hash field pattern (or nosort), GET patterns, STORE. The weights and the values GET reads are
 * keys {@code w_<member>} and hashes {@code h_<member>}, which this family's own rows write; a pattern without
 * {@code *} sorts nothing, and {@code k*} reads the sequence's own keys k0 to k3 for the members 0 to 3.
 *
 * <p>Where Redis's order is its hash table's or its sort's ({@link Check#SORT}), the replies compare by invariant.
 * A STORE never sorts ALPHA BY a pattern: ties of equal or missing weights would store the lists in different
 * orders, which every later read of the destination would show.
 */
final class SortFamily implements Family {

    @Override
    public int weight() {
        return 8;
    }

    @Override
    public List<Template> templates() {
        return List.of(
                Template.of(a -> args("SET", "w_" + a.member(), weight(a))),
                Template.of(a -> args("MSET", "w_" + a.member(), weight(a), "w_" + a.member(), weight(a))),
                Template.of(a -> args("HSET", "h_" + a.member(), a.pick("f", "g"), weight(a))),
                Template.of(Check.SORT, a -> args(a.pick("SORT", "SORT_RO"), a.key(), options(a, true))),
                Template.of(Check.SORT, a -> args("SORT", a.key(), options(a, true))),
                // never mutated: an edge value "*" in place of "nosort" would sort ALPHA BY a pattern
                Template.fixed(Check.EXACT, a -> args("SORT", a.key(), options(a, false), "STORE", a.key())));
    }

    /** A weight: an integer or float mostly, now and then a string that is none (an error unless ALPHA). */
    private static String weight(Arguments a) {
        return a.chance(75) ? Integer.toString(a.between(-3, 9)) : a.pick("1.5", "-0.5", "1e308", "inf", "-inf",
                "nan", "abc", "", "10", "b", "a");
    }

    private static String pattern(Arguments a) {
        return a.pick("w_*", "w_*", "h_*->f", "h_*->g", "h_*->", "k*", "*", "nosort", "nosuch_*", "w_*->f", "#",
                "w_", "*->f");
    }

    /**
     * SORT's options in any order, each now and then: BY, LIMIT, GET (several), ASC or DESC, ALPHA; never ALPHA with
     * a BY pattern where {@code tiesAllowed} is false.
     */
    private static List<String> options(Arguments a, boolean tiesAllowed) {
        List<List<String>> options = new ArrayList<>();
        boolean by = a.chance(40);
        String byPattern = pattern(a);
        if (by) {
            options.add(List.of("BY", byPattern));
        }
        if (a.chance(40) && (tiesAllowed || !by || !byPattern.contains("*"))) {
            options.add(List.of("ALPHA"));
        }
        if (a.chance(30)) {
            options.add(List.of(a.pick("ASC", "DESC", "DESC")));
        }
        if (a.chance(30)) {
            options.add(List.of("LIMIT", a.pick("0", "1", "2", "-1", "abc", "9223372036854775807"),
                    a.pick("1", "2", "5", "-1", "0", "9223372036854775807")));
        }
        for (int i = a.chance(40) ? a.between(1, 3) : 0; i > 0; i--) {
            options.add(List.of("GET", a.chance(40) ? "#" : pattern(a)));
        }
        if (a.chance(3)) {
            options.add(List.of(a.pick("BY", "LIMIT", "GET", "BOGUS", "STORE")));
        }
        java.util.Collections.shuffle(options, new java.util.Random(a.nextLong()));
        List<String> flat = new ArrayList<>();
        options.forEach(flat::addAll);
        return flat;
    }
}
