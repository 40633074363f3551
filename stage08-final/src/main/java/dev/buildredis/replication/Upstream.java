// @step 27
package dev.buildredis.replication;

import dev.buildredis.engine.Client;
import dev.buildredis.engine.Info;
import dev.buildredis.engine.Log;
import dev.buildredis.protocol.ProtocolException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The replica's half of replication: the master it follows, the link to it, and what the loop does with what the
 * link reads. Redis's {@code repl_state}:
 * <pre>
 *   REPLICAOF host port ──▶ CONNECT ──cron──▶ LINKING ──+FULLRESYNC, RDB loaded──▶ CONNECTED ──link lost──▶ CONNECT
 *                                             (handshake,  ──+CONTINUE───────────────▲        (the master cached:
 *                                              transfer)                                        replid, offset, db)
 *   REPLICAOF NO ONE ──▶ NONE: a master, under a new replication ID that continues the old one
 * </pre>
 * A lost link leaves the master's history behind ({@link Cached}): reconnecting, the replica asks to continue it
 * (PSYNC replid offset+1), and a master whose backlog still has the bytes answers +CONTINUE.
 */
final class Upstream {

    /** What a replica remembers of a master it lost, to continue where it stopped. */
    record Cached(String replid, long offset, int db) {
    }

    /** Milliseconds of applying the master's stream per loop turn, before the loop's clients get their turn. */
    private static final long APPLY_BUDGET_NANOS = 2_000_000;
    /** A failed link is tried again this long after (Redis's replicationCron runs once a second). */
    private static final long RECONNECT_MILLIS = 1000;

    private final Replicator replicator;
    private final ConcurrentLinkedQueue<MasterLink.Event> events = new ConcurrentLinkedQueue<>();
    private volatile Runnable wakeup = () -> { };
    private String host;
    private int port;
    private boolean connectDue;  // CONNECT: a link is to be made
    private MasterLink link;     // the link being made, or made
    private MasterClient master; // CONNECTED: the master, applying its stream
    private Cached cached;
    private long downSince;      // when the link went down; 0 if it never was up
    private long lastAttempt;

    Upstream(Replicator replicator) {
        this.replicator = replicator;
    }

    String host() {
        return host;
    }

    boolean connected() {
        return master != null;
    }

    /** The database the master's stream has selected (-1 if there is no master). */
    int streamDb() {
        return master == null ? -1 : master.client.db().index();
    }

    void onWakeup(Runnable wakeup) {
        this.wakeup = wakeup;
    }

    // tag::follow[]
    /**
     * REPLICAOF host port, as Redis's {@code replicationSetMaster}: clients blocked in a command that will not come
     * are told, this server's replicas must sync again (with it, hopefully partially), and a master becoming a
     * replica keeps its own history as the one to continue, so that after a failover the old master can resync
     * with the new one partially. {@code now}: connect at once (REPLICAOF) rather than at the next cron (start).
     */
    void follow(String host, int port, boolean now) {
        boolean wasMaster = this.host == null;
        drop(!wasMaster); // the old master's history: a sibling promoted in its place continues it
        replicator.disconnectBlockedClients();
        this.host = host;
        this.port = port;
        replicator.replicas.closeAll();
        if (wasMaster && now) { // not at start: a data set loaded from disk has no history here to continue
            cached = new Cached(replicator.replid, replicator.offset, 0);
            Log.info("Before turning into a replica, using my own master parameters to synthesize a cached master: "
                    + "I may be able to synchronize with the new master with just a partial transfer.");
        }
        replicator.engine.keyspace().masterExpires(true);
        Log.role(true);
        connectDue = true;
        lastAttempt = 0;
        if (now) {
            connect();
        }
    }
    // end::follow[]

    /** REPLICAOF NO ONE, as Redis's {@code replicationUnsetMaster}. */
    void stop() {
        if (host == null) {
            return;
        }
        host = null;
        drop(false);
        cached = null;
        connectDue = false;
        replicator.shiftReplicationId();
        replicator.replicas.closeAll(); // they learn the new ID when they resync, partially
        replicator.streamDb = -1;
        replicator.noReplicasSince = System.currentTimeMillis();
        downSince = 0;
        replicator.engine.keyspace().masterExpires(false);
        Log.role(false);
    }

