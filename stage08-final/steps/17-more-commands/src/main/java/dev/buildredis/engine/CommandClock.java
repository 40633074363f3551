package dev.buildredis.engine;

import java.time.Instant;
import java.time.InstantSource;

/**
 * The keyspace's clock, which stands still while a command runs: the time is read once when the command starts
 * and every reading during the command (TTL checks, the LRU/LFU access clock, CLIENT LIST's idle time, SLOWLOG's
 * entry time) gets that value. Between commands (active expiry, blocked clients' timeouts) it is the real clock.
 *
 * <p>Two reasons, Redis's own ({@code server.mstime} cached at the start of {@code call()}, the "command time
 * snapshot" of Redis 7.2): a command sees one consistent time, so that a key cannot expire halfway through an
 * {@code MGET} or an {@code EXEC}; and a clock read costs about 15 ns, which several reads per command made a
 * seventh of the server's CPU time under pipelined SET/GET (perf, on a 2-core VM).
 *
 * <pre>
 *   freeze() ── command runs, millis() = the time at freeze ── thaw() ── millis() = the real clock again
 * </pre>
 */
final class CommandClock implements InstantSource {

    private final InstantSource source;
    private long frozenMillis;
    private int depth; // commands running: a command run inside another (EXEC's) keeps the outer one's time

    CommandClock(InstantSource source) {
        this.source = source;
    }

    /** A command starts: reads the real clock, unless a command is already running, and returns the time. */
    long freeze() {
        if (depth++ == 0) {
            frozenMillis = source.millis();
        }
        return frozenMillis;
    }

    /** The command has ended. */
    void thaw() {
        depth--;
    }

    @Override
    public long millis() {
        return depth > 0 ? frozenMillis : source.millis();
    }

    @Override
    public Instant instant() {
        return depth > 0 ? Instant.ofEpochMilli(frozenMillis) : source.instant();
    }
}
