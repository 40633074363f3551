package dev.buildredis.differential;

/**
 * How the two replies to one command are compared. Byte for byte wherever Redis's reply is determined by the
 * commands before it; by invariant where it is not (a random member, a cursor, the clock), after which the runner
 * brings both servers back to the same state if the command changed it.
 */
enum Check {
    /** Byte for byte. */
    EXACT,
    /** The same elements in any order: a hash table's iteration order (SINTER, KEYS, PUBSUB CHANNELS). */
    UNORDERED,
    /**
     * Byte for byte while the key is compact (an intset or listpack, whose order Redis fixes), in any order once
     * it is a hash table: SMEMBERS, HKEYS, HVALS.
     */
    COMPACT_ORDER,
    /** As {@link #COMPACT_ORDER}, with the elements taken in field-value pairs: HGETALL. */
    COMPACT_ORDER_PAIRS,
    /** Integers equal, or both non-negative and at most a second apart: TTL, EXPIRETIME, OBJECT IDLETIME. */
    SECONDS,
    /**
     * OBJECT IDLETIME: as {@link #SECONDS}, but any two non-negative integers for one of Redis's shared integers
     * (0..9999), whose one object's clock every key holding that number reads and touches since the server began.
     */
    IDLETIME,
    /**
     * OBJECT REFCOUNT: byte for byte, but inside EXEC Redis counts a reference more for a value an earlier command
     * of the same transaction stored (its argument, which the transaction holds until it ends): 2 there, 1 here.
     */
    REFCOUNT,
    /** Integers equal, or both non-negative and at most 1.5 s apart: PTTL, PEXPIRETIME. */
    MILLISECONDS,
    /** The same reply type, and for aggregates the same count and element types: TIME, INFO, CLIENT ID. */
    SHAPE,
    /**
     * An array of simple strings with the same first line: this server's HELP texts list the subcommands it has,
     * in fewer words than Redis's.
     */
    HELP,
    /** HELLO's map with the client id left out (each server numbers its own connections). */
    HELLO,
    /** The same elements after iterating SCAN, HSCAN, SSCAN or ZSCAN to the end on each server. */
    SCAN,
    /** As many members as the other server popped, from the same set; then both servers drop the same ones. */
    SPOP,
    /** As many members, each in the set, repeated only for a negative count. */
    SRANDMEMBER,
    /**
     * Byte for byte, unless redis-server's sorted set is a skip list: a member range over differing scores is
     * unspecified, and a skip list's answer depends on its random levels. Then the servers are resynced.
     */
    LEX,
    /**
     * ZRANDMEMBER and HRANDFIELD: as many members (or fields) as the other server drew, each in the key with its score
     * (or value), repeated only for a negative count.
     */
    RANDFIELD,
    /**
     * SORT: byte for byte, unless the order it finds the elements in is a hash table's and shows: a set held as a
     * hash table, not sorted (BY a pattern without {@code *}) or ALPHA; or a sorted set sorted ALPHA (Redis reads
     * a sorted set's hash table). ALPHA leaves ties (strings equal up to a zero byte, or equal weights BY a pattern)
     * in the order it found them. Then the same elements (with their GET values) in any order, or under a LIMIT
     * only as many.
     */
    SORT,
    /** A key that exists, or a null on both servers. */
    RANDOMKEY,
    /** From the second client: the same count, then as many messages delivered to the main client. */
    PUBLISH
}
