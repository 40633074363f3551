// @step 25
package dev.buildredis.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a sequence of calls from one seed: the same seed gives the same sequence, so a failure is a seed and a
 * length. Each call comes from a family drawn by weight, then a row of its table; now and then a call is mutated
 * (an argument dropped, added or replaced by an edge value, the name misspelt) to reach the errors.
 *
 * <p>A sequence may begin with the second client lowering the encodings' size limits (so that listpacks and
 * intsets turn into hash tables after a few elements, and stream nodes fill after a few entries) and with the main
 * client switching to RESP3.
 */
final class Generator {

    /** Every family drawn from; a new family is one more entry. */
    static final List<Family> FAMILIES = List.of(new StringFamily(), new ListFamily(), new HashFamily(),
            new SetFamily(), new SortedSetFamily(), new KeyFamily(), new TransactionFamily(), new PubSubFamily(),
            new ConnectionFamily(), new ServerFamily(), new BitmapFamily(), new HyperLogLogFamily(),
            new StreamFamily(), new GeoFamily(), new SortFamily());

    /** The settings {@link Side} restores before each sequence: redis-server 7.0's defaults. */
    static final List<String> DEFAULT_SETTINGS = List.of("hash-max-listpack-entries", "512",
            "hash-max-listpack-value", "64", "set-max-intset-entries", "512", "zset-max-listpack-entries", "128",
            "zset-max-listpack-value", "64", "list-max-listpack-size", "-2", "stream-node-max-entries", "100",
            "stream-node-max-bytes", "4096", "notify-keyspace-events", "", "hll-sparse-max-bytes", "3000");

    /** Whether sequences turn keyspace notifications on, for a main client subscribed to __key*__ channels. */
    static final boolean KEYSPACE_NOTIFICATIONS = true;

    /** Per cent of calls mutated. */
    private static final int MUTATION_PERCENT = 7;

    /** Per cent chance, at each call inside MULTI, that the transaction ends there. */
    private static final int END_TRANSACTION_PERCENT = 15;

    private final Arguments a;
    private final int totalWeight;
    private boolean inMulti;

    Generator(long seed) {
        this.a = new Arguments(seed);
        this.totalWeight = FAMILIES.stream().mapToInt(Family::weight).sum();
    }

    /**
     * A whole sequence: its set-up calls (smaller encoding limits, keyspace notifications, RESP3), each now and
     * then, then {@code length} drawn calls.
     */
    List<Call> sequence(int length) {
        List<Call> calls = new ArrayList<>();
        if (a.chance(50)) {
            calls.add(Call.other(Check.EXACT, "CONFIG", "SET",
                    "hash-max-listpack-entries", a.pick("2", "4", "8"),
                    "hash-max-listpack-value", a.pick("4", "16", "64"),
                    "set-max-intset-entries", a.pick("2", "4", "8"),
                    "zset-max-listpack-entries", a.pick("2", "4", "8"),
                    "zset-max-listpack-value", a.pick("4", "16", "64"),
                    "list-max-listpack-size", a.pick("-2", "4", "-1"),
                    "stream-node-max-entries", a.pick("2", "3", "100", "0"),
                    "stream-node-max-bytes", a.pick("60", "200", "4096", "0")));
        }
        if (KEYSPACE_NOTIFICATIONS && a.chance(25)) { // for a main client subscribed to __key*__ channels
            calls.add(Call.other(Check.EXACT, "CONFIG", "SET", "notify-keyspace-events",
                    a.pick("KEA", "AKE", "K$lshzxeg", "El", "Kg$", "Ex", "Kgxz", "E$h")));
        }
        if (a.chance(30)) {
            calls.add(Call.main(Check.HELLO, List.of("HELLO", "3")));
        }
        for (int i = 0; i < length; i++) {
            calls.add(next());
        }
        return calls;
    }

    // tag::next[]
    Call next() {
        if (inMulti && a.chance(END_TRANSACTION_PERCENT)) {
            inMulti = false;
            return Call.main(Check.EXACT, List.of(a.chance(85) ? "EXEC" : "DISCARD"));
        }
        while (true) {
            Template template = a.pick(pickFamily().templates());
            if (inMulti && !template.transactional()) {
                continue;
            }
            List<String> args = new ArrayList<>(template.args().apply(a));
            if (template.other()) {
                return new Call(true, List.copyOf(args), template.check());
            }
            if (template.mutable() && a.chance(MUTATION_PERCENT)) {
                mutate(args);
            }
            args.set(0, a.anyCase(args.get(0)));
            follow(args.get(0).toLowerCase(Locale.ROOT));
            return Call.main(template.check(), args);
        }
    }
    // end::next[]

    private Family pickFamily() {
        int n = a.nextInt(totalWeight);
        for (Family family : FAMILIES) {
            n -= family.weight();
            if (n < 0) {
                return family;
            }
        }
        throw new AssertionError();
    }

    /** Whether the main client is now inside MULTI, as far as the generator can tell. */
    private void follow(String name) {
        switch (name) {
            case "multi" -> inMulti = true;
            case "exec", "discard", "reset", "quit" -> inMulti = false;
            default -> { }
        }
    }

    // tag::mutate[]
    private void mutate(List<String> args) {
        switch (a.nextInt(5)) {
            case 0 -> {
                if (args.size() > 1) {
                    args.removeLast();
                }
            }
            case 1 -> args.add(a.chance(50) ? a.edge() : a.member());
            case 2, 3 -> {
                if (args.size() > 1) {
                    args.set(a.between(1, args.size() - 1), a.edge());
                }
            }
            // never a name cut short: SMOVE would become MOVE, a command this server does not have yet
            default -> args.set(0, a.pick("NOSUCH", args.get(0) + "X", ""));
        }
    }
    // end::mutate[]
}
