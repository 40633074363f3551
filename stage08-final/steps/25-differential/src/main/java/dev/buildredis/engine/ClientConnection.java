package dev.buildredis.engine;

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
 * {@link #PAUSE_READS_AT}, so it cannot make the server buffer without bound; one large reply (GET of a 60 MB
 * string) is still sent whole, as Redis's normal clients have no output limit. A subscriber's output is filled by
 * other clients' PUBLISH and cannot be paused that way: {@code client-output-buffer-limit} closes it when it passes
 * the pubsub class's hard limit, or stays over the soft one for too long (see {@link #overOutputLimit}).
 *
 * <p>Whatever goes wrong while serving one client (a defect, a request too large for the heap) closes that client
 * and no other: {@link #failed}.
 */
final class ClientConnection {

    /** Stop taking commands from a client whose unsent replies reach this size. */
    static final int PAUSE_READS_AT = 1024 * 1024;

    private final SocketChannel channel;
    private final SelectionKey key;
    private final Client client;
    private final Engine engine;
    private final Consumer<ClientConnection> onClose;
    /** A connection that has sent nothing for this long gives its input buffer back; Redis waits 2 s too. */
    static final long IDLE_RELEASE_MILLIS = 2000;

    private final RespReader reader = new RespReader();
    private long lastReadMillis = System.currentTimeMillis();
    private long lastActivityMillis = lastReadMillis; // a read or a write: what the idle timeout counts from
    private long overSoftLimitSince; // when the output passed its class's soft limit, 0 if it is under it
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
            lastActivityMillis = lastReadMillis;
            reader.maxBulkLength(engine.maxBulkLength());
            int read = reader.readFrom(channel);
            engine.readsProcessed++;
            engine.netInputBytes += Math.max(read, 0);
            if (read < 0) {
                close();
                return;
            }
            if (reader.buffered() > engine.queryBufferLimit()) { // a blocked client goes on sending, too
                Log.warn("Closing client that reached max query buffer length: id=" + client.id() + " qbuf="
                        + reader.buffered());
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
            int before = client.reply.pending();
            boolean drained = client.reply.writeTo(channel);
            engine.writesProcessed++;
            engine.netOutputBytes += before - client.reply.pending();
            if (client.reply.pending() < before) {
                lastActivityMillis = System.currentTimeMillis();
            }
            socketFull = !drained;
            if (drained && client.closeAfterReply()) {
                close();
                return;
            }
        } catch (IOException e) {
            close();
            return;
        }
        if (overOutputLimit(System.currentTimeMillis())) {
            Log.warn("Client id=" + client.id() + " addr=" + client.address() + " closed for overcoming of output "
                    + "buffer limits.");
            close();
            return;
        }
        if (client.reply.pending() < PAUSE_READS_AT && reader.buffered() > 0 && (key.interestOps() & SelectionKey.OP_READ) == 0) {
            processInput(); // reads were paused with commands still buffered: run them now that replies drained
            return;
        }
        updateInterest();
    }

    // tag::output-limit[]
    /**
     * Whether the unsent output is over its class's {@code client-output-buffer-limit}: at or over the hard limit,
     * or at or over the soft limit for longer than its seconds, as Redis's {@code checkClientOutputBufferLimits}.
     */
    private boolean overOutputLimit(long now) {
        long[] limit = engine.outputLimit(client); // hard, soft, seconds; 0 is no limit
        long used = client.reply.pending();
        if (limit[0] > 0 && used >= limit[0]) {
            return true;
        }
        if (limit[1] > 0 && used >= limit[1]) {
            if (overSoftLimitSince == 0) {
                overSoftLimitSince = now;
            }
            return now - overSoftLimitSince > limit[2] * 1000;
        }
        overSoftLimitSince = 0;
        return false;
    }
    // end::output-limit[]

    /**
     * Called by the loop's cron: an idle connection gives its input buffer back (see RespReader#release), and one
     * quiet for longer than {@code timeout} is closed, unless it waits in a blocking command or is subscribed, as
     * Redis's {@code clientsCronHandleTimeout}.
     */
    void cron(long nowMillis, long idleTimeoutSeconds) {
        if (nowMillis - lastReadMillis > IDLE_RELEASE_MILLIS) {
            reader.release();
        }
        if (client.pendingWrite) { // served this turn after a long BLPOP: the reply about to leave is its activity
            return;
        }
        if (idleTimeoutSeconds > 0 && !client.isBlocked() && !client.isSubscribed()
                && nowMillis / 1000 - lastActivityMillis / 1000 > idleTimeoutSeconds) { // whole seconds, as Redis
            close(); // Redis logs it at its verbose level only: an idle timeout is routine
        }
    }

    /**
     * Something went wrong while serving this client outside any command handler (those answer their own errors):
     * a request too large for the heap, or a defect. The client is told if it can be, and closed; no other client
     * notices.
     */
    void failed(Throwable problem) {
        if (problem instanceof OutOfMemoryError) {
            reader.discard(); // what it sent so far is most of what filled the heap
            client.reply.discard();
            client.reply.error("ERR the server has no memory left for this request (" + problem.getMessage() + ")");
            Log.warn("Client id=" + client.id() + " closed: its request did not fit in the heap");
            try {
                client.reply.writeTo(channel);
            } catch (IOException | RuntimeException e) {
                // it is being closed anyway
            }
        } else {
            Log.warn("Client id=" + client.id() + " closed after an internal error: " + problem + " at "
                    + (problem.getStackTrace().length > 0 ? problem.getStackTrace()[0] : "?"));
        }
        close();
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
