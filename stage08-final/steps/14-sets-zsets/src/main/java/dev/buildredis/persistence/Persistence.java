package dev.buildredis.persistence;

import dev.buildredis.engine.Info;
import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Durability;
import dev.buildredis.engine.Engine;
import dev.buildredis.engine.Log;
import dev.buildredis.persistence.aof.AppendOnlyFile;
import dev.buildredis.persistence.aof.FsyncPolicy;
import dev.buildredis.persistence.rdb.Durable;
import dev.buildredis.persistence.rdb.RdbReader;
import dev.buildredis.persistence.rdb.RdbWriter;
import dev.buildredis.persistence.rdb.Snapshot;
import dev.buildredis.store.Database;
import dev.buildredis.store.Keyspace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's persistence, as Redis has it: RDB snapshots (SAVE, BGSAVE, the {@code save} points), loaded at start.
 * The append-only file: every change, loaded at start instead of the snapshot when it is on.
 * The append-only file is rewritten when it has grown.
 * <pre>
 *   start       load dump.rdb
 *               (appendonly yes: the AOF directory instead: manifest, base, incremental files)
 *   each turn   a running snapshot walks on for a slice ({@link #step})
 *               the AOF buffer is written ({@link #flush})
 *   cron        save points reached? BGSAVE.
 *               AOF grown past auto-aof-rewrite-percentage? rewrite.
 * </pre>
 * Only one snapshot runs at a time, as Redis runs one child.
 * A BGSAVE asked for during an AOF rewrite is refused (or, with SCHEDULE, run after it), and a rewrite asked for
 * during a BGSAVE waits for it.
 */
public final class Persistence implements Durability {

    /** A snapshot may take this much of each event-loop turn while clients are waiting. */
    private static final long SLICE_NANOS = 500_000;
    /** ... and this much when the loop has nothing else to do: a command arriving meanwhile waits no longer. */
    private static final long IDLE_SLICE_NANOS = 1_000_000;

    private final Engine engine;
    private Boolean appendonly; // the appendonly setting last acted on (null before the load), to notice a change
    private AppendOnlyFile aof;
    private Snapshot bgsave;
    private long dirtyAtBgsave;
    private Snapshot rewrite;
    private boolean rewriteScheduled;
    private boolean bgsaveScheduled;
    private boolean stopped;
    private Runnable wakeup = () -> { };

    // INFO persistence
    private long dirtyAtLastSave;
    private long lastSaveMillis;
    private boolean lastBgsaveOk = true;
    private long lastBgsaveTryMillis;
    private long lastBgsaveSeconds = -1;
    private long rdbSaves;
    private long lastBgsavePeak;
    private boolean lastRewriteOk = true;
    private long lastRewriteSeconds = -1;
    private long rewrites;
    private long rewriteFailures;
    private long rewriteDelayMinutes;
    private long nextRewriteMillis;
    private static final int REWRITE_LIMIT_THRESHOLD = 3;
    private static final long REWRITE_LIMIT_MAX_MINUTES = 60;
    private long lastRewritePeak;
    private long keysLoaded;
    private long keysExpiredOnLoad;

    /**
     * Persistence for {@code engine}: defines its parameters into the engine's settings and acts on them when they
     * change. The caller plugs it in ({@code engine.durability(...)}) and registers its commands.
     */
    public Persistence(Engine engine) {
        this.engine = engine;
        PersistenceParameters.define(engine.settings());
        engine.onSettingsChanged(this::applySettings);
    }

    /**
     * After any setting changed: appendfsync goes to the open AOF; appendonly turned on starts the AOF with a
     * rewrite, or (if that cannot begin) stays off and CONFIG SET fails with Redis's text; turned off closes it.
     */
    private void applySettings() {
        boolean wanted = engine.settings().yes("appendonly");
        if (appendonly != null && wanted != appendonly) {
            if (appendonlyChanged(wanted)) {
                appendonly = wanted;
            } else { // as Redis: the AOF stays off, and so does the parameter
                engine.settings().setFixed("appendonly", false);
                throw new CommandError("ERR CONFIG SET failed (possibly related to argument 'appendonly') - Unable "
                        + "to turn on AOF. Check server logs.");
            }
        }
        settingsChanged();
    }

    private Keyspace keyspace() {
        return engine.keyspace();
    }

    private Path dir() {
        return Path.of(engine.settings().text("dir"));
    }

    private Path rdbFile() {
        return dir().resolve(engine.settings().text("dbfilename"));
    }

    private Path aofDir() {
        return dir().resolve(engine.settings().text("appenddirname"));
    }

    private String aofName() {
        return engine.settings().text("appendfilename");
    }

    // ---- start

    // tag::load[]
    /** Loads the data set at start, before the port opens: the AOF if it is on, else the RDB file if there is one. */
    @Override
    public void load() throws IOException {
        long start = System.nanoTime();
        lastSaveMillis = keyspace().nowMillis();
        if (engine.settings().yes("appendonly")) {
            if (AppendOnlyFile.exists(aofDir(), aofName())) {
                loadAof();
                Log.info("DB loaded from append only file: " + seconds(start) + " seconds");
            }
            openAof(true);
        } else if (Files.exists(rdbFile())) {
            try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(rdbFile()), 64 * 1024)) {
                loadRdb(in);
            }
            Log.info("DB loaded from disk: " + seconds(start) + " seconds");
        }
        dirtyAtLastSave = engine.dirty;
        appendonly = engine.settings().yes("appendonly");
    }
    // end::load[]

    private static String seconds(long startNanos) {
        return String.format(java.util.Locale.ROOT, "%.3f", (System.nanoTime() - startNanos) / 1e9);
    }

    private void loadAof() throws IOException {
        Client loader = engine.internalClient();
        engine.loading(true);
        try {
            replayAof(loader);
        } finally {
            engine.loading(false);
        }
    }

    private void replayAof(Client loader) throws IOException {
        AppendOnlyFile.load(aofDir(), aofName(), engine.settings().yes("aof-load-truncated"),
                new AppendOnlyFile.Loader() {
                    @Override
                    public void command(List<byte[]> args) throws IOException {
                        if (engine.commands().find(args.get(0)) == null) {
                            throw new IOException("Unknown command '" + Args.text(args.get(0))
                                    + "' reading the append only file");
                        }
                        engine.dispatcher().execute(loader, args);
                        loader.reply.discard();
                    }

                    @Override
                    public void rdb(InputStream in) throws IOException {
                        loadRdb(in);
                    }
                });
    }

    /** Keys whose TTL passed while the server was down are not loaded, as Redis's primary skips them. */
    private void loadRdb(InputStream in) throws IOException {
        long now = keyspace().nowMillis();
        RdbReader.read(in, keyspace().encodings(), (db, key, value, expireAt) -> {
            if (db >= keyspace().databaseCount()) {
                throw new IOException("Data file was created with a Redis server configured to handle more than "
                        + keyspace().databaseCount() + " databases.");
            }
            if (expireAt >= 0 && expireAt < now) {
                keysExpiredOnLoad++;
                return;
            }
            Database database = keyspace().db(db);
            database.set(key, value);
            if (expireAt >= 0) {
                database.setExpireAt(key, expireAt);
            }
            keysLoaded++;
        });
    }

    /** Opens the AOF directory (making it, with an empty base, if need be); {@code propagate}: changes go to it. */
    private void openAof(boolean propagate) throws IOException {
        aof = AppendOnlyFile.open(aofDir(), aofName(), FsyncPolicy.parse(engine.settings().text("appendfsync")),
                Persistence::writeEmptyBase);
        if (propagate) {
            engine.propagateTo(aof::append);
        }
    }

    private RdbWriter.Format rdbFormat() {
        return new RdbWriter.Format(engine.settings().yes("rdbcompression"), engine.settings().yes("rdbchecksum"));
    }

    private static void writeEmptyBase(Path path) throws IOException {
        Snapshot.begin(new Keyspace(java.time.InstantSource.system()), path, true, file -> { }).runToEnd();
    }

    // ---- each loop turn

    /**
     * Whether a snapshot is still walking the keyspace: the loop then does not sleep in select. Once the walk is
     * over, the writer thread wakes the loop when the file is on disk ({@link #onWakeup}).
     */
    @Override
    public boolean busy() {
        return bgsave != null && !bgsave.walked() || rewrite != null && !rewrite.walked();
    }

    /** What wakes the event loop from select: called when a snapshot's file is complete. */
    @Override
    public void onWakeup(Runnable wakeup) {
        this.wakeup = wakeup;
    }

    private Snapshot watched(Snapshot snapshot) {
        snapshot.done().whenComplete((size, error) -> wakeup.run());
        return snapshot;
    }

    /** Walks a running snapshot on, and completes it once it is on disk. */
    @Override
    public void step(boolean idle) {
        long budget = idle ? IDLE_SLICE_NANOS : SLICE_NANOS;
        if (bgsave != null && bgsave.step(budget)) {
            bgsaveDone();
        }
        if (rewrite != null && rewrite.step(budget)) {
            rewriteDone();
        }
    }

    /**
     * Writes the AOF buffer (and fsyncs for {@code always}) before the turn's replies go out. If the disk failed
     * under {@code always}, the server must stop before any of them leaves: Redis exits there too.
     */
    @Override
    public void flush() {
        if (aof != null) {
            aof.flush();
            if (aof.fatal() != null) {
                Log.warn(aof.fatal());
                engine.fatal(aof.fatal());
            }
        }
    }

    /** The AOF's last write failed: writes are refused (Redis's -MISCONF) until one succeeds. */
    @Override
    public String writeError() {
        if (aof != null && aof.lastWriteError() != null) {
            return "MISCONF Errors writing to the AOF file: " + aof.lastWriteError().getMessage();
        }
        if (!lastBgsaveOk && !savePoints().isEmpty() && engine.settings().yes("stop-writes-on-bgsave-error")) {
            return "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk. "
                    + "Commands that may modify the data set are disabled, because this instance is configured to "
                    + "report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option). "
                    + "Please check the Redis logs for details about the RDB error.";
        }
        return null;
    }

    // ---- cron

    // tag::save-points[]
    /**
     * Save points, ten times a second.
     * Automatic AOF rewrites too.
     */
    @Override
    public void cron() {
        long now = keyspace().nowMillis();
        if (!busy()) {
            boolean rewriteNow = rewriteScheduled && !rewriteLimited();
            if (rewriteNow || bgsaveScheduled) {
                if (rewriteNow) {
                    startRewrite();
                } else {
                    startBgsave();
                }
                return;
            }
            long changes = engine.dirty - dirtyAtLastSave;
            for (long[] point : savePoints()) { // "3600 1 300 100": after 3600 s if 1 change, after 300 s if 100
                boolean retryAllowed = lastBgsaveOk || now - lastBgsaveTryMillis > 5000;
                boolean due = point[0] < Long.MAX_VALUE / 1000 && now - lastSaveMillis > point[0] * 1000;
                if (changes >= point[1] && due && retryAllowed) {
                    Log.info(point[1] + " changes in " + point[0] + " seconds. Saving...");
                    startBgsave();
                    return;
                }
            }
            if (aof != null && autoRewriteDue()) {
                Log.info("Starting automatic rewriting of AOF on " + growth() + "% growth");
                startRewrite();
            }
        }
    }
    // end::save-points[]

    private List<long[]> savePoints() {
        return engine.settings().value("save");
    }

    private boolean autoRewriteDue() {
        long percentage = engine.settings().number("auto-aof-rewrite-percentage");
        long minSize = engine.settings().number("auto-aof-rewrite-min-size");
        return percentage > 0 && aof.currentSize() > minSize && growth() >= percentage && !rewriteLimited();
    }

    // tag::rewrite-limit[]
    /**
     * After three rewrites in a row failed, automatic and scheduled rewrites wait 1 minute, then 2, 4, ... up to
     * 60 between tries, as Redis's {@code aofRewriteLimited}: each failed rewrite leaves one more incremental file
     * behind. BGREWRITEAOF still starts one at once.
     */
    private boolean rewriteLimited() {
        if (rewriteFailures < REWRITE_LIMIT_THRESHOLD) {
            rewriteDelayMinutes = 0;
            nextRewriteMillis = 0;
            return false;
        }
        long now = keyspace().nowMillis();
        if (nextRewriteMillis != 0) {
            if (now < nextRewriteMillis) {
                return true;
            }
            nextRewriteMillis = 0;
            return false;
        }
        rewriteDelayMinutes = Math.min(REWRITE_LIMIT_MAX_MINUTES, rewriteDelayMinutes == 0 ? 1 : rewriteDelayMinutes * 2);
        nextRewriteMillis = now + rewriteDelayMinutes * 60_000L;
        Log.warn("Background AOF rewrite has repeatedly failed and triggered the limit, will retry in "
                + rewriteDelayMinutes + " minutes");
        return true;
    }
    // end::rewrite-limit[]

    private long growth() {
        long base = Math.max(1, aof.baseSize());
        return aof.currentSize() * 100 / base - 100;
    }

    // ---- RDB

    // tag::bgsave[]
    /** BGSAVE: begins a snapshot of this instant into a temporary file; the loop writes it a slice at a time. */
    boolean startBgsave() {
        bgsaveScheduled = false;
        lastBgsaveTryMillis = keyspace().nowMillis();
        try {
            Path target = rdbFile();
            bgsave = watched(Snapshot.begin(keyspace(), dir().resolve("temp-" + ProcessHandle.current().pid() + ".rdb"),
                    false, rdbFormat(), temp -> Durable.replace(temp, target)));
            dirtyAtBgsave = engine.dirty;
            Log.info("Background saving started");
            return true;
        } catch (IOException e) {
            Log.warn("Can't save in background: " + e.getMessage());
            lastBgsaveOk = false;
            return false;
        }
    }

    private void bgsaveDone() {
        Snapshot done = bgsave;
        bgsave = null;
        lastBgsavePeak = done.peakPendingBytes();
        lastBgsaveSeconds = (keyspace().nowMillis() - done.startedMillis()) / 1000;
        try {
            done.result(); // the file is in place: the writer thread renamed it
            saved(done.startedMillis(), dirtyAtBgsave);
            Log.info("Background saving terminated with success");
        } catch (IOException e) {
            lastBgsaveOk = false;
            Log.warn("Background saving error: " + e.getMessage());
            deleteQuietly(done.path());
        }
    }
    // end::bgsave[]

    /** SAVE: the same snapshot, walked to the end now, with every client waiting, as Redis's SAVE. */
    void save() throws IOException {
        Path temp = dir().resolve("temp-" + ProcessHandle.current().pid() + ".rdb");
        Path target = rdbFile();
        Snapshot snapshot = Snapshot.begin(keyspace(), temp, false, rdbFormat(), file -> Durable.replace(file, target));
        try {
            snapshot.runToEnd();
        } catch (IOException e) {
            deleteQuietly(temp);
            throw e;
        }
        saved(snapshot.startedMillis(), engine.dirty);
        Log.info("DB saved on disk");
    }

    private void saved(long startedMillis, long dirtyAtStart) {
        lastSaveMillis = startedMillis;
        dirtyAtLastSave = dirtyAtStart; // changes made during a BGSAVE are not in the file: they still count
        lastBgsaveOk = true;
        rdbSaves++;
    }

    /** DEBUG RELOAD: save, empty the keyspace, load the file back. */
    void reload() throws IOException {
        save();
        keyspace().flushAll();
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(rdbFile()), 64 * 1024)) {
            loadRdb(in);
        }
    }

    // ---- AOF rewrite

    // tag::rewrite[]
    /** BGREWRITEAOF: new incremental file and a snapshot of this instant as the next base, at the same instant. */
    boolean startRewrite() {
        rewriteScheduled = false;
        try {
            if (aof == null) {
                openAof(engine.settings().yes("appendonly"));
            }
            Path temp = aof.beginRewrite();
            AppendOnlyFile file = aof;
            rewrite = watched(Snapshot.begin(keyspace(), temp, true, rdbFormat(), file::finishRewrite));
            rewrites++; // Redis counts the rewrites it starts (aof_rewrites is 1 while the first runs)
            Log.info("Background append only file rewriting started");
            return true;
        } catch (IOException e) {
            Log.warn("Can't rewrite append only file in background: " + e.getMessage());
            lastRewriteOk = false; // not a consecutive failure: Redis counts only the rewrites that ran
            return false;
        }
    }

    private void rewriteDone() {
        Snapshot done = rewrite;
        rewrite = null;
        lastRewritePeak = done.peakPendingBytes();
        lastRewriteSeconds = (keyspace().nowMillis() - done.startedMillis()) / 1000;
        try {
            done.result(); // the new base and manifest are in place: the writer thread switched them
            aof.rewriteDone();
            lastRewriteOk = true;
            rewriteFailures = 0;
            Log.info("Background AOF rewrite finished successfully");
        } catch (IOException e) {
            lastRewriteOk = false;
            rewriteFailures++;
            Log.warn("Background AOF rewrite failed: " + e.getMessage());
            deleteQuietly(done.path());
        }
        if (!engine.settings().yes("appendonly")) {
            closeAof(); // BGREWRITEAOF with appendonly no writes the files and keeps nothing open
        }
    }
    // end::rewrite[]

    // ---- commands

    /** BGSAVE [SCHEDULE], with Redis's replies. */
    void bgsaveCommand(Client c, boolean schedule) {
        if (bgsave != null) {
            throw new CommandError("ERR Background save already in progress");
        }
        if (rewrite != null) {
            if (!schedule) {
                throw new CommandError("ERR Another child process is active (AOF?): can't BGSAVE right now. "
                        + "Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.");
            }
            bgsaveScheduled = true;
            c.reply.simple("Background saving scheduled");
            return;
        }
        if (!startBgsave()) {
            throw new CommandError("ERR Background save failed, see the server log");
        }
        c.reply.simple("Background saving started");
    }

    void saveCommand(Client c) {
        if (bgsave != null) {
            throw new CommandError("ERR Background save already in progress");
        }
        if (rewrite != null) { // only one cut at a time: Redis's SAVE runs beside its rewrite child, ours cannot
            throw new CommandError("ERR Background append only file rewriting in progress");
        }
        try {
            save();
        } catch (IOException e) {
            Log.warn("Error saving DB on disk: " + e.getMessage());
            throw new CommandError("ERR " + e.getMessage());
        }
        c.reply.ok();
    }

    void bgrewriteaofCommand(Client c) {
        if (rewrite != null) {
            throw new CommandError("ERR Background append only file rewriting already in progress");
        }
        if (bgsave != null) {
            rewriteScheduled = true;
            c.reply.simple("Background append only file rewriting scheduled");
            return;
        }
        if (!startRewrite()) {
            throw new CommandError("ERR Can't execute an AOF background rewriting. Please check the server logs "
                    + "for more information.");
        }
        c.reply.simple("Background append only file rewriting started");
    }

    long lastSaveSeconds() {
        return lastSaveMillis / 1000;
    }

    // ---- settings

    /** CONFIG SET appendfsync: the open AOF takes the new policy at once. */
    void settingsChanged() {
        if (aof != null) {
            aof.policy(FsyncPolicy.parse(engine.settings().text("appendfsync")));
        }
    }

    /**
     * CONFIG SET appendonly: yes starts the AOF with a rewrite (as Redis), no closes it. Returns false, with the AOF
     * still off, if the rewrite cannot begin (Redis's "Unable to turn on AOF").
     */
    boolean appendonlyChanged(boolean on) {
        if (on && aof == null) {
            if (rewrite == null) {
                if (bgsave != null) {
                    rewriteScheduled = true;
                    openAofQuietly();
                } else if (!startRewrite()) {
                    if (aof != null) {
                        closeAof();
                    }
                    return false;
                }
            }
            if (aof != null) {
                engine.propagateTo(aof::append);
            }
        } else if (!on && aof != null && rewrite == null) {
            closeAof();
        }
        return true;
    }

    private void openAofQuietly() {
        try {
            openAof(true);
        } catch (IOException e) {
            Log.warn("Can't open the append only file: " + e.getMessage());
        }
    }

    private void closeAof() {
        engine.propagateTo(null);
        try {
            aof.close();
        } catch (IOException e) {
            Log.warn("Error closing the append only file: " + e.getMessage());
        }
        aof = null;
    }

    // tag::shutdown[]
    /**
     * At shutdown, as Redis's {@code prepareForShutdown}: a snapshot in progress is dropped, the AOF written and
     * fsynced, and with save points (or SHUTDOWN SAVE) the data set saved. If that save fails, the server does not
     * stop (unless {@code force}): it goes on as it was, its AOF still open, and the caller answers -ERR.
     */
    @Override
    public void shutdown(Boolean saveOverride, boolean force) throws IOException {
        if (stopped) {
            return;
        }
        if (bgsave != null) {
            bgsave.abort();
            bgsave = null;
        }
        if (rewrite != null) {
            rewrite.abort();
            rewrite = null;
        }
        if (aof != null) {
            try {
                aof.sync();
            } catch (IOException e) {
                Log.warn("Fail to fsync the AOF file: " + e.getMessage());
            }
        }
        boolean save = saveOverride != null ? saveOverride : !savePoints().isEmpty();
        if (save) {
            try {
                save();
            } catch (IOException e) {
                Log.warn("Error trying to save the DB, can't exit.");
                if (!force) {
                    throw e;
                }
            }
        }
        stopped = true;
        if (aof != null) {
            closeAof();
        }
    }
    // end::shutdown[]

    /** The server is exiting because the disk failed: files are closed as they are, nothing more is written. */
    @Override
    public void abandon() {
        stopped = true;
        if (bgsave != null) {
            bgsave.abort();
        }
        if (rewrite != null) {
            rewrite.abort();
        }
        if (aof != null) {
            engine.propagateTo(null);
            aof.abandon();
        }
    }

    // ---- INFO

    @Override
    public void info(StringBuilder s) {
        long now = keyspace().nowMillis();
        Snapshot running = bgsave != null ? bgsave : rewrite;
        Info.line(s, "loading", 0);
        Info.line(s, "async_loading", 0);
        Info.line(s, "current_cow_peak", running == null ? 0 : running.peakPendingBytes());
        Info.line(s, "current_cow_size", running == null ? 0 : running.pendingBytes());
        Info.line(s, "current_cow_size_age", 0);
        Info.line(s, "current_fork_perc", running == null ? "0.00" : String.format(java.util.Locale.ROOT, "%.2f",
                running.keysTotal() == 0 ? 100.0 : 100.0 * running.keysWritten() / running.keysTotal()));
        Info.line(s, "current_save_keys_processed", running == null ? 0 : running.keysWritten());
        Info.line(s, "current_save_keys_total", running == null ? 0 : running.keysTotal());
        Info.line(s, "rdb_changes_since_last_save", engine.dirty - dirtyAtLastSave);
        Info.line(s, "rdb_bgsave_in_progress", bgsave == null ? 0 : 1);
        Info.line(s, "rdb_last_save_time", lastSaveMillis / 1000);
        Info.line(s, "rdb_last_bgsave_status", lastBgsaveOk ? "ok" : "err");
        Info.line(s, "rdb_last_bgsave_time_sec", lastBgsaveSeconds);
        Info.line(s, "rdb_current_bgsave_time_sec", bgsave == null ? -1 : (now - bgsave.startedMillis()) / 1000);
        Info.line(s, "rdb_saves", rdbSaves);
        Info.line(s, "rdb_last_cow_size", lastBgsavePeak);
        Info.line(s, "rdb_last_load_keys_expired", keysExpiredOnLoad);
        Info.line(s, "rdb_last_load_keys_loaded", keysLoaded);
        Info.line(s, "aof_enabled", engine.settings().yes("appendonly") ? 1 : 0);
        Info.line(s, "aof_rewrite_in_progress", rewrite == null ? 0 : 1);
        Info.line(s, "aof_rewrite_scheduled", rewriteScheduled ? 1 : 0);
        Info.line(s, "aof_last_rewrite_time_sec", lastRewriteSeconds);
        Info.line(s, "aof_current_rewrite_time_sec", rewrite == null ? -1 : (now - rewrite.startedMillis()) / 1000);
        Info.line(s, "aof_last_bgrewrite_status", lastRewriteOk ? "ok" : "err");
        Info.line(s, "aof_rewrites", rewrites);
        Info.line(s, "aof_rewrites_consecutive_failures", rewriteFailures);
        Info.line(s, "aof_last_write_status", aof == null || aof.lastWriteError() == null ? "ok" : "err");
        Info.line(s, "aof_last_cow_size", lastRewritePeak);
        Info.line(s, "module_fork_in_progress", 0);
        Info.line(s, "module_fork_last_cow_size", 0);
        if (aof != null && engine.settings().yes("appendonly")) {
            Info.line(s, "aof_current_size", aof.currentSize());
            Info.line(s, "aof_base_size", aof.baseSize());
            Info.line(s, "aof_pending_rewrite", rewriteScheduled ? 1 : 0);
            Info.line(s, "aof_buffer_length", aof.buffered());
            Info.line(s, "aof_pending_bio_fsync", 0);
            Info.line(s, "aof_delayed_fsync", 0);
        }
    }

    // ---- helpers

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            Log.warn("Could not delete " + path + ": " + e.getMessage());
        }
    }
}
