package dev.buildredis.differential;

import java.util.List;
import java.util.function.Function;

/**
 * How to make one kind of call: a row of a family's table. {@code args} draws the arguments (the name first)
 * from the sequence's random source.
 *
 * @param check         how its replies are compared
 * @param mutable       whether the generator may also send it with an argument too many, too few or replaced by an
 *                      edge value; not for blocking commands (a timeout of 0 would block for ever) nor MULTI, EXEC
 *                      and DISCARD (the generator follows whether the client is inside a transaction)
 * @param other         sent by the second client rather than the main one
 * @param transactional whether it may be queued inside MULTI; not SUBSCRIBE and its kin, whose replies inside
 *                      EXEC Redis does not count
 * @param args          draws the arguments
 */
record Template(Check check, boolean mutable, boolean other, boolean transactional,
                Function<Arguments, List<String>> args) {

    static Template of(Function<Arguments, List<String>> args) {
        return new Template(Check.EXACT, true, false, true, args);
    }

    static Template of(Check check, Function<Arguments, List<String>> args) {
        return new Template(check, true, false, true, args);
    }

    /** Sent as drawn, never mutated. */
    static Template fixed(Check check, Function<Arguments, List<String>> args) {
        return new Template(check, false, false, true, args);
    }

    /** Never inside MULTI. */
    static Template outsideMulti(Function<Arguments, List<String>> args) {
        return new Template(Check.EXACT, true, false, false, args);
    }

    /** From the second client. */
    static Template other(Check check, Function<Arguments, List<String>> args) {
        return new Template(check, false, true, true, args);
    }
}
