package dev.buildredis.persistence.rdb;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a snapshot's bytes go: the event loop writes them into 64 KB chunks in memory, and a thread of its own
 * writes the chunks to the file, then fsyncs it, so that the loop never waits for the disk.
 * <pre>
 *   event loop ──write()──▶ [chunk][chunk][chunk] ──writer thread──▶ temp file ──fsync──▶ done()
 *                              pending(): bytes written here, not yet handed to the file
 * </pre>
 * The chunks waiting are the snapshot's extra memory, what Redis's fork pays in copied pages; {@link #peakPending()}
 * is the most there ever was. The loop looks at {@link #pending()} before it walks on, so that a slow disk slows
 * the walk instead of filling the heap. Written chunks come back to be filled again, so a snapshot of any size
 * makes little garbage.
 *
 * <p>Putting the file in place (a rename and an fsync of the directory) is disk work too, and can take tens of
 * milliseconds right after a large write: the writer thread does it ({@link Snapshot.Finisher}), not the loop.
 */
final class SnapshotFile extends OutputStream {

    private static final int CHUNK = 64 * 1024;
    private static final byte[] END = new byte[0];

    private final Path path;
    private final FileChannel channel;
    private final Snapshot.Finisher finisher;
    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private final java.util.concurrent.ConcurrentLinkedQueue<byte[]> free = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicLong pending = new AtomicLong();
    private final CompletableFuture<Long> done = new CompletableFuture<>();
    private byte[] chunk = new byte[CHUNK];
    private int used;
    private long peakPending;
    private long size;
    private boolean closed;
    private volatile boolean aborted;

    SnapshotFile(Path path, Snapshot.Finisher finisher) throws IOException {
        this.path = path;
        this.finisher = finisher;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        Thread.ofPlatform().name("snapshot-writer").daemon().start(this::drain);
    }

    Path path() {
        return path;
    }

    @Override
    public void write(int b) {
        if (used == chunk.length) {
            handOver();
        }
        chunk[used++] = (byte) b;
        size++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        size += length;
        while (length > 0) {
            if (used == chunk.length) {
                handOver();
            }
            int n = Math.min(length, chunk.length - used);
            System.arraycopy(bytes, offset, chunk, used, n);
            used += n;
            offset += n;
            length -= n;
        }
    }

    private void handOver() {
        byte[] full = used == chunk.length ? chunk : java.util.Arrays.copyOf(chunk, used);
        peakPending = Math.max(peakPending, pending.addAndGet(full.length));
        chunks.add(full);
        byte[] recycled = free.poll();
        chunk = recycled != null ? recycled : new byte[CHUNK];
        used = 0;
    }

    /** Bytes written and not yet in the file. */
    long pending() {
        return pending.get() + used;
    }

    /** The most bytes ever pending at once. */
    long peakPending() {
        return Math.max(peakPending, pending());
    }

    /** Every byte written so far. */
    long size() {
        return size;
    }

    /** No more bytes: the writer writes what is left, fsyncs and closes the file; {@link #done()} completes then. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (used > 0) {
                handOver();
            }
            chunks.add(END);
        }
    }

    /** Completes with the file's size once it is on disk, or exceptionally if writing failed. */
    CompletableFuture<Long> done() {
        return done;
    }

    /** Gives up: the writer stops and closes the file; the caller deletes it. */
    void abort() {
        aborted = true;
        closed = true;
        chunks.clear();
        chunks.add(END);
    }

    private void drain() {
        long written = 0;
        try (channel) {
            for (byte[] bytes = chunks.take(); bytes != END; bytes = chunks.take()) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    written += channel.write(buffer);
                }
                pending.addAndGet(-bytes.length);
                if (bytes.length == CHUNK && free.size() < 4) {
                    free.add(bytes);
                }
            }
            channel.force(true);
            channel.close();
            if (!aborted) {
                finisher.finish(path);
            }
            done.complete(written);
        } catch (IOException | RuntimeException e) {
            done.completeExceptionally(e);
        } catch (InterruptedException e) {
            done.completeExceptionally(e);
            Thread.currentThread().interrupt();
        }
    }
}
