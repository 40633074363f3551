// @step 01-01
package dev.buildredis.persistence;

import dev.buildredis.server.Log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The append-only file: every command that changed the data set, in the order the data set saw them, each as
 * the RESP array a client would have sent. Replaying the file rebuilds the data set; redis-check-aof reads it.
 * <pre>
 * *3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n
 * *5\r\n$3\r\nSET\r\n$1\r\nt\r\n$1\r\nv\r\n$4\r\nPXAT\r\n$13\r\n1767225600000\r\n
 * *2\r\n$4\r\nINCR\r\n$1\r\nn\r\n
 * </pre>
 *
 * <p>A write takes two steps, as in Redis (which fills {@code aof_buf} while it runs commands and writes it out
 * once per event-loop turn, before it sends the replies):
 * <ol>
 *   <li>{@link #append}: the command's bytes go into a buffer in memory; no system call. The caller appends in
 *       the order the data set changed, so replay gives the same data set.</li>
 *   <li>{@link #awaitDurable}: before the client gets its reply, its bytes are written to the file, and fsynced
 *       when the policy is {@code always}.</li>
 * </ol>
 * The second step is a group commit, led by whichever client gets there first:
 * <pre>
 *   client A  append ─ await ─ leads: takes [A B C] ─ write ─ fsync ─ reply
 *   client B  append ─ await ─ waits for the leader ....................── its bytes went with A's: reply
 *   client C  append ─ await ─ waits ...................................── reply
 *   client D                        append ─ await ─ waits, then leads the next batch [D ...]
 * </pre>
 * While one batch is fsynced the next one gathers, so the slower the disk, the bigger the batches: one fsync
 * serves every client that wrote meanwhile. Without group commit ({@code groupCommit = false}, kept to measure
 * what it saves) each command is written and fsynced on its own, inside the caller's write order.
 *
 * <p>A failed write or fsync is not acknowledged, and not forgotten:
 * <pre>
 *   OK ──write or fsync fails──▶ FAILING ──a retry succeeds (once a second)──▶ OK
 *                                writes are refused ({@link #lastWriteError()}); the unwritten bytes stay queued
 * </pre>
 */
public final class AppendOnlyFile implements AutoCloseable {

    /** How often the background thread fsyncs ({@code everysec}) and retries a failed write, as Redis does. */
    private static final long BACKGROUND_INTERVAL_MILLIS = 1000;

    private final FileChannel channel;
    private final FsyncPolicy policy;
    private final boolean groupCommit;

    private final AofBuffer buffer;

    private final ReentrantLock flushLock = new ReentrantLock(); // held by the leader of a batch
    private volatile long written; // the file holds every byte before this offset (handed to the kernel)
    private volatile long synced;  // ... and every byte before this one is on the disk
    private volatile IOException failure;
    private final AtomicLong fsyncs = new AtomicLong();

    private final Thread background;
    private volatile boolean closed;

    AppendOnlyFile(FileChannel channel, FsyncPolicy policy, boolean groupCommit) throws IOException {
        this.channel = channel;
        this.policy = policy;
        this.groupCommit = groupCommit;
        this.buffer = new AofBuffer(channel.size());
        this.written = this.synced = channel.size();
        this.background = Thread.ofPlatform().name("aof-background").daemon().start(this::backgroundLoop);
    }

    /** Opens (or creates) the file for appending after whatever it holds. */
    public static AppendOnlyFile open(Path file, FsyncPolicy policy, boolean groupCommit) throws IOException {
        return new AppendOnlyFile(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), policy, groupCommit);
    }

    // tag::append[]
    /**
     * Adds one command to the log, in memory. Callers append in the order their commands changed the data set.
     *
     * @return the offset to pass to {@link #awaitDurable} before replying
     */
    public long append(List<byte[]> command) {
        long end = buffer.append(command);
        if (!groupCommit) {
            tryToLead(); // one write and one fsync per command, while the caller still holds its write order
        }
        return end;
    }
    // end::append[]

    // tag::group-commit[]
    /**
     * Returns once every byte before {@code offset} is in the file, and on the disk under {@code always}.
     *
     * @throws IOException the write or fsync error, if those bytes could not be written
     */
    public void awaitDurable(long offset) throws IOException {
        if (durable() >= offset) {
            return;
        }
        flushLock.lock(); // the leader holds it while it writes and fsyncs; followers wait here
        try {
            if (durable() >= offset) {
                return; // a leader took these bytes along in its batch
            }
            IOException error = failure;
            if (error != null) {
                throw error; // the background thread retries; every client retrying would hammer a full disk
            }
            flush(policy == FsyncPolicy.ALWAYS); // lead: everything appended so far, by anyone, in one batch
        } finally {
            flushLock.unlock();
        }
    }
    // end::group-commit[]

    /** The error of the last failed write or fsync, or {@code null} once the file is writable again. */
    public IOException lastWriteError() {
        return failure;
    }

    /** How many fsyncs the file has had: tests count them to see commands share one. */
    long fsyncCount() {
        return fsyncs.get();
    }

    private long durable() {
        return policy == FsyncPolicy.ALWAYS ? synced : written;
    }

    private void tryToLead() {
        flushLock.lock();
        try {
            if (failure == null) {
                flush(policy == FsyncPolicy.ALWAYS);
            }
        } catch (IOException e) {
            // recorded in failure; awaitDurable reports it to the caller
        } finally {
            flushLock.unlock();
        }
    }

    /** Writes every appended byte, then fsyncs if asked. The caller holds {@link #flushLock}. */
    private void flush(boolean force) throws IOException {
        AofBuffer.Batch batch = buffer.take();
        ByteBuffer bytes = ByteBuffer.wrap(batch.bytes());
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            requeue(batch.bytes(), bytes.position());
            throw failed("Error writing to the AOF file: ", e);
        }
        written = batch.end();
        if (force && synced < batch.end()) {
            sync(batch.end());
        }
        if (failure != null) {
            failure = null;
            Log.warn("AOF write error looks solved, writes are accepted again.");
        }
    }

    /**
     * Puts a batch that failed back in front of the buffer, for the retry. Bytes the kernel took are cut off the
     * file first, as Redis does, so that a half-written command never sits in the middle of the file; if even the
     * cut fails, they stay and only the rest is queued, so that the retry completes the command.
     */
    private void requeue(byte[] batch, int writtenPart) {
        int keep = 0;
        if (writtenPart > 0) {
            try {
                channel.truncate(written);
            } catch (IOException e) {
                keep = writtenPart;
                written += writtenPart;
            }
        }
        buffer.putBack(batch, keep);
    }

    private void sync(long upTo) throws IOException {
        try {
            channel.force(false); // the data, and the metadata needed to read it back, such as the file's length
            fsyncs.incrementAndGet();
        } catch (IOException e) {
            throw failed("Fail to fsync the AOF file: ", e);
        }
        synced = Math.max(synced, upTo);
    }

    private IOException failed(String what, IOException e) {
        if (failure == null) {
            Log.warn(what + e.getMessage());
        }
        failure = e;
        return e;
    }

    // tag::everysec[]
    private void backgroundLoop() {
        while (!closed) {
            try {
                TimeUnit.MILLISECONDS.sleep(BACKGROUND_INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return; // close() interrupts
            }
            if (failure != null) {
                tryToRecover();
            } else if (policy == FsyncPolicy.EVERYSEC && synced < written) {
                try {
                    sync(written); // beside the writers, not in their way: they keep writing meanwhile
                } catch (IOException e) {
                    // recorded in failure: writes are refused until a retry succeeds
                }
            }
        }
    }
    // end::everysec[]

    private void tryToRecover() {
        flushLock.lock();
        try {
            flush(policy != FsyncPolicy.NO);
        } catch (IOException e) {
            // still failing; logged once, when it started
        } finally {
            flushLock.unlock();
        }
    }

    /** Writes and fsyncs what is left, whatever the policy, as Redis does on shutdown; a failure is logged. */
    @Override
    public void close() throws IOException {
        closed = true;
        background.interrupt();
        try {
            background.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushLock.lock();
        try {
            flush(true);
        } catch (IOException e) {
            Log.warn("The AOF file could not be completed on shutdown; its last commands are lost");
        } finally {
            flushLock.unlock();
            channel.close();
        }
    }
}
