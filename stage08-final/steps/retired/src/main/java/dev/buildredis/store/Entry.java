// @step 01-02
package dev.buildredis.store;

/**
 * What the keyspace keeps for one key: the value and when it stops existing.
 *
 * @param value     the value's bytes, as the client sent them
 * @param expiresAt the last millisecond (Unix time) at which the key still exists, or {@link #NEVER}
 */
record Entry(byte[] value, long expiresAt) {

    /** No expiry: no clock ever passes this instant, so the check in {@link #isExpiredAt} needs no special case. */
    static final long NEVER = Long.MAX_VALUE;

    /** Redis's rule (keyIsExpired): a key is gone once the clock has passed its expiry time, not at it. */
    boolean isExpiredAt(long nowMillis) {
        return nowMillis > expiresAt;
    }
}
