// @step 01-05
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

    //> step 01-02
//~    boolean allows(boolean exists) {
    //< step 01-02
    //> step 03-05
//~    public boolean allows(boolean exists) {
    //< step 03-05
        return switch (this) {
            case ALWAYS -> true;
            case IF_ABSENT -> !exists;
            case IF_PRESENT -> exists;
        };
    }
}
