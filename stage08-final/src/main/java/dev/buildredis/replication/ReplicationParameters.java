// @step 13
package dev.buildredis.replication;

import dev.buildredis.engine.Parameter;
import dev.buildredis.engine.Settings;

/**
 * The parameters of replication, by Redis 7.0's names (and the old {@code slave} names they also answer to), defined
 * into the server's settings when replication is put in.
 * <pre>
 *   replicaof                 "host port" on the command line: start as a replica (CONFIG SET refuses it)
 *   replica-read-only         yes: a replica refuses writes (-READONLY)
 *   replica-serve-stale-data  yes: a replica whose link is down still answers, with what it has
 *   repl-diskless-sync        yes: a full sync's RDB goes to the replicas' sockets, not to dump.rdb first
 *   repl-diskless-sync-delay  5 s to wait for more replicas to share the snapshot
 *   repl-backlog-size         1mb of stream kept for replicas that come back (partial resync)
 *   repl-backlog-ttl          3600 s without replicas, and the backlog is freed
 *   repl-ping-replica-period  10 s between PINGs in the stream
 *   repl-timeout              60 s of silence, and a link is given up
 *   min-replicas-to-write     0: writes need that many replicas acknowledging within min-replicas-max-lag (10 s)
 * </pre>
 */
final class ReplicationParameters {

    private static final long INT_MAX = Integer.MAX_VALUE;

    private ReplicationParameters() {
    }

    static void define(Settings settings) {
        settings.add("replicaof", "slaveof", true, false, Parameter.text(ReplicationParameters::isHostAndPort,
                "Invalid master host or port"), "");
        settings.add("masterauth", null, false, false, Parameter.text(v -> true, ""), "");
        settings.add("masteruser", null, false, false, Parameter.text(v -> true, ""), "");
        settings.add("replica-read-only", "slave-read-only", false, false, Parameter.YES_NO, true);
        settings.add("replica-serve-stale-data", "slave-serve-stale-data", false, false, Parameter.YES_NO, true);
        settings.add("replica-ignore-maxmemory", "slave-ignore-maxmemory", false, false, Parameter.YES_NO, true);
        settings.add("replica-priority", "slave-priority", false, false, Parameter.integer(0, INT_MAX), 100L);
        settings.mutable("replica-announced", Parameter.YES_NO, true);
        settings.add("replica-announce-ip", "slave-announce-ip", false, false, Parameter.text(v -> true, ""), "");
        settings.add("replica-announce-port", "slave-announce-port", false, false, Parameter.integer(0, 65535), 0L);
        settings.mutable("repl-diskless-sync", Parameter.YES_NO, true);
        settings.mutable("repl-diskless-sync-delay", Parameter.integer(0, INT_MAX), 5L);
        settings.mutable("repl-diskless-sync-max-replicas", Parameter.integer(0, INT_MAX), 0L);
        // Only the default: the RDB is received into a file and loaded from it (see "Not yet like Redis").
        settings.mutable("repl-diskless-load", Parameter.choice("disabled"), "disabled");
        settings.add("repl-ping-replica-period", "repl-ping-slave-period", false, false, Parameter.integer(1, INT_MAX),
                10L);
        settings.mutable("repl-timeout", Parameter.integer(1, INT_MAX), 60L);
        settings.mutable("repl-backlog-size", Parameter.memory(1, Integer.MAX_VALUE - 8), 1024L * 1024);
        settings.mutable("repl-backlog-ttl", Parameter.integer(0, INT_MAX), 3600L);
        settings.mutable("repl-disable-tcp-nodelay", Parameter.YES_NO, false);
        settings.add("min-replicas-to-write", "min-slaves-to-write", false, false, Parameter.integer(0, INT_MAX), 0L);
        settings.add("min-replicas-max-lag", "min-slaves-max-lag", false, false, Parameter.integer(0, INT_MAX), 10L);
    }

    /** {@code replicaof}: empty, or a host and a port one space apart (redis-server also takes "no one"). */
    static boolean isHostAndPort(String value) {
        if (value.isEmpty() || value.equalsIgnoreCase("no one")) {
            return true;
        }
        String[] words = value.trim().split("\\s+");
        return words.length == 2 && words[1].matches("[0-9]{1,5}") && Integer.parseInt(words[1]) <= 65535;
    }
}
