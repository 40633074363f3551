// @step 01-01
package dev.buildredis.persistence;

import dev.buildredis.protocol.RespValue;
import dev.buildredis.protocol.RespWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The commands appended to the log and not yet written to the file (Redis's {@code aof_buf}), with the file
 * offset each one will end at. Many clients append; the leader of a batch takes everything at once:
 * <pre>
 *   append(SET a 1) → 27    append(SET b 2) → 54    take() → [27 + 27 bytes, ending at offset 54]
 * </pre>
 * Thread-safe; appending is a copy into memory, so the lock is held only briefly.
 */
final class AofBuffer {

    /** Bytes taken out to be written, and the file offset just past them. */
    record Batch(byte[] bytes, long end) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final RespWriter encoder = new RespWriter(bytes);
    private long end;

    /** @param fileSize where the file ends now: the first command appended will start there */
    AofBuffer(long fileSize) {
        this.end = fileSize;
    }

    /** Encodes a command as a RESP array of bulk strings and returns the offset just past it in the file. */
    long append(List<byte[]> command) {
        List<RespValue> arguments = new ArrayList<>(command.size());
        for (byte[] argument : command) {
            arguments.add(new RespValue.BulkString(argument));
        }
        lock.lock();
        try {
            int before = bytes.size();
            encoder.write(new RespValue.Array(arguments)); // the replies' encoder: a command is an array too
            end += bytes.size() - before;
            return end;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        } finally {
            lock.unlock();
        }
    }

    /** Everything appended so far, taken out. */
    Batch take() {
        lock.lock();
        try {
            Batch batch = new Batch(bytes.toByteArray(), end);
            bytes.reset();
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** Puts {@code batch[from..]} back in front of what was appended since it was taken, for a retry. */
    void putBack(byte[] batch, int from) {
        lock.lock();
        try {
            byte[] newer = bytes.toByteArray();
            bytes.reset();
            bytes.write(batch, from, batch.length - from);
            bytes.write(newer, 0, newer.length);
        } finally {
            lock.unlock();
        }
    }
}
