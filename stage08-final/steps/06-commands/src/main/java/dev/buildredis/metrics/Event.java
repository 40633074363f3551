package dev.buildredis.metrics;

/**
 * A server-wide happening that INFO counts, with the field name INFO shows it under ({@code # Stats} section):
 * <pre>
 * total_connections_received:12
 * rejected_connections:0
 * expired_keys:3
 * keyspace_hits:41
 * keyspace_misses:2
 * </pre>
 */
public enum Event {
    /** A client connected (counted when accepted, whether or not it is then served). */
    CONNECTION_RECEIVED("total_connections_received"),
    /** A client was refused, for example because {@code maxclients} were already connected. */
    CONNECTION_REJECTED("rejected_connections"),
    /** A key was removed because its time to live ran out. */
    EXPIRED_KEY("expired_keys"),
    /** A read command found the key it looked up. */
    KEYSPACE_HIT("keyspace_hits"),
    /** A read command did not find the key it looked up. */
    KEYSPACE_MISS("keyspace_misses");

    private final String infoField;

    Event(String infoField) {
        this.infoField = infoField;
    }

    /** The name INFO gives this count. */
    public String infoField() {
        return infoField;
    }
}
