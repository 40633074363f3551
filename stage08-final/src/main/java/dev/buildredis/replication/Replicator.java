// @step 26
package dev.buildredis.replication;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Blocking;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Engine;
import dev.buildredis.engine.Info;
import dev.buildredis.engine.Log;
import dev.buildredis.engine.Replication;
import dev.buildredis.persistence.Persistence;

import java.util.ArrayList;
import java.util.List;

/**
 * The server's side of replication, as Redis's {@code replication.c}: which history its data set belongs to (a
 * replication ID and an offset into it), the stream of changes it writes for replicas and keeps in its backlog,
//> step 26-26
//~ * and its replicas ({@link Replicas}).
//< step 26-26
//> step 27
 * its replicas ({@link Replicas}) and, when it is a replica itself, its master ({@link Upstream}).
//< step 27
 * <pre>
 *   a command changes something ──▶ engine.propagate ──▶ feed(): SELECT if the db changed, the command as RESP
 *                                                          ──▶ backlog (the last repl-backlog-size bytes)
 *                                                          ──▶ every replica's output (or held while it syncs)
//> step 27
 *   a replica: the master's stream ──▶ applied here ──▶ passed on as received, byte for byte (chained replicas)
//< step 27
 * </pre>
 * The offset counts the stream's bytes since the history began; a replica that has applied everything up to N and
 * comes back asks for N+1 of the same ID ({@code PSYNC replid N+1}), and gets the rest from the backlog.
 *
//> step 26-26
//~ * <p>Everything here runs on the event loop's thread.
//< step 26-26
//> step 27
 * <p>Everything here runs on the event loop's thread; only the link's reading thread ({@link MasterLink}) does not,
 * and it hands what it reads over through a queue.
//< step 27
 */
public final class Replicator implements Replication {

    /** The ID of no history: master_replid2 before any failover. */
    static final String NO_ID = "0".repeat(40);

    final Engine engine;
    final Persistence persistence;
    final Replicas replicas;
    //> step 27
    final Upstream upstream;
    //< step 27

    String replid = newId();
    //> step 27
    String replid2 = NO_ID;   // the history this one continues, after a replica was promoted
    long secondReplOffset = -1; // ... up to this offset (where the new one began, plus one)
    //< step 27
    long offset;              // master_repl_offset: the stream's bytes so far
    Backlog backlog;          // null until the first replica (and again after repl-backlog-ttl without one)
    int streamDb = -1;        // the database the stream last SELECTed (-1: the next change SELECTs)
    long noReplicasSince = System.currentTimeMillis();

    private final List<Waiting> waiting = new ArrayList<>(); // clients in WAIT
    private boolean askForAcks;                              // a WAIT began: REPLCONF GETACK * before sleeping
    //> step 27
    private String replicaOfApplied = "";
    //< step 27
    private long lastSecond;

    /** A client blocked in WAIT until {@code replicas} replicas acknowledge {@code offset}. */
    private record Waiting(Client client, long offset, long replicas) {
    }

    /**
     * Replication for {@code engine}, whose data set {@code persistence} saves and loads: defines its parameters
     * into the engine's settings and acts on them. The caller plugs it in ({@code engine.replication(...)}).
     */
    public Replicator(Engine engine, Persistence persistence) {
        this.engine = engine;
        this.persistence = persistence;
        this.replicas = new Replicas(this);
        //> step 27
        this.upstream = new Upstream(this);
        //< step 27
        ReplicationParameters.define(engine.settings());
        engine.onSettingsChanged(this::applySettings);
    }

    /** A new replication ID: 40 random hex characters, as Redis's {@code changeReplicationId}. */
    static String newId() {
        return Engine.randomId();
    }

    private void applySettings() {
        if (backlog != null) {
            backlog.resize((int) engine.settings().number("repl-backlog-size"));
        }
        //> step 27
        String replicaOf = engine.settings().text("replicaof").trim();
        if (!replicaOf.equals(replicaOfApplied)) { // the command line's: CONFIG SET refuses it
            replicaOfApplied = replicaOf;
            if (!replicaOf.isEmpty() && !replicaOf.equalsIgnoreCase("no one")) {
                String[] hostPort = replicaOf.split("\\s+");
                upstream.follow(hostPort[0], Integer.parseInt(hostPort[1]), false);
            }
        }
        //< step 27
    }

    // ---- the stream

    // tag::feed[]
    //> step 26-26
//~    /** A change, as the engine propagates it, into the stream: a master with neither replicas nor backlog has none. */
//~    @Override
//~    public void feed(int db, List<byte[]> args) {
//~        if (backlog == null && replicas.none()) {
//~            return;
//~        }
    //< step 26-26
    //> step 27
    /**
     * A change, as the engine propagates it, into the stream: a replica passes its master's stream on instead
     * ({@link #passOn}), and a master with neither replicas nor backlog has no stream to write.
     */
    @Override
    public void feed(int db, List<byte[]> args) {
        if (isReplica() || backlog == null && replicas.none()) {
            return;
        }
    //< step 27
        if (db >= 0 && db != streamDb) {
            write(encode(List.of(SELECT, Args.bytes(db))));
            streamDb = db;
        }
        write(encode(args));
    }

