// @step 26
package dev.buildredis.replication;

import dev.buildredis.testing.RedisServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code redis-cli --replica} against this server: it says it is a replica (REPLCONF capa eof, REPLCONF
 * rdb-filter-only "" for an RDB without data, then SYNC), and prints the stream, one command a line.
 */
class RedisCliReplicaTest {

    @TempDir
    Path dir;

    // tag::cli-test[]
    @Test
    void redisCliAsAReplicaShowsTheStream() throws Exception {
        try (Node master = Node.ours(dir);
             Jedis writer = master.client()) {
            writer.set("before", "not in the stream: redis-cli asked for no data");
            // stdbuf -oL: redis-cli prints the stream with printf, which a pipe would hold until it exits
            Process cli = new ProcessBuilder(RedisServerProcess.requireTool("stdbuf"), "-oL",
                    RedisServerProcess.requireTool("redis-cli"), "-p",
                    Integer.toString(master.port()), "--replica").redirectErrorStream(true).start();
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread.ofVirtual().start(() -> {
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    // the process is gone
                }
            });
            try {
                Node.await("redis-cli synced", () -> lines.stream().anyMatch(l -> l.startsWith("SYNC done")));
                // redis-cli reads a reply to its REPLCONF ACK, which a master never sends: the first thing of the
                // stream goes there, unprinted (so with redis-server too)
                writer.set("first", "taken for the reply to REPLCONF ACK");
                writer.select(2);
                writer.set("k", "v");
                writer.rpush("list", "a", "b");
                Node.await("the writes in redis-cli's output", () -> lines.contains("\"RPUSH\",\"list\",\"a\",\"b\""));
                assertThat(lines).containsSubsequence("\"SELECT\",\"2\"", "\"SET\",\"k\",\"v\"",
                        "\"RPUSH\",\"list\",\"a\",\"b\"");
            } finally {
                cli.destroyForcibly().waitFor();
            }
        }
    }
    // end::cli-test[]
}
