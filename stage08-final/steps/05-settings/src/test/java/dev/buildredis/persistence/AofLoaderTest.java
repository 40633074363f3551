package dev.buildredis.persistence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class AofLoaderTest {

    private static final String SET = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n";
    private static final String INCR = "*2\r\n$4\r\nINCR\r\n$1\r\nn\r\n";

    @TempDir
    Path dir;

    private final List<String> replayed = new ArrayList<>();

    private Path file(String contents) throws IOException {
        Path file = dir.resolve("appendonly.aof");
        Files.writeString(file, contents, StandardCharsets.ISO_8859_1);
        return file;
    }

    /** Replays nothing but the command's words; no error. */
    private String replay(List<byte[]> command) {
        replayed.add(String.join(" ", command.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList()));
        return null;
    }

    @Test
    void aMissingFileIsAnEmptyDataSet() throws IOException {
        assertThat(AofLoader.load(dir.resolve("nothing.aof"), this::replay)).isZero();
    }

    @Test
    void everyCommandIsReplayedInOrder() throws IOException {
        assertThat(AofLoader.load(file(SET + INCR + INCR), this::replay)).isEqualTo(3);
        assertThat(replayed).containsExactly("SET k v", "INCR n", "INCR n");
    }

    // tag::truncated-test[]
    @Test
    void aLastCommandCutAtAnyOffsetIsDroppedAndTheFileIsCutBeforeIt() throws IOException {
        for (int cut = 1; cut < INCR.length(); cut++) {
            replayed.clear();
            Path file = file(SET + INCR + INCR.substring(0, cut));
            assertThat(AofLoader.load(file, this::replay)).as("cut after %d bytes", cut).isEqualTo(2);
            assertThat(replayed).containsExactly("SET k v", "INCR n");
            assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).isEqualTo(SET + INCR);
        }
    }
    // end::truncated-test[]

    @Test
    void aDamagedByteBeforeTheLastCommandStopsStartUpNamingTheFileAndOffset() throws IOException {
        Path file = file(SET + INCR.replace('$', '#') + SET);
        assertThatIOException().isThrownBy(() -> AofLoader.load(file, this::replay))
                .withMessageContaining("Bad file format reading the append only file " + file + " at offset 31")
                .withMessageContaining("redis-check-aof --fix " + file);
        assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).isEqualTo(SET + INCR.replace('$', '#') + SET);
    }

    @Test
    void aCommandThatFailsOnReplayStopsStartUp() throws IOException {
        Path file = file(SET + INCR);
        assertThatIOException()
                .isThrownBy(() -> AofLoader.load(file, command -> command.size() == 2
                        ? "ERR value is not an integer or out of range" : null))
                .withMessageContaining("offset 27")
                .withMessageContaining("ERR value is not an integer or out of range");
    }
}
