package dev.buildredis.command;

import dev.buildredis.metrics.Monitor;
import dev.buildredis.persistence.AppendOnlyFile;
import dev.buildredis.persistence.FsyncPolicy;
import dev.buildredis.protocol.RespValue;
import dev.buildredis.store.Keyspace;
import dev.buildredis.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Which commands reach the append-only file, in what form, and what happens when the file cannot be written. The
 * file is written when the event loop says, once a turn: {@link #logged()} does what the loop does first.
 */
class JournalTest {

    /** 2026-01-01T00:00:00Z, where the manual clock starts, in Unix milliseconds. */
    private static final long NOW = 1767225600000L;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();
    private final Keyspace keyspace = new Keyspace(clock);
    private final Journal journal = new Journal();
    private final CommandTable table = CommandTable.standard(keyspace, journal, Map.of(),
            Monitor.of(clock, section -> new LinkedHashMap<>()));
    private AppendOnlyFile aof;

    JournalTest() {
        keyspace.onExpired((db, key) -> journal.expired(key));
    }

    private Path attach(Path file) throws IOException {
        return attach(file, FsyncPolicy.ALWAYS);
    }

    private Path attach(Path file, FsyncPolicy policy) throws IOException {
        aof = AppendOnlyFile.open(file, policy, true);
        journal.attach(aof);
        return file;
    }

    @AfterEach
    void close() throws IOException {
        if (aof != null) {
            aof.close();
        }
    }

    private RespValue run(String... args) {
        return table.execute(Arrays.stream(args).map(a -> a.getBytes(StandardCharsets.ISO_8859_1)).toList());
    }

    private static String resp(String... args) {
        StringBuilder text = new StringBuilder("*" + args.length + "\r\n");
        for (String arg : args) {
            text.append('$').append(arg.length()).append("\r\n").append(arg).append("\r\n");
        }
        return text.toString();
    }

    private String logged() throws IOException {
        aof.flush(); // the end of the loop's turn
        return Files.readString(dir.resolve("appendonly.aof"), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aWriteThatChangedTheDataSetIsLoggedAsSent() throws IOException {
        attach(dir.resolve("appendonly.aof"));
        run("set", "k", "v");
        run("DEL", "k", "missing");
        assertThat(logged()).isEqualTo(resp("set", "k", "v") + resp("DEL", "k", "missing"));
    }

    @Test
    void readsAndWritesThatChangedNothingAreNotLogged() throws IOException {
        attach(dir.resolve("appendonly.aof"));
        run("SET", "k", "v");
        run("GET", "k");
        run("EXISTS", "k");
        run("SET", "k", "other", "NX");  // k exists: NX writes nothing
        run("SET", "new", "v", "XX");    // new does not exist: XX writes nothing
        run("DEL", "missing");
        run("SET", "k", "v", "EX", "0"); // refused with an error
        assertThat(logged()).isEqualTo(resp("SET", "k", "v"));
    }

    // tag::pxat-test[]
    @Test
    void everyRelativeOrAbsoluteExpiryIsLoggedAsPxat() throws IOException {
        attach(dir.resolve("appendonly.aof"));
        run("SET", "a", "v", "EX", "10");
        run("SET", "b", "v", "PX", "1500", "NX");
        run("SET", "c", "v", "EXAT", "1767225700");
        run("SET", "d", "v", "PXAT", "1767225700123");
        assertThat(logged()).isEqualTo(
                resp("SET", "a", "v", "PXAT", Long.toString(NOW + 10_000))
                        + resp("SET", "b", "v", "PXAT", Long.toString(NOW + 1500))
                        + resp("SET", "c", "v", "PXAT", "1767225700000")
                        + resp("SET", "d", "v", "PXAT", "1767225700123"));
    }
    // end::pxat-test[]

    @Test
    void keepttlIsLoggedAsSentBecauseItReplaysTheSame() throws IOException {
        attach(dir.resolve("appendonly.aof"));
        run("SET", "k", "v", "KEEPTTL");
        assertThat(logged()).isEqualTo(resp("SET", "k", "v", "KEEPTTL"));
    }

    // tag::expired-test[]
    @Test
    void aKeyFoundExpiredIsLoggedAsDelBeforeTheCommandThatFoundIt() throws IOException {
        attach(dir.resolve("appendonly.aof"));
        run("SET", "k", "1", "PX", "100");
        run("SET", "n", "5", "PX", "100");
        clock.advance(Duration.ofMillis(101));
        run("SET", "k", "2", "NX"); // writes: k expired. A replay, which expires nothing, must learn it first
        run("GET", "n");            // a read that finds a key expired logs it too
        assertThat(logged()).isEqualTo(resp("SET", "k", "1", "PXAT", Long.toString(NOW + 100))
                + resp("SET", "n", "5", "PXAT", Long.toString(NOW + 100))
                + resp("DEL", "k") + resp("SET", "k", "2", "NX") + resp("DEL", "n"));
    }
    // end::expired-test[]

    @Test
    void nothingIsLoggedBeforeAFileIsAttached() throws IOException {
        run("SET", "k", "v");
        attach(dir.resolve("appendonly.aof"));
        run("SET", "j", "w");
        assertThat(logged()).isEqualTo(resp("SET", "j", "w"));
    }

    // tag::misconf-test[]
    @Test
    void whileTheFileCannotBeWrittenWritesAndPingAreRefusedAndReadsWork() throws IOException {
        Path full = Path.of("/dev/full"); // every write to it fails with ENOSPC, as on a full disk
        assumeTrue(Files.isWritable(full), "/dev/full is Linux's");
        run("SET", "k", "before");
        attach(full, FsyncPolicy.EVERYSEC);
        assertThat(run("SET", "k", "v")).isEqualTo(RespValue.OK); // it ran; the file fails at the turn's end
        aof.flush(); // everysec: the failure is kept, not thrown, and the next writes learn it
        String misconf = "MISCONF Errors writing to the AOF file: No space left on device";
        assertThat(run("SET", "j", "w")).isEqualTo(new RespValue.SimpleError(misconf)); // refused before it runs
        assertThat(run("DEL", "k")).isEqualTo(new RespValue.SimpleError(misconf));
        assertThat(run("PING")).isEqualTo(new RespValue.SimpleError(misconf));
        assertThat(run("EXISTS", "j")).isEqualTo(new RespValue.Int(0));
        assertThat(run("GET", "k")).isEqualTo(new RespValue.BulkString("v".getBytes(StandardCharsets.US_ASCII)));
    }
    // end::misconf-test[]
}
