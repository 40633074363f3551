package dev.buildredis.server;

import dev.buildredis.command.Client;
import dev.buildredis.command.Engine;
import dev.buildredis.protocol.ProtocolException;
import dev.buildredis.protocol.RespReader;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.function.Consumer;

/**
 * One client's socket on the event loop: reads into its {@link RespReader}, hands complete commands to the
 * {@link Engine}, and writes its reply buffer out without ever blocking the loop.
 *
 * <pre>
 *   readable ──▶ read ──▶ next() ──command──▶ Engine.execute ──▶ reply buffer ──▶ flush at the end of the loop turn
 *                  ▲        │ null: wait for more bytes                               │ socket full: wait for writable
 *                  │        └─ stop early if blocked, closing, or the output is big ──┘
 *                  └── reads are paused while the output is over {@link #PAUSE_READS_AT}, resumed when it drains
 * </pre>
 * Backpressure: a client that sends commands but does not read replies stops being read once its output reaches
 * {@link #PAUSE_READS_AT}, so it cannot make the server buffer without bound. A subscriber's output is filled by
 * other clients' PUBLISH and cannot be paused that way: past {@link #PUBSUB_OUTPUT_LIMIT} it is disconnected, as by
 * Redis's client-output-buffer-limit for pubsub clients.
 */
final class ClientConnection {

    /** Stop taking commands from a client whose unsent replies reach this size. */
    static final int PAUSE_READS_AT = 1024 * 1024;

    /** Redis's default hard client-output-buffer-limit for pub/sub clients: 32 MB. */
    static final long PUBSUB_OUTPUT_LIMIT = 32L * 1024 * 1024;

    /** Redis's default client-query-buffer-limit: a client may not send more than 1 GB of one unfinished command. */
    static final long QUERY_BUFFER_LIMIT = 1024L * 1024 * 1024;

    private final SocketChannel channel;
    private final SelectionKey key;
    private final Client client;
    private final Engine engine;
    private final Consumer<ClientConnection> onClose;
    /** A connection that has sent nothing for this long gives its input buffer back; Redis waits 2 s too. */
    static final long IDLE_RELEASE_MILLIS = 2000;

    private final RespReader reader = new RespReader();
    private long lastReadMillis = System.currentTimeMillis();
    private boolean closed;
    private boolean socketFull; // the last write left bytes the socket would not take: wait until it is writable

    ClientConnection(SocketChannel channel, SelectionKey key, Client client, Engine engine,
                     Consumer<ClientConnection> onClose) {
        this.channel = channel;
        this.key = key;
        this.client = client;
        this.engine = engine;
        this.onClose = onClose;
    }

    Client client() {
        return client;
    }

    void onReadable() {
        try {
            lastReadMillis = System.currentTimeMillis();
            int read = reader.readFrom(channel);
            if (read < 0) {
                close();
                return;
            }
            if (reader.buffered() > QUERY_BUFFER_LIMIT) {
                close();
                return;
            }
        } catch (IOException e) {
            close(); // reset by peer: nothing to tell a client that is gone
            return;
        }
        processInput();
    }

    // tag::process-input[]
    /** Runs every complete command in the input, unless the client is blocked, closing, or not reading replies. */
    void processInput() {
        try {
            List<byte[]> command;
            while (!closed && !client.isBlocked() && !client.closeAfterReply()
                    && client.reply.pending() < PAUSE_READS_AT && (command = reader.next()) != null) {
                engine.execute(client, command);
            }
        } catch (ProtocolException e) {
            client.reply.error("ERR Protocol error: " + e.getMessage());
            client.closeAfterReply(true);
            engine.flushLater(client);
        }
        updateInterest();
    }
    // end::process-input[]

    /** Sends what the reply buffer holds; closes the connection if it was asked to, or went over its limit. */
    void flush() {
        if (closed) {
            return;
        }
        // The AOF gets what the replies acknowledge before they leave. The loop does this once at the end of each
        // turn; a flush at another moment (the socket became writable, or commands ran during the last flush) may
        // carry replies to commands whose changes are still in the AOF buffer.
        engine.beforeReplies();
        if (client.killed()) {
            close();
            return;
        }
        try {
            boolean drained = client.reply.writeTo(channel);
            socketFull = !drained;
            if (drained && client.closeAfterReply()) {
                close();
                return;
            }
        } catch (IOException e) {
            close();
            return;
        }
        if (client.reply.pending() > PUBSUB_OUTPUT_LIMIT && !client.isBlocked()) {
            Log.warn("Client id=" + client.id() + " closed for overcoming of output buffer limits.");
            close();
            return;
        }
        if (client.reply.pending() < PAUSE_READS_AT && reader.buffered() > 0 && (key.interestOps() & SelectionKey.OP_READ) == 0) {
            processInput(); // reads were paused with commands still buffered: run them now that replies drained
            return;
        }
        updateInterest();
    }

    /** Called by the loop's cron: an idle connection gives its input buffer back (see RespReader#release). */
    void releaseIfIdle(long nowMillis) {
        if (nowMillis - lastReadMillis > IDLE_RELEASE_MILLIS) {
            reader.release();
        }
    }

    /**
     * Tells the selector what to wait for: readable unless reads are paused, writable only while the socket is full.
     * Replies that fit are sent by the loop at the end of the turn (every command puts its client on
     * {@link Engine#flushLater}), so a client in the ordinary request/reply rhythm keeps OP_READ alone and this
     * changes nothing. Each change is queued, under a lock, for the selector's next select; asking for OP_WRITE
     * after every read and dropping it after the flush queued two changes per client per turn that cancelled out.
     */
    private void updateInterest() {
        if (closed || !key.isValid()) {
            return;
        }
        int ops = 0;
        if (client.reply.pending() < PAUSE_READS_AT && !client.closeAfterReply()) {
            ops |= SelectionKey.OP_READ;
        }
        if (socketFull) {
            ops |= SelectionKey.OP_WRITE;
        }
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            // already gone
        }
        engine.disconnect(client);
        onClose.accept(this);
    }
}