    /** The server stops: the link with it. */
    void shutdown() {
        drop(false);
        connectDue = false;
    }

    /** Closes the link; {@code cache}: keep the master's history to continue it (the link was lost, not left). */
    private void drop(boolean cache) {
        if (link != null) {
            link.cancel();
            link = null;
        }
        events.clear();
        if (master != null) {
            MasterClient gone = master;
            master = null;
            if (cache) {
                cached = new Cached(gone.replid, gone.appliedOffset, gone.client.db().index());
            }
            replicator.engine.disconnect(gone.client);
            downSince = System.currentTimeMillis();
        }
    }

    /** The link went down: try again soon, and continue where the stream stopped. */
    private void lost(String why) {
        Log.warn(why);
        drop(true);
        connectDue = host != null;
    }

    /** The master's client was closed here (CLIENT KILL): the link goes, as Redis's freeClient of its master. */
    void masterGone(Client client) {
        if (master != null && master.client == client) {
            lost("Connection with master lost.");
        }
    }

    private void connect() {
        connectDue = false;
        lastAttempt = System.currentTimeMillis();
        MasterLink.Handshake handshake = new MasterLink.Handshake(listeningPort(),
                settings("replica-announce-ip"), settings("masteruser"), settings("masterauth"),
                cached == null ? null : cached.replid(), cached == null ? 0 : cached.offset(),
                Path.of(settings("dir")), (int) replicator.engine.settings().number("repl-timeout"));
        link = new MasterLink(host, port, handshake, event -> {
            events.add(event);
            wakeup.run();
        });
        link.start();
    }

    private String settings(String name) {
        return replicator.engine.settings().text(name);
    }

    private int listeningPort() {
        long announced = replicator.engine.settings().number("replica-announce-port");
        return (int) (announced != 0 ? announced : replicator.engine.settings().number("port"));
    }

    // ---- the loop's turns

    boolean busy() {
        return !events.isEmpty();
    }

    void step() {
        if (master != null && master.client.killed()) {
            masterGone(master.client);
        }
        long start = System.nanoTime();
        MasterLink.Event event;
        while (System.nanoTime() - start < APPLY_BUDGET_NANOS && (event = events.poll()) != null) {
            if (event.link() != link) {
                continue; // from a link given up since
            }
            switch (event) {
                case MasterLink.Data data -> apply(data.bytes());
                case MasterLink.FullSync sync -> loadSnapshot(sync);
                case MasterLink.Continued continued -> continueStream(continued.replid());
                case MasterLink.Lost lost -> lost(lost.why());
            }
        }
    }

    private void apply(byte[] bytes) {
        if (master == null) {
            return;
        }
        MasterLink from = link;
        try {
            master.apply(bytes, replicator::passOn);
        } catch (ProtocolException e) {
            lost("Protocol error from master: " + e.getMessage());
        }
        from.applied(bytes.length);
    }

