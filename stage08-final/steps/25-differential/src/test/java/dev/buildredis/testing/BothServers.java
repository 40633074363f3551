package dev.buildredis.testing;

import dev.buildredis.server.Config;
import dev.buildredis.server.Server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * This stage's server and a real redis-server, side by side, started with the same options: for black-box tests that
 * need a server started otherwise than the shared wire-test target (DEBUG allowed, say), and for tests that compare
 * what the two say (events, digests, payloads). Where redis-server is not installed the test is skipped (failed on
 * CI), as for the other tests that start it.
 */
public final class BothServers implements AutoCloseable {

    private final Server ours;
    private final RedisServerProcess redis;
    private final List<WireClient> clients = new ArrayList<>();

    private BothServers(Server ours, RedisServerProcess redis) {
        this.ours = ours;
        this.redis = redis;
    }

    /** Both servers, each in a directory of its own under {@code dir}, with {@code options} (name, value, ...). */
    public static BothServers start(Path dir, String... options) throws IOException, InterruptedException {
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> redisOptions = new ArrayList<>();
        for (int i = 0; i < options.length; i += 2) {
            settings.put(options[i], options[i + 1]);
            redisOptions.add("--" + options[i]);
            redisOptions.add(options[i + 1]);
        }
        Path redisDir = Files.createDirectories(dir.resolve("redis"));
        RedisServerProcess redis = RedisServerProcess.start(redisDir, redisOptions.toArray(String[]::new));
        settings.put("dir", Files.createDirectories(dir.resolve("ours")).toString());
        try {
            return new BothServers(Server.start(new Config("127.0.0.1", 0, settings)), redis);
        } catch (IOException | RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    public InetSocketAddress oursAddress() {
        return new InetSocketAddress("127.0.0.1", ours.port());
    }

    public InetSocketAddress redisAddress() {
        return new InetSocketAddress("127.0.0.1", redis.port());
    }

    /** A new connection to this stage's server, closed with this object. */
    public WireClient ours() {
        return track(WireClient.connect(oursAddress()));
    }

    /** A new connection to redis-server, closed with this object. */
    public WireClient redis() {
        return track(WireClient.connect(redisAddress()));
    }

    /** Runs {@code check} against redis-server first (so that a wrong expectation shows as such), then this server. */
    public void each(Consumer<WireClient> check) {
        check.accept(redis());
        check.accept(ours());
    }

    private WireClient track(WireClient client) {
        clients.add(client);
        return client;
    }

    @Override
    public void close() throws InterruptedException {
        clients.forEach(WireClient::close);
        ours.close();
        redis.close();
    }
}
