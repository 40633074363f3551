// @step 11
package dev.buildredis.persistence.aof;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
//> step 11-11
//~ * The AOF directory: what {@code open} makes, what {@code append} and {@code flush} write, and how {@code load}
//~ * reads them back (cut files, MULTI without EXEC, missing files).
//< step 11-11
//> step 12
 * The AOF directory: what {@code open} makes, what {@code append} and {@code flush} write, how a rewrite switches
 * the files, and how {@code load} reads them back (cut files, MULTI without EXEC, missing files).
//< step 12
 */
class AppendOnlyFileTest {

    private static final String NAME = "appendonly.aof";

    @TempDir
    Path dir;

    /** What a load hands over: each command as its words, and "RDB:" and the base's text for an RDB base. */
    private final List<String> loaded = new ArrayList<>();

    private final AppendOnlyFile.Loader loader = new AppendOnlyFile.Loader() {
        @Override
        public void command(List<byte[]> args) {
            List<String> words = new ArrayList<>();
            args.forEach(arg -> words.add(new String(arg, StandardCharsets.ISO_8859_1)));
            loaded.add(String.join(" ", words));
        }

        @Override
        public void rdb(InputStream in) throws IOException {
            loaded.add("RDB:" + new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        }
    };

    private static AppendOnlyFile.EmptyBase base(String text) {
        return path -> Files.writeString(path, text);
    }

    private AppendOnlyFile open() throws IOException {
        return AppendOnlyFile.open(dir, NAME, FsyncPolicy.EVERYSEC, base("REDIS-empty"));
    }

    private static List<byte[]> command(String... words) {
        List<byte[]> args = new ArrayList<>();
        for (String word : words) {
            args.add(word.getBytes(StandardCharsets.ISO_8859_1));
        }
        return args;
    }

    private List<String> files() throws IOException {
        try (var list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private String manifest() throws IOException {
        return Files.readString(dir.resolve(NAME + ".manifest"));
    }

    private void load(boolean truncated) throws IOException {
        AppendOnlyFile.load(dir, NAME, truncated, loader);
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.ISO_8859_1);
    }

    // ---- open, append, flush

    @Test
    void openMakesAnEmptyBaseTheFirstIncrementalFileAndTheManifest() throws IOException {
        //> step 12
        write("temp-rewriteaof-bg-1.aof", "left by a crash");
        //< step 12
        write(NAME + ".1.incr.aof", "left by a crash before the manifest");
        assertThat(AppendOnlyFile.exists(dir, NAME)).isFalse();
        try (AppendOnlyFile aof = open()) {
            assertThat(manifest()).isEqualTo("file appendonly.aof.1.base.rdb seq 1 type b\n"
                    + "file appendonly.aof.1.incr.aof seq 1 type i\n");
            assertThat(aof.baseSize()).isEqualTo("REDIS-empty".length());
            assertThat(aof.currentSize()).isEqualTo(aof.baseSize());
            assertThat(aof.manifest().incrementals()).hasSize(1);
        }
        assertThat(AppendOnlyFile.exists(dir, NAME)).isTrue();
        assertThat(files()).containsExactly("appendonly.aof.1.base.rdb", "appendonly.aof.1.incr.aof",
                "appendonly.aof.manifest");
        assertThat(dir.resolve(NAME + ".1.incr.aof")).isEmptyFile();
    }

    @Test
    void aManifestWithoutIncrementalFilesGetsOneAndTheSizesCountEveryListedFile() throws IOException {
        write(NAME + ".manifest", "file appendonly.aof.3.base.rdb seq 3 type b\n");
        write(NAME + ".3.base.rdb", "0123456789");
        try (AppendOnlyFile aof = open()) {
            assertThat(manifest()).isEqualTo("file appendonly.aof.3.base.rdb seq 3 type b\n"
                    + "file appendonly.aof.1.incr.aof seq 1 type i\n");
            assertThat(aof.baseSize()).isEqualTo(10);
        }
        assertThat(files()).doesNotContain("appendonly.aof.1.base.rdb");
        write(NAME + ".1.incr.aof", "*1\r\n$4\r\nPING\r\n");
        try (AppendOnlyFile aof = open()) {
            assertThat(aof.baseSize()).isEqualTo(24);
            assertThat(aof.currentSize()).isEqualTo(24);
        }
    }

    @Test
    void appendSelectsTheDatabaseOnlyWhenItChangesAndFlushWritesTheBuffer() throws IOException {
        try (AppendOnlyFile aof = open()) {
            long base = aof.baseSize();
            aof.append(0, command("SET", "k", "v"));
            aof.append(0, command("DEL", "k"));
            aof.append(-1, command("MULTI"));
            aof.append(3, command("INCR", "n"));
            aof.append(3, command("INCR", "n"));
            aof.append(0, command("DEL", "x"));
            String expected = "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n"
                    + "*2\r\n$3\r\nDEL\r\n$1\r\nk\r\n*1\r\n$5\r\nMULTI\r\n"
                    + "*2\r\n$6\r\nSELECT\r\n$1\r\n3\r\n*2\r\n$4\r\nINCR\r\n$1\r\nn\r\n*2\r\n$4\r\nINCR\r\n$1\r\nn\r\n"
                    + "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*2\r\n$3\r\nDEL\r\n$1\r\nx\r\n";
            assertThat(aof.buffered()).isEqualTo(expected.length());
            assertThat(aof.currentSize()).isEqualTo(base + expected.length());
            assertThat(dir.resolve(NAME + ".1.incr.aof")).isEmptyFile();
            aof.flush();
            assertThat(aof.buffered()).isZero();
            assertThat(aof.currentSize()).isEqualTo(base + expected.length());
            assertThat(aof.baseSize()).isEqualTo(base);
            assertThat(Files.readString(dir.resolve(NAME + ".1.incr.aof"))).isEqualTo(expected);
            aof.flush(); // nothing buffered: nothing written
            assertThat(Files.size(dir.resolve(NAME + ".1.incr.aof"))).isEqualTo(expected.length());
            assertThat(aof.lastWriteError()).isNull();
        }
    }

    @Test
    void commandsLargerThanTheBufferAreWrittenWhole() throws IOException {
        String big = "b".repeat(3 * 1024 * 1024);
        try (AppendOnlyFile aof = open()) {
            aof.policy(FsyncPolicy.ALWAYS);
            aof.append(0, command("SET", "a", "x".repeat(70_000)));
            aof.append(0, command("SET", "b", big));
            aof.flush();
            aof.append(0, command("SET", "c", "small"));
            aof.flush();
        }
        load(false);
        assertThat(loaded).containsExactly("RDB:REDIS-empty", "SELECT 0", "SET a " + "x".repeat(70_000),
                "SET b " + big, "SET c small");
    }

    @Test
    void closeWritesWhatIsBuffered() throws IOException {
        AppendOnlyFile aof = open();
        aof.append(0, command("SET", "k", "v"));
        aof.close();
        load(false);
        assertThat(loaded).containsExactly("RDB:REDIS-empty", "SELECT 0", "SET k v");
    }

    @Test
    void theFsyncPolicyIsNamedAsInRedisConf() {
        assertThat(FsyncPolicy.parse("always")).isEqualTo(FsyncPolicy.ALWAYS);
        assertThat(FsyncPolicy.parse("EverySec")).isEqualTo(FsyncPolicy.EVERYSEC);
        assertThat(FsyncPolicy.parse("no")).isEqualTo(FsyncPolicy.NO);
        assertThat(FsyncPolicy.EVERYSEC.configName()).isEqualTo("everysec");
        assertThatThrownBy(() -> FsyncPolicy.parse("sometimes")).hasMessage(
                "Bad value 'sometimes' for option '--appendfsync': expected always, everysec or no");
    }

    //> step 12
    // ---- rewrite

    @Test
    void aRewriteSwitchesToANewIncrementalFileAtOnceAndToTheNewBaseWhenItIsDone() throws IOException {
        try (AppendOnlyFile aof = open()) {
            aof.append(2, command("SET", "before", "1"));
            Path temp = aof.beginRewrite();
            assertThat(temp.getFileName().toString()).startsWith("temp-rewriteaof-bg-").endsWith(".aof");
            assertThat(manifest()).isEqualTo("file appendonly.aof.1.base.rdb seq 1 type b\n"
                    + "file appendonly.aof.1.incr.aof seq 1 type i\nfile appendonly.aof.2.incr.aof seq 2 type i\n");
            assertThat(Files.readString(dir.resolve(NAME + ".1.incr.aof"))).contains("before");
            aof.append(2, command("SET", "during", "1"));
            aof.flush();
            assertThat(Files.readString(dir.resolve(NAME + ".2.incr.aof")))
                    .as("each file selects its database again")
                    .isEqualTo("*2\r\n$6\r\nSELECT\r\n$1\r\n2\r\n*3\r\n$3\r\nSET\r\n$6\r\nduring\r\n$1\r\n1\r\n");
            Files.writeString(temp, "REDIS-new-base");
            aof.finishRewrite(temp);
            assertThat(manifest()).isEqualTo("file appendonly.aof.2.base.rdb seq 2 type b\n"
                    + "file appendonly.aof.2.incr.aof seq 2 type i\n");
            assertThat(files()).containsExactly("appendonly.aof.2.base.rdb", "appendonly.aof.2.incr.aof",
                    "appendonly.aof.manifest");
            aof.rewriteDone();
            long size = "REDIS-new-base".length() + Files.size(dir.resolve(NAME + ".2.incr.aof"));
            assertThat(aof.baseSize()).isEqualTo(size);
            assertThat(aof.currentSize()).isEqualTo(size);
            aof.append(2, command("SET", "after", "1"));
        }
        load(false);
        assertThat(loaded).containsExactly("RDB:REDIS-new-base", "SELECT 2", "SET during 1", "SET after 1");
    }
    //< step 12

    // ---- load

    @Test
    void loadReadsTheBaseAndThenEveryIncrementalFileInOrder() throws IOException {
        write(NAME + ".manifest", "file b.rdb seq 1 type b\nfile i2.aof seq 2 type i\nfile i1.aof seq 1 type i\n");
        write("b.rdb", "REDIS0010...");
        write("i1.aof", "*1\r\n$2\r\nI1\r\n");
        write("i2.aof", "*1\r\n$2\r\nI2\r\n");
        load(false);
        assertThat(loaded).containsExactly("RDB:REDIS0010...", "I1", "I2");
    }

    @Test
    void aBaseInTheCommandFormatIsReadAsCommands() throws IOException {
        write(NAME + ".manifest", "file b.aof seq 1 type b\n");
        write("b.aof", "*1\r\n$5\r\nREDIS\r\n");
        load(false);
        assertThat(loaded).containsExactly("REDIS");
    }

    @Test
    void theLastIncrementalFileMayBeMissingButNoOtherFile() throws IOException {
        assertThatThrownBy(() -> load(false)).hasMessageContaining("no AOF manifest in");
        write(NAME + ".manifest", "file i1.aof seq 1 type i\nfile i2.aof seq 2 type i\n");
        write("i1.aof", "*1\r\n$2\r\nI1\r\n");
        load(false);
        assertThat(loaded).containsExactly("I1");
        Files.delete(dir.resolve("i1.aof"));
        write("i2.aof", "*1\r\n$2\r\nI2\r\n");
        assertThatThrownBy(() -> load(true)).hasMessage("The AOF file i1.aof doesn't exist");
        write(NAME + ".manifest", "file b.rdb seq 1 type b\n");
        assertThatThrownBy(() -> load(true)).hasMessage("The AOF file b.rdb doesn't exist");
    }

    @Test
    void aLastCommandCutShortIsCutOffWhenAllowedAndRefusedOtherwise() throws IOException {
        write(NAME + ".manifest", "file i1.aof seq 1 type i\nfile i2.aof seq 2 type i\n");
        write("i1.aof", "*1\r\n$2\r\nI1\r\n*1\r\n$2\r\nI");
        write("i2.aof", "*1\r\n$2\r\nI2\r\n*1\r\n$2\r\nI");
        assertThatThrownBy(() -> load(true)).as("only the last file may be cut")
                .hasMessage("Unexpected end of file reading the append only file i1.aof: damaged at offset 12. "
                        + "Run redis-check-aof --fix on it, or set aof-load-truncated yes");
        write("i1.aof", "*1\r\n$2\r\nI1\r\n");
        loaded.clear();
        assertThatThrownBy(() -> load(false)).hasMessageContaining("i2.aof: damaged at offset 12");
        assertThat(Files.size(dir.resolve("i2.aof"))).isEqualTo(21);
        loaded.clear();
        load(true);
        assertThat(loaded).containsExactly("I1", "I2");
        assertThat(Files.readString(dir.resolve("i2.aof"))).isEqualTo("*1\r\n$2\r\nI2\r\n");
    }

    @Test
    void aTransactionIsAppliedOnlyWithItsExecAndOneCutShortIsDropped() throws IOException {
        write(NAME + ".manifest", "file i1.aof seq 1 type i\n");
        String whole = "*1\r\n$5\r\nMULTI\r\n*1\r\n$1\r\nA\r\n*1\r\n$4\r\nexec\r\n*1\r\n$1\r\nB\r\n";
        write("i1.aof", whole + "*1\r\n$5\r\nmulti\r\n*1\r\n$1\r\nC\r\n");
        assertThatThrownBy(() -> load(false)).hasMessage("Revert incomplete MULTI/EXEC transaction in AOF file i1.aof");
        loaded.clear();
        load(true);
        assertThat(loaded).containsExactly("MULTI", "A", "exec", "B");
        assertThat(Files.readString(dir.resolve("i1.aof"))).isEqualTo(whole);

        write("i1.aof", whole + "*1\r\n$5\r\nMULTI\r\n*1\r\n$1\r\nC\r\n*1\r\n$4\r\nEX");
        loaded.clear();
        load(true);
        assertThat(loaded).containsExactly("MULTI", "A", "exec", "B");
        assertThat(Files.readString(dir.resolve("i1.aof"))).as("cut back to the MULTI").isEqualTo(whole);
    }

    @Test
    void anExecWithoutMultiAndCommandsNamedLikeThemWithArgumentsPassAsTheyAre() throws IOException {
        write(NAME + ".manifest", "file i1.aof seq 1 type i\n");
        write("i1.aof", "*1\r\n$4\r\nEXEC\r\n*2\r\n$5\r\nMULTI\r\n$1\r\nx\r\n*1\r\n$1\r\nA\r\n");
        load(false);
        assertThat(loaded).containsExactly("EXEC", "MULTI x", "A");
    }

    @Test
    void aDamagedByteStopsTheLoadWithTheFileAndTheOffset() throws IOException {
        write(NAME + ".manifest", "file i1.aof seq 1 type i\n");
        write("i1.aof", "*1\r\n$2\r\nI1\r\n*1\r\n#2\r\nI2\r\n");
        assertThatThrownBy(() -> load(true)).hasMessage("Bad file format reading the append only file i1.aof at "
                + "offset 16: expected '$', got '#'. Run redis-check-aof --fix on it to cut it before the damage");
        assertThat(Files.size(dir.resolve("i1.aof"))).as("not cut").isEqualTo(24);
    }
}
