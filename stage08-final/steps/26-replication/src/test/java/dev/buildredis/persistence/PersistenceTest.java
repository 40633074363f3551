package dev.buildredis.persistence;

import dev.buildredis.engine.Session;
import dev.buildredis.persistence.rdb.RdbWriter;
import dev.buildredis.store.Key;
import dev.buildredis.store.StringValue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SAVE, BGSAVE, BGREWRITEAOF, the save points, the automatic rewrite and the persistence fields of INFO, on an
 * {@link Engine} with a manual clock: the background work moves only when the test steps it, so "while a BGSAVE
 * runs" and "more than 10 seconds after the last save" are exact.
 */
class PersistenceTest {

    /** The manual clock's start, in Unix seconds (2026-01-01T00:00:00Z). */
    private static final long START_SECONDS = 1_767_225_600L;

    @TempDir
    Path dir;

    private final Session session = new Session();

    @BeforeEach
    void inATemporaryDirectory() {
        session.engine.configure(java.util.Map.of("dir", dir.toString()));
    }

    /** Configures the options given as name, value, ... and loads, as the server does before its port opens. */
    private void start(String... options) throws IOException {
        for (int i = 0; i < options.length; i += 2) {
            session.engine.configure(java.util.Map.of(options[i], options[i + 1]));
        }
        session.engine.load();
    }

