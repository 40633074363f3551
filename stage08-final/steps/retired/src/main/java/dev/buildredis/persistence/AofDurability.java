// @step 07-10
package dev.buildredis.persistence;

import dev.buildredis.engine.Client;
import dev.buildredis.engine.Durability;
import dev.buildredis.engine.Engine;
import dev.buildredis.engine.Info;
//> step 07-07
//~import dev.buildredis.server.Log;
//< step 07-07
//> step 08-10
//~import dev.buildredis.engine.Log;
//< step 08-10

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * Stage 7's append-only file (one file of commands, as Redis wrote before version 7) plugged into the engine as
 //> step 07-09
//~ * its {@link Durability}. The engine tells it each change ({@link Engine#propagateTo}); the loop has it write a
//~ * turn's changes before the turn's replies leave; the dispatcher refuses writes while the file cannot be written.
 //< step 07-09
 //> step 10-10
//~ * its {@link Durability}, beside the snapshots of {@link Persistence}, to which it hands everything else. The
//~ * engine tells it each change ({@link Engine#propagateTo}); the loop has it write a turn's changes before the
//~ * turn's replies leave; the dispatcher refuses writes while the file cannot be written, or a snapshot failed.
 //< step 10-10
 * <pre>
 //> step 07-09
//~ *   start        load()      replay the file through the dispatcher, nothing expiring; then append to it
 //< step 07-09
 //> step 10-10
//~ *   start        load()      with appendonly yes, replay the file through the dispatcher, nothing expiring, and
//~ *                            append to it; else the snapshot's RDB file, as Redis chooses
 //< step 10-10
 *   a change     propagate   SELECT n when the change is in another database than the last, then the command
 *   each turn    flush()     the turn's changes in one write (one fsync under always); a failure under always
 *                            stops the server before any reply of the turn leaves
 *   a write      writeError  -MISCONF while the last write failed (everysec, no)
 *   cron         cron()      the failed write once more, once a second
 *   the end      shutdown()  written and fsynced
 * </pre>
 */
public final class AofDurability implements Durability {

    private static final byte[] SELECT = "SELECT".getBytes(StandardCharsets.US_ASCII);

    /** How often the cron tries again to write the file while it fails, as Redis's cron does. */
    private static final long RETRY_MILLIS = 1000;

    private final Engine engine;
    //> step 07-07
//~    private final AppendOnlyFile.Opener opener;
    //< step 07-07
    //> step 08-09
//~    private AppendOnlyFile.Opener opener;
    //< step 08-09
    //> step 10-10
//~    private final Durability snapshots; // RDB files: SAVE, BGSAVE, save points
//~    private AppendOnlyFile.Opener opener = AppendOnlyFile.Opener.FILES;
    //< step 10-10
    private AofConfig config;
    private AppendOnlyFile file; // null with appendonly no
    private int selected = -1;   // the database the file's commands go to now; none before the first
    private long nextRetry;

