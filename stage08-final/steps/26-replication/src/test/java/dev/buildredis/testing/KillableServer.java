package dev.buildredis.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A server in a process of its own on a directory of the test's, this stage's or a real redis-server, for the tests
 * that kill it, fill its disk, or watch it exit: the same test against both shows that it asks only for what Redis
 * does.
 */
public interface KillableServer extends AutoCloseable {

    /** The name parameterized tests give for each: "this server" or "redis-server". */
    String THIS_SERVER = "this server";
    String REDIS_SERVER = "redis-server";

    int port();

    /** SIGKILL, as a crash. */
    void kill() throws InterruptedException;

    /** The exit status once the process has ended by itself, or -1 if it still runs after {@code seconds}. */
    int awaitExit(long seconds) throws InterruptedException;

    /** What it logged so far. */
    String log() throws IOException;

    @Override
    default void close() throws InterruptedException {
        kill();
    }

    /** Starts {@code which} on {@code dir} with {@code options} (redis-server's names, which this server takes too). */
    static KillableServer start(String which, Path dir, String... options) throws IOException, InterruptedException {
        if (which.equals(REDIS_SERVER)) {
            RedisServerProcess redis = RedisServerProcess.start(dir, options);
            return new KillableServer() {
                public int port() {
                    return redis.port();
                }

                public void kill() throws InterruptedException {
                    redis.kill();
                }

                public int awaitExit(long seconds) throws InterruptedException {
                    return redis.awaitExit(seconds);
                }

                public String log() throws IOException {
                    return Files.readString(dir.resolve("redis.log"));
                }
            };
        }
        List<String> all = new ArrayList<>(List.of(options));
        all.addAll(List.of("--dir", dir.toString()));
        ServerProcess ours = ServerProcess.start(all.toArray(new String[0]));
        return new KillableServer() {
            public int port() {
                return ours.port();
            }

            public void kill() throws InterruptedException {
                ours.kill();
            }

            public int awaitExit(long seconds) throws InterruptedException {
                return ours.awaitExit(seconds);
            }

            public String log() {
                return ours.output();
            }
        };
    }
}