    private String info(String field) {
        String text = session.call("INFO", "persistence");
        for (String line : text.split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1);
            }
        }
        return null;
    }

    /** Steps the running snapshots, as the event loop does, until both BGSAVE and the rewrite are over. */
    private void finishBackgroundWork() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (snapshotRunning()) {
            assertThat(System.nanoTime()).as("background work still running").isLessThan(deadline);
            session.engine.backgroundStep(true);
            Thread.sleep(1);
        }
    }

    private boolean snapshotRunning() {
        boolean running = info("rdb_bgsave_in_progress").equals("1");
        running |= info("aof_rewrite_in_progress").equals("1");
        return running;
    }

    private void advance(long millis) {
        session.clock.advance(Duration.ofMillis(millis));
    }

    private Stream<String> files(Path in) throws IOException {
        try (Stream<Path> list = Files.list(in)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    // ---- save points

    @Test
    void aSavePointStartsABackgroundSaveAfterMoreThanItsSecondsAndAtLeastItsChanges() throws Exception {
        start("save", "100 5 10 2");
        session.call("SET", "a", "1");
        session.call("SET", "b", "1");
        advance(10_000);
        session.engine.cron();
        assertThat(info("rdb_bgsave_in_progress")).as("exactly 10 s after the last save").isEqualTo("0");
        advance(1);
        session.engine.cron();
        assertThat(info("rdb_bgsave_in_progress")).as("2 changes, 10.001 s").isEqualTo("1");
        finishBackgroundWork();
        assertThat(info("rdb_changes_since_last_save")).isEqualTo("0");
        assertThat(info("rdb_saves")).isEqualTo("1");
        assertThat(info("rdb_last_bgsave_status")).isEqualTo("ok");
        assertThat(session.call("LASTSAVE")).isEqualTo(":" + (START_SECONDS + 10) + "\r\n");
        assertThat(info("rdb_last_save_time")).isEqualTo(Long.toString(START_SECONDS + 10));
        assertThat(dir.resolve("dump.rdb")).exists();

        session.call("SET", "c", "1");
        advance(11_000);
        session.engine.cron();
        assertThat(info("rdb_bgsave_in_progress")).as("1 change of 2").isEqualTo("0");
        session.call("SET", "d", "1");
        session.engine.cron();
        assertThat(info("rdb_bgsave_in_progress")).as("2 changes of 2").isEqualTo("1");
        finishBackgroundWork();
    }

    @Test
    void withoutSavePointsNothingIsSavedOnItsOwn() throws Exception {
        start();
        session.call("SET", "a", "1");
        advance(100_000_000);
        session.engine.cron();
        assertThat(info("rdb_bgsave_in_progress")).isEqualTo("0");
        assertThat(info("rdb_changes_since_last_save")).isEqualTo("1");
    }

    @Test
    void changesMadeDuringABackgroundSaveStillCountAfterIt() throws Exception {
        start();
        session.call("SET", "a", "1");
        advance(2_500);
        assertThat(session.call("BGSAVE")).isEqualTo("+Background saving started\r\n");
        session.call("SET", "b", "1");
        session.call("SET", "c", "1");
        advance(3_000);
        assertThat(info("rdb_current_bgsave_time_sec")).isEqualTo("3");
        finishBackgroundWork();
        assertThat(info("rdb_changes_since_last_save")).isEqualTo("2");
        assertThat(info("rdb_last_bgsave_time_sec")).isEqualTo("3");
        assertThat(info("rdb_current_bgsave_time_sec")).isEqualTo("-1");
        assertThat(session.call("LASTSAVE")).isEqualTo(":" + (START_SECONDS + 2) + "\r\n");
    }

    @Test
    void saveCountsEveryChangeAsSaved() throws Exception {
        start();
        session.call("SET", "a", "1");
        advance(4_000);
        assertThat(session.call("SAVE")).isEqualTo("+OK\r\n");
        assertThat(info("rdb_changes_since_last_save")).isEqualTo("0");
        assertThat(info("rdb_saves")).isEqualTo("1");
        assertThat(session.call("LASTSAVE")).isEqualTo(":" + (START_SECONDS + 4) + "\r\n");
        assertThat(files(dir)).containsExactly("dump.rdb");
    }

    // ---- a save that fails

    @Test
    void aFailedBackgroundSaveIsRetriedOnlyMoreThanFiveSecondsLater() throws Exception {
        start("save", "1 1");
        session.call("SET", "a", "1");
        Files.delete(dir); // the temporary file cannot be made
        advance(2_000);
        session.engine.cron();
        assertThat(info("rdb_last_bgsave_status")).isEqualTo("err");
        assertThat(info("rdb_bgsave_in_progress")).isEqualTo("0");
        Files.createDirectory(dir);
        advance(5_000);
        session.engine.cron();
        assertThat(info("rdb_bgsave_in_progress")).as("5 s after the failure").isEqualTo("0");
        advance(1);
        session.engine.cron();
        assertThat(info("rdb_bgsave_in_progress")).as("5.001 s after the failure").isEqualTo("1");
        finishBackgroundWork();
        assertThat(info("rdb_last_bgsave_status")).isEqualTo("ok");
    }

    @Test
    void afterAFailedBackgroundSaveWritesAreRefusedWhileSavePointsAreSet() throws Exception {
        start("save", "3600 1");
        session.call("SET", "a", "1");
        Files.delete(dir);
        assertThat(session.call("BGSAVE")).isEqualTo("-ERR Background save failed, see the server log\r\n");
        String misconf = "-MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist "
                + "to disk. Commands that may modify the data set are disabled, because this instance is configured "
                + "to report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option). "
                + "Please check the Redis logs for details about the RDB error.\r\n";
        assertThat(session.call("SET", "a", "2")).isEqualTo(misconf);
        assertThat(session.call("GET", "a")).isEqualTo("$1\r\n1\r\n");
        session.call("CONFIG", "SET", "stop-writes-on-bgsave-error", "no");
        assertThat(session.call("SET", "a", "3")).isEqualTo("+OK\r\n");
        session.call("CONFIG", "SET", "stop-writes-on-bgsave-error", "yes");
        session.call("CONFIG", "SET", "save", "");
        assertThat(session.call("SET", "a", "4")).isEqualTo("+OK\r\n");
        session.call("CONFIG", "SET", "save", "3600 1");
        Files.createDirectory(dir);
        assertThat(session.call("SAVE")).isEqualTo("+OK\r\n");
        assertThat(session.call("SET", "a", "5")).as("a save succeeded since").isEqualTo("+OK\r\n");
    }

    @Test
    void aSaveThatCannotWriteAnswersWithTheReasonAndLeavesNoFile() throws Exception {
        start();
        session.call("SET", "a", "1");
        Files.createDirectory(dir.resolve("dump.rdb")); // a directory cannot be replaced by the file
        Files.writeString(dir.resolve("dump.rdb").resolve("inside"), "x");
        assertThat(session.call("SAVE")).startsWith("-ERR ").contains("dump.rdb");
        assertThat(files(dir)).containsExactly("dump.rdb");
        assertThat(info("rdb_saves")).isEqualTo("0");
        assertThat(info("rdb_changes_since_last_save")).isEqualTo("1");
    }

    @Test
    void aBackgroundSaveThatCannotPutItsFileInPlaceReportsAnErrorAndDeletesIt() throws Exception {
        start();
        session.call("SET", "a", "1");
        Files.createDirectory(dir.resolve("dump.rdb"));
        Files.writeString(dir.resolve("dump.rdb").resolve("inside"), "x");
        assertThat(session.call("BGSAVE")).isEqualTo("+Background saving started\r\n");
        finishBackgroundWork();
        assertThat(info("rdb_last_bgsave_status")).isEqualTo("err");
        assertThat(info("rdb_saves")).isEqualTo("0");
        assertThat(files(dir)).containsExactly("dump.rdb");
    }

    // ---- one snapshot at a time

    @Test
    void whileABackgroundSaveRunsOtherSnapshotsAreRefusedOrScheduled() throws Exception {
        start();
        session.call("SET", "a", "1");
        assertThat(session.call("BGSAVE")).isEqualTo("+Background saving started\r\n");
        assertThat(session.call("BGSAVE")).isEqualTo("-ERR Background save already in progress\r\n");
        assertThat(session.call("BGSAVE", "SCHEDULE")).isEqualTo("-ERR Background save already in progress\r\n");
        assertThat(session.call("SAVE")).isEqualTo("-ERR Background save already in progress\r\n");
        assertThat(info("aof_rewrite_scheduled")).isEqualTo("0");
        assertThat(session.call("BGREWRITEAOF")).isEqualTo("+Background append only file rewriting scheduled\r\n");
        assertThat(info("aof_rewrite_scheduled")).isEqualTo("1");
        session.engine.cron();
        assertThat(info("aof_rewrite_in_progress")).as("not while the save walks").isEqualTo("0");
        finishBackgroundWork();
        session.engine.cron();
        assertThat(info("aof_rewrite_in_progress")).isEqualTo("1");
        assertThat(info("aof_rewrite_scheduled")).isEqualTo("0");
        assertThat(info("rdb_bgsave_in_progress")).isEqualTo("0");
        finishBackgroundWork();
        assertThat(info("aof_rewrites")).isEqualTo("1");
    }

    @Test
    void whileARewriteRunsOtherSnapshotsAreRefusedOrScheduled() throws Exception {
        start();
        session.call("SET", "a", "1");
        assertThat(session.call("BGREWRITEAOF")).isEqualTo("+Background append only file rewriting started\r\n");
        assertThat(session.call("BGREWRITEAOF"))
                .isEqualTo("-ERR Background append only file rewriting already in progress\r\n");
        assertThat(session.call("SAVE")).isEqualTo("-ERR Background append only file rewriting in progress\r\n");
        assertThat(session.call("BGSAVE")).as("redis-server 7.0.15's text").isEqualTo("-ERR Another child process is "
                + "active (AOF?): can't BGSAVE right now. Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever "
                + "possible.\r\n");
        assertThat(session.call("BGSAVE", "SCHEDULE")).isEqualTo("+Background saving scheduled\r\n");
        session.engine.cron();
        assertThat(info("rdb_bgsave_in_progress")).as("not while the rewrite walks").isEqualTo("0");
        advance(2_000);
        assertThat(info("aof_current_rewrite_time_sec")).isEqualTo("2");
        finishBackgroundWork();
        assertThat(info("aof_last_rewrite_time_sec")).isEqualTo("2");
        assertThat(info("aof_current_rewrite_time_sec")).isEqualTo("-1");
        assertThat(info("aof_rewrites")).isEqualTo("1");
        assertThat(info("aof_last_bgrewrite_status")).isEqualTo("ok");
        session.engine.cron();
        assertThat(info("rdb_bgsave_in_progress")).isEqualTo("1");
        assertThat(info("aof_rewrite_in_progress")).isEqualTo("0");
        finishBackgroundWork();
        assertThat(dir.resolve("dump.rdb")).exists();
    }

    @Test
    void aRewriteWithAppendonlyOffWritesTheDirectoryAndKeepsNothingOpen() throws Exception {
        start();
        session.call("SET", "a", "1");
        assertThat(session.call("BGREWRITEAOF")).isEqualTo("+Background append only file rewriting started\r\n");
        assertThat(info("aof_current_size")).as("appendonly is off").isNull();
        session.call("SET", "b", "1");
        finishBackgroundWork();
        assertThat(info("aof_enabled")).isEqualTo("0");
        assertThat(info("aof_current_size")).isNull();
        assertThat(files(dir.resolve("appendonlydir"))).containsExactly(
                "appendonly.aof.2.base.rdb", "appendonly.aof.2.incr.aof", "appendonly.aof.manifest");
        assertThat(dir.resolve("appendonlydir/appendonly.aof.2.incr.aof")).isEmptyFile();
        assertThat(session.call("BGREWRITEAOF")).isEqualTo("+Background append only file rewriting started\r\n");
        finishBackgroundWork();
        assertThat(info("aof_rewrites")).isEqualTo("2");
        assertThat(files(dir.resolve("appendonlydir"))).containsExactly(
                "appendonly.aof.3.base.rdb", "appendonly.aof.3.incr.aof", "appendonly.aof.manifest");
    }

    /** As redis-server 7.0.15: a rewrite that cannot begin is refused, and is not a rewrite that failed. */
    @Test
    void aRewriteThatCannotBeginIsRefusedAndNotCountedAsAFailedRewrite() throws Exception {
        start();
        Files.writeString(dir.resolve("appendonlydir"), "a file where the directory should be");
        assertThat(session.call("BGREWRITEAOF")).isEqualTo("-ERR Can't execute an AOF background rewriting. "
                + "Please check the server logs for more information.\r\n");
        assertThat(info("aof_last_bgrewrite_status")).isEqualTo("err");
        assertThat(info("aof_rewrites_consecutive_failures")).isEqualTo("0");
        Files.delete(dir.resolve("appendonlydir"));
        assertThat(session.call("BGREWRITEAOF")).startsWith("+");
        finishBackgroundWork();
        assertThat(info("aof_last_bgrewrite_status")).isEqualTo("ok");
        assertThat(info("aof_rewrites")).isEqualTo("1");
    }

    /** As redis-server 7.0.15: CONFIG SET appendonly yes fails, and leaves it no, if the rewrite cannot begin. */
    @Test
    void appendonlyCannotBeTurnedOnIfItsRewriteCannotBegin() throws Exception {
        start();
        Files.writeString(dir.resolve("appendonlydir"), "a file where the directory should be");
        assertThat(session.call("CONFIG", "SET", "appendonly", "yes")).isEqualTo("-ERR CONFIG SET failed (possibly "
                + "related to argument 'appendonly') - Unable to turn on AOF. Check server logs.\r\n");
        assertThat(session.call("CONFIG", "GET", "appendonly")).isEqualTo("*2\r\n$10\r\nappendonly\r\n$2\r\nno\r\n");
        assertThat(info("aof_enabled")).isEqualTo("0");
        assertThat(info("aof_rewrite_in_progress")).isEqualTo("0");
        assertThat(info("aof_last_bgrewrite_status")).isEqualTo("err");
        assertThat(session.call("SET", "k", "v")).isEqualTo("+OK\r\n");
        Files.delete(dir.resolve("appendonlydir"));
        assertThat(session.call("CONFIG", "SET", "appendonly", "yes")).isEqualTo("+OK\r\n");
        assertThat(info("aof_rewrite_in_progress")).isEqualTo("1");
        finishBackgroundWork();
        assertThat(info("aof_enabled")).isEqualTo("1");
    }

    @Test
    void appendonlyThatCannotBeginItsRewriteClosesWhatItOpenedAndCanBeTurnedOnAgain() throws Exception {
        start();
        Path blocked = Files.createDirectories(dir.resolve("appendonlydir/appendonly.aof.2.incr.aof"));
        Files.writeString(blocked.resolve("inside"), "x"); // the rewrite's new incremental file cannot be made
        assertThat(session.call("CONFIG", "SET", "appendonly", "yes")).startsWith("-ERR CONFIG SET failed");
        Files.delete(blocked.resolve("inside"));
        Files.delete(blocked);
        assertThat(session.call("CONFIG", "SET", "appendonly", "yes")).isEqualTo("+OK\r\n");
        assertThat(info("aof_rewrite_in_progress")).isEqualTo("1");
        finishBackgroundWork();
        assertThat(info("aof_enabled")).isEqualTo("1");
    }

    @Test
    void appendonlyCannotBeTurnedOnIfTheDirectoryCannotBeOpenedAfterItsFiles() throws Exception {
        start();
        Path aof = Files.createDirectory(dir.resolve("appendonlydir"));
        Files.writeString(aof.resolve("appendonly.aof.manifest"), "file appendonly.aof.1.base.rdb seq 1 type b\n");
        Files.createDirectory(aof.resolve("appendonly.aof.1.incr.aof")); // opened, but not appendable
        assertThat(session.call("CONFIG", "SET", "appendonly", "yes")).startsWith("-ERR CONFIG SET failed");
        assertThat(info("aof_enabled")).isEqualTo("0");
    }

    // ---- INFO while a snapshot runs

    @Test
    void infoShowsTheProgressOfTheRunningSnapshot() throws Exception {
        start();
        assertThat(session.call("BGSAVE")).startsWith("+Background saving started");
        assertThat(info("current_fork_perc")).as("no keys to write").isEqualTo("100.00");
        assertThat(info("current_save_keys_total")).isEqualTo("0");
        finishBackgroundWork();
        for (int i = 0; i < 4; i++) {
            session.call("SET", "k" + i, "v");
        }
        assertThat(session.call("BGSAVE")).startsWith("+Background saving started");
        assertThat(info("rdb_bgsave_in_progress")).isEqualTo("1");
        assertThat(info("current_save_keys_total")).isEqualTo("4");
        assertThat(info("current_save_keys_processed")).isEqualTo("0");
        assertThat(info("current_fork_perc")).isEqualTo("0.00");
        session.call("SET", "k0", "changed"); // written ahead of the walk, as it was
        assertThat(info("current_save_keys_processed")).isEqualTo("1");
        assertThat(info("current_fork_perc")).isEqualTo("25.00");
        finishBackgroundWork();
        assertThat(info("current_save_keys_total")).isEqualTo("0");
        assertThat(info("current_fork_perc")).isEqualTo("0.00");
        assertThat(info("current_cow_peak")).isEqualTo("0");
        assertThat(info("current_cow_size")).isEqualTo("0");
        assertThat(info("rdb_saves")).isEqualTo("2");
    }

    // ---- loading

    @Test
    void keysWhoseTimeHasPassedAreNotLoadedFromTheRdbFile() throws Exception {
        long now = START_SECONDS * 1000;
        try (OutputStream out = Files.newOutputStream(dir.resolve("dump.rdb"))) {
            RdbWriter writer = new RdbWriter(out);
            writer.writeHeader(START_SECONDS, 0, false);
            writer.selectDb(0, 4, 4);
            writer.writeEntry(Key.of("past"), new StringValue(bytes("1")), now - 1);
            writer.writeEntry(Key.of("epoch"), new StringValue(bytes("0")), 0);
            writer.writeEntry(Key.of("now"), new StringValue(bytes("2")), now);
            writer.writeEntry(Key.of("plain"), new StringValue(bytes("3")), -1);
            writer.selectDb(3, 1, 1);
            writer.writeEntry(Key.of("later"), new StringValue(bytes("4")), now + 5_000);
            writer.writeEnd();
        }
        start();
        assertThat(info("rdb_last_load_keys_expired")).isEqualTo("2");
        assertThat(info("rdb_last_load_keys_loaded")).isEqualTo("3");
        assertThat(session.call("GET", "plain")).isEqualTo("$1\r\n3\r\n");
        assertThat(session.call("PTTL", "plain")).isEqualTo(":-1\r\n");
        assertThat(session.call("EXISTS", "past", "epoch")).isEqualTo(":0\r\n");
        assertThat(session.call("DBSIZE")).isEqualTo(":2\r\n");
        session.call("SELECT", "3");
        assertThat(session.call("PTTL", "later")).isEqualTo(":5000\r\n");
        assertThat(info("rdb_changes_since_last_save")).as("loading is not a change").isEqualTo("0");
    }

    @Test
    void theAppendOnlyFileIsLoadedInsteadOfTheRdbFileWhenItIsOn() throws Exception {
        Files.writeString(dir.resolve("dump.rdb"), "not read");
        Path aof = Files.createDirectory(dir.resolve("appendonlydir"));
        Files.writeString(aof.resolve("appendonly.aof.manifest"), "file appendonly.aof.1.incr.aof seq 1 type i\n");
        Files.writeString(aof.resolve("appendonly.aof.1.incr.aof"),
                "*2\r\n$6\r\nSELECT\r\n$1\r\n2\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n*2\r\n$4\r\nINCR\r\n$1\r\nk\r\n");
        start("appendonly", "yes");
        session.call("SELECT", "2");
        assertThat(session.call("GET", "k")).isEqualTo("$1\r\nv\r\n");
        assertThat(info("aof_enabled")).isEqualTo("1");
        assertThat(info("aof_pending_rewrite")).isEqualTo("0");
        assertThat(info("aof_pending_bio_fsync")).isEqualTo("0");
        assertThat(info("aof_delayed_fsync")).isEqualTo("0");
        assertThat(info("aof_last_write_status")).isEqualTo("ok");
        assertThat(info("rdb_changes_since_last_save")).isEqualTo("0");
        assertThat(session.call("SET", "k", "w")).isEqualTo("+OK\r\n");
        assertThat(info("aof_buffer_length")).isEqualTo(Integer.toString(
                "*2\r\n$6\r\nSELECT\r\n$1\r\n2\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nw\r\n".length()));
        session.engine.beforeReplies();
        assertThat(info("aof_buffer_length")).isEqualTo("0");
        assertThat(Files.readString(aof.resolve("appendonly.aof.1.incr.aof")))
                .endsWith("*2\r\n$6\r\nSELECT\r\n$1\r\n2\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nw\r\n");
    }

    @Test
    void loadingTheAppendOnlyFileNeitherEvictsNorExpiresNorRefuses() throws Exception {
        Path aof = Files.createDirectory(dir.resolve("appendonlydir"));
        Files.writeString(aof.resolve("appendonly.aof.manifest"), "file appendonly.aof.1.incr.aof seq 1 type i\n");
        StringBuilder commands = new StringBuilder(
                "*5\r\n$3\r\nSET\r\n$1\r\nn\r\n$1\r\n1\r\n$4\r\nPXAT\r\n$1\r\n1\r\n" // long expired...
                + "*2\r\n$4\r\nINCR\r\n$1\r\nn\r\n");                                       // ...and used after
        for (int i = 0; i < 1000; i++) {
            String key = "k" + i;
            commands.append("*3\r\n$3\r\nSET\r\n$").append(key.length()).append("\r\n").append(key)
                    .append("\r\n$100\r\n").append("v".repeat(100)).append("\r\n");
        }
        Files.writeString(aof.resolve("appendonly.aof.1.incr.aof"), commands);
        start("maxmemory", "10kb", "maxmemory-policy", "noeviction", "appendonly", "yes");
        assertThat(session.call("DBSIZE")).as("as Redis: loading ignores maxmemory").isEqualTo(":1001\r\n");
        assertThat(session.call("GET", "n")).as("INCR kept the TTL that had passed; expired now, not before")
                .isEqualTo("$-1\r\n");
        assertThat(session.call("DBSIZE")).isEqualTo(":1000\r\n");
        assertThat(session.call("GET", "k999")).isEqualTo("$100\r\n" + "v".repeat(100) + "\r\n");
        assertThat(session.call("SET", "more", "x")).startsWith("-OOM"); // the limit holds from the first command on
    }

    @Test
    void aManifestThatNamesAPathIsRefused() throws Exception {
        Path aof = Files.createDirectory(dir.resolve("appendonlydir"));
        Files.writeString(aof.resolve("appendonly.aof.manifest"), "file ../../etc/passwd seq 1 type i\n");
        assertThatThrownBy(() -> start("appendonly", "yes"))
                .hasMessage("Invalid AOF manifest file format, line 1: File can't be a path, just a filename");
    }

    @Test
    void aShutdownThatCannotSaveLeavesTheServerAsItWasWithItsAofOpen() throws Exception {
        start("appendonly", "yes", "save", "3600 1");
        Files.createDirectory(dir.resolve("dump.rdb")); // a directory where the file must go: the save fails
        session.call("SET", "a", "1");
        assertThat(session.call("SHUTDOWN")).isEqualTo("-ERR Errors trying to SHUTDOWN. Check logs.\r\n");
        assertThat(session.call("SET", "b", "2")).isEqualTo("+OK\r\n");
        session.engine.beforeReplies();
        assertThat(Files.readString(dir.resolve("appendonlydir/appendonly.aof.1.incr.aof")))
                .endsWith("*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$1\r\n2\r\n");
        assertThat(session.call("SHUTDOWN", "NOSAVE")).as("no reply: the server stops").isEmpty();
    }

    @Test
    void anUnknownCommandInTheAppendOnlyFileStopsTheLoad() throws Exception {
        Path aof = Files.createDirectory(dir.resolve("appendonlydir"));
        Files.writeString(aof.resolve("appendonly.aof.manifest"), "file appendonly.aof.1.incr.aof seq 1 type i\n");
        Files.writeString(aof.resolve("appendonly.aof.1.incr.aof"), "*1\r\n$5\r\nNOPE!\r\n");
        assertThatThrownBy(() -> start("appendonly", "yes"))
                .hasMessage("Unknown command 'NOPE!' reading the append only file");
    }

    @Test
    void debugReloadKeepsTheKeysAndTheirTimeToLive() throws Exception {
        start("enable-debug-command", "yes");
        session.call("SET", "a", "1", "PX", "7000");
        session.call("SET", "s", "xy");
        session.call("SET", "gone", "1", "PX", "100");
        advance(101);
        assertThat(session.call("DBSIZE")).as("expired, not yet reclaimed").isEqualTo(":3\r\n");
        assertThat(session.call("DEBUG", "RELOAD")).isEqualTo("+OK\r\n");
        assertThat(session.call("DBSIZE")).as("emptied, and loaded without the expired key").isEqualTo(":2\r\n");
        assertThat(session.call("PTTL", "a")).isEqualTo(":6899\r\n");
        assertThat(session.call("GET", "s")).isEqualTo("$2\r\nxy\r\n");
        assertThat(info("rdb_last_load_keys_loaded")).isEqualTo("2");
        Files.delete(dir.resolve("dump.rdb"));
        Files.createDirectory(dir.resolve("dump.rdb"));
        Files.writeString(dir.resolve("dump.rdb").resolve("inside"), "x");
        assertThat(session.call("DEBUG", "RELOAD"))
                .isEqualTo("-ERR Error trying to load the RDB dump, check server logs.\r\n");
        assertThat(session.call("DBSIZE")).as("nothing flushed").isEqualTo(":2\r\n");
    }

    // ---- the append-only file

    /** The bytes a SET of key "k" to a value of {@code n} bytes takes in the AOF. */
    private static int setSize(int n) {
        return ("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$" + n + "\r\n").length() + n + 2;
    }

    @Test
    void theAofIsRewrittenOnItsOwnOnceItHasGrownByThePercentageAndPastTheMinimumSize() throws Exception {
        start("appendonly", "yes", "auto-aof-rewrite-min-size", "0");
        long base = Long.parseLong(info("aof_base_size"));
        assertThat(info("aof_current_size")).isEqualTo(Long.toString(base));
        session.call("SET", "k", "x"); // SELECT 0 and a SET
        long current = Long.parseLong(info("aof_current_size"));
        assertThat(current).isEqualTo(base + 23 + setSize(1));
        int n = 0;
        while (current + setSize(n) < 2 * base - 1) {
            n++;
        }
        assertThat(current + setSize(n)).as("a value that makes the file one byte short of doubled")
                .isEqualTo(2 * base - 1);
        session.call("SET", "k", "v".repeat(n));
        assertThat(info("aof_current_size")).isEqualTo(Long.toString(2 * base - 1));
        long growth = (2 * base - 1) * 100 / base - 100; // percent, rounded down: just under 100
        session.engine.cron();
        assertThat(info("aof_rewrite_in_progress")).as("%d%% growth, 100%% asked", growth).isEqualTo("0");
        session.call("CONFIG", "SET", "auto-aof-rewrite-percentage", Long.toString(growth + 1));
        session.engine.cron();
        assertThat(info("aof_rewrite_in_progress")).as("%d%% growth, %d%% asked", growth, growth + 1).isEqualTo("0");
        session.call("CONFIG", "SET", "auto-aof-rewrite-min-size", Long.toString(2 * base - 1));
        session.call("CONFIG", "SET", "auto-aof-rewrite-percentage", Long.toString(growth));
        session.engine.cron();
        assertThat(info("aof_rewrite_in_progress")).as("not past the minimum size").isEqualTo("0");
        session.call("CONFIG", "SET", "auto-aof-rewrite-min-size", Long.toString(2 * base - 2));
        session.call("CONFIG", "SET", "auto-aof-rewrite-percentage", "0");
        session.engine.cron();
        assertThat(info("aof_rewrite_in_progress")).as("percentage 0: never").isEqualTo("0");
        session.call("CONFIG", "SET", "auto-aof-rewrite-percentage", Long.toString(growth));
        session.engine.cron();
        assertThat(info("aof_rewrite_in_progress")).as("%d%% growth, %d%% asked", growth, growth).isEqualTo("1");
        finishBackgroundWork();
        long rewritten = Long.parseLong(info("aof_base_size"));
        assertThat(info("aof_current_size")).isEqualTo(Long.toString(rewritten));
        assertThat(Files.size(dir.resolve("appendonlydir/appendonly.aof.2.base.rdb"))).isEqualTo(rewritten);
    }

    @Test
    void appendonlyTurnedOnWritesTheDataSetAndEveryChangeAfter() throws Exception {
        start();
        session.call("SET", "before", "1");
        session.call("CONFIG", "SET", "appendonly", "yes");
        assertThat(info("aof_enabled")).isEqualTo("1");
        assertThat(info("aof_rewrite_in_progress")).isEqualTo("1");
        session.call("SET", "during", "1");
        finishBackgroundWork();
        session.call("SET", "after", "1");
        session.engine.beforeReplies();
        session.engine.stopPersistence(false);

        Session again = new Session();
        again.engine.configure(java.util.Map.of("dir", dir.toString()));
        again.engine.configure(java.util.Map.of("appendonly", "yes"));
        again.engine.load();
        assertThat(again.call("MGET", "before", "during", "after"))
                .isEqualTo("*3\r\n$1\r\n1\r\n$1\r\n1\r\n$1\r\n1\r\n");
    }

    @Test
    void appendonlyTurnedOnDuringABackgroundSaveRewritesAfterIt() throws Exception {
        start();
        session.call("SET", "before", "1");
        assertThat(session.call("BGSAVE")).startsWith("+Background saving started");
        session.call("CONFIG", "SET", "appendonly", "yes");
        assertThat(info("aof_rewrite_scheduled")).isEqualTo("1");
        assertThat(info("aof_pending_rewrite")).isEqualTo("1");
        assertThat(info("aof_rewrite_in_progress")).isEqualTo("0");
        session.call("SET", "during", "1");
        assertThat(info("aof_buffer_length")).isNotEqualTo("0");
        finishBackgroundWork();
        session.engine.cron();
        assertThat(info("aof_rewrite_in_progress")).isEqualTo("1");
        finishBackgroundWork();
        session.call("CONFIG", "SET", "appendonly", "no");
        assertThat(info("aof_enabled")).isEqualTo("0");
        session.call("SET", "off", "1");
        session.engine.beforeReplies();
        assertThat(Files.readString(dir.resolve("appendonlydir/appendonly.aof.2.incr.aof"))).doesNotContain("off");

        Session again = new Session();
        again.engine.configure(java.util.Map.of("dir", dir.toString()));
        again.engine.configure(java.util.Map.of("appendonly", "yes"));
        again.engine.load();
        assertThat(again.call("MGET", "before", "during", "off")).isEqualTo("*3\r\n$1\r\n1\r\n$1\r\n1\r\n$-1\r\n");
    }

    @Test
    void appendonlyTurnedOffDuringARewriteClosesTheFileOnlyOnceTheRewriteIsDone() throws Exception {
        start();
        session.call("SET", "a", "1");
        session.call("CONFIG", "SET", "appendonly", "yes");
        assertThat(files(dir.resolve("appendonlydir"))).contains("appendonly.aof.1.base.rdb");
        assertThat(Files.readString(dir.resolve("appendonlydir/appendonly.aof.1.base.rdb"), StandardCharsets.ISO_8859_1))
                .as("the first base is an empty RDB file").startsWith("REDIS0010").contains("aof-base");
        session.call("CONFIG", "SET", "appendonly", "no");
        assertThat(info("aof_rewrite_in_progress")).isEqualTo("1");
        session.call("SET", "during", "1");
        finishBackgroundWork();
        assertThat(info("aof_rewrites")).isEqualTo("1");
        session.call("SET", "after", "1");
        session.engine.beforeReplies();
        String incr = Files.readString(dir.resolve("appendonlydir/appendonly.aof.2.incr.aof"));
        assertThat(incr).contains("during").doesNotContain("after");
    }

    @Test
    void appendonlyTurnedOffWritesWhatTheTurnHasBufferedFirst() throws Exception {
        start("appendonly", "yes");
        session.call("SET", "last", "1");
        session.call("CONFIG", "SET", "appendonly", "no");
        assertThat(Files.readString(dir.resolve("appendonlydir/appendonly.aof.1.incr.aof"))).contains("last");
    }

    @Test
    void aRewriteThatCannotPutItsBaseInPlaceFailsAndLeavesNoTemporaryFile() throws Exception {
        start();
        session.call("SET", "a", "1");
        Path blocked = Files.createDirectories(dir.resolve("appendonlydir/appendonly.aof.2.base.rdb"));
        Files.writeString(blocked.resolve("inside"), "x");
        assertThat(session.call("BGREWRITEAOF")).startsWith("+Background append only file rewriting started");
        finishBackgroundWork();
        assertThat(info("aof_last_bgrewrite_status")).isEqualTo("err");
        assertThat(info("aof_rewrites_consecutive_failures")).isEqualTo("1");
        assertThat(info("aof_rewrites")).isEqualTo("1"); // counted when it started, as Redis counts
        assertThat(files(dir.resolve("appendonlydir"))).noneMatch(name -> name.startsWith("temp-"));
        Files.delete(blocked.resolve("inside"));
        Files.delete(blocked);
        assertThat(session.call("BGREWRITEAOF")).startsWith("+Background append only file rewriting started");
        finishBackgroundWork();
        assertThat(info("aof_rewrites_consecutive_failures")).isEqualTo("0");
        assertThat(files(dir.resolve("appendonlydir"))).as("the base's number moves on only with a rewrite done")
                .containsExactly("appendonly.aof.2.base.rdb", "appendonly.aof.3.incr.aof", "appendonly.aof.manifest");
    }

    @Test
    void afterThreeFailedRewritesInARowAutomaticOnesWaitAMinuteThenTwoMinutes() throws Exception {
        start("appendonly", "yes", "auto-aof-rewrite-min-size", "0", "auto-aof-rewrite-percentage", "1");
        Path blocked = Files.createDirectories(dir.resolve("appendonlydir/appendonly.aof.2.base.rdb"));
        Files.writeString(blocked.resolve("inside"), "x"); // every rewrite fails to put its base in place
        for (int failures = 1; failures <= 3; failures++) {
            session.call("SET", "k", "v".repeat(1000)); // the file has grown: a rewrite is due
            session.engine.cron();
            assertThat(info("aof_rewrite_in_progress")).as("try %d", failures).isEqualTo("1");
            finishBackgroundWork();
            assertThat(info("aof_rewrites_consecutive_failures")).isEqualTo(Integer.toString(failures));
        }
        session.call("SET", "k", "v".repeat(1000));
        session.engine.cron();
        assertThat(info("aof_rewrite_in_progress")).as("limited: wait a minute").isEqualTo("0");
        advance(59_000);
        session.engine.cron();
        assertThat(info("aof_rewrite_in_progress")).isEqualTo("0");
        advance(2_000);
        session.engine.cron();
        assertThat(info("aof_rewrite_in_progress")).as("a minute later").isEqualTo("1");
        finishBackgroundWork();
        session.call("SET", "k", "v".repeat(1000));
        session.engine.cron();
        assertThat(info("aof_rewrite_in_progress")).as("two minutes now").isEqualTo("0");
        assertThat(session.call("BGREWRITEAOF")).as("asked for, it starts at once")
                .startsWith("+Background append only file rewriting started");
    }

    @Test
    void shutdownWritesWhatTheAofHasBuffered() throws Exception {
        start("appendonly", "yes");
        session.call("SET", "k", "v");
        session.engine.stopPersistence(false);
        Session again = new Session();
        again.engine.configure(java.util.Map.of("dir", dir.toString()));
        again.engine.configure(java.util.Map.of("appendonly", "yes"));
        again.engine.load();
        assertThat(again.call("GET", "k")).isEqualTo("$1\r\nv\r\n");
    }

    // ---- shutdown

    @Test
    void shutdownDropsARunningSnapshotAndSavesOnlyWhenToldOrWithSavePoints() throws Exception {
        start();
        session.call("SET", "a", "1");
        assertThat(session.call("BGSAVE")).startsWith("+Background saving started");
        session.engine.stopPersistence(null);
        assertThat(files(dir)).as("no save points: nothing saved, the temporary file gone").isEmpty();
        session.engine.stopPersistence(true);
        assertThat(files(dir)).as("stopped once already").isEmpty();

        Session saving = new Session();
        saving.engine.configure(java.util.Map.of("dir", dir.toString()));
        saving.engine.configure(java.util.Map.of("save", "3600 1"));
        saving.engine.load();
        saving.call("SET", "a", "1");
        saving.engine.stopPersistence(null);
        assertThat(files(dir)).containsExactly("dump.rdb");
    }

    @Test
    void shutdownDropsARunningRewriteAndItsTemporaryFile() throws Exception {
        start();
        session.call("SET", "a", "1");
        assertThat(session.call("BGREWRITEAOF")).startsWith("+Background append only file rewriting started");
        session.engine.stopPersistence(false);
        assertThat(files(dir.resolve("appendonlydir"))).noneMatch(name -> name.startsWith("temp-"));
        assertThat(files(dir)).containsExactly("appendonlydir");
    }

    /** A data set that takes more than one slice to walk: each slice leaves the snapshot running. */
    @Test
    void aLargeSnapshotIsWalkedASliceAtATime() throws Exception {
        start();
        for (int batch = 0; batch < 4; batch++) {
            String[] mset = new String[1 + 2 * 50_000];
            mset[0] = "MSET";
            for (int i = 0; i < 50_000; i++) {
                mset[1 + 2 * i] = "key:" + batch + ":" + i;
                mset[2 + 2 * i] = "v";
            }
            session.call(mset);
        }
        assertThat(session.call("BGSAVE")).startsWith("+Background saving started");
        session.engine.backgroundStep(false);
        assertThat(info("rdb_bgsave_in_progress")).isEqualTo("1");
        assertThat(session.engine.backgroundWork()).isTrue();
        finishBackgroundWork();
        assertThat(session.call("BGREWRITEAOF")).startsWith("+Background append only file rewriting started");
        session.engine.backgroundStep(false);
        assertThat(info("aof_rewrite_in_progress")).isEqualTo("1");
        finishBackgroundWork();
        assertThat(session.engine.backgroundWork()).isFalse();
        assertThat(info("rdb_saves")).isEqualTo("1");
        assertThat(info("aof_rewrites")).isEqualTo("1");
    }

    @Test
    void shutdownWithoutSaveSavesNothingEvenWithSavePoints() throws Exception {
        start("save", "3600 1");
        session.call("SET", "a", "1");
        session.engine.stopPersistence(false);
        assertThat(files(dir)).isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
