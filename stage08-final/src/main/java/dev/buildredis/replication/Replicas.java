// @step 26
package dev.buildredis.replication;

import dev.buildredis.engine.Client;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Info;
import dev.buildredis.engine.Log;
import dev.buildredis.engine.Settings;

import java.util.ArrayList;
import java.util.List;

/**
 * This server's replicas, the master's half of replication: who they are, how a SYNC or PSYNC is answered, the
 * stream each of them gets, their acknowledgements, and the PINGs and timeouts of Redis's replicationCron. The
 * full syncs themselves, the snapshots and their transfer, are {@link FullSync}'s.
 */
final class Replicas {

    private final Replicator replicator;
    final List<Replica> all = new ArrayList<>();
    // Clients that said REPLCONF listening-port or capa and have not asked for a sync yet: what they announced.
    private final java.util.Map<Client, Replica> announcing = new java.util.IdentityHashMap<>();
    final FullSync fullSync;

    // INFO stats
    long syncFull;
    long syncPartialOk;
    long syncPartialErr;

    Replicas(Replicator replicator) {
        this.replicator = replicator;
        this.fullSync = new FullSync(replicator, this);
    }

    private Settings settings() {
        return replicator.engine.settings();
    }

    boolean none() {
        return all.isEmpty();
    }

    Replica of(Client client) {
        for (Replica replica : all) {
            if (replica.client == client) {
                return replica;
            }
        }
        return null;
    }

    /** What {@code client} has announced with REPLCONF so far, kept until it asks for a sync (or goes). */
    Replica announced(Client client) {
        Replica replica = of(client);
        if (replica == null) {
            replica = announcing.computeIfAbsent(client, c -> new Replica(c, null, System.currentTimeMillis()));
        }
        return replica;
    }

    /** The stream, to every replica (each takes it as its state says: see {@link Replica#stream}). */
    void stream(byte[] bytes) {
        for (Replica replica : all) {
            replica.stream(bytes, bytes.length);
        }
    }

    // ---- SYNC and PSYNC

    // tag::sync[]
    /**
     * SYNC, or PSYNC replid offset: a partial resync from the backlog if the replica's history is ours and the
     * backlog still has what it misses, else a full one, as Redis's {@code syncCommand}.
     */
    void sync(Client client, Replica announced, String psyncReplid, long psyncOffset) {
        if (client.replica) {
            return; // already one: SYNC again means nothing
        }
        //> step 27
        if (replicator.isReplica() && !replicator.upstream.connected()) {
            throw new CommandError("NOMASTERLINK Can't SYNC while not connected with my master");
        }
        //< step 27
        if (client.reply.pending() > 0) {
            throw new CommandError("ERR SYNC and PSYNC are invalid with pending output");
        }
        Log.info("Replica " + announced.name() + " asks for synchronization");
        if (psyncReplid != null) {
            if (continuePartially(announced, psyncReplid, psyncOffset)) {
                syncPartialOk++;
                return;
            }
            if (!psyncReplid.equals("?")) {
                syncPartialErr++;
            }
        } else {
            announced.oldSync = true; // no +FULLRESYNC: an old replica, or redis-cli --replica
        }
        syncFull++;
        announced.state = Replica.State.WAIT_BGSAVE_START;
        add(announced);
        if (all.size() == 1 && replicator.backlog == null) {
            replicator.changeReplicationId();
            replicator.createBacklog();
            //> step 26-26
//~            Log.info("Replication backlog created, my new replication IDs are '" + replicator.replid + "' and '"
//~                    + Replicator.NO_ID + "'");
            //< step 26-26
            //> step 27
            Log.info("Replication backlog created, my new replication IDs are '" + replicator.replid + "' and '"
                    + replicator.replid2 + "'");
            //< step 27
        }
        fullSync.replicaWaiting(announced);
    }
    // end::sync[]

    private void add(Replica replica) {
        announcing.remove(replica.client);
        replica.waitingSince = System.currentTimeMillis();
        replica.client.replica = true;
        all.add(replica);
    }

