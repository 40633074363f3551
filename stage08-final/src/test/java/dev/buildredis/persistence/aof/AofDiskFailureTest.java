// @step 11
package dev.buildredis.persistence.aof;

import org.junit.jupiter.api.AfterEach;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the append-only file does when the disk fails, as Redis's {@code flushAppendOnlyFile}: a short write is cut
 * back so that no half command stays in the file, a failure under {@code always} stops the server, a failure under
 * {@code everysec} refuses writes until the disk takes them again. The incremental file's channel is a
 * {@link FaultyChannel} that fails when told to.
 */
class AofDiskFailureTest {

    private static final String NAME = "appendonly.aof";
    private static final IOException FULL = new IOException("No space left on device");

    @TempDir
    Path dir;

    private final List<FaultyChannel> channels = new ArrayList<>();
    private AppendOnlyFile aof;

    private AppendOnlyFile open(FsyncPolicy policy) throws IOException {
        aof = AppendOnlyFile.open(dir, NAME, policy, path -> Files.writeString(path, "REDIS-empty"), file -> {
            FaultyChannel channel = new FaultyChannel(FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND));
            channels.add(channel);
            return channel;
        });
        return aof;
    }

    @AfterEach
    void close() {
        aof.abandon();
    }

    private FaultyChannel incremental() {
        return channels.getLast();
    }

    private String incrementalFile() throws IOException {
        return Files.readString(dir.resolve(NAME + ".1.incr.aof"), StandardCharsets.ISO_8859_1);
    }

    private static List<byte[]> set(String key, String value) {
        return List.of("SET".getBytes(), key.getBytes(), value.getBytes());
    }

    @Test
    void aWriteThatFailsHalfwayIsCutBackSoThatNoHalfCommandStaysInTheFile() throws IOException {
        open(FsyncPolicy.EVERYSEC);
        aof.append(0, set("a", "1"));
        aof.flush();
        String before = incrementalFile();

        incremental().writeError = FULL;
        incremental().bytesBeforeFailure = 10;
        aof.append(0, set("b", "2"));
        aof.flush();
        assertThat(incrementalFile()).isEqualTo(before);
        assertThat(aof.lastWriteError()).isSameAs(FULL);

        incremental().writeError = null;
        aof.flush();
        assertThat(incrementalFile()).isEqualTo(before + "*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$1\r\n2\r\n");
        assertThat(aof.lastWriteError()).isNull();
    }

    @Test
    void whenTheCutFailsTooTheRestOfTheCommandIsWrittenNextAndCompletesIt() throws IOException {
        open(FsyncPolicy.EVERYSEC);
        incremental().writeError = FULL;
        incremental().bytesBeforeFailure = 10;
        incremental().truncateError = new IOException("Input/output error");
        aof.append(0, set("b", "2"));
        aof.flush();
        assertThat(incrementalFile()).hasSize(10);

        incremental().writeError = null;
        aof.flush();
        assertThat(incrementalFile()).isEqualTo("*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$1\r\n2\r\n");
    }

    @Test
    void underAlwaysAFailedFsyncIsFatal() throws IOException {
        open(FsyncPolicy.ALWAYS);
        incremental().forceError = new IOException("Input/output error");
        aof.append(0, set("a", "1"));
        aof.flush();
        assertThat(aof.fatal()).isEqualTo("Can't persist AOF for fsync error when the AOF fsync policy is 'always': "
                + "Input/output error. Exiting...");
    }

    @Test
    void underAlwaysAFailedWriteIsFatalAndNothingIsRetried() throws IOException {
        open(FsyncPolicy.ALWAYS);
        incremental().writeError = FULL;
        aof.append(0, set("a", "1"));
        aof.flush();
        assertThat(aof.fatal()).isEqualTo("Can't recover from AOF write error when the AOF fsync policy is 'always'. "
                + "Exiting...");
        incremental().writeError = null;
        aof.flush();
        assertThat(incremental().size()).as("nothing more is written once it is fatal").isZero();
    }

    @Test
    void underEverysecAFailedFsyncRefusesWritesUntilAnFsyncSucceeds() throws Exception {
        open(FsyncPolicy.EVERYSEC);
        incremental().forceError = new IOException("Input/output error");
        aof.append(0, set("a", "1"));
        aof.flush();
        assertThat(aof.lastWriteError()).as("the write went through").isNull();
        awaitError(true);
        assertThat(aof.lastWriteError()).hasMessage("Input/output error");

        incremental().forceError = null;
        awaitError(false);
        assertThat(aof.fatal()).isNull();
    }

    /** The everysec thread fsyncs once a second: waits up to 5 s for its verdict. */
    private void awaitError(boolean present) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while ((aof.lastWriteError() != null) != present && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }

    //> step 12
    @Test
    void aRewriteDoesNotBeginWhileWritesFail() throws IOException {
        open(FsyncPolicy.EVERYSEC);
        incremental().writeError = FULL;
        aof.append(0, set("a", "1"));
        org.assertj.core.api.Assertions.assertThatThrownBy(aof::beginRewrite).isSameAs(FULL);
        assertThat(aof.manifest().incrementals()).hasSize(1);
    }
    //< step 12
}
