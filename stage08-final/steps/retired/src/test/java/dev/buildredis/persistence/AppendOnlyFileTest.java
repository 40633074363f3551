// @step 01-01
package dev.buildredis.persistence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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
            aof.awaitDurable(aof.append(command("SET", "k", "v")));
            assertThat(contents()).isEqualTo(SET_K_V);
        }
    }

    @Test
    void appendAloneWritesNothingUntilSomeoneAwaitsIt() throws IOException {
        try (AppendOnlyFile aof = AppendOnlyFile.open(file(), FsyncPolicy.NO, true)) {
            long offset = aof.append(command("SET", "k", "v"));
            assertThat(offset).isEqualTo(SET_K_V.length());
            assertThat(Files.size(file())).isZero();
            aof.awaitDurable(offset);
            assertThat(Files.size(file())).isEqualTo(offset);
        }
    }

    @Test
    void offsetsContinueAfterWhatTheFileAlreadyHolds() throws IOException {
        Files.writeString(file(), SET_K_V, StandardCharsets.ISO_8859_1);
        try (AppendOnlyFile aof = AppendOnlyFile.open(file(), FsyncPolicy.EVERYSEC, true)) {
            aof.awaitDurable(aof.append(command("DEL", "k")));
        }
        assertThat(contents()).isEqualTo(SET_K_V + "*2\r\n$3\r\nDEL\r\n$1\r\nk\r\n");
    }

    // tag::group-commit-test[]
    @Test
    void underAlwaysTheWritesThatArriveDuringAnFsyncShareTheNextOne() throws Exception {
        FaultyChannel channel = channel();
        channel.forceGate = new Semaphore(0); // every fsync waits until the test lets it go
        try (AppendOnlyFile aof = new AppendOnlyFile(channel, FsyncPolicy.ALWAYS, true)) {
            Thread first = Thread.ofVirtual().start(() -> awaitQuietly(aof, aof.append(command("SET", "a", "1"))));
            waitUntil(() -> channel.forcesStarted.get() == 1); // the first client leads and is inside its fsync
            List<Thread> others = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long offset = aof.append(command("SET", "k" + i, "v"));
                others.add(Thread.ofVirtual().start(() -> awaitQuietly(aof, offset)));
            }
            channel.forceGate.release(1000);
            first.join();
            for (Thread other : others) {
                other.join();
            }
            assertThat(aof.fsyncCount()).isEqualTo(2); // one for the first write, one for the 20 behind it
        }
    }
    // end::group-commit-test[]

    @Test
    void withoutGroupCommitEveryCommandHasAnFsyncOfItsOwn() throws IOException {
        try (AppendOnlyFile aof = AppendOnlyFile.open(file(), FsyncPolicy.ALWAYS, false)) {
            for (int i = 0; i < 20; i++) {
                aof.awaitDurable(aof.append(command("SET", "k" + i, "v")));
            }
            assertThat(aof.fsyncCount()).isEqualTo(20);
        }
    }

    @Test
    void underEverysecTheReplyDoesNotWaitForTheFsyncButTheFsyncFollows() throws Exception {
        FaultyChannel channel = channel();
        channel.forceGate = new Semaphore(0);
        try (AppendOnlyFile aof = new AppendOnlyFile(channel, FsyncPolicy.EVERYSEC, true)) {
            aof.awaitDurable(aof.append(command("SET", "k", "v"))); // would hang if it waited for the fsync
            assertThat(contents()).isEqualTo(SET_K_V);
            channel.forceGate.release(1000);
            waitUntil(() -> aof.fsyncCount() == 1);
        }
    }

    @Test
    void aFailedWriteIsNotAcknowledgedAndRefusesWritesUntilARetrySucceeds() throws Exception {
        FaultyChannel channel = channel();
        channel.writeError = new IOException("No space left on device");
        channel.bytesBeforeFailure = 5;
        try (AppendOnlyFile aof = new AppendOnlyFile(channel, FsyncPolicy.EVERYSEC, true)) {
            long offset = aof.append(command("SET", "k", "v"));
            assertThatIOException().isThrownBy(() -> aof.awaitDurable(offset)).withMessage("No space left on device");
            assertThat(aof.lastWriteError()).hasMessage("No space left on device");
            assertThat(contents()).isEmpty(); // the half-written command was cut off again

            channel.writeError = null; // space is free again
            waitUntil(() -> aof.lastWriteError() == null);
            assertThat(contents()).isEqualTo(SET_K_V); // the queued command, once and whole
        }
    }

    @Test
    void whenTheHalfWrittenCommandCannotBeCutTheRetryCompletesIt() throws Exception {
        FaultyChannel channel = channel();
        channel.writeError = new IOException("Input/output error");
        channel.bytesBeforeFailure = 5;
        channel.truncateError = new IOException("Input/output error");
        try (AppendOnlyFile aof = new AppendOnlyFile(channel, FsyncPolicy.NO, true)) {
            long offset = aof.append(command("SET", "k", "v"));
            assertThatIOException().isThrownBy(() -> aof.awaitDurable(offset));
            channel.writeError = null;
            waitUntil(() -> aof.lastWriteError() == null);
            assertThat(contents()).isEqualTo(SET_K_V);
        }
    }

    @Test
    void aFailedFsyncUnderAlwaysIsNotAcknowledged() throws Exception {
        FaultyChannel channel = channel();
        channel.forceError = new IOException("Input/output error");
        try (AppendOnlyFile aof = new AppendOnlyFile(channel, FsyncPolicy.ALWAYS, true)) {
            long offset = aof.append(command("SET", "k", "v"));
            assertThatIOException().isThrownBy(() -> aof.awaitDurable(offset));
            assertThat(aof.lastWriteError()).isNotNull();
            channel.forceError = null;
            waitUntil(() -> aof.lastWriteError() == null);
            aof.awaitDurable(offset);
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

    private static void awaitQuietly(AppendOnlyFile aof, long offset) {
        try {
            aof.awaitDurable(offset);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
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
