// @step 26
package dev.buildredis.replication;

import dev.buildredis.engine.Settings;

/**
 * The parameters of replication, by Redis 7.0's names (and the old {@code slave} names they also answer to), defined
 * into the server's settings when replication is put in.
 * <pre>
//> step 27
 *   replicaof                 "host port" on the command line: start as a replica (CONFIG SET refuses it)
 *   replica-read-only         yes: a replica refuses writes (-READONLY)
 *   replica-serve-stale-data  yes: a replica whose link is down still answers, with what it has
//< step 27
 *   repl-diskless-sync        yes: a full sync's RDB goes to the replicas' sockets, not to dump.rdb first
 *   repl-diskless-sync-delay  5 s to wait for more replicas to share the snapshot
 *   repl-backlog-size         1mb of stream kept for replicas that come back (partial resync)
 *   repl-backlog-ttl          3600 s without replicas, and the backlog is freed
 *   repl-ping-replica-period  10 s between PINGs in the stream
//> step 26-26
//~ *   repl-timeout              60 s without an ACK, and a replica is given up
//< step 26-26
//> step 27
 *   repl-timeout              60 s of silence, and a link is given up
//< step 27
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
        //> step 27
        settings.actOn("replicaof", "masterauth", "masteruser", "replica-read-only", "replica-serve-stale-data",
                "replica-ignore-maxmemory", "replica-priority", "replica-announced", "replica-announce-ip",
                "replica-announce-port"); // what a replica says and does
        //< step 27
    }
}
