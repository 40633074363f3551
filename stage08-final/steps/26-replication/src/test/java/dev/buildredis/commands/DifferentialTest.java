package dev.buildredis.commands;

import dev.buildredis.differential.Campaign;
import dev.buildredis.server.Config;
import dev.buildredis.server.Server;
import dev.buildredis.testing.RedisServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A differential test: the same random command sequences go to this server and to a real redis-server 7.0, and
 * every reply must be the same, byte for byte, or (where Redis's reply is not determined) by the same invariant.
 * A difference fails the test with its seed and the shortest sequence that reproduces it, ready to paste into
 * redis-cli. The generator and the runner are in {@code dev.buildredis.differential}.
 *
 * <p>By default it sends {@value #DEFAULT_COMMANDS} commands from seed 1. To run longer or elsewhere:
 * <pre>
 * mvn -pl stage08-final test -Dtest=DifferentialTest -Ddifferential.commands=5000000
 * mvn -pl stage08-final test -Dtest=DifferentialTest -Ddifferential.seconds=600 -Ddifferential.seed=12345
 * mvn -pl stage08-final test -Dtest=DifferentialTest -Ddifferential.all=true   (every kind of difference)
 * mvn -pl stage08-final test -Dtest=DifferentialTest -Ddifferential.length=1500 (longer sequences)
 * mvn -pl stage08-final test -Dtest=DifferentialTest -Ddifferential.target=127.0.0.1:6380 (another server)
 * </pre>
 * Sequence {@code n} has seed {@code seed + n}; a reported difference names its seed, which runs it first.
 * Without redis-server on PATH the test is skipped (a failure where the environment variable CI is set).
 */
class DifferentialTest {

    private static final long DEFAULT_COMMANDS = 100_000;

    /** Calls a sequence draws: long enough for collections to grow, short enough to shrink fast. */
    private static final int SEQUENCE_LENGTH = 400;

    @TempDir
    Path dir;

    @Test
    void thisServerRepliesAsRedisServerDoesToRandomCommandSequences() throws Exception {
        Campaign campaign = new Campaign(Long.getLong("differential.seed", 1),
                Long.getLong("differential.commands", DEFAULT_COMMANDS),
                Duration.ofSeconds(Long.getLong("differential.seconds", 0)),
                Integer.getInteger("differential.length", SEQUENCE_LENGTH),
                Boolean.getBoolean("differential.all"));
        Path redisDir = Files.createDirectories(dir.resolve("redis-server"));
        Path ourDir = Files.createDirectories(dir.resolve("this-server"));
        try (RedisServerProcess redis = RedisServerProcess.start(redisDir);
             Server server = Server.start(new Config("127.0.0.1", 0, Map.of("dir", ourDir.toString())))) {
            InetSocketAddress compared = target(System.getProperty("differential.target", ""), server.port());
            Campaign.Result result = campaign.run(new InetSocketAddress("127.0.0.1", redis.port()), compared,
                    System.out);
            System.out.println("DifferentialTest: " + result.summary());
            assertThat(result.differences()).as(result.summary() + "\n" + String.join("\n", result.differences()))
                    .isEmpty();
        }
    }

    /**
     * This stage's server, or the server at {@code -Ddifferential.target=HOST:PORT}: your own, or a second
     * redis-server (against which no difference may show: a check of the invariants themselves).
     */
    private static InetSocketAddress target(String hostPort, int thisServer) {
        if (hostPort.isBlank()) {
            return new InetSocketAddress("127.0.0.1", thisServer);
        }
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
