package dev.buildredis.persistence.aof;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Redis 7's manifest: read as Redis reads it (comments, keys it does not know), written as Redis writes it. */
class AofManifestTest {

    private static AofManifest.Entry entry(String name, long seq, char type) {
        return new AofManifest.Entry(name, seq, type);
    }

    @Test
    void theBaseComesFirstAndIncrementalFilesByTheirSeqWhateverTheOrderOfTheLines() throws IOException {
        AofManifest manifest = AofManifest.parse("""
                # written by hand
                file a.10.incr.aof seq 10 type i

                file a.9.incr.aof seq 9 type i size 12
                file a.1.base.rdb seq 1 type b
                   file a.2.incr.aof seq 2 type h  \s
                file a.3.incr.aof seq 3 type i""");
        assertThat(manifest.files()).containsExactly(entry("a.1.base.rdb", 1, 'b'), entry("a.3.incr.aof", 3, 'i'),
                entry("a.9.incr.aof", 9, 'i'), entry("a.10.incr.aof", 10, 'i'));
        assertThat(manifest.base()).contains(entry("a.1.base.rdb", 1, 'b'));
        assertThat(manifest.baseSeq()).isEqualTo(1);
        assertThat(manifest.lastIncrSeq()).isEqualTo(10);
        assertThat(manifest.text()).isEqualTo("file a.1.base.rdb seq 1 type b\nfile a.3.incr.aof seq 3 type i\n"
                + "file a.9.incr.aof seq 9 type i\nfile a.10.incr.aof seq 10 type i\n");
    }

    @Test
    void aManifestWithoutABaseOrIncrementalFilesHasSeqZero() throws IOException {
        AofManifest onlyIncr = AofManifest.parse("file a.4.incr.aof seq 4 type i\n");
        assertThat(onlyIncr.base()).isEmpty();
        assertThat(onlyIncr.baseSeq()).isZero();
        assertThat(onlyIncr.lastIncrSeq()).isEqualTo(4);
        AofManifest onlyBase = AofManifest.parse("file a.7.base.rdb seq 7 type b\n");
        assertThat(onlyBase.lastIncrSeq()).isZero();
        assertThat(onlyBase.incrementals()).isEmpty();
        assertThat(onlyBase.withIncremental(entry("a.1.incr.aof", 1, 'i')).text())
                .isEqualTo("file a.7.base.rdb seq 7 type b\nfile a.1.incr.aof seq 1 type i\n");
        assertThat(onlyBase.files()).hasSize(1);
        assertThat(AofManifest.parse("").files()).isEmpty();
        assertThat(AofManifest.parse("file a.0.incr.aof seq 0 type i").lastIncrSeq()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "file a seq 1 type"          | line 2: 'file a seq 1 type'
            "file a seq 1"               | line 2: 'file a seq 1'
            "seq 1 type i"               | line 2: 'seq 1 type i'
            "file a seq -1 type i"       | line 2: 'file a seq -1 type i'
            "file a seq 1 type x"        | line 2: 'file a seq 1 type x'
            "file a seq 1 type ib"       | line 2: 'file a seq 1 type ib'
            "file a seq x type i"        | line 2: bad seq 'x'
            "file a type i"              | line 2: 'file a type i'
            """)
    void aLineThatIsNotAManifestLineIsRefusedWithItsNumber(String line, String message) {
        assertThatThrownBy(() -> AofManifest.parse("file b seq 1 type b\n" + line + "\n"))
                .isInstanceOf(IOException.class).hasMessage("Invalid AOF manifest file format, " + message);
    }

    @Test
    void aSeqOfZeroIsAccepted() throws IOException {
        assertThat(AofManifest.parse("file a seq 0 type b").files()).containsExactly(entry("a", 0, 'b'));
    }

    @Test
    void twoBasesAreRefused() {
        assertThatThrownBy(() -> AofManifest.parse("file a seq 1 type b\nfile b seq 2 type b\n"))
                .hasMessage("Found duplicate base file information in the AOF manifest");
    }

    @Test
    void aSavedManifestReadsBackAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(AofManifest.name("appendonly.aof"));
        assertThat(file.getFileName().toString()).isEqualTo("appendonly.aof.manifest");
        assertThat(AofManifest.load(file)).isEmpty();
        AofManifest manifest = new AofManifest(List.of(entry("x.2.base.rdb", 2, 'b'), entry("x.5.incr.aof", 5, 'i')));
        Files.writeString(file, "a much longer text than the manifest that replaces it, which must not keep a tail of it");
        manifest.save(file);
        assertThat(Files.readString(file)).isEqualTo("file x.2.base.rdb seq 2 type b\nfile x.5.incr.aof seq 5 type i\n");
        assertThat(AofManifest.load(file)).contains(manifest);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
