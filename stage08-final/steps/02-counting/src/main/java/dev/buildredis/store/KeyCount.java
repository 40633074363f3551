package dev.buildredis.store;

/**
 * How many keys the data set holds, and how many of them have an expiry: INFO's keyspace line,
 * {@code db0:keys=3,expires=1,avg_ttl=0}. Keys that expired but were not looked up since are still counted, as
 * Redis counts them until its expiry sweep or a lookup removes them.
 */
public record KeyCount(long keys, long expires) {
}
