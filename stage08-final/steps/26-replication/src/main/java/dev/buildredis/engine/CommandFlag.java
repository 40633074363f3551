package dev.buildredis.engine;

/**
 * The flags of a command-table entry that change how the dispatcher treats a call, named as COMMAND INFO shows them.
 */
public enum CommandFlag {
    /** Changes the data set: refused over maxmemory if also {@link #DENYOOM}, counted as a change for WATCH. */
    WRITE("write"),
    /** Only reads the data set. */
    READONLY("readonly"),
    /** May grow memory: refused with -OOM when maxmemory is reached and nothing can be evicted. */
    DENYOOM("denyoom"),
    /** Administrative (CONFIG, SHUTDOWN, FLUSHALL is not). */
    ADMIN("admin"),
    /** A pub/sub command. */
    PUBSUB("pubsub"),
    NOSCRIPT("noscript"),
    /** May block the client (BLPOP...). */
    BLOCKING("blocking"),
    LOADING("loading"),
    STALE("stale"),
    /** O(1) or O(log N): Redis's hint for latency monitoring. */
    FAST("fast"),
    /** Refused inside MULTI (WATCH). */
    NO_MULTI("no_multi"),
    /** Allowed while a RESP2 connection is subscribed (SUBSCRIBE, PING, QUIT, RESET...). */
    ALLOWED_WHILE_SUBSCRIBED("allowed_while_subscribed"),
    /** Not queued by MULTI but run at once (EXEC, DISCARD, MULTI, WATCH, QUIT, RESET). */
    TRANSACTION_CONTROL("transaction_control"),
    /** Not a write, yet it must not run during CLIENT PAUSE WRITE (PUBLISH, PFCOUNT...). */
    MAY_REPLICATE("may_replicate"),
    /** Key positions depend on the arguments (ZUNIONSTORE numkeys...). */
    MOVABLEKEYS("movablekeys"),
    /** Allowed before AUTH while requirepass is set (AUTH, HELLO, QUIT, RESET). */
    NO_AUTH("no_auth"),
    /** Refused while a replica loads its master's data set without blocking (MODULE LOAD...). */
    NO_ASYNC_LOADING("no_async_loading"),
    /** Refused unless a parameter allows it (MODULE LOAD: enable-module-command); COMMAND INFO does not show it. */
    PROTECTED("protected");

    private final String redisName;

    CommandFlag(String redisName) {
        this.redisName = redisName;
    }

    /** The name COMMAND INFO shows, or null for flags that are this server's own bookkeeping. */
    public String redisName() {
        return this == ALLOWED_WHILE_SUBSCRIBED || this == TRANSACTION_CONTROL || this == PROTECTED ? null : redisName;
    }
}
