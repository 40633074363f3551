// @step 01-07
package dev.buildredis.server;

//> step 01-06
//~import dev.buildredis.command.CommandTable;
//< step 01-06
//> step 04-07
//~import dev.buildredis.engine.Client;
//< step 04-07
//> step 07-07
//~import dev.buildredis.engine.Engine;
//< step 07-07
import dev.buildredis.protocol.ProtocolException;
import dev.buildredis.protocol.RespReader;
//> step 01-03
//~import dev.buildredis.protocol.RespValue;
//~import dev.buildredis.protocol.RespWriter;
//< step 01-03

//> step 01-03
//~import java.io.ByteArrayOutputStream;
//< step 01-03
import java.io.IOException;
//> step 01-03
//~import java.io.UncheckedIOException;
//< step 01-03
import java.net.InetSocketAddress;
//> step 01-03
//~import java.nio.ByteBuffer;
//< step 01-03
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 //> step 01-03
//~ * One client's socket on the event loop: what it sent and not yet run, what it was answered and not yet sent. The
//~ * loop calls it, and it never waits: a read takes what is there, a write gives the socket what it takes now.
 //< step 01-03
 //> step 04-07
//~ * One client's socket on the event loop: what it sent and not yet run, and the {@link Client} its commands run for,
//~ * whose reply buffer holds what it was answered and not yet sent. The loop calls it, and it never waits: a read
//~ * takes what is there, a write gives the socket what it takes now.
 //< step 04-07
 *
 * <pre>
 //> step 01-03
//~ *   readable ──▶ read ──▶ RespReader.next() ──command──▶ CommandTable.execute() ──reply──▶ reply buffer
 //< step 01-03
 //> step 04-06
//~ *   readable ──▶ read ──▶ RespReader.next() ──command──▶ CommandTable.execute() ──▶ client.reply (bytes)
 //< step 04-06
 //> step 07-07
//~ *   readable ──▶ read ──▶ RespReader.next() ──command──▶ Engine.execute() ──▶ client.reply (bytes)
 //< step 07-07
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
    //> step 01-06
//~    private final CommandTable commands;
    //< step 01-06
    //> step 07-07
//~    private final Engine engine;
    //< step 07-07
    private final Server server;
    //> step 01-03
//~    private final String address; // ip:port, as SLOWLOG shows it
    //< step 01-03
    //> step 04-07
//~    private final Client client; // its database, its reply buffer
    //< step 04-07
    private final RespReader reader = new RespReader();
    //> step 01-03
//~    private final Replies replies = new Replies();
//~    private final RespWriter writer = new RespWriter(replies);
//~    private ByteBuffer sending = ByteBuffer.allocate(0); // taken from the replies, not all sent yet
    //< step 01-03
    //> step 04-07
//~    private boolean socketFull; // the last write left replies the socket would not take
    //< step 04-07
    private long lastInteractionMillis = System.currentTimeMillis(); // a read or a write: what --timeout counts
    private boolean closeAfterReply; // a protocol error: its reply is the last
    private boolean closed;

    //> step 01-03
//~    ClientConnection(SocketChannel channel, SelectionKey key, CommandTable commands, Server server)
    //< step 01-03
    //> step 04-06
//~    ClientConnection(SocketChannel channel, SelectionKey key, CommandTable commands, Server server, Client client)
    //< step 04-06
    //> step 07-07
//~    ClientConnection(SocketChannel channel, SelectionKey key, Engine engine, Server server, Client client)
    //< step 07-07
            throws IOException {
        this.channel = channel;
        this.key = key;
        //> step 01-06
//~        this.commands = commands;
        //< step 01-06
        //> step 07-07
//~        this.engine = engine;
        //< step 07-07
        this.server = server;
        //> step 04-07
//~        this.client = client;
        //< step 04-07
        InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
        //> step 01-03
//~        this.address = remote.getAddress().getHostAddress() + ":" + remote.getPort();
        //< step 01-03
        //> step 04-07
//~        InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
//~        client.addresses(remote.getAddress().getHostAddress() + ":" + remote.getPort(), // as SLOWLOG shows it
//~                local.getAddress().getHostAddress() + ":" + local.getPort());
        //< step 04-07
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
                //> step 01-03
//~                reply(commands.execute(command, address));                                               // <2>
                //< step 01-03
                //> step 04-06
//~                commands.execute(client, command);                                                       // <2>
                //< step 04-06
                //> step 07-07
//~                engine.execute(client, command);                                                         // <2>
                //< step 07-07
            }
        } catch (ProtocolException e) {
            //> step 01-03
//~            reply(new RespValue.SimpleError("ERR Protocol error: " + e.getMessage()));                    // <3>
            //< step 01-03
            //> step 04-07
//~            client.reply.error("ERR Protocol error: " + e.getMessage());                                  // <3>
            //< step 04-07
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
            //> step 01-03
//~            while (pending() > 0) {
//~                if (!sending.hasRemaining()) {
//~                    sending = replies.take(); // every reply of the turn, in one buffer: one write
//~                }
//~                server.wrote();
//~                if (channel.write(sending) == 0) {
//~                    break; // the socket's send buffer is full
//~                }
            //< step 01-03
            //> step 04-07
//~            int before = pending();
//~            server.wrote();
//~            socketFull = !client.reply.writeTo(channel); // every reply of the turn, in one buffer: one write
//~            if (pending() < before) {
            //< step 04-07
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
        //> step 01-03
//~        if (sending.hasRemaining()) {
        //< step 01-03
        //> step 04-07
//~        if (socketFull) {
        //< step 04-07
            ops |= SelectionKey.OP_WRITE;
        }
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    /** The bytes of replies not sent yet. */
    int pending() {
        //> step 01-03
//~        return replies.size() + sending.remaining();
        //< step 01-03
        //> step 04-07
//~        return client.reply.pending();
        //< step 04-07
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
        //> step 01-03
//~        server.closed(this);
//~    }
//~
//~    private void reply(RespValue value) {
//~        try {
//~            writer.write(value);
//~        } catch (IOException e) {
//~            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
//~        }
//~    }
//~
//~    /** The replies not handed to the socket yet; {@link #take} hands them over without a copy. */
//~    private static final class Replies extends ByteArrayOutputStream {
//~        ByteBuffer take() {
//~            ByteBuffer taken = ByteBuffer.wrap(buf, 0, count);
//~            buf = new byte[32]; // a fresh one: a buffer that grew for one large reply is not kept
//~            count = 0;
//~            return taken;
//~        }
        //< step 01-03
        //> step 04-07
//~        server.closed(this, client);
        //< step 04-07
    }
}
