package dev.buildredis.persistence.rdb;

import dev.buildredis.store.Key;
import dev.buildredis.store.Keyspace;
import dev.buildredis.store.StringValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The snapshot's file: bytes written a byte or an array at a time, across 64 KB chunks, reach the disk in order;
 * the finisher runs once the file is complete, and not after an abort; a failure reaches {@code result()}.
 */
class SnapshotFileTest {

    private static final int CHUNK = 64 * 1024;

    @TempDir
    Path dir;

    private final List<Path> finished = new ArrayList<>();

    @Test
    void bytesWrittenOneByOneAndInArraysAcrossChunksReachTheFileInOrder() throws Exception {
        Path path = dir.resolve("temp.rdb");
        SnapshotFile file = new SnapshotFile(path, finished::add);
        assertThat(file.path()).isEqualTo(path);
        byte[] expected = new byte[3 * CHUNK + 123];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) (i * 7 + i / 251);
        }
        for (int i = 0; i < CHUNK + 10; i++) {
            file.write(expected[i]);
        }
        assertThat(file.pending()).as("bytes not yet on disk").isGreaterThanOrEqualTo(10).isLessThanOrEqualTo(CHUNK + 10);
        file.write(expected, CHUNK + 10, 2 * CHUNK);
        file.write(expected, 3 * CHUNK + 10, 113);
        assertThat(file.size()).isEqualTo(expected.length);
        file.close();
        file.close(); // a second close changes nothing
        assertThat(file.done().get(10, TimeUnit.SECONDS)).isEqualTo(expected.length);
        assertThat(Files.readAllBytes(path)).isEqualTo(expected);
        assertThat(finished).containsExactly(path);
        assertThat(file.pending()).isZero();
        assertThat(file.peakPending()).isBetween((long) CHUNK, (long) expected.length);
    }

    @Test
    void aShortFileIsWrittenWhenClosed() throws Exception {
        Path path = dir.resolve("short");
        SnapshotFile file = new SnapshotFile(path, finished::add);
        file.write(new byte[] {1, 2, 3}, 1, 2);
        assertThat(file.pending()).isEqualTo(2);
        assertThat(file.peakPending()).isEqualTo(2);
        file.close();
        assertThat(file.done().get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(Files.readAllBytes(path)).containsExactly(2, 3);
    }

    @Test
    void anAbortedFileIsNotFinished() throws Exception {
        SnapshotFile file = new SnapshotFile(dir.resolve("aborted"), finished::add);
        file.write(new byte[CHUNK + 1], 0, CHUNK + 1);
        file.abort();
        file.done().get(10, TimeUnit.SECONDS);
        assertThat(finished).isEmpty();
    }

    @Test
    void aFinisherThatFailsMakesTheSnapshotFailWithItsError() throws Exception {
        Keyspace keyspace = new Keyspace(InstantSource.system());
        keyspace.db(0).set(Key.of("k"), new StringValue("v".getBytes()));
        Snapshot snapshot = Snapshot.begin(keyspace, dir.resolve("temp"), false, path -> {
            throw new IOException("no room");
        });
        assertThat(snapshot.keysTotal()).isEqualTo(1);
        assertThat(snapshot.keysWritten()).isZero();
        assertThat(snapshot.walked()).isFalse();
        assertThatThrownBy(snapshot::runToEnd).isInstanceOf(IOException.class).hasMessage("no room");
        assertThat(snapshot.keysWritten()).isEqualTo(1);
        assertThatThrownBy(() -> snapshot.done().get()).isInstanceOf(ExecutionException.class);
    }

    @Test
    void anAbortedSnapshotDeletesItsFile() throws Exception {
        Keyspace keyspace = new Keyspace(InstantSource.system());
        for (int i = 0; i < 1000; i++) {
            keyspace.db(i % 3).set(Key.of("k" + i), new StringValue(new byte[100]));
        }
        Path temp = dir.resolve("temp");
        Snapshot snapshot = Snapshot.begin(keyspace, temp, false, finished::add);
        assertThat(snapshot.path()).isEqualTo(temp);
        assertThat(snapshot.keysTotal()).isEqualTo(1000);
        snapshot.abort();
        assertThat(temp).doesNotExist();
        assertThat(finished).isEmpty();
    }

    @Test
    void aSnapshotSteppedToItsEndHoldsEveryKeyOfEveryDatabase() throws Exception {
        Keyspace keyspace = new Keyspace(InstantSource.fixed(java.time.Instant.ofEpochSecond(1_767_225_600L)));
        for (int i = 0; i < 1000; i++) {
            keyspace.db(i % 3).set(Key.of("k" + i), new StringValue(Integer.toString(i).getBytes()));
        }
        Path temp = dir.resolve("temp");
        Snapshot snapshot = Snapshot.begin(keyspace, temp, true, finished::add);
        keyspace.db(1).set(Key.of("k1"), new StringValue("changed after the cut".getBytes()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!snapshot.step(1)) {
            assertThat(System.nanoTime()).isLessThan(deadline);
        }
        assertThat(snapshot.walked()).isTrue();
        assertThat(snapshot.keysWritten()).isEqualTo(1000);
        assertThat(snapshot.result()).isEqualTo(Files.size(temp));
        assertThat(snapshot.startedMillis()).isEqualTo(1_767_225_600_000L);
        assertThat(snapshot.peakPendingBytes()).as("a file under 64 KB waits whole for the disk")
                .isEqualTo(Files.size(temp));
        assertThat(snapshot.pendingBytes()).isZero();
        assertThat(java.util.HexFormat.of().formatHex(Files.readAllBytes(temp)))
                .contains(java.util.HexFormat.of().formatHex("ctime".getBytes()) + "c200b95569")
                .contains(java.util.HexFormat.of().formatHex("aof-base".getBytes()) + "c001");
        RdbData data = RdbData.fromRdb(Files.readAllBytes(temp));
        assertThat(data.dbNumbers()).containsExactly(0, 1, 2);
        assertThat(data.contents().get(1).get(Key.of("k1")).contents()).isEqualTo(Key.of("1"));
        assertThat(data.contents().values().stream().mapToInt(java.util.Map::size).sum()).isEqualTo(1000);
        assertThat(new String(Files.readAllBytes(temp), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("aof-base");
    }
}