    /** Adds the file's parameters to the engine's settings; the file opens at {@link #load}. */
    //> step 07-09
//~    public AofDurability(Engine engine, AppendOnlyFile.Opener opener) {
    //< step 07-09
    //> step 10-10
//~    public AofDurability(Engine engine, Durability snapshots) {
    //< step 10-10
        this.engine = engine;
        //> step 07-09
//~        this.opener = opener;
        //< step 07-09
        //> step 10-10
//~        this.snapshots = snapshots;
        //< step 10-10
        AofConfig.define(engine.settings());
    }

    // tag::load[]
    /**
     * Replays the file into the data set, then logs every change to it. Both happen before the port opens, so no
     * client sees a half-loaded data set, and nothing replayed is logged a second time. Nothing expires meanwhile:
     * each command meets the keys it met when it ran.
     */
    @Override
    public void load() throws IOException {
        config = AofConfig.of(engine.settings()); // as the command line left them
        if (!config.enabled()) {
            //> step 10-10
//~            snapshots.load(); // the RDB file, if there is one
            //< step 10-10
            return;
        }
        if (!Files.isDirectory(config.dir())) {
            throw new IOException("Can't chdir to '" + config.dir() + "': No such file or directory");
        }
        Client replay = engine.internalClient(); // the file's commands run for a client of the server's own
        engine.loading(true);
        try {
            AofLoader.load(config.file(), command -> {
                engine.dispatcher().execute(replay, command);
                String reply = new String(replay.reply.drain(), StandardCharsets.ISO_8859_1);
                return reply.startsWith("-") ? reply.substring(1).strip() : null; // an error fails the load
            });
        } finally {
            engine.loading(false);
        }
        engine.resetCommandStats(); // the file's commands are not clients': Redis does not count them either
        engine.commandsProcessed = 0;
        file = AppendOnlyFile.open(config.file(), config.fsync(), config.groupCommit(), opener);
        engine.propagateTo(this::append);
    }
    // end::load[]

    // tag::propagate[]
    /** One change, into the file's buffer: the loop writes it before any reply of this turn. */
    private void append(int db, List<byte[]> command) {
        if (db != selected) {
            selected = db;
            file.append(List.of(SELECT, Integer.toString(db).getBytes(StandardCharsets.US_ASCII)));
        }
        file.append(command);
    }
    // end::propagate[]

    @Override
    public void flush() {
        //> step 10-10
//~        snapshots.flush();
        //< step 10-10
        if (file == null) {
            return;
        }
        try {
            file.flush();
        } catch (IOException e) { // always: the replies of this turn must not leave, and the server stops
            engine.fatal("Can't recover from AOF write error when the AOF fsync policy is 'always': "
                    + e.getMessage() + ". Exiting...");
        }
    }

    /** Redis's refusal while the file cannot be written (the dispatcher refuses writes, and PING, with it). */
    @Override
    public String writeError() {
        IOException error = file == null ? null : file.lastWriteError();
        //> step 07-09
//~        return error == null ? null : "MISCONF Errors writing to the AOF file: " + error.getMessage();
        //< step 07-09
        //> step 10-10
//~        return error == null ? snapshots.writeError() : "MISCONF Errors writing to the AOF file: " + error.getMessage();
        //< step 10-10
    }

    @Override
    public boolean busy() {
        //> step 07-09
//~        return false;
        //< step 07-09
        //> step 10-10
//~        return snapshots.busy();
        //< step 10-10
    }

    @Override
    public void step(boolean idle) {
        //> step 10-10
//~        snapshots.step(idle);
        //< step 10-10
    }

    @Override
    public void cron() {
        long now = System.currentTimeMillis();
        if (file != null && now >= nextRetry) {
            nextRetry = now + RETRY_MILLIS;
            file.retry(); // nothing while the file is fine
        }
        //> step 10-10
//~        snapshots.cron();
        //< step 10-10
    }

    @Override
    public void onWakeup(Runnable wakeup) {
        //> step 10-10
//~        snapshots.onWakeup(wakeup);
        //< step 10-10
    }

    @Override
    public void shutdown(Boolean save, boolean force) throws IOException {
        //> step 10-10
//~        snapshots.shutdown(save, force); // a failed save keeps the server up: the file stays open too
        //< step 10-10
        if (file != null) {
            file.close(); // written and fsynced
        }
    }

    @Override
    public void abandon() {
        //> step 10-10
//~        snapshots.abandon();
        //< step 10-10
        try {
            //> step 07-09
//~            shutdown(false, true);
            //< step 07-09
            //> step 10-10
//~            if (file != null) {
//~                file.close(); // as it is: what it could not write is lost
//~            }
            //< step 10-10
        } catch (IOException e) {
            Log.warn("Error while closing the append only file: " + e.getMessage());
        }
    }

    //> step 07-09
//~    /** Redis's persistence fields that this file has: no snapshots, no rewrites, the file's write status. */
    //< step 07-09
    //> step 10-10
//~    /** The snapshots' fields, then Redis's AOF fields that this file has: no rewrites, the file's write status. */
    //< step 10-10
    @Override
    public void info(StringBuilder s) {
        //> step 07-09
//~        Info.line(s, "loading", 0); // the file is replayed before the port opens: no client sees loading:1
//~        Info.line(s, "rdb_bgsave_in_progress", 0);
//~        Info.line(s, "rdb_last_bgsave_status", "ok");
        //< step 07-09
        //> step 10-10
//~        snapshots.info(s);
        //< step 10-10
        Info.line(s, "aof_enabled", file == null ? 0 : 1);
        Info.line(s, "aof_rewrite_in_progress", 0);
        Info.line(s, "aof_rewrite_scheduled", 0);
        Info.line(s, "aof_last_bgrewrite_status", "ok");
        Info.line(s, "aof_last_write_status", file == null || file.lastWriteError() == null ? "ok" : "err");
        if (file != null) {
            try {
                Info.line(s, "aof_current_size", Files.size(config.file()));
            } catch (IOException e) {
                Info.line(s, "aof_current_size", 0); // gone or unreadable; aof_last_write_status says so on a write
            }
        }
    }

    //> step 08-10
//~    /** Opens the file through {@code opener} instead (tests make its writes and fsyncs fail); before {@link #load}. */
//~    public void opener(AppendOnlyFile.Opener opener) {
//~        this.opener = opener;
//~    }
//~
    //< step 08-10
    /** The open file, or {@code null}: tests look at its counts. */
    AppendOnlyFile file() {
        return file;
    }
}
