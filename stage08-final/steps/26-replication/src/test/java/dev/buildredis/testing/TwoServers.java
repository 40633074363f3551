package dev.buildredis.testing;

import dev.buildredis.server.Config;
import dev.buildredis.server.Server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * This stage's server and a real redis-server side by side, each with a raw client, for tests that send both the
 * same commands and compare what comes back, reply by reply. Where redis-server is not installed the test is
 * skipped (failed on CI), as with {@link RedisServerProcess}.
 */
public final class TwoServers implements AutoCloseable {

    private final RedisServerProcess redis;
    private final Server server;
    /** A client of the real redis-server. */
    public final WireClient real;
    /** A client of this stage's server. */
    public final WireClient here;

    private TwoServers(RedisServerProcess redis, Server server) {
        this.redis = redis;
        this.server = server;
        this.real = WireClient.connect(new InetSocketAddress("127.0.0.1", redis.port()));
        this.here = WireClient.connect(new InetSocketAddress("127.0.0.1", server.port()));
    }

    /** Starts both, each persisting (if asked to) in a directory of its own under {@code dir}. */
    public static TwoServers start(Path dir) throws IOException, InterruptedException {
        Path realDir = java.nio.file.Files.createDirectories(dir.resolve("real"));
        Path hereDir = java.nio.file.Files.createDirectories(dir.resolve("here"));
        RedisServerProcess redis = RedisServerProcess.start(realDir);
        try {
            return new TwoServers(redis, Server.start(new Config("127.0.0.1", 0, Map.of("dir", hereDir.toString()))));
        } catch (IOException | RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    /** Sends the command to both servers and fails unless both reply alike; returns the reply. */
    public Object both(String... args) {
        Object expected = real.command(args).readReply();
        Object got = here.command(args).readReply();
        assertThat(got).as("reply to %s", Arrays.toString(args)).isEqualTo(expected);
        return got;
    }

    @Override
    public void close() throws InterruptedException {
        real.close();
        here.close();
        server.close();
        redis.close();
    }
}
