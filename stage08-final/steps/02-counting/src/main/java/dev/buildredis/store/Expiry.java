package dev.buildredis.store;

/**
 * What a write does to a key's time to live, as {@code SET}'s options say it:
 * <pre>
 * SET k v              Persist        the new value never expires (a previous TTL is dropped)
 * SET k v EX 10        At(now + 10 s) also PX (milliseconds), EXAT and PXAT (absolute Unix time)
 * SET k v KEEPTTL      Keep           the new value keeps the TTL the old one had, if any
 * </pre>
 */
public sealed interface Expiry {

    /** The value does not expire. */
    Expiry PERSIST = new Persist();

    /** The value keeps the previous value's expiry time. */
    Expiry KEEP = new Keep();

    /** No time to live. */
    record Persist() implements Expiry {
    }

    /** Expires once the clock passes this Unix time, in milliseconds. */
    record At(long epochMillis) implements Expiry {
    }

    /** Whatever the key had before. */
    record Keep() implements Expiry {
    }
}
