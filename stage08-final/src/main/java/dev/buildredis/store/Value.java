// @step 03
package dev.buildredis.store;

/**
 * What a key holds: one of Redis's data types. Sealed, so that a {@code switch} over a value (TYPE, OBJECT
 * ENCODING, memory accounting) is checked by the compiler to cover every type.
 *
 * <p>A command that finds a value of another type than it works on answers
 * {@code -WRONGTYPE Operation against a key holding the wrong kind of value}.
 */
//> step 03-12
//~public abstract sealed class Value permits StringValue {
//< step 03-12
//> step 13-13
//~public abstract sealed class Value permits StringValue, ListValue, HashValue {
//< step 13-13
//> step 14-18
//~public abstract sealed class Value permits StringValue, ListValue, HashValue, SetValue, SortedSetValue {
//< step 14-18
//> step 19
public abstract sealed class Value permits StringValue, ListValue, HashValue, SetValue, SortedSetValue,
        StreamValue {
//< step 19

    /**
     * What the database counted in used_memory for this value and its key when it last stored or recounted it: the
     * difference from {@link #memoryBytes} is what a change in place added. Kept here rather than in the key's
     * {@link Slot}, which short strings do without (see {@link Slot}).
     */
    long charged;

    //> step 09
    /** The name TYPE replies with: {@code string}, {@code list}, {@code hash}, {@code set}, {@code zset}, ... */
    public abstract String typeName();

    /** The name OBJECT ENCODING replies with, following Redis 7.0's thresholds. */
    public abstract String encoding();

    /** A deep copy, for COPY: the two keys must not share anything a later command could change. */
    public abstract Value copy();
    //< step 09

    /**
     * The bytes this value holds on the heap, estimated as {@link Memory} describes; O(1), because each value keeps
     * its total up to date as it changes, so that used_memory can be maintained at every write.
     */
    public abstract long memoryBytes();
}