    //> step 27
    /** A replica's share of the stream: the master's bytes, exactly as they came, once applied here. */
    void passOn(byte[] bytes) {
        write(bytes);
    }
    //< step 27

    /** Bytes of stream: the offset moves on, the backlog keeps them, every replica gets them. */
    void write(byte[] bytes) {
        offset += bytes.length;
        if (backlog != null) {
            backlog.append(bytes, 0, bytes.length);
        }
        replicas.stream(bytes);
    }
    // end::feed[]

    private static final byte[] SELECT = Args.bytes("SELECT");

    /** A command as RESP, the form of the stream: {@code *2\r\n$6\r\nSELECT\r\n$1\r\n3\r\n}. */
    static byte[] encode(List<byte[]> args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(16 + args.size() * 16);
        out.writeBytes(("*" + args.size() + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (byte[] arg : args) {
            out.writeBytes(("$" + arg.length + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.writeBytes(arg);
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    static byte[] encode(String... words) {
        List<byte[]> args = new ArrayList<>();
        for (String word : words) {
            args.add(Args.bytes(word));
        }
        return encode(args);
    }

    //> step 26-26
//~    /** The backlog, made when the first replica asks for a sync. */
    //< step 26-26
    //> step 27
    /** The backlog, made when the first replica asks for a sync (or the link to a master is made). */
    //< step 27
    void createBacklog() {
        backlog = new Backlog((int) engine.settings().number("repl-backlog-size"), offset);
    }

    /** A new history: a new ID, and none before it (the backlog of the old one is of no use to anyone). */
    @Override
    public void changeReplicationId() {
        replid = newId();
        //> step 27
        replid2 = NO_ID;
        secondReplOffset = -1;
        //< step 27
    }
    //> step 27

    /**
     * A replica becomes a master: the history goes on under a new ID, and the old one stays valid up to here, so
     * that the other replicas of the old master can continue from this one with a partial resync.
     */
    void shiftReplicationId() {
        replid2 = replid;
        secondReplOffset = offset + 1;
        replid = newId();
        Log.warn("Setting secondary replication ID to " + replid2 + ", valid up to offset: " + secondReplOffset
                + ". New replication ID is " + replid);
    }
    //< step 27

    // ---- what the engine asks
    //> step 27

    @Override
    public boolean isReplica() {
        return upstream.host() != null;
    }
    //< step 27

    @Override
    public long offset() {
        return offset;
    }

    // tag::refusals[]
    @Override
    public String writeRefusal(Client client, boolean write) {
        //> step 26-26
//~        if (!write || engine.loading()) {
//~            return null;
//~        }
//~        long min = engine.settings().number("min-replicas-to-write");
//~        if (min > 0 && engine.settings().number("min-replicas-max-lag") > 0 && replicas.good() < min) {
//~            return "NOREPLICAS Not enough good replicas to write.";
//~        }
        //< step 26-26
        //> step 27
        if (!write || client.master || engine.loading()) {
            return null;
        }
        long min = engine.settings().number("min-replicas-to-write");
        if (!isReplica() && min > 0 && engine.settings().number("min-replicas-max-lag") > 0
                && replicas.good() < min) {
            return "NOREPLICAS Not enough good replicas to write.";
        }
        // tag::read-only[]
        if (isReplica() && engine.settings().yes("replica-read-only")) {
            return "READONLY You can't write against a read only replica.";
        }
        // end::read-only[]
        //< step 27
        return null;
    }
    // end::refusals[]
    //> step 27

    // tag::stale[]
    @Override
    public String staleRefusal(Client client, boolean deniedStale) {
        if (deniedStale && isReplica() && !upstream.connected() && !client.master
                && !engine.settings().yes("replica-serve-stale-data")) {
            return "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.";
        }
        return null;
    }
    // end::stale[]

    @Override
    public boolean ignoresMaxmemory() {
        return isReplica() && engine.settings().yes("replica-ignore-maxmemory");
    }
    //< step 27

    // ---- WAIT

    // tag::wait[]
    @Override
    public long acknowledged(long offset) {
        return replicas.acknowledged(offset);
    }

    /**
     * Parks a WAIT until enough replicas acknowledge {@code offset}: the replicas are asked for an ACK at the end of
     * this loop turn ({@code REPLCONF GETACK *} in the stream), and every ACK that comes back counts them again. At
     * the deadline the client gets the count as it is then.
     */
    @Override
    public void awaitAcknowledgements(Client client, long offset, long count, long deadlineMillis) {
        Waiting wait = new Waiting(client, offset, count);
        waiting.add(wait);
        askForAcks = true;
        engine.blocking.block(new Blocking.Wait(client, client.db(), List.of(), deadlineMillis, key -> false, () -> {
            waiting.remove(wait);
            client.reply.integer(acknowledged(offset));
        }));
    }

    /** Answers the WAITs that enough replicas have acknowledged, as Redis's processClientsWaitingReplicas. */
    private void answerWaits() {
        if (askForAcks) {
            askForAcks = false;
            //> step 26-26
//~            feed(-1, List.of(Args.bytes("REPLCONF"), Args.bytes("GETACK"), Args.bytes("*")));
            //< step 26-26
            //> step 27
            if (!isReplica()) {
                feed(-1, List.of(Args.bytes("REPLCONF"), Args.bytes("GETACK"), Args.bytes("*")));
            }
            //< step 27
        }
        for (Waiting wait : List.copyOf(waiting)) {
            long acked = acknowledged(wait.offset());
            if (acked >= wait.replicas()) {
                waiting.remove(wait);
                engine.blocking.unblock(wait.client());
                wait.client().reply.integer(acked);
                engine.unblocked(wait.client()); // its next commands run, its reply goes out
            }
        }
    }
    // end::wait[]

    @Override
    public void disconnected(Client client) {
        waiting.removeIf(w -> w.client() == client);
        replicas.gone(client);
        //> step 27
        if (client.master) {
            upstream.masterGone(client);
        }
        //< step 27
    }

    // ---- the loop's turns

    @Override
    public boolean busy() {
        //> step 26-26
//~        return replicas.busy();
        //< step 26-26
        //> step 27
        return upstream.busy() || replicas.busy();
        //< step 27
    }

    @Override
    public void step() {
        //> step 27
        upstream.step();
        //< step 27
        replicas.step();
        if (askForAcks || !waiting.isEmpty()) {
            answerWaits();
        }
    }

    /** Every cron tick: full syncs that may begin now; once a second, Redis's replicationCron. */
    @Override
    public void cron() {
        replicas.startPendingSyncs();
        long second = System.currentTimeMillis() / 1000;
        if (second != lastSecond) {
            lastSecond = second;
            //> step 27
            upstream.cron();
            //< step 27
            replicas.cron(second);
            freeIdleBacklog();
        }
    }

    /** A master without replicas for repl-backlog-ttl seconds frees its backlog, and starts a new history. */
    private void freeIdleBacklog() {
        long ttl = engine.settings().number("repl-backlog-ttl");
        //> step 26-26
//~        if (backlog != null && replicas.none() && ttl > 0
        //< step 26-26
        //> step 27
        if (backlog != null && !isReplica() && replicas.none() && ttl > 0
        //< step 27
                && System.currentTimeMillis() - noReplicasSince > ttl * 1000) {
            changeReplicationId();
            backlog = null;
            Log.info("Replication backlog freed after " + ttl + " seconds without connected replicas.");
        }
    }

    //> step 27
    @Override
    public void shutdown() {
        upstream.shutdown();
    }

    @Override
    public void onWakeup(Runnable wakeup) {
        upstream.onWakeup(wakeup);
    }

    /**
     * Every client in a blocking command is told the instance changed and closed, as Redis's
     * {@code disconnectAllBlockedClients} when a master becomes a replica: what it waited for will not come.
     */
    void disconnectBlockedClients() {
        waiting.clear();
        for (Client client : asList(engine.clients())) {
            if (client.isBlocked()) {
                engine.blocking.unblock(client);
                client.reply.error("UNBLOCKED force unblock from blocking operation, instance state changed "
                        + "(master -> replica?)");
                client.closeAfterReply(true);
                engine.flushLater(client);
            }
        }
    }

    private static List<Client> asList(Iterable<Client> clients) {
        List<Client> list = new ArrayList<>();
        clients.forEach(list::add);
        return list;
    }
    //< step 27

    // ---- INFO

    // tag::info[]
    @Override
    public void info(StringBuilder s) {
        long now = System.currentTimeMillis();
        //> step 26-26
//~        Info.line(s, "role", "master");
        //< step 26-26
        //> step 27
        Info.line(s, "role", isReplica() ? "slave" : "master");
        if (isReplica()) {
            upstream.info(s, now);
        }
        //< step 27
        replicas.info(s, now);
        Info.line(s, "master_failover_state", "no-failover");
        Info.line(s, "master_replid", replid);
        //> step 26-26
//~        Info.line(s, "master_replid2", NO_ID); // no second history: this server has never been a replica
//~        Info.line(s, "master_repl_offset", offset);
//~        Info.line(s, "second_repl_offset", -1);
        //< step 26-26
        //> step 27
        Info.line(s, "master_replid2", replid2);
        Info.line(s, "master_repl_offset", offset);
        Info.line(s, "second_repl_offset", secondReplOffset);
        //< step 27
        Info.line(s, "repl_backlog_active", backlog == null ? 0 : 1);
        Info.line(s, "repl_backlog_size", engine.settings().number("repl-backlog-size"));
        Info.line(s, "repl_backlog_first_byte_offset", backlog == null ? 0 : backlog.firstByteOffset());
        Info.line(s, "repl_backlog_histlen", backlog == null ? 0 : backlog.histlen());
    }
    // end::info[]

    @Override
    public void stats(StringBuilder s) {
        Info.line(s, "sync_full", replicas.syncFull);
        Info.line(s, "sync_partial_ok", replicas.syncPartialOk);
        Info.line(s, "sync_partial_err", replicas.syncPartialErr);
    }
}