    // tag::partial[]
    /** +CONTINUE and the backlog from the replica's offset on, if its history is ours up to there. */
    private boolean continuePartially(Replica replica, String psyncReplid, long psyncOffset) {
        Replicator r = replicator;
        //> step 26-26
//~        if (!psyncReplid.equalsIgnoreCase(r.replid)) {
//~            if (psyncReplid.equals("?")) {
//~                Log.info("Full resync requested by replica " + replica.name());
//~            } else {
//~                Log.info("Partial resynchronization not accepted: Replication ID mismatch (Replica asked for '"
//~                        + psyncReplid + "', my replication IDs are '" + r.replid + "' and '" + Replicator.NO_ID
//~                        + "')");
//~            }
//~            return false;
//~        }
        //< step 26-26
        //> step 27
        // tag::second-id[]
        if (!psyncReplid.equalsIgnoreCase(r.replid)
                && (!psyncReplid.equalsIgnoreCase(r.replid2) || psyncOffset > r.secondReplOffset)) {
            if (psyncReplid.equals("?")) {
                Log.info("Full resync requested by replica " + replica.name());
            } else if (!psyncReplid.equalsIgnoreCase(r.replid2)) {
                Log.info("Partial resynchronization not accepted: Replication ID mismatch (Replica asked for '"
                        + psyncReplid + "', my replication IDs are '" + r.replid + "' and '" + r.replid2 + "')");
            } else {
                Log.info("Partial resynchronization not accepted: Requested offset for second ID was "
                        + psyncOffset + ", but I can reply up to " + r.secondReplOffset);
            }
            return false;
        }
        // end::second-id[]
        //< step 27
        if (r.backlog == null || !r.backlog.covers(psyncOffset)) {
            Log.info("Unable to partial resync with replica " + replica.name() + " for lack of backlog (Replica "
                    + "request was: " + psyncOffset + ").");
            return false;
        }
        replica.state = Replica.State.ONLINE;
        replica.ackMillis = System.currentTimeMillis();
        add(replica);
        replica.send(replica.capaPsync2 ? "+CONTINUE " + r.replid + "\r\n" : "+CONTINUE\r\n");
        byte[] missed = r.backlog.from(psyncOffset);
        replica.send(missed, missed.length);
        Log.info("Partial resynchronization request from " + replica.name() + " accepted. Sending " + missed.length
                + " bytes of backlog starting from offset " + psyncOffset + ".");
        return true;
    }
    // end::partial[]

    // ---- acknowledgements

    /** REPLCONF ACK offset: the replica has applied the stream up to there (a diskless one is now loaded). */
    void acknowledge(Client client, long offset) {
        Replica replica = of(client);
        if (replica == null) {
            return;
        }
        replica.ackOffset = Math.max(replica.ackOffset, offset);
        replica.ackMillis = System.currentTimeMillis();
        if (replica.state == Replica.State.ONLINE && replica.streamOnAck) {
            replica.startStream();
        }
    }

    /** How many online replicas have acknowledged the stream up to {@code offset}. */
    long acknowledged(long offset) {
        long count = 0;
        for (Replica replica : all) {
            if (replica.state == Replica.State.ONLINE && replica.ackOffset >= offset) {
                count++;
            }
        }
        return count;
    }

    /** Online replicas whose last ACK is at most min-replicas-max-lag seconds old (min-replicas-to-write). */
    long good() {
        long now = System.currentTimeMillis() / 1000;
        long maxLag = settings().number("min-replicas-max-lag");
        long count = 0;
        for (Replica replica : all) {
            if (replica.state == Replica.State.ONLINE && now - replica.ackMillis / 1000 <= maxLag) {
                count++;
            }
        }
        return count;
    }

    // ---- the loop's turns

    void startPendingSyncs() {
        fullSync.startPending();
    }

    boolean busy() {
        return fullSync.busy();
    }

    void step() {
        fullSync.step();
    }

