// @step 26
package dev.buildredis.replication;

import dev.buildredis.engine.Log;
import dev.buildredis.engine.Settings;
import dev.buildredis.persistence.Persistence;
import dev.buildredis.persistence.rdb.RdbWriter;
import dev.buildredis.persistence.rdb.SnapshotPipe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Full syncs: a snapshot of the data set at one instant of the stream, sent to the replicas that asked, followed by
 * the stream from that instant on. The snapshot is the one BGSAVE makes, forkless (see persistence's Snapshot): the
 * keyspace walked a slice at a time on the loop while clients go on writing.
 * <pre>
 *   disk     (repl-diskless-sync no):  BGSAVE to dump.rdb ─▶ "$&lt;size&gt;\r\n" + the file ─▶ the held stream
 *   diskless (the default):            the snapshot's bytes ─▶ "$EOF:&lt;40 random chars&gt;\r\n" + the bytes + the
 *                                      same 40 chars ─▶ the held stream, once the replica ACKs (it has loaded)
 * </pre>
 * A diskless sync waits repl-diskless-sync-delay seconds for more replicas, so that one snapshot serves them all;
 * every replica of one snapshot takes its bytes at the pace of the slowest, as Redis's pipe does. Only one
 * snapshot runs at a time, whatever its purpose: a replica that arrives during a BGSAVE or an AOF rewrite waits
 * for its end (or joins a BGSAVE that other replicas are waiting for).
 */
final class FullSync {

    /** RDB bytes in a replica's output at once: well under what pauses its reads, so that its ACKs are heard. */
    static final int ROOM = 256 * 1024;

    private final Replicator replicator;
    private final Replicas replicas;

    // The diskless transfer under way: its bytes, its end mark, the replicas it is for.
    private SnapshotPipe pipe;
    private String mark;
    private final List<Replica> piped = new ArrayList<>();

    FullSync(Replicator replicator, Replicas replicas) {
        this.replicator = replicator;
        this.replicas = replicas;
    }

    private Settings settings() {
        return replicator.engine.settings();
    }

    private Persistence persistence() {
        return replicator.persistence;
    }

    boolean diskless(Replica replica) {
        return piped.contains(replica);
    }

    // tag::waiting[]
    /** A replica needs a full sync: join a snapshot already good for it, begin one, or wait for one to end. */
    void replicaWaiting(Replica replica) {
        if (replica.emptyRdb) {
            sendEmpty(replica);
            return;
        }
        if (persistence().bgsaveForReplicasRunning()) {
            for (Replica other : replicas.all) {
                if (other != replica && other.state == Replica.State.WAIT_BGSAVE_END && !diskless(other)) {
                    replica.copyHeldStream(other); // the stream since that snapshot's instant: the same for both
                    setUpFullResync(replica, other.syncOffset);
                    Log.info("Waiting for end of BGSAVE for SYNC");
                    return;
                }
            }
            Log.info("Can't attach the replica to the current BGSAVE. Waiting for next BGSAVE for SYNC");
        } else if (pipe != null) {
            Log.info("Current BGSAVE has socket target. Waiting for next BGSAVE for SYNC");
        } else if (settings().yes("repl-diskless-sync") && replica.capaEof
                && settings().number("repl-diskless-sync-delay") > 0) {
            Log.info("Delay next BGSAVE for diskless SYNC");
        } else if (persistence().snapshotRunning()) {
            Log.info("No BGSAVE in progress, but another BG operation is active. BGSAVE for replication delayed");
        } else {
            startPending();
        }
    }
    // end::waiting[]

    /** Begins a snapshot for the replicas waiting for one, once nothing else snapshots and the delay is over. */
    void startPending() {
        List<Replica> waiting = new ArrayList<>();
        long longestWait = 0;
        long now = System.currentTimeMillis();
        for (Replica replica : replicas.all) {
            if (replica.state == Replica.State.WAIT_BGSAVE_START) {
                waiting.add(replica);
                longestWait = Math.max(longestWait, now - replica.waitingSince);
            }
        }
        if (waiting.isEmpty() || pipe != null || persistence().snapshotRunning()) {
            return;
        }
        boolean diskless = settings().yes("repl-diskless-sync");
        long maxReplicas = settings().number("repl-diskless-sync-max-replicas");
        if (diskless && longestWait < settings().number("repl-diskless-sync-delay") * 1000
                && !(maxReplicas > 0 && waiting.size() >= maxReplicas)) {
            return; // more replicas may come and share the snapshot
        }
        start(diskless && waiting.stream().allMatch(r -> r.capaEof), waiting);
    }

    // tag::start[]
    private void start(boolean diskless, List<Replica> waiting) {
        Log.info("Starting BGSAVE for SYNC with target: " + (diskless ? "replicas sockets" : "disk"));
        Map<String, String> aux = replicationAux();
        if (diskless) {
            SnapshotPipe snapshot = new SnapshotPipe();
            if (!persistence().snapshotToReplicas(snapshot, aux)) {
                failed(waiting);
                return;
            }
            pipe = snapshot;
            mark = Replicator.newId();
            for (Replica replica : waiting) {
                setUpFullResync(replica, replicator.offset);
                replica.send("$EOF:" + mark + "\r\n");
                piped.add(replica);
            }
        } else {
            if (!persistence().bgsaveForReplicas(aux, this::bgsaveDone)) {
                failed(waiting);
                return;
            }
            for (Replica replica : waiting) {
                setUpFullResync(replica, replicator.offset);
            }
        }
    }

    /**
     * The snapshot's instant is this offset of the stream: the replica is told so (+FULLRESYNC), and from now on
     * the stream is held for it; the next change SELECTs its database, as the replica will start from db 0.
     */
    private void setUpFullResync(Replica replica, long offset) {
        replica.syncOffset = offset;
        replica.state = Replica.State.WAIT_BGSAVE_END;
        replicator.streamDb = -1;
        if (!replica.oldSync) {
            replica.send("+FULLRESYNC " + replicator.replid + " " + offset + "\r\n");
        }
    }
    // end::start[]

    //> step 26-26
//~    /**
//~     * The fields Redis puts in a snapshot for replicas: the history it belongs to, and the database the stream
//~     * has selected at its instant (here the first change after the snapshot SELECTs its database anyway).
//~     */
//~    private Map<String, String> replicationAux() {
//~        Map<String, String> aux = new LinkedHashMap<>();
//~        aux.put("repl-stream-db", Integer.toString(Math.max(replicator.streamDb, 0)));
    //< step 26-26
    //> step 27
    /**
     * The fields Redis puts in a snapshot for replicas: the history it belongs to, and the database the stream
     * has selected at its instant. A replica of a replica needs the last: the stream it gets next is its master's,
     * byte for byte, and SELECTs nothing until its master's master changes database.
     */
    private Map<String, String> replicationAux() {
        Map<String, String> aux = new LinkedHashMap<>();
        int db = replicator.upstream.streamDb();
        aux.put("repl-stream-db", Integer.toString(db >= 0 ? db : Math.max(replicator.streamDb, 0)));
    //< step 27
        aux.put("repl-id", replicator.replid);
        aux.put("repl-offset", Long.toString(replicator.offset));
        return aux;
    }

    private void failed(List<Replica> waiting) {
        Log.warn("BGSAVE for replication failed");
        for (Replica replica : waiting) {
            replica.client.reply.error("ERR BGSAVE failed, replication can't continue");
            replica.client.closeAfterReply(true);
            replicator.engine.flushLater(replica.client);
            replicas.all.remove(replica);
            replica.client.replica = false;
        }
    }

    /** The BGSAVE for replicas has ended: each of them gets the file ({@code null}: it failed, and so do they). */
    private void bgsaveDone(Path file) {
        for (Replica replica : List.copyOf(replicas.all)) {
            if (replica.state != Replica.State.WAIT_BGSAVE_END || diskless(replica)) {
                continue;
            }
            if (file == null) {
                Log.warn("SYNC failed. BGSAVE child returned an error");
                replicas.close(replica);
                continue;
            }
            try {
                replica.beginFile(file);
            } catch (IOException e) {
                Log.warn("SYNC failed. Can't open/stat DB after BGSAVE: " + e.getMessage());
                replicas.close(replica);
            }
        }
    }

    /**
     * REPLCONF rdb-filter-only "" (what redis-cli --replica says): an RDB with no data, at once, then the stream.
     * No snapshot is needed for that.
     */
    private void sendEmpty(Replica replica) {
        ByteArrayOutputStream rdb = new ByteArrayOutputStream();
        try {
            RdbWriter writer = new RdbWriter(rdb);
            writer.writeHeader(System.currentTimeMillis() / 1000, replicator.engine.keyspace().usedMemory(), false);
            writer.writeEnd();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // into memory: does not happen
        }
        setUpFullResync(replica, replicator.offset);
        byte[] bytes = rdb.toByteArray();
        if (replica.capaEof) {
            String eof = Replicator.newId();
            replica.send("$EOF:" + eof + "\r\n");
            replica.send(bytes, bytes.length);
            replica.send(eof);
        } else {
            replica.send("$" + bytes.length + "\r\n");
            replica.send(bytes, bytes.length);
        }
        replica.goOnline(replica.capaEof);
    }

    // ---- sending, a slice at a time

    boolean busy() {
        for (Replica replica : replicas.all) {
            if (replica.canSendFile(ROOM)) {
                return true;
            }
        }
        return pipe != null && (pipe.ready() || pipe.drained()) && pipedHaveRoom();
    }

    private boolean pipedHaveRoom() {
        for (Replica replica : piped) {
            if (replica.client.reply.pending() >= ROOM) {
                return false;
            }
        }
        return true;
    }

    // tag::send[]
    /** Moves RDB bytes into the replicas' output while it has room: from the file, or from the pipe. */
    void step() {
        for (Replica replica : List.copyOf(replicas.all)) {
            if (replica.state != Replica.State.SEND_BULK) {
                continue;
            }
            try {
                if (replica.sendFile(ROOM)) {
                    replica.goOnline(false); // "$size" told it where the RDB ends: the stream may follow at once
                    Log.info("Synchronization with replica " + replica.name() + " succeeded");
                }
            } catch (IOException e) {
                Log.warn("Read error sending DB to replica: " + e.getMessage());
                replicas.close(replica);
            }
        }
        if (pipe == null) {
            return;
        }
        while (pipe.ready() && pipedHaveRoom()) {
            byte[] chunk = pipe.poll();
            for (Replica replica : piped) {
                replica.send(chunk, chunk.length);
            }
        }
        if (pipe.drained()) {
            byte[] end = mark.getBytes(StandardCharsets.US_ASCII);
            for (Replica replica : piped) {
                replica.send(end, end.length);
                replica.goOnline(true); // it cannot tell the stream from the RDB: wait until it has loaded
                Log.info("Streamed RDB transfer with replica " + replica.name() + " succeeded (socket). Waiting "
                        + "for REPLCONF ACK from slave to enable streaming");
                Log.info("Synchronization with replica " + replica.name() + " succeeded");
            }
            pipe = null;
            piped.clear();
        }
    }
    // end::send[]

    /** A replica has gone: the last one of a diskless transfer takes the snapshot with it. */
    void replicaGone(Replica replica) {
        if (piped.remove(replica) && piped.isEmpty() && pipe != null) {
            Log.warn("Diskless rdb transfer, last replica dropped, killing fork child.");
            persistence().abortSnapshotForReplicas();
            pipe = null;
        }
    }
}
