package dev.buildredis.store;

/**
 * When a write happens, after {@code SET}'s {@code NX} and {@code XX}: deciding and writing in one call to
 * {@link Keyspace#set} is what lets a later stage make "set if absent" atomic.
 */
public enum Condition {
    /** Write in any case (no option). */
    ALWAYS,
    /** {@code NX}: write only if the key does not exist. */
    IF_ABSENT,
    /** {@code XX}: write only if the key exists. */
    IF_PRESENT;

    boolean allows(boolean exists) {
        return switch (this) {
            case ALWAYS -> true;
            case IF_ABSENT -> !exists;
            case IF_PRESENT -> exists;
        };
    }
}