    // tag::cron[]
    /**
     * Once a second: a PING into the stream every repl-ping-replica-period seconds (a replica that hears nothing
     * for repl-timeout gives the link up), a newline to those waiting for their snapshot (so that they do not),
     * replicas silent for repl-timeout closed, and output over client-output-buffer-limit while syncing.
     */
    void cron(long second) {
        if (all.isEmpty()) {
            return;
        }
        //> step 26-26
//~        if (second % settings().number("repl-ping-replica-period") == 0) {
//~            replicator.feed(-1, List.of(PING));
//~        }
        //< step 26-26
        //> step 27
        if (second % settings().number("repl-ping-replica-period") == 0 && !replicator.isReplica()) {
            replicator.feed(-1, List.of(PING)); // a replica's replicas get its master's PINGs, passed on
        }
        //< step 27
        long now = System.currentTimeMillis();
        long timeout = settings().number("repl-timeout") * 1000;
        for (Replica replica : List.copyOf(all)) {
            if (replica.state == Replica.State.WAIT_BGSAVE_START
                    || replica.state == Replica.State.WAIT_BGSAVE_END && !fullSync.diskless(replica)) {
                replica.send("\n");
            }
            if (replica.state == Replica.State.ONLINE && !replica.oldSync && now - replica.ackMillis > timeout) {
                Log.warn("Disconnecting timedout replica (streaming sync): " + replica.name());
                close(replica);
            } else if ((replica.state != Replica.State.ONLINE || replica.streamOnAck) && overOutputLimit(replica, now)) {
                Log.warn("Client " + replica.name() + " scheduled to be closed ASAP for overcoming of output "
                        + "buffer limits.");
                close(replica);
            }
        }
    }
    // end::cron[]

    private static final byte[] PING = {'P', 'I', 'N', 'G'};

    /** What the connection checks for online replicas, for the stream held while one syncs (see Replica). */
    private boolean overOutputLimit(Replica replica, long now) {
        long[] limit = replicator.engine.outputLimit(replica.client); // hard, soft, seconds: the replica class
        long used = replica.unsent();
        if (limit[0] > 0 && used >= limit[0]) {
            return true;
        }
        if (limit[1] > 0 && used >= limit[1]) {
            if (replica.overSoftSince == 0) {
                replica.overSoftSince = now;
            }
            return now - replica.overSoftSince > limit[2] * 1000;
        }
        replica.overSoftSince = 0;
        return false;
    }

    /** Closes a replica's connection at once; {@link #gone} follows when the engine forgets it. */
    void close(Replica replica) {
        replica.client.kill();
        replicator.engine.flushLater(replica.client);
    }

    //> step 27
    /** Every replica is closed: the master changed, or the history did (Redis's {@code disconnectSlaves}). */
    void closeAll() {
        for (Replica replica : List.copyOf(all)) {
            close(replica);
        }
    }
    //< step 27

    /** A replica's connection is closed. */
    void gone(Client client) {
        announcing.remove(client);
        Replica replica = of(client);
        if (replica == null) {
            return;
        }
        all.remove(replica);
        replica.closeFile();
        fullSync.replicaGone(replica);
        Log.info("Connection with replica " + replica.name() + " lost.");
        if (all.isEmpty()) {
            replicator.noReplicasSince = System.currentTimeMillis();
        }
    }

    // ---- INFO and ROLE

    void info(StringBuilder s, long now) {
        Info.line(s, "connected_slaves", all.size());
        if (settings().number("min-replicas-to-write") > 0 && settings().number("min-replicas-max-lag") > 0) {
            Info.line(s, "min_slaves_good_slaves", good());
        }
        int i = 0;
        for (Replica replica : all) {
            Info.line(s, "slave" + i++, "ip=" + replica.host() + ",port=" + replica.listeningPort + ",state="
                    + replica.state.info + ",offset=" + replica.ackOffset + ",lag=" + (now - replica.ackMillis) / 1000);
        }
    }
}
