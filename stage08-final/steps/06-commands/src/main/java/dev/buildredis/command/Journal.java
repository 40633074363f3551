package dev.buildredis.command;

import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandFlag;
import dev.buildredis.engine.Engine;
import dev.buildredis.persistence.AppendOnlyFile;
import dev.buildredis.store.Database;
import dev.buildredis.store.Key;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the dispatcher does around a command flagged {@code write} while the append-only file is on:
 * Redis's {@code call()} with its "dirty" counter and {@code propagate()}.
 * <pre>
 *   the file is failing? ──yes──▶ -MISCONF Errors writing to the AOF file: No space left on device
 *        │ no
 *   run the command ─▶ did the data set change? ──no──▶ reply
 *        │ yes
 *   append SELECT if the command's database is not the file's, then the command
 *   (unless it told the engine what to log instead) to the file's buffer ─▶ reply
 * </pre>
 *
 * <p>A command that changed a key says so ({@code client.modified(key)}, which counts Redis's {@code server.dirty}); a
 * command changed the data set if the count moved while it ran. So {@code SET k v NX} on an existing key, or
 * {@code DEL} of a missing one, is not logged.
 *
 * <p>The file names a database once, with {@code SELECT n}, before the first command that changed it and whenever
 * the next change is in another: Redis's AOF does the same, so that the replay runs each command where it ran.
 *
 * <p>One thread runs every command, so the order in which commands append is the order in which the data set took
 * them, and the change count moves only for the command that runs: no lock is needed for either. The reply does
 * not wait here: it goes into the client's buffer, and the event loop writes the file's buffer before it writes any
 * reply of the same turn (see {@link AppendOnlyFile#flush}).
 *
 * <p>A command whose arguments would replay differently later tells the engine what to log instead
 * ({@link Engine#propagate}), and the engine tells the journal: {@code SET k v EX 10} becomes
 * {@code SET k v PXAT <the absolute time>}, as Redis rewrites it, so a restart does not give the key a new ten
 * seconds. A key that a command finds expired is logged as
 * {@code DEL key} ({@link #expired}), as Redis does: the replay expires nothing, so it must be told.
 */
public final class Journal {

    private static final byte[] DEL = "DEL".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SELECT = "SELECT".getBytes(StandardCharsets.US_ASCII);

    private AppendOnlyFile file; // null: nothing is logged (appendonly no, or while the file is replayed)
    private boolean loggedInstead; // the running command told the engine what to log
    private int selected = -1; // the database the file's commands go to now; none before the first

    /** Logs every change from now on to {@code file}, and what the engine's commands say to log instead. */
    public void attach(AppendOnlyFile file, Engine engine) {
        this.file = file;
        engine.propagateTo((db, command) -> {
            loggedInstead = true;
            append(engine.keyspace().db(db), command);
        });
    }

    /**
     * Redis's refusal while the file cannot be written: writes, and PING too (Redis refuses PING so that a client
     * that checks health with it notices); reads keep working.
     */
    String refusal(Command command) {
        IOException error = file == null ? null : file.lastWriteError();
        if (error != null && (command.flags().contains(CommandFlag.WRITE) || command.name().equals("ping"))) {
            return "MISCONF Errors writing to the AOF file: " + error.getMessage();
        }
        return null;
    }

    // tag::run[]
    /** Runs a write command, and appends it to the file's buffer if it changed the data set. */
    void run(Client client, Command command, List<byte[]> args) {
        if (file == null) {
            command.handler().execute(client, args);
            return;
        }
        long before = client.engine.dirty;
        loggedInstead = false;
        command.handler().execute(client, args);
        if (client.engine.dirty != before && !loggedInstead) {
            append(client.db(), args); // in memory: written before any reply
        }
    }

    private void append(Database db, List<byte[]> command) {
        if (db.index() != selected) {
            selected = db.index();
            file.append(List.of(SELECT, Long.toString(selected).getBytes(StandardCharsets.US_ASCII)));
        }
        file.append(command);
    }
    // end::run[]

    // tag::expired[]
    /** A command found {@code key} expired and removed it: the file says so before it logs that command. */
    public void expired(Database db, Key key) {
        if (file != null) {
            append(db, List.of(DEL, key.bytes()));
        }
    }
    // end::expired[]
}
