package dev.buildredis.persistence;

import dev.buildredis.server.Log;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The append-only file: every command that changed the data set, in the order the data set saw them, each as
 * the RESP array a client would have sent. Replaying the file rebuilds the data set; redis-check-aof reads it.
 * <pre>
 * *3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n
 * *5\r\n$3\r\nSET\r\n$1\r\nt\r\n$1\r\nv\r\n$4\r\nPXAT\r\n$13\r\n1767225600000\r\n
 * *2\r\n$4\r\nINCR\r\n$1\r\nn\r\n
 * </pre>
 *
 * <p>A write takes two steps, as in Redis, which fills {@code aof_buf} while it runs commands and writes it out
 * once per event-loop turn, before it sends the replies:
 * <ol>
 *   <li>{@link #append}: while a command runs, its bytes go into a buffer in memory; no system call.</li>
 *   <li>{@link #flush}: once per turn of the event loop, before any reply of that turn is written, the buffer goes
 *       to the file in one write, and under {@code always} is fsynced once.</li>
 * </ol>
 * That is group commit without a leader or a lock: every command of a turn, from every client, shares one write and
 * one fsync, and the busier the server, the more commands a turn holds.
 * <pre>
 *   turn:  read A, B, C ─ run SET a, SET b, SET c (append ×3) ─ flush: write + fsync ─ replies to A, B, C
 * </pre>
 * Without group commit ({@code groupCommit = false}, kept to measure what it saves) each command is written and
 * fsynced as it runs.
 *
 * <p>When the disk fails, as Redis's {@code flushAppendOnlyFile}:
 * <pre>
 *   write or fsync fails, always       flush throws: the server stops before any reply of the turn leaves
 *   write fails, everysec or no        {@link #lastWriteError()}: writes are refused until {@link #retry} succeeds;
 *                                      the turn's replies leave (the kernel may have the bytes later), as in Redis
 *   the everysec fsync fails           the same, until an fsync succeeds
 * </pre>
 */
public final class AppendOnlyFile implements AutoCloseable {

    /** How often the background thread fsyncs under {@code everysec}, as Redis does. */
    private static final long FSYNC_INTERVAL_MILLIS = 1000;

    /** Opens the file for appending: the server opens a real file, tests a channel whose writes or fsyncs fail. */
    @FunctionalInterface
    public interface Opener {
        FileChannel open(Path file) throws IOException;

        Opener FILES = file -> FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private final FileChannel channel;
    private final FsyncPolicy policy;
    private final boolean groupCommit;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(); // Redis's aof_buf

    private volatile long written; // the file holds every byte before this offset (handed to the kernel)
    private volatile long synced;  // ... and every byte before this one is on the disk
    private volatile IOException failure; // everysec and no: writes are refused while it is set
    private IOException fatal;            // always: the server must stop
    private final AtomicLong fsyncs = new AtomicLong();

    private final Thread fsyncThread; // everysec only
    private volatile boolean closed;

    AppendOnlyFile(FileChannel channel, FsyncPolicy policy, boolean groupCommit) throws IOException {
        this.channel = channel;
        this.policy = policy;
        this.groupCommit = groupCommit;
        this.written = this.synced = channel.size();
        this.fsyncThread = policy != FsyncPolicy.EVERYSEC ? null
                : Thread.ofPlatform().name("aof-fsync").daemon().start(this::fsyncEverySecond);
    }

    /** Opens (or creates) the file for appending after whatever it holds. */
    public static AppendOnlyFile open(Path file, FsyncPolicy policy, boolean groupCommit) throws IOException {
        return open(file, policy, groupCommit, Opener.FILES);
    }

    /** As {@link #open(Path, FsyncPolicy, boolean)}, with the channel {@code opener} gives. */
    public static AppendOnlyFile open(Path file, FsyncPolicy policy, boolean groupCommit, Opener opener)
            throws IOException {
        return new AppendOnlyFile(opener.open(file), policy, groupCommit);
    }

    // tag::append[]
    /** Adds one command to the log, in memory; called in the order the commands changed the data set. */
    public void append(List<byte[]> command) {
        // A command is what a client sends: an array of bulk strings, *2\r\n$3\r\nDEL\r\n$1\r\nk\r\n.
        buffer.writeBytes(("*" + command.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] argument : command) {
            buffer.writeBytes(("$" + argument.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            buffer.writeBytes(argument);
            buffer.writeBytes(CRLF);
        }
        if (!groupCommit) {
            try {
                flush(); // one write and one fsync per command, while it runs
            } catch (IOException e) {
                // kept in fatal: the loop's flush at the end of the turn throws it again
            }
        }
    }
    // end::append[]

    // tag::flush[]
    /**
     * Writes what the commands of this turn appended, in one write, and fsyncs it under {@code always}. The event
     * loop calls it once per turn, before it writes any reply.
     *
     * @throws IOException under {@code always}, if the write or the fsync failed: those commands are not durable,
     *                     and their clients must not hear that they are
     */
    public void flush() throws IOException {
        if (fatal != null) {
            throw fatal;
        }
        if (buffer.size() == 0 || failure != null) {
            return; // nothing to write, or writes fail: the cron retries once a second
        }
        try {
            write();
            if (policy == FsyncPolicy.ALWAYS) {
                sync();
            }
        } catch (IOException e) {
            if (policy == FsyncPolicy.ALWAYS) {
                fatal = e;
                throw e;
            }
            failed("Error writing to the AOF file: ", e);
        }
    }
    // end::flush[]

    /**
     * Tries again to write what a failed write left, and fsyncs unless the policy is {@code no}: the cron calls it
     * once a second while {@link #lastWriteError()} is set. Writes are accepted again once it succeeds.
     */
    public void retry() {
        if (failure == null || fatal != null) {
            return;
        }
        try {
            write();
            if (policy != FsyncPolicy.NO) {
                sync();
            }
            failure = null;
            Log.warn("AOF write error looks solved, writes are accepted again.");
        } catch (IOException e) {
            // still failing; logged once, when it started
        }
    }

    /** The error of the last failed write or fsync, or {@code null} once the file is writable again. */
    public IOException lastWriteError() {
        return failure;
    }

    /** How many fsyncs the file has had: tests count them to see commands share one. */
    long fsyncCount() {
        return fsyncs.get();
    }

    /**
     * Writes the whole buffer. Bytes the kernel took before a failure are cut off the file again, as Redis does, so
     * that a half-written command never sits in the middle of the file; if even the cut fails, they stay, and only
     * the rest stays in the buffer, so that the next write completes the command.
     */
    private void write() throws IOException {
        byte[] bytes = buffer.toByteArray();
        buffer.reset();
        ByteBuffer out = ByteBuffer.wrap(bytes);
        try {
            while (out.hasRemaining()) {
                channel.write(out);
            }
            written += bytes.length;
        } catch (IOException e) {
            int keep = 0;
            if (out.position() > 0) {
                try {
                    channel.truncate(written);
                } catch (IOException cut) {
                    keep = out.position();
                    written += keep;
                }
            }
            buffer.write(bytes, keep, bytes.length - keep); // nothing was appended meanwhile: one thread
            throw e;
        }
    }

    private void sync() throws IOException {
        long upTo = written;
        channel.force(false); // the data, and the metadata needed to read it back, such as the file's length
        fsyncs.incrementAndGet();
        synced = Math.max(synced, upTo);
    }

    private void failed(String what, IOException e) {
        if (failure == null) {
            Log.warn(what + e.getMessage());
        }
        failure = e;
    }

    // tag::everysec[]
    /** Under {@code everysec}: fsyncs once a second what the loop wrote, on this thread, out of the loop's way. */
    private void fsyncEverySecond() {
        while (!closed) {
            try {
                TimeUnit.MILLISECONDS.sleep(FSYNC_INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return; // close() interrupts
            }
            if (failure == null && synced < written) {
                try {
                    sync(); // beside the loop, not in its way: it keeps writing meanwhile
                } catch (IOException e) {
                    failed("Fail to fsync the AOF file: ", e); // writes are refused until an fsync succeeds
                }
            }
        }
    }
    // end::everysec[]

    /**
     * Writes and fsyncs what is left, whatever the policy, as Redis does on shutdown; a failure is logged. After a
     * failure under {@code always} the server stops at once, as Redis exits, and nothing more is written.
     */
    @Override
    public void close() throws IOException {
        closed = true;
        if (fsyncThread != null) {
            fsyncThread.interrupt();
            try {
                fsyncThread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (fatal == null) {
                write();
                sync();
            }
        } catch (IOException e) {
            Log.warn("The AOF file could not be completed on shutdown; its last commands are lost");
        } finally {
            channel.close();
        }
    }
}