    // tag::load[]
    /** +FULLRESYNC and the RDB received: the data set is the master's, and so is the history. */
    private void loadSnapshot(MasterLink.FullSync sync) {
        Log.info("MASTER <-> REPLICA sync: Flushing old data");
        replicator.replicas.closeAll(); // their data set is about to be another: they must sync again
        cached = null;
        Log.info("MASTER <-> REPLICA sync: Loading DB in memory");
        int db;
        try {
            db = replicator.persistence.loadFromMaster(sync.rdb());
        } catch (IOException | RuntimeException e) {
            Log.warn("Failed trying to load the MASTER synchronization DB from disk: " + e.getMessage());
            deleteQuietly(sync.rdb());
            replicator.engine.keyspace().flushAll(); // half a data set is worse than none: the next sync fills it
            lost("MASTER <-> REPLICA sync failed, retrying");
            return;
        }
        replicator.replid = sync.replid();
        replicator.replid2 = Replicator.NO_ID;
        replicator.secondReplOffset = -1;
        replicator.offset = sync.offset();
        replicator.createBacklog(); // a replica keeps one too: it may be promoted, and its replicas continue
        master = new MasterClient(replicator.engine, host, port, sync.replid(), sync.offset(), db);
        downSince = 0;
        Log.info("MASTER <-> REPLICA sync: Finished with success");
        sendAck(); // a diskless master waits for it before it streams
        if (sync.rest().length > 0) {
            apply(sync.rest());
        }
    }
    // end::load[]

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left for the next sync to overwrite
        }
    }

    /** +CONTINUE: the master has what this replica missed, and sends it next. */
    private void continueStream(String newReplid) {
        Log.info("MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.");
        Cached from = cached;
        cached = null;
        if (newReplid != null && !newReplid.equals(from.replid())) {
            replicator.replid2 = from.replid();
            replicator.secondReplOffset = replicator.offset + 1;
            replicator.replid = newReplid;
            Log.warn("Master replication ID changed to " + newReplid);
            replicator.replicas.closeAll(); // so that they learn the new ID too
        }
        if (replicator.backlog == null) {
            replicator.createBacklog();
        }
        master = new MasterClient(replicator.engine, host, port, replicator.replid, from.offset(), from.db());
        downSince = 0;
        Log.info("Successful partial resynchronization with master.");
    }

    /** Once a second: make the link if it is due, and tell the master how far this replica has got. */
    void cron() {
        if (connectDue && host != null && System.currentTimeMillis() - lastAttempt >= RECONNECT_MILLIS) {
            connect();
        }
        if (master != null) {
            sendAck();
        }
    }

    /** REPLCONF ACK offset: what this replica has applied (REPLCONF GETACK from the master asks for it at once). */
    void sendAck() {
        if (master != null && link != null) {
            link.send(Replicator.encode("REPLCONF", "ACK", Long.toString(master.appliedOffset)));
        }
    }

    // ---- INFO and ROLE

    void info(StringBuilder s, long now) {
        Info.line(s, "master_host", host);
        Info.line(s, "master_port", port);
        Info.line(s, "master_link_status", master != null ? "up" : "down");
        Info.line(s, "master_last_io_seconds_ago", master != null ? (now - link.lastIoMillis) / 1000 : -1);
        boolean transfer = link != null && link.transferring;
        Info.line(s, "master_sync_in_progress", transfer ? 1 : 0);
        long read = master != null ? master.readOffset : cached != null ? cached.offset() : 1;
        long applied = master != null ? master.appliedOffset : cached != null ? cached.offset() : 1;
        Info.line(s, "slave_read_repl_offset", read);
        Info.line(s, "slave_repl_offset", applied);
        if (transfer) {
            long size = link.transferSize;
            long got = link.transferRead;
            Info.line(s, "master_sync_total_bytes", size);
            Info.line(s, "master_sync_read_bytes", got);
            Info.line(s, "master_sync_left_bytes", size - got);
            Info.line(s, "master_sync_perc", String.format(java.util.Locale.ROOT, "%.2f",
                    size == 0 ? 0.0 : 100.0 * got / size));
            Info.line(s, "master_sync_last_io_seconds_ago", (now - link.lastIoMillis) / 1000);
        }
        if (master == null) {
            Info.line(s, "master_link_down_since_seconds", downSince == 0 ? -1 : (now - downSince) / 1000);
        }
        Info.line(s, "slave_priority", replicator.engine.settings().number("replica-priority"));
        Info.line(s, "slave_read_only", replicator.engine.settings().yes("replica-read-only") ? 1 : 0);
        Info.line(s, "replica_announced", replicator.engine.settings().yes("replica-announced") ? 1 : 0);
    }

    /** ROLE's state of the link, by Redis's names. */
    String state() {
        if (master != null) {
            return "connected";
        }
        if (link == null) {
            return "connect";
        }
        return link.transferring ? "sync" : link.handshaking ? "handshake" : "connecting";
    }

    long appliedOffset() {
        return master == null ? -1 : master.appliedOffset;
    }

    int port() {
        return port;
    }
}
