package dev.buildredis.server;

import dev.buildredis.testing.DataSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The data set survives a restart: from the AOF directory, from dump.rdb, across rewrites and DEBUG RELOAD; and the
 * files a crash can leave behind load, or are refused with the reason.
 */
class PersistenceRoundTripTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Server start(String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--dir", dir.toString()));
        args.addAll(Arrays.asList(options));
        return Server.start(Config.parse(args.toArray(new String[0])));
    }

    private static Jedis client(Server server) {
        return new Jedis("127.0.0.1", server.port());
    }

    /** Polls INFO persistence until the field has the value (a background job has finished). */
    private static void awaitInfo(Jedis jedis, String field, Predicate<String> done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String value = null;
        while (System.nanoTime() < deadline) {
            for (String line : jedis.info("persistence").split("\r\n")) {
                if (line.startsWith(field + ":")) {
                    value = line.substring(field.length() + 1);
                }
            }
            if (value != null && done.test(value)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(field + " is still " + value + " after " + WAIT);
    }

    private Map<Integer, Map<String, String>> restartAndRead(Server old, Map<Integer, Map<String, String>> expected,
                                                             String... options) throws IOException {
        old.close();
        try (Server again = start(options); Jedis jedis = client(again)) {
            Map<Integer, Map<String, String>> loaded = DataSet.of(jedis);
            assertThat(loaded).isEqualTo(expected);
            return loaded;
        }
    }

    @Test
    void everyTypeSurvivesARestartFromTheAppendOnlyFile() throws Exception {
        Server server = start("--appendonly", "yes", "--appendfsync", "always");
        Map<Integer, Map<String, String>> before;
        try (Jedis jedis = client(server)) {
            DataSet.fill(jedis, "");
            jedis.incrByFloat("float", 0.1);
            jedis.set("ex", "v", redis.clients.jedis.params.SetParams.setParams().ex(1000));
            before = DataSet.of(jedis);
        }
        restartAndRead(server, before, "--appendonly", "yes");
        assertThat(Files.readString(dir.resolve("appendonlydir/appendonly.aof.manifest")))
                .isEqualTo("file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n");
    }

    @Test
    void everyTypeSurvivesARestartFromTheRdbFile() throws Exception {
        Server server = start();
        Map<Integer, Map<String, String>> before;
        try (Jedis jedis = client(server)) {
            DataSet.fill(jedis, "");
            assertThat(jedis.save()).isEqualTo("OK");
            before = DataSet.of(jedis);
            jedis.set("not-saved", "x");
        }
        restartAndRead(server, before);
    }

    @Test
    void bgsaveWritesTheDataSetAsItWasWhenItBegan() throws Exception {
        Server server = start();
        Map<Integer, Map<String, String>> before;
        try (Jedis jedis = client(server)) {
            DataSet.fill(jedis, "");
            long lastSave = jedis.lastsave();
            before = DataSet.of(jedis);
            assertThat(jedis.bgsave()).isEqualTo("Background saving started");
            jedis.flushAll();            // after the cut: not in the file
            jedis.set("later", "x");
            awaitInfo(jedis, "rdb_bgsave_in_progress", "0"::equals);
            assertThat(jedis.lastsave()).isGreaterThanOrEqualTo(lastSave);
            assertThat(jedis.info("persistence")).contains("rdb_last_bgsave_status:ok", "rdb_saves:1");
        }
        restartAndRead(server, before);
    }

    @Test
    void debugReloadSavesEmptiesAndLoadsBackTheSameData() throws Exception {
        try (Server server = start("--enable-debug-command", "yes"); Jedis jedis = client(server)) {
            DataSet.fill(jedis, "");
            Map<Integer, Map<String, String>> before = DataSet.of(jedis);
            assertThat(jedis.sendCommand(() -> "DEBUG".getBytes(StandardCharsets.US_ASCII), "RELOAD"))
                    .isEqualTo("OK".getBytes(StandardCharsets.US_ASCII));
            assertThat(DataSet.of(jedis)).isEqualTo(before);
        }
    }

    @Test
    void shutdownSavesWhenSavePointsAreSetUnlessToldNotTo() throws Exception {
        Server server = start("--save", "3600 1");
        try (Jedis jedis = client(server)) {
            jedis.set("k", "v");
            jedis.shutdown();
        }
        server.awaitTermination();
        assertThat(dir.resolve("dump.rdb")).exists();
        Files.delete(dir.resolve("dump.rdb"));

        Server second = start("--save", "3600 1");
        try (Jedis jedis = client(second)) {
            jedis.set("k", "v");
            jedis.sendCommand(redis.clients.jedis.Protocol.Command.SHUTDOWN, "NOSAVE");
        } catch (RuntimeException e) {
            // the connection closes instead of a reply, as Redis's does
        }
        second.awaitTermination();
        assertThat(dir.resolve("dump.rdb")).doesNotExist();
    }

    @Test
    void aSavePointReachedStartsABackgroundSave() throws Exception {
        try (Server server = start("--save", "1 2"); Jedis jedis = client(server)) {
            jedis.set("a", "1");
            jedis.set("b", "2");
            awaitInfo(jedis, "rdb_saves", v -> !v.equals("0"));
            assertThat(jedis.info("persistence")).contains("rdb_changes_since_last_save:0");
        }
        assertThat(dir.resolve("dump.rdb")).exists();
    }

    @Test
    void aLastCommandCutShortByACrashIsDroppedWithAWarning() throws Exception {
        Server server = start("--appendonly", "yes", "--appendfsync", "always");
        try (Jedis jedis = client(server)) {
            jedis.set("kept", "1");
        }
        server.close();
        Path incr = dir.resolve("appendonlydir/appendonly.aof.1.incr.aof");
        Files.write(incr, "*3\r\n$3\r\nSET\r\n$4\r\nlost\r\n$1\r\n".getBytes(StandardCharsets.US_ASCII),
                java.nio.file.StandardOpenOption.APPEND);
        long cut = Files.size(incr);
        try (Server again = start("--appendonly", "yes"); Jedis jedis = client(again)) {
            assertThat(jedis.get("kept")).isEqualTo("1");
            assertThat(jedis.exists("lost")).isFalse();
        }
        assertThat(Files.size(incr)).isLessThan(cut);
    }

    @Test
    void aDamagedFileStopsTheStartWithTheFileAndTheOffset() throws Exception {
        Server server = start("--appendonly", "yes");
        try (Jedis jedis = client(server)) {
            jedis.set("k", "v");
        }
        server.close();
        Path incr = dir.resolve("appendonlydir/appendonly.aof.1.incr.aof");
        byte[] bytes = Files.readAllBytes(incr);
        bytes[bytes.length - 20] = '#';
        Files.write(incr, bytes);
        assertThatThrownBy(() -> start("--appendonly", "yes")).isInstanceOf(IOException.class)
                .hasMessageContaining("appendonly.aof.1.incr.aof").hasMessageContaining("offset");
    }

    @Test
    void aDamagedRdbFileStopsTheStart() throws Exception {
        Server server = start();
        try (Jedis jedis = client(server)) {
            jedis.set("k", "v");
            jedis.save();
        }
        server.close();
        byte[] bytes = Files.readAllBytes(dir.resolve("dump.rdb"));
        bytes[bytes.length - 12] ^= 0x40;
        Files.write(dir.resolve("dump.rdb"), bytes);
        assertThatThrownBy(this::start).isInstanceOf(IOException.class);
    }
}
