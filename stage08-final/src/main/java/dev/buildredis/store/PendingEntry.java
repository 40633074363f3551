// @step 20
package dev.buildredis.store;

/**
 * An entry delivered to a consumer of a group and not acknowledged yet (Redis's {@code streamNACK}): one object,
 * found by ID both in the group's pending entries list and in its consumer's.
 */
public final class PendingEntry {

    /** Unix ms of the last delivery: XPENDING's idle time is now minus this. */
    public long deliveryTime;
    /** How many times the entry was delivered (XREADGROUP, XCLAIM); XCLAIM RETRYCOUNT sets it. */
    public long deliveryCount;
    StreamConsumer consumer;

    PendingEntry(long deliveryTime, long deliveryCount, StreamConsumer consumer) {
        this.deliveryTime = deliveryTime;
        this.deliveryCount = deliveryCount;
        this.consumer = consumer;
    }

    public StreamConsumer consumer() {
        return consumer;
    }
}
