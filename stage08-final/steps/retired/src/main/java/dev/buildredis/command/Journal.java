// @step 01-06
package dev.buildredis.command;

//> step 04-06
//~import dev.buildredis.engine.Client;
//< step 04-06
//> step 06-06
//~import dev.buildredis.engine.Command;
//~import dev.buildredis.engine.CommandFlag;
//~import dev.buildredis.engine.Engine;
//< step 06-06
import dev.buildredis.persistence.AppendOnlyFile;
//> step 01-03
//~import dev.buildredis.protocol.RespValue;
//< step 01-03
//> step 04-06
//~import dev.buildredis.store.Database;
//< step 04-06
import dev.buildredis.store.Key;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
//> step 01-02
//~import java.util.function.LongSupplier;
//< step 01-02

/**
 //> step 01-05
//~ * What the dispatcher does around a command flagged {@link Command.Flag#WRITE} while the append-only file is on:
 //< step 01-05
 //> step 06-06
//~ * What the dispatcher does around a command flagged {@code write} while the append-only file is on:
 //< step 06-06
 * Redis's {@code call()} with its "dirty" counter and {@code propagate()}.
 * <pre>
 *   the file is failing? ──yes──▶ -MISCONF Errors writing to the AOF file: No space left on device
 *        │ no
 *   run the command ─▶ did the data set change? ──no──▶ reply
 *        │ yes
 //> step 01-03
//~ *   append the command (or the form it asked to be logged as) to the file's buffer ─▶ reply
 //< step 01-03
 //> step 04-06
//~ *   append SELECT if the command's database is not the file's, then the command
 //< step 04-06
 //> step 04-05
//~ *   (or the form it asked to be logged as) to the file's buffer ─▶ reply
 //< step 04-05
 //> step 06-06
//~ *   (unless it told the engine what to log instead) to the file's buffer ─▶ reply
 //< step 06-06
 * </pre>
 *
 //> step 01-02
//~ * <p>The data set knows how often it changed ({@code changes}); a command changed it if the count moved while
//~ * it ran. So {@code SET k v NX} on an existing key, or {@code DEL} of a missing one, is not logged.
 //< step 01-02
 //> step 03-03
//~ * <p>A command that changed the data set says so ({@link #changed}, Redis's {@code server.dirty++}); a command
//~ * changed it if the count moved while it ran. So {@code SET k v NX} on an existing key, or {@code DEL} of a
//~ * missing one, is not logged.
 //< step 03-03
 //> step 04-06
//~ * <p>A command that changed a key says so ({@code client.modified(key)}, which counts Redis's {@code server.dirty}); a
//~ * command changed the data set if the count moved while it ran. So {@code SET k v NX} on an existing key, or
//~ * {@code DEL} of a missing one, is not logged.
//~ *
//~ * <p>The file names a database once, with {@code SELECT n}, before the first command that changed it and whenever
//~ * the next change is in another: Redis's AOF does the same, so that the replay runs each command where it ran.
 //< step 04-06
 *
 * <p>One thread runs every command, so the order in which commands append is the order in which the data set took
 * them, and the change count moves only for the command that runs: no lock is needed for either. The reply does
 * not wait here: it goes into the client's buffer, and the event loop writes the file's buffer before it writes any
 * reply of the same turn (see {@link AppendOnlyFile#flush}).
 *
 //> step 01-05
//~ * <p>A command whose arguments would replay differently later asks to be logged in another form with
//~ * {@link #logAs}: {@code SET k v EX 10} becomes {@code SET k v PXAT <the absolute time>}, as Redis rewrites it,
//~ * so a restart does not give the key a new ten seconds. A key that a command finds expired is logged as
 //< step 01-05
 //> step 06-06
//~ * <p>A command whose arguments would replay differently later tells the engine what to log instead
//~ * ({@link Engine#propagate}), and the engine tells the journal: {@code SET k v EX 10} becomes
//~ * {@code SET k v PXAT <the absolute time>}, as Redis rewrites it, so a restart does not give the key a new ten
//~ * seconds. A key that a command finds expired is logged as
 //< step 06-06
 * {@code DEL key} ({@link #expired}), as Redis does: the replay expires nothing, so it must be told.
 */
public final class Journal {

    private static final byte[] DEL = "DEL".getBytes(StandardCharsets.US_ASCII);
    //> step 04-06
//~    private static final byte[] SELECT = "SELECT".getBytes(StandardCharsets.US_ASCII);
    //< step 04-06

    //> step 01-02
//~    private final LongSupplier changes;
    //< step 01-02
    //> step 03-03
//~    private long changes;
    //< step 03-03
    private AppendOnlyFile file; // null: nothing is logged (appendonly no, or while the file is replayed)
    //> step 01-05
//~    private List<byte[]> loggedForm;
    //< step 01-05
//> step 01-03
//~
//< step 01-03
    //> step 01-02
//~    /** @param changes how many times the data set has changed so far */
//~    public Journal(LongSupplier changes) {
//~        this.changes = changes;
    //< step 01-02
    //> step 03-03
//~    /** A command changed the data set (a write or delete that did something; a lazy expiry is not one). */
//~    void changed() {
//~        changes++;
    //< step 03-03
    //> step 01-03
//~    }
    //< step 01-03
    //> step 06-06
//~    private boolean loggedInstead; // the running command told the engine what to log
    //< step 06-06
    //> step 04-06
//~    private int selected = -1; // the database the file's commands go to now; none before the first
    //< step 04-06

