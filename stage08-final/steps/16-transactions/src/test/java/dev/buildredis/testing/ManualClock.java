package dev.buildredis.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * A clock that moves only when a test says so, so that expiry tests run in no time and never depend on how busy
 * the machine is. Safe to read from the server's threads while a test moves it.
 */
public final class ManualClock implements InstantSource {

    /** A fixed, arbitrary start, so that expiry times in failure messages are the same on every run. */
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private volatile Instant now = START;

    @Override
    public Instant instant() {
        return now;
    }

    /** Moves the clock forward. */
    public void advance(Duration duration) {
        now = now.plus(duration);
    }
}
