package dev.buildredis.store;

import java.util.Locale;

/**
 * The {@code maxmemory-policy} values: which keys may be evicted when used memory is over {@code maxmemory}, and
 * which of them go first.
 *
 * <pre>
 *   noeviction       nothing: commands that would add memory get -OOM
 *   allkeys-*        any key            volatile-*   only keys with a TTL
 *   *-lru            the longest idle   *-lfu        the least often used   *-random   any   volatile-ttl  nearest expiry
 * </pre>
 */
public enum Policy {
    NOEVICTION(Kind.NONE, true),
    ALLKEYS_LRU(Kind.LRU, true),
    VOLATILE_LRU(Kind.LRU, false),
    ALLKEYS_LFU(Kind.LFU, true),
    VOLATILE_LFU(Kind.LFU, false),
    ALLKEYS_RANDOM(Kind.RANDOM, true),
    VOLATILE_RANDOM(Kind.RANDOM, false),
    VOLATILE_TTL(Kind.TTL, false);

    /** How the keys to evict are chosen. */
    enum Kind { NONE, LRU, LFU, RANDOM, TTL }

    final Kind kind;
    /** True if every key is a candidate; false if only keys with a TTL are (sampled from the expires dict). */
    final boolean allKeys;

    Policy(Kind kind, boolean allKeys) {
        this.kind = kind;
        this.allKeys = allKeys;
    }

    /** The policy for a name as CONFIG SET takes it ({@code allkeys-lru}), case-insensitively; null if unknown. */
    public static Policy parse(String name) {
        for (Policy policy : values()) {
            if (policy.redisName().equalsIgnoreCase(name)) {
                return policy;
            }
        }
        return null;
    }

    /** The name as CONFIG GET and INFO show it. */
    public String redisName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True for the LFU policies: the access field then holds a frequency counter, not a clock. */
    public boolean isLfu() {
        return kind == Kind.LFU;
    }
}
