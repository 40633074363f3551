// @step 20
package dev.buildredis.store;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/** A consumer of a group: its name, when it was last seen, and the entries delivered to it and not acknowledged. */
public final class StreamConsumer {

    private final byte[] name;
    /** Unix ms of the last time a command named this consumer and it read or claimed (XINFO's idle, seen-time). */
    public long seenTime;
    final TreeMap<StreamId, PendingEntry> pending = new TreeMap<>();

    StreamConsumer(byte[] name, long seenTime) {
        this.name = name;
        this.seenTime = seenTime;
    }

    public byte[] name() {
        return name;
    }

    /** This consumer's pending entries by ID, read-only: change them through its {@link StreamGroup}. */
    public NavigableMap<StreamId, PendingEntry> pending() {
        return Collections.unmodifiableNavigableMap(pending);
    }
}
