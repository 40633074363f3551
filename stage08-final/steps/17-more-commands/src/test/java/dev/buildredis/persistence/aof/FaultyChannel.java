package dev.buildredis.persistence.aof;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real file channel whose writes and fsyncs a test can make fail, cut short or hold up: a full disk, a disk
 * that fails in the middle of a write, a slow fsync, without a full disk.
 */
final class FaultyChannel extends FileChannel {

    private final FileChannel file;

    /** When set, writes fail with it (after {@link #bytesBeforeFailure} bytes went through). */
    volatile IOException writeError;
    /** How many bytes of the failing write reach the file before the error. */
    volatile int bytesBeforeFailure;
    /** When set, truncate fails with it. */
    volatile IOException truncateError;
    /** When set, fsyncs fail with it. */
    volatile IOException forceError;
    /** When not null, each fsync takes a permit first: a test holds fsyncs up until it releases them. */
    volatile Semaphore forceGate;
    /** How many fsyncs have started: a test sees the first one is under way. */
    final AtomicInteger forcesStarted = new AtomicInteger();

    FaultyChannel(FileChannel file) {
        this.file = file;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        IOException error = writeError;
        if (error == null) {
            return file.write(src);
        }
        int part = Math.min(bytesBeforeFailure, src.remaining());
        if (part > 0) {
            ByteBuffer slice = src.slice(src.position(), part);
            file.write(slice);
            src.position(src.position() + part);
        }
        throw error;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        forcesStarted.incrementAndGet();
        Semaphore gate = forceGate;
        if (gate != null) {
            gate.acquireUninterruptibly();
        }
        if (forceError != null) {
            throw forceError;
        }
        file.force(metaData);
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        if (truncateError != null) {
            throw truncateError;
        }
        file.truncate(size);
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return file.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return file.read(dsts, offset, length);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        throw new UnsupportedOperationException("the append-only file writes one buffer at a time");
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        file.position(newPosition);
        return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return file.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        return file.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return file.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) {
        throw new UnsupportedOperationException("the append-only file only appends");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return file.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return file.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        file.close();
    }
}
