package dev.buildredis.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real redis-server, started from PATH on a free loopback port with persistence off, shared by every test
 * class of one test run and stopped when the run ends.
 *
 * <p>Where redis-server is not installed the tests that need it are skipped with a message saying how to install
 * it; on CI (where the environment variable {@code CI} is set) that is a failure instead, so that a missing install
 * step cannot hide behind skipped tests.
 */
final class RealRedis implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final InetSocketAddress address;

    private RealRedis(Process process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
    }

    /** The one redis-server of this test run, started on first use. */
    static RealRedis shared(ExtensionContext.Store rootStore) {
        return rootStore.getOrComputeIfAbsent(RealRedis.class, key -> start(), RealRedis.class);
    }

    InetSocketAddress address() {
        return address;
    }

    private static RealRedis start() {
        String binary = findOnPath("redis-server");
        if (binary == null) {
            String message = "redis-server is not on PATH: install it (Debian/Ubuntu: apt-get install redis-server)"
                    + " or run without the real-redis profile (-Dreal-redis.skip)";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
        }
        try {
            int port = freePort();
            Path dir = Files.createTempDirectory("real-redis");
            Process process = new ProcessBuilder(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            awaitPong(address, process);
            return new RealRedis(process, address);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start redis-server: " + e.getMessage(), e);
        }
    }

    private static void awaitPong(InetSocketAddress address, Process process) throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with status " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(address, 500);
                socket.setSoTimeout(500);
                OutputStream out = socket.getOutputStream();
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                if (new String(in.readNBytes(7), StandardCharsets.US_ASCII).equals("+PONG\r\n")) {
                    return;
                }
            } catch (IOException notYet) {
                sleep();
            }
        }
        process.destroyForcibly();
        throw new IOException("redis-server did not answer PING within " + START_TIMEOUT.toSeconds() + " s");
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private static String findOnPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, name);
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        return null;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
