// @step 27
package dev.buildredis.replication;

import dev.buildredis.engine.Log;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A replica's connection to its master, read by a thread of its own: the handshake is a conversation, written here
 * top to bottom as one, and the RDB is received into a file without holding up the event loop. What it reads
 * goes to the loop as {@link Event}s; the loop applies them ({@link Upstream}).
 * <pre>
 *   replica                                   master
 *   PING                               ──▶
 *                                      ◀──   +PONG              (or -NOAUTH: AUTH comes next)
 *   [AUTH [masteruser] masterauth]     ──▶
 *   REPLCONF listening-port 6380       ──▶                      (sent together, the replies read in order)
 *   REPLCONF capa eof capa psync2      ──▶
 *                                      ◀──   +OK +OK (+OK)
 *   PSYNC &lt;replid&gt; &lt;offset+1&gt;         ──▶                      (PSYNC ? -1: no history to continue)
 *                                      ◀──   +FULLRESYNC &lt;replid&gt; &lt;offset&gt;     ◀──  +CONTINUE &lt;replid&gt;
 *                                      ◀──   "\n"... while the snapshot starts      ◀──  the stream it missed
 *                                      ◀──   $&lt;size&gt; or $EOF:&lt;mark&gt;, the RDB        ...
 *   REPLCONF ACK &lt;offset&gt;              ──▶   (from the loop: at once, then every second)
 *                                      ◀──   the stream: SELECT, SET..., PING, REPLCONF GETACK *
 * </pre>
 * Reads time out after repl-timeout seconds: the master PINGs every 10 s, so silence means the link is dead.
 */
final class MasterLink {

    /** What the link has for the loop, in the order it happened. */
    sealed interface Event permits FullSync, Continued, Data, Lost {
        MasterLink link();
    }

    /** +FULLRESYNC: the RDB is in {@code rdb}; {@code rest} is the stream that came right after it. */
    record FullSync(MasterLink link, String replid, long offset, Path rdb, byte[] rest) implements Event {
    }

    /** +CONTINUE: the master has the history; {@code replid} is its ID if it said it (psync2), else null. */
    record Continued(MasterLink link, String replid) implements Event {
    }

    /** Bytes of the stream, as read. */
    record Data(MasterLink link, byte[] bytes) implements Event {
    }

    /** The link failed (or the master closed it); the loop reconnects. */
    record Lost(MasterLink link, String why) implements Event {
    }

    /** What the handshake says about this replica, read from the settings when the link is made. */
    record Handshake(int listeningPort, String announceIp, String user, String password, String psyncReplid,
                     long psyncOffset, Path dir, int timeoutSeconds) {
    }

    /** The stream waiting for the loop that stops reading: the loop is behind, the master waits. */
    private static final long MAX_QUEUED = 16L * 1024 * 1024;
    private static final int BUFFER = 64 * 1024;
    private static final int MARK = 40;

    final String host;
    final int port;
    private final Handshake handshake;
    private final Consumer<Event> loop;
    private final Socket socket = new Socket();
    private volatile boolean cancelled;
    private long queued; // guarded by this: bytes handed to the loop and not applied yet

    // For INFO, read by the loop.
    volatile boolean transferring;
    volatile long transferSize = -1; // -1: an $EOF:mark transfer, whose size nobody knows in advance
    volatile long transferRead;
    volatile long lastIoMillis = System.currentTimeMillis();
    volatile boolean handshaking = true;

    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;
    private InputStream in;

    MasterLink(String host, int port, Handshake handshake, Consumer<Event> loop) {
        this.host = host;
        this.port = port;
        this.handshake = handshake;
        this.loop = loop;
    }

    void start() {
        Thread.ofVirtual().name("master-link " + host + ":" + port).start(this::run);
    }

    /** Closes the link: the thread stops, and nothing it reads from now on reaches the loop. */
    void cancel() {
        cancelled = true;
        try {
            socket.close();
        } catch (IOException e) {
            // closed either way
        }
        synchronized (this) {
            notifyAll();
        }
    }

