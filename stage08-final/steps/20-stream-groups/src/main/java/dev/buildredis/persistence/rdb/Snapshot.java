package dev.buildredis.persistence.rdb;

import dev.buildredis.store.Cut;
import dev.buildredis.store.Key;
import dev.buildredis.store.Keyspace;
import dev.buildredis.store.Value;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * One RDB snapshot of the keyspace being written, by BGSAVE or SAVE.
 * An AOF rewrite writes its new base as one too.
 * The keyspace's {@link Cut} hands over the keys as they were when the snapshot began, an {@link RdbWriter} turns them
 * into RDB bytes, and a {@link SnapshotFile} puts the bytes on disk from a thread of its own.
 * <pre>
 *   begin()        the cut: from now on every key is written as it is at this instant
 *   step() ...     each event-loop turn walks on for a slice of time; commands run in between
 *   step() → true  the walk is over, the file is complete, fsynced, and put in place by the finisher
 * </pre>
 * Redis gets the same point-in-time view by forking: the child walks a frozen copy of the parent's memory, at the
 * price of copying every page the parent writes to meanwhile. Here the price is the bytes of keys written ahead of
 * the walk (because a command was about to change them) that the disk has not taken yet.
 */
public final class Snapshot {

    /** What to do with the complete, fsynced file, on the writer's thread: rename it into place, for example. */
    @FunctionalInterface
    public interface Finisher {
        void finish(Path file) throws IOException;
    }

    /** The snapshot stops walking while this many bytes wait for the disk: a slow disk must not fill the heap. */
    private static final long MAX_PENDING = 32L * 1024 * 1024;

    private final SnapshotFile file;
    private final RdbWriter rdb;
    private final Cut cut;
    private final long startedMillis;
    private int currentDb = -1;
    private boolean walked;

    private Snapshot(SnapshotFile file, Keyspace keyspace, boolean aofBase, RdbWriter.Format format)
            throws IOException {
        this.file = file;
        this.rdb = new RdbWriter(file, format);
        this.startedMillis = keyspace.nowMillis();
        rdb.writeHeader(startedMillis / 1000, keyspace.usedMemory(), aofBase);
        this.cut = keyspace.beginCut(this::entry);
    }

    /**
     * Begins a snapshot of {@code keyspace} into the temporary file {@code temp}; once the file is complete and
     * fsynced, {@code finisher} puts it in place, on the writer's thread.
     */
    public static Snapshot begin(Keyspace keyspace, Path temp, boolean aofBase, Finisher finisher)
            throws IOException {
        return begin(keyspace, temp, aofBase, RdbWriter.Format.DEFAULT, finisher);
    }

    /** As {@link #begin(Keyspace, Path, boolean, Finisher)}, with {@code rdbcompression} and {@code rdbchecksum}. */
    public static Snapshot begin(Keyspace keyspace, Path temp, boolean aofBase, RdbWriter.Format format,
                                 Finisher finisher) throws IOException {
        return new Snapshot(new SnapshotFile(temp, finisher), keyspace, aofBase, format);
    }

    private void entry(int db, Key key, Value value, long expireAtMillis) {
        try {
            if (db != currentDb) { // a key written ahead of the walk may belong to another database
                rdb.selectDb(db, cut.size(db), cut.volatileSize(db));
                currentDb = db;
            }
            rdb.writeEntry(key, value, expireAtMillis);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // SnapshotFile only fills memory: it does not throw
        }
    }

    // tag::slice[]
    /**
     * Walks on for about {@code budgetNanos}, unless the disk is behind; returns true once the whole file is on disk
     * (or writing it failed: see {@link #result()}).
     */
    public boolean step(long budgetNanos) {
        if (file.done().isCompletedExceptionally()) { // the writer died (disk full): no use walking on
            if (!walked) {
                cut.abort();
                walked = true;
            }
            return true;
        }
        if (!walked && file.pending() < MAX_PENDING) {
            long start = System.nanoTime();
            do {
                walked = cut.step(64);
            } while (!walked && System.nanoTime() - start < budgetNanos);
            if (walked) {
                finishFile();
            }
        }
        return walked && file.done().isDone();
    }
    // end::slice[]

    private void finishFile() {
        try {
            rdb.writeEnd();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        file.close();
    }

    /**
     * SAVE: walks the whole keyspace now and waits for the disk, no further ahead of it than a snapshot in the
     * background gets, and not at all once the writer has failed.
     */
    public void runToEnd() throws IOException {
        while (!walked && !file.done().isDone()) {
            if (file.pending() >= MAX_PENDING) {
                java.util.concurrent.locks.LockSupport.parkNanos(100_000); // SAVE blocks every client anyway
            } else {
                walked = cut.step(1024);
            }
        }
        if (walked) {
            finishFile();
        } else {
            cut.abort();
        }
        result();
    }

    /** The file's size once it is on disk; throws what went wrong if writing failed. */
    public long result() throws IOException {
        try {
            return file.done().join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** Stops the snapshot and deletes its temporary file. */
    public void abort() {
        cut.abort();
        file.abort();
        try {
            file.done().exceptionally(e -> 0L).join();
            Files.deleteIfExists(file.path());
        } catch (IOException e) {
            // nothing more to do: the temporary file is left for the next start to overwrite
        }
    }

    public Path path() {
        return file.path();
    }

    public long startedMillis() {
        return startedMillis;
    }

    /** Keys written so far, and the keys the keyspace had when the snapshot began. */
    public long keysWritten() {
        return cut.written();
    }

    public long keysTotal() {
        long total = 0;
        for (int db = 0; db < cut.databaseCount(); db++) {
            total += cut.size(db);
        }
        return total;
    }

    /** Bytes waiting for the disk now, and the most there ever were: the snapshot's extra memory. */
    public long pendingBytes() {
        return file.pending();
    }

    public long peakPendingBytes() {
        return file.peakPending();
    }

    /** Completes once the file is on disk (or writing it failed). */
    public CompletableFuture<Long> done() {
        return file.done();
    }

    /** Whether the walk is over: what is left is the disk's work, on the writer's thread. */
    public boolean walked() {
        return walked;
    }
}
