package dev.buildredis.replication;

import dev.buildredis.server.Config;
import dev.buildredis.server.Server;
import dev.buildredis.testing.RedisServerProcess;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A server in a replication test: this one, run in the test's JVM, or a real redis-server in a process of its own,
 * each on a free loopback port and a directory of the test's. Both take Redis's options and answer Redis's
 * commands, so a test says which is master and which replica, and nothing else differs.
 */
abstract class Node implements AutoCloseable {

    /** How long anything in these tests may take before it is a failure: generous, for a loaded machine. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    /** What every server of these tests gets: a full sync starts at once, without waiting for more replicas. */
    private static final List<String> COMMON = List.of("--repl-diskless-sync-delay", "0");

    abstract int port();

    /** "this server" or "redis-server", for messages and parameterized test names. */
    abstract String kind();

    Jedis client() {
        Jedis jedis = new Jedis("127.0.0.1", port(), 10_000);
        return jedis;
    }

    /** One field of INFO (any section), or null if it is not there. */
    String info(String field) {
        try (Jedis jedis = client()) {
            for (String line : jedis.info("everything").split("\r\n")) {
                if (line.startsWith(field + ":")) {
                    return line.substring(field.length() + 1);
                }
            }
            return null;
        }
    }

    long infoNumber(String field) {
        String value = info(field);
        if (value == null) {
            throw new AssertionError(kind() + " has no INFO field " + field);
        }
        return Long.parseLong(value);
    }

    /** REPLICAOF 127.0.0.1 port. */
    void replicaOf(int port) {
        try (Jedis jedis = client()) {
            jedis.replicaof("127.0.0.1", port);
        }
    }

    /** This server, in the test's JVM. */
    static Node ours(Path dir, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--dir", dir.toString()));
        args.addAll(COMMON);
        args.addAll(Arrays.asList(options));
        Server server = Server.start(Config.parse(args.toArray(new String[0])));
        return new Node() {
            @Override
            int port() {
                return server.port();
            }

            @Override
            String kind() {
                return "this server";
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    /** A real redis-server 7.0, as installed. */
    static Node redis(Path dir, String... options) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(COMMON);
        args.addAll(Arrays.asList(options));
        RedisServerProcess process = RedisServerProcess.start(dir, args.toArray(new String[0]));
        return new Node() {
            @Override
            int port() {
                return process.port();
            }

            @Override
            String kind() {
                return "redis-server";
            }

            @Override
            public void close() throws InterruptedException {
                process.kill();
            }
        };
    }

    /** Starts {@code kind} ("this server" or "redis-server"). */
    static Node start(String kind, Path dir, String... options) throws IOException, InterruptedException {
        return kind.equals("redis-server") ? redis(dir, options) : ours(dir, options);
    }

    /** Polls {@code done} until it holds; fails with {@code what} after {@link #PATIENCE}. */
    static void await(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Still not true after " + PATIENCE.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }

    /** Waits until {@code replica}'s link is up and it has applied everything {@code master} has streamed. */
    static void awaitInSync(Node master, Node replica) {
        await(replica.kind() + " replica in sync with " + master.kind() + " master", () ->
                "up".equals(replica.info("master_link_status"))
                        && replica.infoNumber("slave_repl_offset") == master.infoNumber("master_repl_offset"));
    }

    @Override
    public String toString() {
        return kind() + " on port " + port();
    }
}