    /** Writes to the master, from the loop (REPLCONF ACK): a few bytes, which the socket's buffer takes at once. */
    void send(byte[] bytes) {
        try {
            OutputStream out = socket.getOutputStream();
            synchronized (out) {
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            // the reading thread finds the link broken, and says so
        }
    }

    /** The loop has applied {@code bytes} of the stream: the thread may read more. */
    synchronized void applied(int bytes) {
        queued -= bytes;
        notifyAll();
    }

    private void run() {
        Path temp = null;
        try {
            Log.info("Connecting to MASTER " + host + ":" + port);
            socket.connect(new InetSocketAddress(host, port), handshake.timeoutSeconds() * 1000);
            socket.setSoTimeout(handshake.timeoutSeconds() * 1000);
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
            Log.info("MASTER <-> REPLICA sync started");
            String reply = greet();
            if (reply.startsWith("+CONTINUE")) {
                String id = reply.length() > "+CONTINUE ".length() ? reply.substring("+CONTINUE ".length()).trim() : "";
                handshaking = false;
                post(new Continued(this, id.isEmpty() ? null : id));
            } else {
                String[] words = reply.split(" ");
                Log.info("Full resync from master: " + words[1] + ":" + words[2]);
                temp = handshake.dir().resolve("temp-" + System.currentTimeMillis() / 1000 + "."
                        + ProcessHandle.current().pid() + ".rdb");
                byte[] rest = receiveRdb(temp);
                handshaking = false;
                post(new FullSync(this, words[1], Long.parseLong(words[2]), temp, rest));
                temp = null; // the loop's now
            }
            stream();
        } catch (SocketTimeoutException e) {
            lost(handshaking ? "Timeout connecting to the MASTER..." : "MASTER timeout: no data nor PING received...");
        } catch (IOException | RuntimeException e) {
            lost(e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            try {
                socket.close();
            } catch (IOException e) {
                // closed either way
            }
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // a temp file the next sync overwrites
                }
            }
        }
    }

    private void lost(String why) {
        if (!cancelled) {
            post(new Lost(this, why));
        }
    }

    private void post(Event event) {
        if (!cancelled) {
            loop.accept(event);
        }
    }

    // tag::handshake[]
    /** PING, AUTH, REPLCONF, PSYNC: returns the master's answer to PSYNC (+FULLRESYNC or +CONTINUE). */
    private String greet() throws IOException {
        send(Replicator.encode("PING"));
        String pong = readLine();
        if (pong.startsWith("-") && !pong.startsWith("-NOAUTH") && !pong.startsWith("-NOPERM")
                && !pong.startsWith("-ERR operation not permitted")) {
            throw new IOException("Error reply to PING from master: '" + pong + "'");
        }
        Log.info("Master replied to PING, replication can continue...");
        boolean auth = !handshake.password().isEmpty();
        if (auth) {
            send(handshake.user().isEmpty() ? Replicator.encode("AUTH", handshake.password())
                    : Replicator.encode("AUTH", handshake.user(), handshake.password()));
        }
        send(Replicator.encode("REPLCONF", "listening-port", Integer.toString(handshake.listeningPort())));
        boolean announceIp = !handshake.announceIp().isEmpty();
        if (announceIp) {
            send(Replicator.encode("REPLCONF", "ip-address", handshake.announceIp()));
        }
        send(Replicator.encode("REPLCONF", "capa", "eof", "capa", "psync2"));
        if (auth) {
            String reply = readLine();
            if (reply.startsWith("-")) {
                throw new IOException("Unable to AUTH to MASTER: " + reply);
            }
        }
        nonCritical(readLine(), "listening-port");
        if (announceIp) {
            nonCritical(readLine(), "ip-address");
        }
        nonCritical(readLine(), "capa");
        if (handshake.psyncReplid() != null) {
            String offset = Long.toString(handshake.psyncOffset() + 1);
            Log.info("Trying a partial resynchronization (request " + handshake.psyncReplid() + ":" + offset + ").");
            send(Replicator.encode("PSYNC", handshake.psyncReplid(), offset));
        } else {
            Log.info("Partial resynchronization not possible (no cached master)");
            send(Replicator.encode("PSYNC", "?", "-1"));
        }
        String reply = readLine();
        while (reply.isEmpty()) { // newlines: the master is getting the snapshot ready and keeps the link alive
            reply = readLine();
        }
        if (reply.startsWith("+FULLRESYNC ") && reply.split(" ").length == 3 || reply.startsWith("+CONTINUE")) {
            return reply;
        }
        if (reply.startsWith("-NOMASTERLINK") || reply.startsWith("-LOADING")) {
            throw new IOException("Master is currently unable to PSYNC but should be in the future: " + reply);
        }
        throw new IOException("Unexpected reply to PSYNC from master: " + reply);
    }
    // end::handshake[]

    private static void nonCritical(String reply, String what) {
        if (reply.startsWith("-")) {
            Log.info("(Non critical) Master does not understand REPLCONF " + what + ": " + reply);
        }
    }

