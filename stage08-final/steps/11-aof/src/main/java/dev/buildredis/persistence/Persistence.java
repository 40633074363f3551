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
 * <pre>
 *   start       load dump.rdb
 *               (appendonly yes: the AOF directory instead: manifest, base, incremental files)
 *   each turn   a running snapshot walks on for a slice ({@link #step})
 *               the AOF buffer is written ({@link #flush})
 *   cron        save points reached? BGSAVE.
 * </pre>
 * Only one snapshot runs at a time, as Redis runs one child.
 */
public final class Persistence implements Durability {

    /** A snapshot may take this much of each event-loop turn while clients are waiting. */
    private static final long SLICE_NANOS = 500_000;
    /** ... and this much when the loop has nothing else to do: a command arriving meanwhile waits no longer. */
    private static final long IDLE_SLICE_NANOS = 1_000_000;

    private final Engine engine;
    private AppendOnlyFile aof;
    private Snapshot bgsave;
    private long dirtyAtBgsave;
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
    private long keysLoaded;
    private long keysExpiredOnLoad;

    /**
     * Persistence for {@code engine}: defines its parameters into the engine's settings and acts on them when they
     * change. The caller plugs it in ({@code engine.durability(...)}) and registers its commands.
     */
    public Persistence(Engine engine) {
        this.engine = engine;
        PersistenceParameters.define(engine.settings());
        engine.onSettingsChanged(this::settingsChanged);
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
        return bgsave != null && !bgsave.walked();
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
     */
    @Override
    public void cron() {
        long now = keyspace().nowMillis();
        if (!busy()) {
            if (bgsaveScheduled) {
                startBgsave();
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
        }
    }
    // end::save-points[]

    private List<long[]> savePoints() {
        return engine.settings().value("save");
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

    // ---- commands

    /** BGSAVE [SCHEDULE], with Redis's replies. */
    void bgsaveCommand(Client c, boolean schedule) {
        if (bgsave != null) {
            throw new CommandError("ERR Background save already in progress");
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
        try {
            save();
        } catch (IOException e) {
            Log.warn("Error saving DB on disk: " + e.getMessage());
            throw new CommandError("ERR " + e.getMessage());
        }
        c.reply.ok();
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
        if (aof != null) {
            engine.propagateTo(null);
            aof.abandon();
        }
    }

    // ---- INFO

    @Override
    public void info(StringBuilder s) {
        long now = keyspace().nowMillis();
        Snapshot running = bgsave;
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
        Info.line(s, "aof_last_write_status", aof == null || aof.lastWriteError() == null ? "ok" : "err");
        Info.line(s, "module_fork_in_progress", 0);
        Info.line(s, "module_fork_last_cow_size", 0);
        if (aof != null && engine.settings().yes("appendonly")) {
            Info.line(s, "aof_current_size", aof.currentSize());
            Info.line(s, "aof_base_size", aof.baseSize());
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
