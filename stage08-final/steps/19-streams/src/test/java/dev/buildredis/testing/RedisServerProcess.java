package dev.buildredis.testing;

import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.Jedis;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server that persists in a directory of the test's choosing, on a free loopback port, with automatic
 * saving and (unless asked for) the AOF off: it loads {@code dump.rdb} at start and writes it on SAVE only. Unlike
 * the shared server of the wire tests, each test gets its own, to look at the files it writes and loads.
 *
 * <p>Where the Redis tools are not on PATH the tests that need them are skipped; where the environment variable
 * {@code CI} is set that is a failure instead, as for the shared real server of the wire tests.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final int port;

    private RedisServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The full path of a Redis tool, or the test is skipped (failed on CI) if it is not installed. */
    public static String requireTool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, name);
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        String message = name + " is not on PATH: install it (Debian/Ubuntu: apt-get install redis-server)";
        if (System.getenv("CI") != null) {
            throw new IllegalStateException(message);
        }
        Assumptions.abort(message);
        return null;
    }

    /**
     * Starts redis-server on {@code dir}, loading {@code dir/dump.rdb} if there is one, and waits for PONG;
     * {@code options} come last and so win ({@code "--appendonly", "yes"} loads and writes the AOF directory).
     */
    public static RedisServerProcess start(Path dir, String... options) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path log = dir.resolve("redis.log");
        List<String> command = new java.util.ArrayList<>(List.of(requireTool("redis-server"), "--port",
                Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString(), "--dbfilename", "dump.rdb",
                "--appendonly", "no", "--save", ""));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RedisServerProcess server = new RedisServerProcess(process, port);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with status " + process.exitValue() + ":\n"
                        + Files.readString(log, StandardCharsets.ISO_8859_1));
            }
            try (Jedis jedis = server.client()) {
                if ("PONG".equals(jedis.ping())) {
                    return server;
                }
            } catch (RuntimeException notYet) {
                Thread.sleep(50);
            }
        }
        server.close();
        throw new IOException("redis-server did not answer PING within " + START_TIMEOUT.toSeconds() + " s");
    }

    public int port() {
        return port;
    }

    /** {@code SIGKILL}, as a crash: no shutdown, no final fsync. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** The exit status once redis-server has ended by itself, or -1 if it still runs after {@code seconds}. */
    public int awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    public Jedis client() {
        return new Jedis("127.0.0.1", port);
    }

    /** Runs a Redis tool to its end; returns its exit status and, after a newline, its output. */
    public static String run(List<String> command) throws IOException, InterruptedException {
        Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = tool.getInputStream().readAllBytes();
        if (!tool.waitFor(30, TimeUnit.SECONDS)) {
            tool.destroyForcibly();
            throw new IOException(command + " did not finish within 30 s");
        }
        return tool.exitValue() + "\n" + new String(output, StandardCharsets.ISO_8859_1);
    }

    /** SIGTERM, as Redis's own shutdown: the AOF is fsynced (and with save points, dump.rdb written). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
