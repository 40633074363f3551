// @step 26
package dev.buildredis.engine;

import java.util.List;

/**
 * What the engine asks of replication: the replication package, which lives above the engine and plugs in here when
 * the server is put together, as persistence plugs in through {@link Durability}. The engine knows that a server
//> step 26-26
//~ * may have replicas, and nothing of how they talk.
//~ * <pre>
//~ *   each command   writeRefusal                    -NOREPLICAS, checked where Redis checks
//< step 26-26
//> step 27
 * may have replicas and a master, and nothing of how they talk.
 * <pre>
 *   each command   writeRefusal / staleRefusal    -NOREPLICAS, -READONLY, -MASTERDOWN, checked where Redis checks
//< step 27
 *                  feed(db, args)                  a change, in the stream the replicas get
 *                  offset()                        how far the stream has gone: WAIT waits for replicas to get there
//> step 26-26
//~ *   each turn      busy(), step()                  RDB files sent, WAIT answered
//~ *   cron           cron()                          PING to replicas, timeouts
//< step 26-26
//> step 27
 *   each turn      busy(), step()                  the master's stream applied, RDB files sent, WAIT answered
 *   cron           cron()                          PING to replicas, ACK to the master, timeouts, reconnecting
//< step 27
 *   a client goes  disconnected(client)            a replica, or a client blocked in WAIT
 *   INFO           info(section), stats(section)   the replication section, and the syncs served in stats
 * </pre>
 */
public interface Replication {

    //> step 26-26
//~    /** -NOREPLICAS for a command that writes (or an EXEC that would), or {@code null}. */
    //< step 26-26
    //> step 27
    /** -NOREPLICAS or -READONLY for a command that writes (or an EXEC that would), or {@code null}. */
    //< step 27
    String writeRefusal(Client client, boolean write);
    //> step 27

    /** -MASTERDOWN for a command not allowed on stale data while the link to the master is down, or {@code null}. */
    String staleRefusal(Client client, boolean deniedStale);

    /** Whether maxmemory is left to the master: a replica neither evicts nor refuses (replica-ignore-maxmemory). */
    boolean ignoresMaxmemory();
    //< step 27

    /** A command that changed database {@code db} (-1: MULTI and EXEC), as the engine propagates it. */
    void feed(int db, List<byte[]> args);

    //> step 26-26
//~    /** The replication offset: the bytes of stream this server has produced so far. */
    //< step 26-26
    //> step 27
    /** The replication offset: the bytes of stream this server has produced (or, as a replica, received) so far. */
    //< step 27
    long offset();
    //> step 27

    /** WAIT: whether this server is a replica, which refuses it. */
    boolean isReplica();
    //< step 27

    /** WAIT: how many replicas have acknowledged the stream up to {@code offset}. */
    long acknowledged(long offset);

    /** WAIT: blocks {@code client} until {@code replicas} replicas acknowledge {@code offset}, or the deadline. */
    void awaitAcknowledgements(Client client, long offset, long replicas, long deadlineMillis);

    /** A client has gone: a replica is one replica fewer, a client in WAIT waits no more. */
    void disconnected(Client client);

    //> step 26-26
//~    /** Whether the loop must come back soon: a snapshot's bytes wait to be sent. */
//~    boolean busy();
//~
//~    /** A slice of work in a loop turn: files sent, WAIT answered. */
//~    void step();
    //< step 26-26
    //> step 27
    /** Whether the loop must come back soon: stream from the master waits, or a file is being sent. */
    boolean busy();

    /** A slice of work in a loop turn: the master's stream applied, files sent, WAIT answered. */
    void step();
    //< step 27

    void cron();
    //> step 27

    /** The server stops: the link to the master is closed (the replicas' connections close with the others). */
    void shutdown();

    /** What wakes the loop when the thread that reads from the master has something for it. */
    void onWakeup(Runnable wakeup);
    //< step 27

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

        //> step 27
        @Override
        public String staleRefusal(Client client, boolean deniedStale) {
            return null;
        }

        @Override
        public boolean ignoresMaxmemory() {
            return false;
        }
        //< step 27

        @Override
        public void feed(int db, List<byte[]> args) {
        }

        @Override
        public long offset() {
            return 0;
        }

        //> step 27
        @Override
        public boolean isReplica() {
            return false;
        }
        //< step 27

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

        //> step 27
        @Override
        public void shutdown() {
        }

        @Override
        public void onWakeup(Runnable wakeup) {
        }
        //< step 27

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
