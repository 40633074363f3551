// @step 26
package dev.buildredis.replication;

import dev.buildredis.engine.Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One replica of this server, as the master sees it: a client that asked for SYNC or PSYNC, and where it is in
 * getting the data set, as Redis's {@code replstate}:
 * <pre>
 *   PSYNC ──┬── partial resync: +CONTINUE, the backlog from its offset ────────────────────────────▶ ONLINE
 *           └── full resync ──▶ WAIT_BGSAVE_START ──▶ WAIT_BGSAVE_END ──┬── disk: SEND_BULK ($len, the file) ──▶ ONLINE
 *               (a snapshot     (no snapshot can      (+FULLRESYNC sent; └── diskless: $EOF:mark, the bytes, the mark,
 *               must begin)      begin yet)            the stream held)      then ONLINE once it ACKs
 * </pre>
 * From +FULLRESYNC on, the stream goes on without it: every change is held here, to be sent after the RDB, so that
 * the replica gets the snapshot's instant and then everything since, byte for byte.
 */
final class Replica {

    enum State {
        WAIT_BGSAVE_START("wait_bgsave"), WAIT_BGSAVE_END("wait_bgsave"), SEND_BULK("send_bulk"), ONLINE("online");

        final String info; // as INFO replication names it

        State(String info) {
            this.info = info;
        }
    }

    final Client client;
    State state;
    int listeningPort;                 // REPLCONF listening-port: where the replica itself serves
    String announcedIp;                // REPLCONF ip-address, or null: then its connection's address
    boolean capaEof;                   // REPLCONF capa eof: takes an RDB of unknown length ($EOF:mark)
    boolean capaPsync2;                // REPLCONF capa psync2: understands +CONTINUE <new replid>
    boolean emptyRdb;                  // REPLCONF rdb-filter-only "": wants no data, only the stream (redis-cli)
    boolean oldSync;                   // SYNC rather than PSYNC: no +FULLRESYNC line
    long ackOffset;                    // REPLCONF ACK: the stream it has applied
    long ackMillis;                    // ... and when it said so
    long waitingSince;                 // when it began waiting for a snapshot (repl-diskless-sync-delay)
    long syncOffset;                   // the stream offset of its snapshot's instant
    boolean streamOnAck;               // diskless: the stream waits until it says it has loaded the RDB
    long overSoftSince;                // when its unsent bytes passed the soft output limit, 0 if under it
    private ByteArrayOutputStream held = new ByteArrayOutputStream(); // the stream since the snapshot

    // SEND_BULK: the RDB file being sent
    private FileChannel file;
    private long fileSize;
    private long fileSent;

    Replica(Client client, State state, long now) {
        this.client = client;
        this.state = state;
        this.waitingSince = now;
        this.ackMillis = now;
    }

    /** The stream goes on: to the socket if it is online, held for later if it is syncing, nowhere if it waits. */
    void stream(byte[] bytes, int length) {
        if (state == State.ONLINE && !streamOnAck) {
            send(bytes, length);
        } else if (state != State.WAIT_BGSAVE_START) {
            held.write(bytes, 0, length);
        }
    }

    /** Bytes the replica has not been sent yet, held or in its output: what client-output-buffer-limit counts. */
    long unsent() {
        return held.size() + client.reply.pending();
    }

    /** Another replica's snapshot is shared: its stream since that instant is this one's too. */
    void copyHeldStream(Replica other) {
        held = new ByteArrayOutputStream(other.held.size());
        held.writeBytes(other.held.toByteArray());
    }

    void send(byte[] bytes, int length) {
        client.reply.raw(length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length));
        client.engine.flushLater(client);
    }

    void send(String text) {
        send(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), text.length());
    }

    /** The RDB is sent (or queued to be): the stream held since the snapshot follows, and then the live stream. */
    void goOnline(boolean waitForAck) {
        state = State.ONLINE;
        streamOnAck = waitForAck;
        if (!waitForAck) {
            startStream();
        }
    }

    /** Sends the held stream (the first ACK after a diskless sync, or at once after a disk one). */
    void startStream() {
        streamOnAck = false;
        byte[] bytes = held.toByteArray();
        held = new ByteArrayOutputStream();
        if (bytes.length > 0) {
            send(bytes, bytes.length);
        }
    }

    // ---- sending an RDB file

    /** SEND_BULK from {@code rdb}: {@code $<size>\r\n}, then the file a slice at a time ({@link #sendFile}). */
    void beginFile(Path rdb) throws IOException {
        file = FileChannel.open(rdb, StandardOpenOption.READ);
        fileSize = file.size();
        fileSent = 0;
        state = State.SEND_BULK;
        send("$" + fileSize + "\r\n");
    }

    /**
     * Moves more of the file into the replica's output while that holds less than {@code room} bytes; true once
     * the whole file has been moved.
     */
    boolean sendFile(int room) throws IOException {
        while (fileSent < fileSize && client.reply.pending() < room) {
            ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(64 * 1024, fileSize - fileSent));
            int read = file.read(chunk, fileSent);
            if (read <= 0) {
                throw new IOException("the RDB file ended at " + fileSent + " of " + fileSize + " bytes");
            }
            fileSent += read;
            send(chunk.array(), read);
        }
        if (fileSent == fileSize) {
            closeFile();
            return true;
        }
        return false;
    }

    /** Whether the file has more to send and the replica's output has room for it now. */
    boolean canSendFile(int room) {
        return state == State.SEND_BULK && file != null && client.reply.pending() < room;
    }

    void closeFile() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // read only: nothing was lost
            }
            file = null;
        }
    }

    /** How Redis names a replica in its log: the address it serves on, as far as it is known. */
    String name() {
        String ip = announcedIp != null ? announcedIp : host();
        return ip + ":" + (listeningPort != 0 ? Integer.toString(listeningPort) : "<unknown-replica-port>");
    }

    /** The replica's IP: the one it announced, or its connection's. */
    String host() {
        if (announcedIp != null) {
            return announcedIp;
        }
        String address = client.address();
        int colon = address.lastIndexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }
}
