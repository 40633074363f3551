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
 * hard way ({@code SIGKILL}: no shutdown hook, no final flush) as a crash would, give it a small heap or few file
 * descriptors ({@link Launch}), and watch its exit status and the CPU time it uses.
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

    /**
     * How the JVM is started: extra JVM flags ({@code -Xmx64m}), and a limit on the files it may have open (the
     * shell's {@code ulimit -n}; 0 keeps the limit the tests have).
     */
    public record Launch(List<String> jvmFlags, int maxOpenFiles) {
        public static final Launch DEFAULT = new Launch(List.of(), 0);
    }

    /** Starts the server on a free port with {@code options}, and waits until it accepts connections. */
    public static ServerProcess start(String... options) throws IOException, InterruptedException {
        return start(Launch.DEFAULT, options);
    }

    /** As {@link #start(String...)}, launched as {@code launch} says. */
    public static ServerProcess start(Launch launch, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (launch.maxOpenFiles() > 0) {
            command.addAll(List.of("bash", "-c", "ulimit -n " + launch.maxOpenFiles() + " && exec \"$0\" \"$@\""));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launch.jvmFlags());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.buildredis.server.Main",
                "--port", "0"));
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

    /** The process's id (the JVM's, also when a shell set its limits first: the shell execs the JVM). */
    public long pid() {
        return process.pid();
    }

    /** CPU time the process has used so far, user and system, from /proc (Linux only). */
    public long cpuMillis() throws IOException {
        String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // fields from the 3rd on
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime: the 14th and 15th
        return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
    }

    /** Linux's USER_HZ, the unit of /proc's CPU times, on every architecture it runs on. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    /** Waits for the process to end by itself; its exit status, or -1 if it is still running after {@code seconds}. */
    public int awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
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
