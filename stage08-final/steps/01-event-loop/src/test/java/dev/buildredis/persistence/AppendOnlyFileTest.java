package dev.buildredis.persistence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class AppendOnlyFileTest {

    private static final String SET_K_V = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n";

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("appendonly.aof");
    }

    private FaultyChannel channel() throws IOException {
        return new FaultyChannel(FileChannel.open(file(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND));
    }

    private static List<byte[]> command(String... words) {
        return java.util.Arrays.stream(words).map(w -> w.getBytes(StandardCharsets.ISO_8859_1)).toList();
    }

    private String contents() throws IOException {
        return new String(Files.readAllBytes(file()), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aCommandIsWrittenAsTheRespArrayAClientWouldSend() throws IOException {
        try (AppendOnlyFile aof = AppendOnlyFile.open(file(), FsyncPolicy.ALWAYS, true)) {
            aof.append(command("SET", "k", "v"));
            aof.flush();
            assertThat(contents()).isEqualTo(SET_K_V);
        }
    }

    @Test
    void appendAloneWritesNothingUntilTheTurnsFlush() throws IOException {
        try (AppendOnlyFile aof = AppendOnlyFile.open(file(), FsyncPolicy.NO, true)) {
            aof.append(command("SET", "k", "v"));
            assertThat(Files.size(file())).isZero();
            aof.flush();
            assertThat(Files.size(file())).isEqualTo(SET_K_V.length());
        }
    }

    @Test
    void offsetsContinueAfterWhatTheFileAlreadyHolds() throws IOException {
        Files.writeString(file(), SET_K_V, StandardCharsets.ISO_8859_1);
        try (AppendOnlyFile aof = AppendOnlyFile.open(file(), FsyncPolicy.EVERYSEC, true)) {
            aof.append(command("DEL", "k"));
            aof.flush();
        }
        assertThat(contents()).isEqualTo(SET_K_V + "*2\r\n$3\r\nDEL\r\n$1\r\nk\r\n");
    }

    // tag::group-commit-test[]
    @Test
    void underAlwaysEveryCommandOfATurnSharesOneWriteAndOneFsync() throws IOException {
        try (AppendOnlyFile aof = AppendOnlyFile.open(file(), FsyncPolicy.ALWAYS, true)) {
            for (int i = 0; i < 20; i++) {
                aof.append(command("SET", "k" + i, "v")); // twenty commands run in one turn of the loop
            }
            aof.flush();                                  // the turn's end, before any of them is answered
            assertThat(aof.fsyncCount()).isEqualTo(1);
            aof.flush();                                  // a turn without writes fsyncs nothing
            assertThat(aof.fsyncCount()).isEqualTo(1);
        }
    }
    // end::group-commit-test[]

    @Test
    void withoutGroupCommitEveryCommandHasAnFsyncOfItsOwn() throws IOException {
        try (AppendOnlyFile aof = AppendOnlyFile.open(file(), FsyncPolicy.ALWAYS, false)) {
            for (int i = 0; i < 20; i++) {
                aof.append(command("SET", "k" + i, "v"));
            }
            aof.flush();
            assertThat(aof.fsyncCount()).isEqualTo(20);
        }
    }

    @Test
    void underEverysecTheTurnDoesNotWaitForTheFsyncButTheFsyncFollows() throws Exception {
        FaultyChannel channel = channel();
        channel.forceGate = new Semaphore(0);
        try (AppendOnlyFile aof = new AppendOnlyFile(channel, FsyncPolicy.EVERYSEC, true)) {
            aof.append(command("SET", "k", "v"));
            aof.flush(); // would hang if it waited for the fsync
            assertThat(contents()).isEqualTo(SET_K_V);
            channel.forceGate.release(1000);
            waitUntil(() -> aof.fsyncCount() == 1);
        }
    }

    @Test
    void underAlwaysAFailedWriteIsThrownAndEveryLaterFlushThrowsItToo() throws IOException {
        FaultyChannel channel = channel();
        channel.writeError = new IOException("No space left on device");
        try (AppendOnlyFile aof = new AppendOnlyFile(channel, FsyncPolicy.ALWAYS, true)) {
            aof.append(command("SET", "k", "v"));
            assertThatIOException().isThrownBy(aof::flush).withMessage("No space left on device");
            channel.writeError = null;
            assertThatIOException().isThrownBy(aof::flush); // the server stops: there is no coming back
        }
        assertThat(contents()).isEmpty(); // and nothing is written on the way out
    }

    @Test
    void underAlwaysAFailedFsyncIsThrown() throws IOException {
        FaultyChannel channel = channel();
        channel.forceError = new IOException("Input/output error");
        try (AppendOnlyFile aof = new AppendOnlyFile(channel, FsyncPolicy.ALWAYS, true)) {
            aof.append(command("SET", "k", "v"));
            assertThatIOException().isThrownBy(aof::flush).withMessage("Input/output error");
        }
    }

    @Test
    void underEverysecAFailedWriteRefusesWritesUntilARetrySucceeds() throws Exception {
        FaultyChannel channel = channel();
        channel.writeError = new IOException("No space left on device");
        channel.bytesBeforeFailure = 5;
        try (AppendOnlyFile aof = new AppendOnlyFile(channel, FsyncPolicy.EVERYSEC, true)) {
            aof.append(command("SET", "k", "v"));
            aof.flush(); // not thrown: kept, as Redis keeps aof_last_write_status
            assertThat(aof.lastWriteError()).hasMessage("No space left on device");
            assertThat(contents()).isEmpty(); // the half-written command was cut off again

            aof.retry();
            assertThat(aof.lastWriteError()).as("still failing").isNotNull();
            channel.writeError = null; // space is free again
            aof.retry();
            assertThat(aof.lastWriteError()).isNull();
            assertThat(contents()).isEqualTo(SET_K_V); // the kept command, once and whole
        }
    }

    @Test
    void whenTheHalfWrittenCommandCannotBeCutTheRetryCompletesIt() throws Exception {
        FaultyChannel channel = channel();
        channel.writeError = new IOException("Input/output error");
        channel.bytesBeforeFailure = 5;
        channel.truncateError = new IOException("Input/output error");
        try (AppendOnlyFile aof = new AppendOnlyFile(channel, FsyncPolicy.NO, true)) {
            aof.append(command("SET", "k", "v"));
            aof.flush();
            channel.writeError = null;
            aof.retry();
            assertThat(aof.lastWriteError()).isNull();
            assertThat(contents()).isEqualTo(SET_K_V);
        }
    }

    @Test
    void underEverysecAFailedBackgroundFsyncRefusesWritesUntilARetrySucceeds() throws Exception {
        FaultyChannel channel = channel();
        channel.forceError = new IOException("Input/output error");
        try (AppendOnlyFile aof = new AppendOnlyFile(channel, FsyncPolicy.EVERYSEC, true)) {
            aof.append(command("SET", "k", "v"));
            aof.flush();
            waitUntil(() -> aof.lastWriteError() != null); // the fsync thread's next round fails
            channel.forceError = null;
            aof.retry();
            assertThat(aof.lastWriteError()).isNull();
            assertThat(contents()).isEqualTo(SET_K_V);
        }
    }

    @Test
    void closeWritesWhatIsLeft() throws IOException {
        AppendOnlyFile aof = AppendOnlyFile.open(file(), FsyncPolicy.NO, true);
        aof.append(command("SET", "k", "v"));
        aof.close();
        assertThat(contents()).isEqualTo(SET_K_V);
    }

    /** Polls until the condition holds; fails after a generous limit, which only a broken build reaches. */
    static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition still false after 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