    //> step 01-05
//~    /** Logs every change from now on to {@code file}. */
//~    public void attach(AppendOnlyFile file) {
    //< step 01-05
    //> step 06-06
//~    /** Logs every change from now on to {@code file}, and what the engine's commands say to log instead. */
//~    public void attach(AppendOnlyFile file, Engine engine) {
    //< step 06-06
        this.file = file;
        //> step 06-06
//~        engine.propagateTo((db, command) -> {
//~            loggedInstead = true;
//~            append(engine.keyspace().db(db), command);
//~        });
        //< step 06-06
    }

    /**
     * Redis's refusal while the file cannot be written: writes, and PING too (Redis refuses PING so that a client
     * that checks health with it notices); reads keep working.
     */
    //> step 01-03
//~    RespValue refusal(Command command) {
    //< step 01-03
    //> step 04-06
//~    String refusal(Command command) {
    //< step 04-06
        IOException error = file == null ? null : file.lastWriteError();
        //> step 01-05
//~        if (error != null && (command.writes() || command.name().equals("ping"))) {
        //< step 01-05
            //> step 01-03
//~            return new RespValue.SimpleError("MISCONF Errors writing to the AOF file: " + error.getMessage());
            //< step 01-03
        //> step 06-06
//~        if (error != null && (command.flags().contains(CommandFlag.WRITE) || command.name().equals("ping"))) {
        //< step 06-06
            //> step 04-06
//~            return "MISCONF Errors writing to the AOF file: " + error.getMessage();
            //< step 04-06
        }
        return null;
    }

    // tag::run[]
    /** Runs a write command, and appends it to the file's buffer if it changed the data set. */
    //> step 01-03
//~    RespValue run(Command command, List<byte[]> args) {
    //< step 01-03
    //> step 04-06
//~    void run(Client client, Command command, List<byte[]> args) {
    //< step 04-06
        if (file == null) {
            //> step 01-03
//~            return command.handler().handle(args);
            //< step 01-03
            //> step 04-05
//~            command.handler().handle(client, args);
            //< step 04-05
            //> step 06-06
//~            command.handler().execute(client, args);
            //< step 06-06
            //> step 04-06
//~            return;
            //< step 04-06
        }
        //> step 01-02
//~        long before = changes.getAsLong();
        //< step 01-02
        //> step 03-03
//~        long before = changes;
        //< step 03-03
        //> step 04-06
//~        long before = client.engine.dirty;
        //< step 04-06
        //> step 01-05
//~        loggedForm = null;
        //< step 01-05
        //> step 01-03
//~        RespValue reply = command.handler().handle(args);
        //< step 01-03
        //> step 01-02
//~        if (changes.getAsLong() != before) {
        //< step 01-02
        //> step 03-03
//~        if (changes != before) {
        //< step 03-03
            //> step 01-03
//~            file.append(loggedForm != null ? loggedForm : args); // in memory: the loop writes it before replying
            //< step 01-03
        //> step 04-05
//~        command.handler().handle(client, args);
//~        if (client.engine.dirty != before) {
//~            append(client.db(), loggedForm != null ? loggedForm : args); // in memory: written before any reply
        //< step 04-05
        //> step 06-06
//~        loggedInstead = false;
//~        command.handler().execute(client, args);
//~        if (client.engine.dirty != before && !loggedInstead) {
//~            append(client.db(), args); // in memory: written before any reply
        //< step 06-06
        }
        //> step 01-03
//~        return reply;
        //< step 01-03
    //> step 04-06
//~    }
//~
//~    private void append(Database db, List<byte[]> command) {
//~        if (db.index() != selected) {
//~            selected = db.index();
//~            file.append(List.of(SELECT, Long.toString(selected).getBytes(StandardCharsets.US_ASCII)));
//~        }
//~        file.append(command);
    //< step 04-06
    }
    // end::run[]

    //> step 01-05
//~    /** Called by a running command: log it as {@code form} instead of its arguments. */
//~    void logAs(List<byte[]> form) {
//~        loggedForm = form;
//~    }
//~
    //< step 01-05
    // tag::expired[]
    /** A command found {@code key} expired and removed it: the file says so before it logs that command. */
    //> step 01-03
//~    public void expired(Key key) {
    //< step 01-03
    //> step 04-06
//~    public void expired(Database db, Key key) {
    //< step 04-06
        if (file != null) {
            //> step 01-03
//~            file.append(List.of(DEL, key.bytes()));
            //< step 01-03
            //> step 04-06
//~            append(db, List.of(DEL, key.bytes()));
            //< step 04-06
        }
    }
    // end::expired[]
}
