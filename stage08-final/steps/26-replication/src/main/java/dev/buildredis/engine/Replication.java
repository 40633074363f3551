package dev.buildredis.engine;

import java.util.List;

/**
 * What the engine asks of replication: the replication package, which lives above the engine and plugs in here when
 * the server is put together, as persistence plugs in through {@link Durability}. The engine knows that a server
 * may have replicas, and nothing of how they talk.
 * <pre>
 *   each command   writeRefusal                    -NOREPLICAS, checked where Redis checks
 *                  feed(db, args)                  a change, in the stream the replicas get
 *                  offset()                        how far the stream has gone: WAIT waits for replicas to get there
 *   each turn      busy(), step()                  RDB files sent, WAIT answered
 *   cron           cron()                          PING to replicas, timeouts
 *   a client goes  disconnected(client)            a replica, or a client blocked in WAIT
 *   INFO           info(section), stats(section)   the replication section, and the syncs served in stats
 * </pre>
 */
public interface Replication {

    /** -NOREPLICAS for a command that writes (or an EXEC that would), or {@code null}. */
    String writeRefusal(Client client, boolean write);

    /** A command that changed database {@code db} (-1: MULTI and EXEC), as the engine propagates it. */
    void feed(int db, List<byte[]> args);

    /** The replication offset: the bytes of stream this server has produced so far. */
    long offset();

    /** WAIT: how many replicas have acknowledged the stream up to {@code offset}. */
    long acknowledged(long offset);

    /** WAIT: blocks {@code client} until {@code replicas} replicas acknowledge {@code offset}, or the deadline. */
    void awaitAcknowledgements(Client client, long offset, long replicas, long deadlineMillis);

    /** A client has gone: a replica is one replica fewer, a client in WAIT waits no more. */
    void disconnected(Client client);

    /** Whether the loop must come back soon: a snapshot's bytes wait to be sent. */
    boolean busy();

    /** A slice of work in a loop turn: files sent, WAIT answered. */
    void step();

    void cron();

    /** INFO's replication section. */
    void info(StringBuilder section);

    /** INFO stats' lines about syncs served: sync_full, sync_partial_ok, sync_partial_err. */
    void stats(StringBuilder section);

    /** DEBUG CHANGE-REPL-ID: a new replication ID, and no history before it. */
    void changeReplicationId();

    /** No replication: a master that nobody replicates, as the server was before step 26. */
    Replication NONE = new Replication() {
        @Override
        public String writeRefusal(Client client, boolean write) {
            return null;
        }

        @Override
        public void feed(int db, List<byte[]> args) {
        }

        @Override
        public long offset() {
            return 0;
        }

        @Override
        public long acknowledged(long offset) {
            return 0;
        }

        @Override
        public void awaitAcknowledgements(Client client, long offset, long replicas, long deadlineMillis) {
            client.engine.blocking.block(new Blocking.Wait(client, client.db(), List.of(), deadlineMillis,
                    key -> false, () -> client.reply.integer(0)));
        }

        @Override
        public void disconnected(Client client) {
        }

        @Override
        public boolean busy() {
            return false;
        }

        @Override
        public void step() {
        }

        @Override
        public void cron() {
        }

        @Override
        public void changeReplicationId() {
        }

        @Override
        public void info(StringBuilder section) {
            Info.line(section, "role", "master");
            Info.line(section, "connected_slaves", 0);
        }

        @Override
        public void stats(StringBuilder section) {
            Info.line(section, "sync_full", 0);
            Info.line(section, "sync_partial_ok", 0);
            Info.line(section, "sync_partial_err", 0);
        }
    };
}
