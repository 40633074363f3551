// @step 26
package dev.buildredis.persistence.rdb;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Where a {@link Snapshot}'s RDB bytes go: a file on disk ({@link SnapshotFile}), or, for a diskless full sync,
 * the replicas' connections ({@link SnapshotPipe}). Either way the bytes wait in memory until taken, and the
 * snapshot walks on only while fewer than its limit wait: a slow disk or a slow replica slows the walk down
 * instead of filling the heap.
 */
abstract class SnapshotSink extends OutputStream {

    /** Bytes written and not yet taken (by the disk, or by the replicas). */
    abstract long pending();

    /** The most bytes ever pending at once: the snapshot's extra memory. */
    abstract long peakPending();

    /** Completes with the bytes written once the sink has them all, or exceptionally if it failed. */
    abstract CompletableFuture<Long> done();

    /** Gives up: nothing more is taken, {@link #done()} completes. */
    abstract void abort();

    /** No more bytes: the last ones go on their way, and {@link #done()} completes once they have arrived. */
    @Override
    public abstract void close();

    /** The file written, or {@code null} for a sink without one. */
    abstract Path path();
}
