// @step 01-01
package dev.buildredis.command;

import dev.buildredis.persistence.AppendOnlyFile;
import dev.buildredis.protocol.RespValue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * What the dispatcher does around a command flagged {@link Command.Flag#WRITE} while the append-only file is on:
 * Redis's {@code call()} with its "dirty" counter and {@code propagate()}.
 * <pre>
 *   the file is failing? ──yes──▶ -MISCONF Errors writing to the AOF file: No space left on device
 *        │ no
 *   take the write order ─▶ run the command ─▶ did the data set change? ──no──▶ release, reply
 *        │ yes
 *   append the command (or the form it asked to be logged as) ─▶ release ─▶ wait until it is in the file ─▶ reply
 * </pre>
 *
 * <p>The data set knows how often it changed ({@code changes}); a command changed it if the count moved while
 * it ran. So {@code SET k v NX} on an existing key, or {@code DEL} of a missing one, is not logged.
 *
 * <p>Write commands take the write order one at a time: the file must list changes in the order the data set
 * took them, or a replay would end differently ({@code SET k 1} and {@code SET k 2} swapped). Holding it also
 * makes the change count exact, since no other write runs meanwhile (reads never count: lazy expiry is not a
 * change, as in Redis). Waiting for the disk happens after the order is released, so that the next writers can
 * append and join the same fsync.
 *
 * <p>A command whose arguments would replay differently later asks to be logged in another form with
 * {@link #logAs}: {@code SET k v EX 10} becomes {@code SET k v PXAT <the absolute time>}, as Redis rewrites it,
 * so a restart does not give the key a new ten seconds.
 */
public final class Journal {

    private final LongSupplier changes;
    private final ReentrantLock order = new ReentrantLock();
    private volatile AppendOnlyFile file; // null: nothing is logged (appendonly no, or while the file is replayed)
    private List<byte[]> loggedForm;      // guarded by order

    /** @param changes how many times the data set has changed so far */
    public Journal(LongSupplier changes) {
        this.changes = changes;
    }

    /** Logs every change from now on to {@code file}. */
    public void attach(AppendOnlyFile file) {
        this.file = file;
    }

    /**
     * Redis's refusal while the file cannot be written: writes, and PING too (Redis refuses PING so that a client
     * that checks health with it notices); reads keep working.
     */
    RespValue refusal(Command command) {
        AppendOnlyFile current = file;
        IOException error = current == null ? null : current.lastWriteError();
        if (error != null && (command.writes() || command.name().equals("ping"))) {
            return misconf(error);
        }
        return null;
    }

    // tag::run[]
    /** Runs a write command, logs it if it changed the data set, and replies once the log has it. */
    RespValue run(Command command, List<byte[]> args) {
        AppendOnlyFile current = file;
        if (current == null) {
            return command.handler().handle(args);
        }
        RespValue reply;
        long offset;
        order.lock();
        try {
            long before = changes.getAsLong();
            loggedForm = null;
            reply = command.handler().handle(args);
            if (changes.getAsLong() == before) {
                return reply; // nothing changed: nothing to log, nothing to wait for
            }
            offset = current.append(loggedForm != null ? loggedForm : args);
        } finally {
            order.unlock();
        }
        try {
            current.awaitDurable(offset); // outside the order: the next writers join this fsync
        } catch (IOException e) {
            return misconf(e);
        }
        return reply;
    }
    // end::run[]

    /** Called by a running command: log it as {@code form} instead of its arguments. */
    void logAs(List<byte[]> form) {
        if (file != null) {
            loggedForm = form; // the caller runs under the write order
        }
    }

    private static RespValue misconf(IOException error) {
        return new RespValue.SimpleError("MISCONF Errors writing to the AOF file: " + error.getMessage());
    }
}
