// @step 27
package dev.buildredis.replication;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Engine;
import dev.buildredis.engine.Log;
import dev.buildredis.protocol.ProtocolException;
import dev.buildredis.protocol.RespReader;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The master, seen from its replica: a client like any other to the engine, whose commands are applied through
 * the same dispatcher, but never answered, never refused, and counted. Redis's {@code server.master}.
 * <pre>
 *   bytes from the link ──▶ reader ──▶ command ──▶ engine.execute (the reply is dropped; an error is logged)
 *        │                                              │ not inside MULTI: the bytes up to here are applied
 *        └── kept until applied ───────────────────────▶ passed on: backlog, sub-replicas (chained replication)
 *   readOffset     what came from the master       (INFO slave_read_repl_offset)
 *   appliedOffset  what has been applied here      (slave_repl_offset, REPLCONF ACK)
 * </pre>
 * A transaction's bytes are passed on at its EXEC, all at once, as Redis does: a sub-replica never gets half of one.
 */
final class MasterClient {

    final Client client;
    String replid;
    long readOffset;
    long appliedOffset;
    private final Engine engine;
    private final RespReader reader = new RespReader();
    private final ArrayDeque<byte[]> unapplied = new ArrayDeque<>(); // read, not applied yet: the front is partly gone
    private int frontUsed;

    MasterClient(Engine engine, String host, int port, String replid, long offset, int db) {
        this.engine = engine;
        this.client = engine.connect();
        this.client.master = true;
        this.client.addresses(host + ":" + port, "?");
        this.client.db = engine.keyspace().db(Math.max(0, db));
        this.replid = replid;
        this.readOffset = offset;
        this.appliedOffset = offset;
        reader.maxBulkLength(Long.MAX_VALUE - 2); // a master's command is never too long for its replica
    }

    // tag::apply[]
    /** Applies every complete command in {@code bytes} (and what came before), passing the applied bytes on. */
    void apply(byte[] bytes, Consumer<byte[]> passOn) throws ProtocolException {
        reader.feed(bytes, 0, bytes.length);
        unapplied.add(bytes);
        readOffset += bytes.length;
        List<byte[]> command;
        while ((command = reader.next()) != null) {
            engine.keyspace().applyingMaster(true); // expired keys are still there for the master's commands
            try {
                engine.execute(client, command);
            } finally {
                engine.keyspace().applyingMaster(false);
            }
            String error = client.reply.error();
            if (error != null) {
                Log.warn("== CRITICAL == This replica is sending an error to its master: '" + error + "' after "
                        + "processing the command '" + Args.text(command.get(0)) + "'");
            }
            client.reply.rewind(0); // the master hears nothing back but REPLCONF ACK
            if (!client.inMulti()) {
                long applied = readOffset - reader.buffered();
                if (applied > appliedOffset) {
                    passOn.accept(take((int) (applied - appliedOffset)));
                    appliedOffset = applied;
                }
            }
        }
    }
    // end::apply[]

    /** The first {@code count} bytes not applied yet, which are applied now. */
    private byte[] take(int count) {
        byte[] taken = new byte[count];
        int at = 0;
        while (at < count) {
            byte[] front = unapplied.peekFirst();
            int n = Math.min(count - at, front.length - frontUsed);
            System.arraycopy(front, frontUsed, taken, at, n);
            at += n;
            frontUsed += n;
            if (frontUsed == front.length) {
                unapplied.pollFirst();
                frontUsed = 0;
            }
        }
        return taken;
    }
}
