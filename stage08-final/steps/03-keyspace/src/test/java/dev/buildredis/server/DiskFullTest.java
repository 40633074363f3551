package dev.buildredis.server;

import dev.buildredis.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The append-only file on a disk that fills up: the server runs in a process whose files may not grow past 64 KB
 * ({@code ulimit -f}), so the write that would pass it fails with "File too large", as a write to a full disk fails
 * with "No space left on device".
 */
class DiskFullTest {

    private static final ServerProcess.Launch SMALL_FILES =
            new ServerProcess.Launch(List.of("-XX:-UsePerfData"), 0, 64); // no perf data file: it is 32 KB itself

    @TempDir
    Path dir;

    // tag::always-exits[]
    @Test
    void underAlwaysTheServerExitsWithStatus1AndAcknowledgesNothingTheFileDoesNotHave() throws Exception {
        List<String> acknowledged = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(SMALL_FILES, "--appendonly", "yes", "--appendfsync",
                "always", "--dir", dir.toString());
             Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 1000; i++) {
                    jedis.set("k" + i, "v".repeat(1000));
                    acknowledged.add("k" + i);
                }
            }).isInstanceOf(JedisConnectionException.class); // the connection closed: no reply

            assertThat(server.awaitExit(10)).as("exit status").isEqualTo(1);
            assertThat(server.output()).contains("Can't recover from AOF write error when the AOF fsync policy is "
                    + "'always': File too large. Exiting...");
        }
        try (ServerProcess server = ServerProcess.start("--appendonly", "yes", "--dir", dir.toString());
             Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            assertThat(acknowledged).hasSizeGreaterThan(10);
            for (String key : acknowledged) {
                assertThat(jedis.exists(key)).as(key + " was acknowledged").isTrue();
            }
        }
    }
    // end::always-exits[]

    @Test
    void underEverysecWritesAreRefusedOnceTheFileFailsAndReadsGoOn() throws Exception {
        try (ServerProcess server = ServerProcess.start(SMALL_FILES, "--appendonly", "yes", "--appendfsync",
                "everysec", "--dir", dir.toString());
             Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            String refusal = null;
            for (int i = 0; i < 1000 && refusal == null; i++) {
                try {
                    jedis.set("k" + i, "v".repeat(1000));
                } catch (JedisDataException e) {
                    refusal = e.getMessage();
                }
            }
            assertThat(refusal).isEqualTo("MISCONF Errors writing to the AOF file: File too large");
            assertThat(jedis.get("k0")).isEqualTo("v".repeat(1000));
            assertThatThrownBy(jedis::ping).hasMessageStartingWith("MISCONF"); // Redis refuses PING too
        }
    }
}
