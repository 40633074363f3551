// @step 26
package dev.buildredis.persistence.rdb;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * A snapshot written to no file: the RDB bytes wait here in chunks, and the replicas' connections take them
 * ({@link #poll}) as fast as the slowest of them sends. What Redis's diskless sync does with a pipe between its
 * forked child and the event loop, without the fork and the pipe: the snapshot walks the keyspace a slice at a time
 * on the loop, and stops walking while {@link Snapshot}'s limit of bytes waits here.
 * <pre>
 *   Snapshot.step ──write()──▶ [chunk][chunk] ──poll()──▶ each replica's output ──▶ sockets
 *                                pending(): bytes not yet polled
 * </pre>
 * Everything happens on the event loop's thread: no lock, no thread of its own.
 */
public final class SnapshotPipe extends SnapshotSink {

    private static final int CHUNK = 64 * 1024;

    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private final CompletableFuture<Long> done = new CompletableFuture<>();
    private byte[] chunk = new byte[CHUNK];
    private int used;
    private long pending;
    private long peakPending;
    private long size;
    private boolean closed;

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
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
        chunks.add(used == chunk.length ? chunk : Arrays.copyOf(chunk, used));
        pending += used;
        peakPending = Math.max(peakPending, pending);
        chunk = new byte[CHUNK];
        used = 0;
    }

    /** The next chunk of RDB bytes in order, or {@code null} if none is waiting (yet). */
    public byte[] poll() {
        byte[] next = chunks.poll();
        if (next != null) {
            pending -= next.length;
        }
        return next;
    }

    /** Whether a chunk waits to be polled. */
    public boolean ready() {
        return !chunks.isEmpty();
    }

    /** Whether every byte of the snapshot has been polled. */
    public boolean drained() {
        return closed && chunks.isEmpty() && used == 0;
    }

    /** Every byte written so far: the RDB's size once the snapshot is done. */
    public long size() {
        return size;
    }

    @Override
    long pending() {
        return pending + used;
    }

    @Override
    long peakPending() {
        return Math.max(peakPending, pending());
    }

    /** The snapshot's end: the last bytes wait for {@link #poll}, and {@link #done()} completes. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (used > 0) {
                handOver();
            }
            done.complete(size);
        }
    }

    @Override
    CompletableFuture<Long> done() {
        return done;
    }

    @Override
    void abort() {
        closed = true;
        chunks.clear();
        used = 0;
        pending = 0;
        done.completeExceptionally(new java.io.IOException("the snapshot for the replicas was aborted"));
    }

    @Override
    Path path() {
        return null;
    }
}
