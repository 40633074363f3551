package dev.buildredis.store;

import java.util.random.RandomGenerator;

/**
 * The arithmetic of a key's access field ({@link Slot#access}), as Redis's {@code evict.c} does it in 24 bits.
 *
 * <p>LRU: the field is the time of the last access on a 24-bit clock of seconds, which wraps after 194 days; the
 * idle time is the clock's distance from it. LFU: the top 16 bits are the time of the last decrement in minutes, the
 * low 8 bits a logarithmic counter: a new key starts at {@link #LFU_INIT_VAL}, each access increments it with
 * probability {@code 1 / ((counter - 5) * lfu-log-factor + 1)}, so that about a million accesses reach 255 with the
 * default factor 10, and it loses one per {@code lfu-decay-time} minutes without access.
 */
final class Access {

    /** Redis's LRU_CLOCK_MAX: the clock has 24 bits. */
    static final int LRU_CLOCK_MAX = (1 << 24) - 1;

    /** Redis's LRU_CLOCK_RESOLUTION: the LRU clock ticks once a second. */
    static final int LRU_CLOCK_RESOLUTION = 1000;

    /** Redis's LFU_INIT_VAL: a new key's counter, so that it is not evicted before it had a chance to be read. */
    static final int LFU_INIT_VAL = 5;

    private Access() {
    }

    static int lruClock(long nowMillis) {
        return (int) ((nowMillis / LRU_CLOCK_RESOLUTION) & LRU_CLOCK_MAX);
    }

    /** Milliseconds since the access recorded in {@code lru}, a multiple of a second. */
    static long idleMillis(int lru, long nowMillis) {
        int clock = lruClock(nowMillis);
        long ticks = clock >= lru ? clock - lru : clock + (LRU_CLOCK_MAX - lru);
        return ticks * LRU_CLOCK_RESOLUTION;
    }

    static int minutes(long nowMillis) {
        return (int) ((nowMillis / 60_000) & 0xFFFF);
    }

    /** The access field of a new key under an LFU policy: now, and the initial counter. */
    static int lfuNew(long nowMillis) {
        return minutes(nowMillis) << 8 | LFU_INIT_VAL;
    }

    /** The counter after the decay due since its last decrement (Redis's LFUDecrAndReturn); OBJECT FREQ. */
    static int lfuCounter(int access, long nowMillis, int decayMinutes) {
        int last = access >>> 8;
        int counter = access & 0xFF;
        int now = minutes(nowMillis);
        int elapsed = now >= last ? now - last : 0xFFFF - last + now;
        int periods = decayMinutes == 0 ? 0 : elapsed / decayMinutes;
        return periods > counter ? 0 : counter - periods;
    }

    /** The access field after one more access under an LFU policy: decay, then a logarithmic increment. */
    static int lfuTouch(int access, long nowMillis, int logFactor, int decayMinutes, RandomGenerator random) {
        int counter = lfuCounter(access, nowMillis, decayMinutes);
        if (counter < 255) {
            double base = Math.max(0, counter - LFU_INIT_VAL);
            if (random.nextDouble() < 1.0 / (base * logFactor + 1)) {
                counter++;
            }
        }
        return minutes(nowMillis) << 8 | counter;
    }
}
