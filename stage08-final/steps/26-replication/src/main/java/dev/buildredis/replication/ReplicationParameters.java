package dev.buildredis.replication;

import dev.buildredis.engine.Settings;

/**
 * The parameters of replication, by Redis 7.0's names (and the old {@code slave} names they also answer to), defined
 * into the server's settings when replication is put in.
 * <pre>
 *   repl-diskless-sync        yes: a full sync's RDB goes to the replicas' sockets, not to dump.rdb first
 *   repl-diskless-sync-delay  5 s to wait for more replicas to share the snapshot
 *   repl-backlog-size         1mb of stream kept for replicas that come back (partial resync)
 *   repl-backlog-ttl          3600 s without replicas, and the backlog is freed
 *   repl-ping-replica-period  10 s between PINGs in the stream
 *   repl-timeout              60 s without an ACK, and a replica is given up
 *   min-replicas-to-write     0: writes need that many replicas acknowledging within min-replicas-max-lag (10 s)
 * </pre>
 */
final class ReplicationParameters {

    private ReplicationParameters() {
    }

    /** Replication acts on these, as Redis's parameter table has them (kinds, defaults, old names, flags). */
    static void define(Settings settings) {
        settings.actOn("repl-diskless-sync", "repl-diskless-sync-delay", "repl-diskless-sync-max-replicas",
                "repl-ping-replica-period", "repl-timeout", "repl-backlog-size", "repl-backlog-ttl",
                "min-replicas-to-write", "min-replicas-max-lag");
    }
}