    // tag::receive-rdb[]
    /**
     * Receives the RDB into {@code file}: {@code $<size>} and that many bytes, or {@code $EOF:<mark>} and bytes up
     * to the same 40-character mark (a diskless master does not know the size in advance). Returns what came
     * after the RDB: the start of the stream.
     */
    private byte[] receiveRdb(Path file) throws IOException {
        String header = readLine();
        while (header.isEmpty()) {
            header = readLine(); // a newline: the master is alive, the snapshot not ready yet
        }
        if (header.startsWith("-")) {
            throw new IOException("MASTER aborted replication with an error: " + header.substring(1));
        }
        if (!header.startsWith("$")) {
            throw new IOException("Bad protocol from MASTER, the first byte is not '$' (we received '" + header
                    + "'), are you sure the host and port are right?");
        }
        transferring = true;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] rest;
            if (header.startsWith("$EOF:") && header.length() == 5 + MARK) {
                Log.info("MASTER <-> REPLICA sync: receiving streamed RDB from master with EOF to disk");
                rest = receiveUntilMark(out, header.substring(5).getBytes(StandardCharsets.US_ASCII));
            } else {
                transferSize = Long.parseLong(header.substring(1));
                Log.info("MASTER <-> REPLICA sync: receiving " + transferSize + " bytes from master to disk");
                rest = receiveSized(out, transferSize);
            }
            out.force(true);
            return rest;
        } finally {
            transferring = false;
        }
    }

    private byte[] receiveSized(FileChannel out, long size) throws IOException {
        long left = size;
        while (left > 0) {
            if (position == limit && fill() < 0) {
                throw new IOException("the master closed the link with " + left + " bytes of RDB left");
            }
            int n = (int) Math.min(left, limit - position);
            write(out, buffer, position, n);
            position += n;
            left -= n;
            transferRead += n;
        }
        byte[] rest = Arrays.copyOfRange(buffer, position, limit);
        position = limit;
        return rest;
    }

    /** Bytes until the mark; the last 39 bytes seen are kept back, for the mark may be split across reads. */
    private byte[] receiveUntilMark(FileChannel out, byte[] mark) throws IOException {
        byte[] window = new byte[0];
        while (true) {
            if (position == limit && fill() < 0) {
                throw new IOException("the master closed the link before the end of the RDB");
            }
            byte[] seen = new byte[window.length + limit - position];
            System.arraycopy(window, 0, seen, 0, window.length);
            System.arraycopy(buffer, position, seen, window.length, limit - position);
            transferRead += limit - position;
            position = limit;
            int at = indexOf(seen, mark);
            if (at >= 0) {
                write(out, seen, 0, at);
                return Arrays.copyOfRange(seen, at + MARK, seen.length);
            }
            int keep = Math.min(seen.length, MARK - 1);
            write(out, seen, 0, seen.length - keep);
            window = Arrays.copyOfRange(seen, seen.length - keep, seen.length);
        }
    }
    // end::receive-rdb[]

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void write(FileChannel out, byte[] bytes, int from, int length) throws IOException {
        ByteBuffer view = ByteBuffer.wrap(bytes, from, length);
        while (view.hasRemaining()) {
            out.write(view);
        }
    }

    /** The stream, as it comes: to the loop, with the reading paused while the loop is far behind. */
    private void stream() throws IOException {
        while (!cancelled) {
            if (position == limit && fill() < 0) {
                lost("Connection with master lost.");
                return;
            }
            byte[] bytes = Arrays.copyOfRange(buffer, position, limit);
            position = limit;
            synchronized (this) {
                queued += bytes.length;
            }
            post(new Data(this, bytes));
            synchronized (this) {
                while (queued > MAX_QUEUED && !cancelled) {
                    try {
                        wait(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private int fill() throws IOException {
        position = 0;
        limit = 0;
        int read = in.read(buffer);
        if (read > 0) {
            limit = read;
            lastIoMillis = System.currentTimeMillis();
        }
        return read;
    }

    /** A line of the handshake, without its CR LF; an empty line is a master keeping the link alive. */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            if (position == limit && fill() < 0) {
                throw new IOException("the master closed the link during the handshake");
            }
            byte b = buffer[position++];
            if (b == '\n') {
                int length = line.length();
                return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
            }
            line.append((char) (b & 0xff));
            if (line.length() > 64 * 1024) {
                throw new IOException("a line of more than 64 KB from the master");
            }
        }
    }
}
