package dev.buildredis.command;

import dev.buildredis.persistence.AppendOnlyFile;
import dev.buildredis.protocol.RespValue;
import dev.buildredis.store.Key;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the dispatcher does around a command flagged {@link Command.Flag#WRITE} while the append-only file is on:
 * Redis's {@code call()} with its "dirty" counter and {@code propagate()}.
 * <pre>
 *   the file is failing? ──yes──▶ -MISCONF Errors writing to the AOF file: No space left on device
 *        │ no
 *   run the command ─▶ did the data set change? ──no──▶ reply
 *        │ yes
 *   append the command (or the form it asked to be logged as) to the file's buffer ─▶ reply
 * </pre>
 *
 * <p>A command that changed the data set says so ({@link #changed}, Redis's {@code server.dirty++}); a command
 * changed it if the count moved while it ran. So {@code SET k v NX} on an existing key, or {@code DEL} of a
 * missing one, is not logged.
 *
 * <p>One thread runs every command, so the order in which commands append is the order in which the data set took
 * them, and the change count moves only for the command that runs: no lock is needed for either. The reply does
 * not wait here: it goes into the client's buffer, and the event loop writes the file's buffer before it writes any
 * reply of the same turn (see {@link AppendOnlyFile#flush}).
 *
 * <p>A command whose arguments would replay differently later asks to be logged in another form with
 * {@link #logAs}: {@code SET k v EX 10} becomes {@code SET k v PXAT <the absolute time>}, as Redis rewrites it,
 * so a restart does not give the key a new ten seconds. A key that a command finds expired is logged as
 * {@code DEL key} ({@link #expired}), as Redis does: the replay expires nothing, so it must be told.
 */
public final class Journal {

    private static final byte[] DEL = "DEL".getBytes(StandardCharsets.US_ASCII);

    private long changes;
    private AppendOnlyFile file; // null: nothing is logged (appendonly no, or while the file is replayed)
    private List<byte[]> loggedForm;

    /** A command changed the data set (a write or delete that did something; a lazy expiry is not one). */
    void changed() {
        changes++;
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
        IOException error = file == null ? null : file.lastWriteError();
        if (error != null && (command.writes() || command.name().equals("ping"))) {
            return new RespValue.SimpleError("MISCONF Errors writing to the AOF file: " + error.getMessage());
        }
        return null;
    }

    // tag::run[]
    /** Runs a write command, and appends it to the file's buffer if it changed the data set. */
    RespValue run(Command command, List<byte[]> args) {
        if (file == null) {
            return command.handler().handle(args);
        }
        long before = changes;
        loggedForm = null;
        RespValue reply = command.handler().handle(args);
        if (changes != before) {
            file.append(loggedForm != null ? loggedForm : args); // in memory: the loop writes it before replying
        }
        return reply;
    }
    // end::run[]

    /** Called by a running command: log it as {@code form} instead of its arguments. */
    void logAs(List<byte[]> form) {
        loggedForm = form;
    }

    // tag::expired[]
    /** A command found {@code key} expired and removed it: the file says so before it logs that command. */
    public void expired(Key key) {
        if (file != null) {
            file.append(List.of(DEL, key.bytes()));
        }
    }
    // end::expired[]
}
