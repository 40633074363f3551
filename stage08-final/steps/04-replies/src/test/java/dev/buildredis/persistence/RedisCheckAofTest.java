package dev.buildredis.persistence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Redis's own checker reads the file this server writes: the proof that the format is Redis's, not merely one
 * our reader agrees with. Skipped where redis-check-aof is not installed (CI installs it).
 */
class RedisCheckAofTest {

    @TempDir
    Path dir;

    @Test
    void redisCheckAofReportsTheFileValid() throws Exception {
        Path file = dir.resolve("appendonly.aof");
        try (AppendOnlyFile aof = AppendOnlyFile.open(file, FsyncPolicy.ALWAYS, true)) {
            aof.append(bytes("SET", "k", "v"));
            aof.append(bytes("SET", "binary\r\n\0\u00ff", "", "PXAT", "1767225600000"));
            aof.append(bytes("SET", "big", "x".repeat(100_000)));
            aof.append(bytes("DEL", "k", "missing"));
            aof.flush();
        }
        Result check = redisCheckAof(file);
        assertThat(check.output()).contains("is valid");
        assertThat(check.exitCode()).isZero();
    }

    @Test
    void redisCheckAofAgreesThatACutFileIsNotValid() throws Exception {
        Path file = dir.resolve("appendonly.aof");
        Files.writeString(file, "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n*2\r\n$3\r\nDE", StandardCharsets.ISO_8859_1);
        Result check = redisCheckAof(file);
        assertThat(check.output()).contains("ok_up_to=27");
        assertThat(check.exitCode()).isNotZero();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result redisCheckAof(Path file) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("redis-check-aof", file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "redis-check-aof is not installed");
            throw e;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static List<byte[]> bytes(String... words) {
        return java.util.Arrays.stream(words).map(w -> w.getBytes(StandardCharsets.ISO_8859_1)).toList();
    }
}
