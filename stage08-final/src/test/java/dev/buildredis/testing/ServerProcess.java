package dev.buildredis.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * This stage's server in a JVM of its own, started from the test class path, so that a test can kill it the
 * hard way ({@code SIGKILL}: no shutdown hook, no final flush) as a crash would.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("Ready to accept connections tcp on [^:]+:(\\d+)");
    private static final long START_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final int port;
    private final StringBuffer output;

    private ServerProcess(Process process, int port, StringBuffer output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /** Starts the server on a free port with {@code options}, and waits until it accepts connections. */
    public static ServerProcess start(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "dev.buildredis.server.Main", "--port", "0"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuffer output = new StringBuffer();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.append(line).append('\n');
                    Matcher matcher = READY.matcher(line);
                    if (matcher.find()) {
                        ready.complete(Integer.parseInt(matcher.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process is gone; the output so far explains why
            }
            ready.completeExceptionally(new IllegalStateException("the server exited before it was ready"));
        });
        try {
            return new ServerProcess(process, ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS), output);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("The server did not start: " + e.getMessage() + "\n" + output, e);
        }
    }

    public int port() {
        return port;
    }

    /** What the server printed so far. */
    public String output() {
        return output.toString();
    }

    /** {@code SIGKILL}, and waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
