package dev.buildredis.server;

import dev.buildredis.command.CommandTable;
import dev.buildredis.protocol.ProtocolException;
import dev.buildredis.protocol.RespReader;
import dev.buildredis.protocol.RespValue;
import dev.buildredis.protocol.RespWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * One client's socket on the event loop: what it sent and not yet run, what it was answered and not yet sent. The
 * loop calls it, and it never waits: a read takes what is there, a write gives the socket what it takes now.
 *
 * <pre>
 *   readable ──▶ read ──▶ RespReader.next() ──command──▶ CommandTable.execute() ──reply──▶ reply buffer
 *                             │ null: wait for the next read
 *   end of the loop's turn ──▶ write the reply buffer ──▶ all sent: wait for the next command
 *                                        │ the socket took part: keep the rest, wait until it is writable
 * </pre>
 * A read may end in the middle of a command; the reader keeps that part for the next read. A read may also hold
 * many commands (a client that pipelines): all of them run, and their replies leave in one write.
 *
 * <p>Backpressure: a client that sends commands and does not read the replies would make the server buffer
 * replies without end. Once its unsent replies reach {@link #PAUSE_READS_AT}, its commands stop running and its
 * socket stops being read; the kernel's buffers fill, and the client's own writes block. Reading resumes once the
 * replies drain. One reply larger than that (a 60 MB value) is still sent whole.
 */
final class ClientConnection {

    /** Stop running and reading a client's commands while this many bytes of its replies wait to be sent. */
    static final int PAUSE_READS_AT = 1024 * 1024;

    private final SocketChannel channel;
    private final SelectionKey key;
    private final CommandTable commands;
    private final Server server;
    private final String address; // ip:port, as SLOWLOG shows it
    private final RespReader reader = new RespReader();
    private final Replies replies = new Replies();
    private final RespWriter writer = new RespWriter(replies);
    private ByteBuffer sending = ByteBuffer.allocate(0); // taken from the replies, not all sent yet
    private long lastInteractionMillis = System.currentTimeMillis(); // a read or a write: what --timeout counts
    private boolean closeAfterReply; // a protocol error: its reply is the last
    private boolean closed;

    ClientConnection(SocketChannel channel, SelectionKey key, CommandTable commands, Server server)
            throws IOException {
        this.channel = channel;
        this.key = key;
        this.commands = commands;
        this.server = server;
        InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
        this.address = remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }

    /** The selector says there are bytes (or the end of the stream): read them, then run what they complete. */
    void onReadable() {
        int count;
        try {
            count = reader.readFrom(channel);
        } catch (IOException e) {
            close(); // reset by the peer: nothing to tell a client that is gone
            return;
        }
        if (count < 0) {
            close();
            return;
        }
        lastInteractionMillis = System.currentTimeMillis();
        runCommands();
    }

    // tag::run-commands[]
    /** Runs every complete command received, unless the client is not reading its replies. */
    void runCommands() {
        if (closed) {
            return;
        }
        try {
            List<byte[]> command;
            while (!closeAfterReply && pending() < PAUSE_READS_AT && (command = reader.next()) != null) { // <1>
                reply(commands.execute(command, address));                                               // <2>
            }
        } catch (ProtocolException e) {
            reply(new RespValue.SimpleError("ERR Protocol error: " + e.getMessage()));                    // <3>
            closeAfterReply = true;
        }
        if (pending() > 0) {
            server.replyLater(this);                                                                      // <4>
        }
        watch();
    }
    // end::run-commands[]

    // tag::write[]
    /**
     * Gives the socket as much of the replies as it takes now, at the end of the loop's turn; what it does not take
     * waits until the selector says the socket is writable again.
     */
    void write() {
        if (closed) {
            return;
        }
        boolean paused = pending() >= PAUSE_READS_AT;
        try {
            while (pending() > 0) {
                if (!sending.hasRemaining()) {
                    sending = replies.take(); // every reply of the turn, in one buffer: one write
                }
                server.wrote();
                if (channel.write(sending) == 0) {
                    break; // the socket's send buffer is full
                }
                lastInteractionMillis = System.currentTimeMillis();
            }
        } catch (IOException e) {
            close();
            return;
        }
        if (pending() == 0 && closeAfterReply) {
            close();
            return;
        }
        if (paused && pending() < PAUSE_READS_AT) {
            server.resume(this); // run what it sent meanwhile, in the next turn
        }
        watch();
    }
    // end::write[]

    /** Tells the selector what to wait for: readable unless paused, writable only while replies are left over. */
    private void watch() {
        if (closed) {
            return;
        }
        int ops = 0;
        if (!closeAfterReply && pending() < PAUSE_READS_AT) {
            ops |= SelectionKey.OP_READ;
        }
        if (sending.hasRemaining()) {
            ops |= SelectionKey.OP_WRITE;
        }
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    /** The bytes of replies not sent yet. */
    int pending() {
        return replies.size() + sending.remaining();
    }

    /** Milliseconds since the client last sent something or took some of its replies. */
    long idleMillis(long nowMillis) {
        return nowMillis - lastInteractionMillis;
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
        server.closed(this);
    }

    private void reply(RespValue value) {
        try {
            writer.write(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
    }

    /** The replies not handed to the socket yet; {@link #take} hands them over without a copy. */
    private static final class Replies extends ByteArrayOutputStream {
        ByteBuffer take() {
            ByteBuffer taken = ByteBuffer.wrap(buf, 0, count);
            buf = new byte[32]; // a fresh one: a buffer that grew for one large reply is not kept
            count = 0;
            return taken;
        }
    }
}
