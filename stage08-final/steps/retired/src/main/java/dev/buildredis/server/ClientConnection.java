// @step 01-01
package dev.buildredis.server;

import dev.buildredis.command.CommandTable;
import dev.buildredis.protocol.ProtocolException;
import dev.buildredis.protocol.RespReader;
import dev.buildredis.protocol.RespValue;
import dev.buildredis.protocol.RespWriter;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.List;

/**
 * One client's conversation with the server: read bytes, take every complete command out of them, run each, and
 * send all their replies back together.
 *
 * <pre>
 *   ┌──▶ read ──▶ RespReader.next() ──command──▶ CommandTable.execute() ──reply──▶ RespWriter.write()
 *   │                  │ null: no complete command left                                  │
 *   └──── flush ◀──────┘◀─────────────────────────────────────────────────────────────────┘
 * </pre>
 * A read may end in the middle of a command; the reader keeps that part for the next read. A read may also hold
 * many commands (a client that pipelines): all of them run, and their replies leave in one write.
 */
final class ClientConnection {

    private static final int WRITE_BUFFER_SIZE = 16 * 1024;

    private final Socket socket;
    private final CommandTable commands;
    private final ReplyLocks replyLocks; // null unless --hold-lock-over-write yes

    ClientConnection(Socket socket, CommandTable commands, ReplyLocks replyLocks) {
        this.socket = socket;
        this.commands = commands;
        this.replyLocks = replyLocks;
    }

    /** Serves commands until the client closes its side of the connection or breaks the protocol. */
    // tag::serve[]
    void serve() throws IOException {
        InputStream in = socket.getInputStream();
        RespReader reader = new RespReader();
        RespWriter writer = new RespWriter(new BufferedOutputStream(socket.getOutputStream(), WRITE_BUFFER_SIZE));
        String client = socket.getInetAddress().getHostAddress() + ":" + socket.getPort(); // as SLOWLOG shows it
        try {
            while (reader.readFrom(in) != -1) {
                List<byte[]> command;
                while ((command = reader.next()) != null) { // <1>
                    if (replyLocks != null) {
                        holdLockOverWrite(command, client, writer);
                        continue;
                    }
                    writer.write(commands.execute(command, client)); // <2>
                }
                writer.flush();                             // <3>
            }
        } catch (ProtocolException e) {
            writer.write(new RespValue.SimpleError("ERR Protocol error: " + e.getMessage())); // <4>
            writer.flush();
        }
    }
    // end::serve[]

    /** Chapter 4's teaching switch: the command runs, and its reply is written and sent, under its key's lock. */
    private void holdLockOverWrite(List<byte[]> command, String client, RespWriter writer) throws IOException {
        replyLocks.hold(command, () -> {
            writer.write(commands.execute(command, client));
            writer.flush();
        });
    }
}
