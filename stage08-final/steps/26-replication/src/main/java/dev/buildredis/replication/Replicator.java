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
 * and its replicas ({@link Replicas}).
 * <pre>
 *   a command changes something ──▶ engine.propagate ──▶ feed(): SELECT if the db changed, the command as RESP
 *                                                          ──▶ backlog (the last repl-backlog-size bytes)
 *                                                          ──▶ every replica's output (or held while it syncs)
 * </pre>
 * The offset counts the stream's bytes since the history began; a replica that has applied everything up to N and
 * comes back asks for N+1 of the same ID ({@code PSYNC replid N+1}), and gets the rest from the backlog.
 *
 * <p>Everything here runs on the event loop's thread.
 */
public final class Replicator implements Replication {

    /** The ID of no history: master_replid2 before any failover. */
    static final String NO_ID = "0".repeat(40);

    final Engine engine;
    final Persistence persistence;
    final Replicas replicas;

    String replid = newId();
    long offset;              // master_repl_offset: the stream's bytes so far
    Backlog backlog;          // null until the first replica (and again after repl-backlog-ttl without one)
    int streamDb = -1;        // the database the stream last SELECTed (-1: the next change SELECTs)
    long noReplicasSince = System.currentTimeMillis();

    private final List<Waiting> waiting = new ArrayList<>(); // clients in WAIT
    private boolean askForAcks;                              // a WAIT began: REPLCONF GETACK * before sleeping
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
    }

    // ---- the stream

    // tag::feed[]
    /** A change, as the engine propagates it, into the stream: a master with neither replicas nor backlog has none. */
    @Override
    public void feed(int db, List<byte[]> args) {
        if (backlog == null && replicas.none()) {
            return;
        }
        if (db >= 0 && db != streamDb) {
            write(encode(List.of(SELECT, Args.bytes(db))));
            streamDb = db;
        }
        write(encode(args));
    }

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

    /** The backlog, made when the first replica asks for a sync. */
    void createBacklog() {
        backlog = new Backlog((int) engine.settings().number("repl-backlog-size"), offset);
    }

    /** A new history: a new ID, and none before it (the backlog of the old one is of no use to anyone). */
    @Override
    public void changeReplicationId() {
        replid = newId();
    }

    // ---- what the engine asks

    @Override
    public long offset() {
        return offset;
    }

    // tag::refusals[]
    @Override
    public String writeRefusal(Client client, boolean write) {
        if (!write || engine.loading()) {
            return null;
        }
        long min = engine.settings().number("min-replicas-to-write");
        if (min > 0 && engine.settings().number("min-replicas-max-lag") > 0 && replicas.good() < min) {
            return "NOREPLICAS Not enough good replicas to write.";
        }
        return null;
    }
    // end::refusals[]

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
            feed(-1, List.of(Args.bytes("REPLCONF"), Args.bytes("GETACK"), Args.bytes("*")));
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
    }

    // ---- the loop's turns

    @Override
    public boolean busy() {
        return replicas.busy();
    }

    @Override
    public void step() {
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
            replicas.cron(second);
            freeIdleBacklog();
        }
    }

    /** A master without replicas for repl-backlog-ttl seconds frees its backlog, and starts a new history. */
    private void freeIdleBacklog() {
        long ttl = engine.settings().number("repl-backlog-ttl");
        if (backlog != null && replicas.none() && ttl > 0
                && System.currentTimeMillis() - noReplicasSince > ttl * 1000) {
            changeReplicationId();
            backlog = null;
            Log.info("Replication backlog freed after " + ttl + " seconds without connected replicas.");
        }
    }

    // ---- INFO

    // tag::info[]
    @Override
    public void info(StringBuilder s) {
        long now = System.currentTimeMillis();
        Info.line(s, "role", "master");
        replicas.info(s, now);
        Info.line(s, "master_failover_state", "no-failover");
        Info.line(s, "master_replid", replid);
        Info.line(s, "master_replid2", NO_ID); // no second history: this server has never been a replica
        Info.line(s, "master_repl_offset", offset);
        Info.line(s, "second_repl_offset", -1);
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
