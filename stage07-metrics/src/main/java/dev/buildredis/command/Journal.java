package dev.buildredis.command;

import dev.buildredis.persistence.AppendOnlyFile;
import dev.buildredis.protocol.RespValue;
import dev.buildredis.store.Key;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * What the dispatcher does around a command flagged {@link Command.Flag#WRITE} while the append-only file is on:
 * Redis's {@code call()} with its "dirty" counter and {@code propagate()}.
 * <pre>
 *   the file is failing? ──yes──▶ -MISCONF Errors writing to the AOF file: No space left on device
 *        │ no
 *   take the write order ─▶ run the command (a key it finds expired: append DEL key)
 *        │
 *   did the data set change? ──yes──▶ append the command (or the form it asked to be logged as)
 *        │
 *   appended nothing? ──yes──▶ release, reply
 *        │ no
 *   release ─▶ wait until it is in the file ─▶ reply
 * </pre>
 *
 * <p>The data set knows how often it changed ({@code changes}); a command changed it if the count moved while
 * it ran. So {@code SET k v NX} on an existing key, or {@code DEL} of a missing one, is not logged.
 *
 * <p>Write commands take the write order one at a time: the file must list changes in the order the data set
 * took them, or a replay would end differently ({@code SET k 1} and {@code SET k 2} swapped). Holding it also
 * makes the change count exact, since no other write runs meanwhile (removing an expired key is not counted as a
 * change, as in Redis: it is logged as a {@code DEL} of its own, below). Waiting for the disk happens after the
 * order is released, so that the next writers can append and join the same fsync.
 *
 * <p>A command whose arguments would replay differently later asks to be logged in another form with
 * {@link #logAs}: {@code SET k v EX 10} becomes {@code SET k v PXAT <the absolute time>}, as Redis rewrites it,
 * so a restart does not give the key a new ten seconds.
 *
 * <p>The replay expires nothing (the keyspace is {@code loading}): each command must meet the keys it met when it
 * ran. So when a key's time has run out, the file must say so itself, as Redis's does. A write that finds a key
 * expired removes it, and the keyspace calls {@link #expired}, which appends {@code DEL key} at once. The write holds
 * the order, so the {@code DEL} lands after every earlier change, before the write's own entry, and before every
 * later write that the removal made possible:
 * <pre>
 *   SET k 5 PX 1500 ─ 2 s pass ─ SET k 1 NX → +OK        file: SET k 5 PXAT t, DEL k, SET k 1 NX
 * </pre>
 * A read does not hold the order, so it answers nil and leaves the key in the map for the next write to remove: a
 * {@code DEL} appended outside the order could land before the entry of the write that set the key, which appends
 * only after it ran. Redis's single thread lets reads log the {@code DEL} too.
 */
public final class Journal {

    private static final byte[] DEL = "DEL".getBytes(StandardCharsets.US_ASCII);
    /** {@link #appendedUpTo} before the running command has appended anything. */
    private static final long NOTHING = -1;

    private final LongSupplier changes;
    private final ReentrantLock order = new ReentrantLock();
    private volatile AppendOnlyFile file; // null: nothing is logged (appendonly no, or while the file is replayed)
    private List<byte[]> loggedForm;      // guarded by order
    private long appendedUpTo;            // guarded by order: the file offset past the running command's entries

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
            appendedUpTo = NOTHING;
            reply = command.handler().handle(args); // a key it finds expired is appended as DEL meanwhile
            if (changes.getAsLong() != before) {
                appendedUpTo = current.append(loggedForm != null ? loggedForm : args);
            }
            if (appendedUpTo == NOTHING) {
                return reply; // nothing changed: nothing to log, nothing to wait for
            }
            offset = appendedUpTo;
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

    /**
     * Called by the keyspace when a running write has removed {@code key} because its time ran out: the file says
     * so before it logs that write. Appended at once, under the write order the caller holds.
     */
    public void expired(Key key) {
        AppendOnlyFile current = file;
        if (current != null) {
            appendedUpTo = current.append(List.of(DEL, key.bytes()));
        }
    }

    private static RespValue misconf(IOException error) {
        return new RespValue.SimpleError("MISCONF Errors writing to the AOF file: " + error.getMessage());
    }
}
