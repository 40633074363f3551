package dev.buildredis.commands;

import dev.buildredis.engine.ParameterTable;
import dev.buildredis.server.Config;
import dev.buildredis.server.Server;
import dev.buildredis.testing.RedisServerProcess;
import dev.buildredis.testing.WireClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every parameter of a real redis-server 7.0's {@code CONFIG GET *}, probed on this server and on Redis alike: the
 * same CONFIG GET (by its name, by its old name, in capitals) and the same CONFIG SET of valid values, the bounds
 * and one past them, negatives, huge numbers, memory units, percentages, garbage, the empty string, yes and no, an
 * enumeration's names in the wrong case, each followed by a CONFIG GET and by setting the default back. Every reply
 * must be the same, byte for byte. Each server is this test's own, so that nothing it sets reaches another test.
 *
 * <p>Left out, each for its reason ({@link #NOT_SET}, {@link #NOT_GOT}, {@link #MACHINE_DEPENDENT}): what would cut
 * the test off its servers, and what cannot be equal by nature. {@link #KNOWN} holds the answers that differ on
 * purpose; each must still differ, so that the list cannot outlive the difference.
 * Without redis-server on PATH the test is skipped (a failure where the environment variable CI is set).
 */
class ConfigDifferentialTest {

    /** Parameters never set here: setting them would take the connection's server away from the test. */
    private static final Map<String, String> NOT_SET = Map.of(
            "port", "Redis listens on the new port at once, and the test's connection loses its server",
            "bind", "Redis listens on the new addresses at once, and the test's connection loses its server");

    /** Parameters whose value cannot be equal by nature: each server has its own. */
    private static final Map<String, String> NOT_GOT = Map.of(
            "port", "each server listens on a port of its own",
            "dir", "each server keeps its files in a directory of its own");

    /**
     * Values whose answer depends on the machine, not on the server: Redis raises its open-file limit for this many
     * clients and, where the system refuses, answers "try with N", N being what this machine allows.
     */
    private static final Map<String, String> MACHINE_DEPENDENT = Map.of("maxclients",
            "a large maxclients is taken or refused by the system's open-file limit, and Redis names that limit");

    /** Answers that differ on purpose: parameter and value, and why. */
    private static final Map<String, String> KNOWN = Map.of(
            "aof-use-rdb-preamble no", "this server writes the AOF base as an RDB file only, and refuses 'no'");

    /** Parameters Redis keeps out of CONFIG GET *, answered only to their exact name (HIDDEN_CONFIG in config.c). */
    private static final List<String> HIDDEN = List.of("use-exit-on-panic", "rdb-key-save-delay", "key-load-delay",
            "watchdog-period", "loading-process-events-interval-bytes");

    /** Values tried on every parameter, whatever its kind. */
    private static final List<String> EVERY_KIND = List.of("", " ", "garbage", "yes", "no", "YES", "-1", "0", "1",
            "2", "+1", " 1", "1 ", "1.5", "1k", "1kb", "1K", "5mb", "1gb", "1g", "1x", "10%", "100%", "101%", "-1%",
            "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551615",
            "18446744073709551616", "99999999999999999999", "-99999999999999999999", "0777", "700");

    @TempDir
    static Path dir;
    private static RedisServerProcess redis;
    private static Server server;

    @BeforeAll
    static void startBothServers() throws Exception {
        redis = RedisServerProcess.start(Files.createDirectories(dir.resolve("redis-server")));
        server = Server.start(new Config("127.0.0.1", 0,
                Map.of("dir", Files.createDirectories(dir.resolve("this-server")).toString())));
    }

    @AfterAll
    static void stopBothServers() throws Exception {
        if (server != null) {
            server.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void configGetStarListsTheSameNamesOnBothServers() {
        try (WireClient ours = ours(); WireClient theirs = theirs()) {
            assertThat(names(ours)).isEqualTo(names(theirs));
        }
    }

    @Test
    void everyParameterAnswersConfigGetAndSetAsRedisDoes() {
        List<String> differences = new ArrayList<>();
        Set<String> knownSeen = new TreeSet<>();
        int probes = 0;
        try (WireClient ours = ours(); WireClient theirs = theirs()) {
            List<String> names = new ArrayList<>(names(theirs));
            names.addAll(HIDDEN);
            for (String name : names) {
                String fallback = value(theirs, name);
                if (!NOT_GOT.containsKey(name)) {
                    probes += compare(differences, ours, theirs, "CONFIG", "GET", name);
                    probes += compare(differences, ours, theirs, "CONFIG", "GET", name.toUpperCase(Locale.ROOT));
                }
                if (NOT_SET.containsKey(name)) {
                    continue;
                }
                for (String value : values(name)) {
                    if (MACHINE_DEPENDENT.containsKey(name) && value.length() > 5) {
                        continue;
                    }
                    String ourSet = send(ours, "CONFIG", "SET", name, value);
                    String theirSet = send(theirs, "CONFIG", "SET", name, value);
                    probes++;
                    boolean known = KNOWN.containsKey(name + " " + value) && !ourSet.equals(theirSet);
                    if (known) { // and so is the value CONFIG GET shows next
                        knownSeen.add(name + " " + value);
                    } else if (!ourSet.equals(theirSet)) {
                        differences.add(difference(List.of("CONFIG", "SET", name, value), ourSet, theirSet));
                    }
                    if (!NOT_GOT.containsKey(name) && !known) {
                        probes += compare(differences, ours, theirs, "CONFIG", "GET", name);
                    }
                    if (ourSet.startsWith("+") || theirSet.startsWith("+")) { // and back to the default
                        probes += compare(differences, ours, theirs, "CONFIG", "SET", name, fallback);
                    }
                }
            }
        }
        System.out.println("ConfigDifferentialTest: " + probes + " probes, " + differences.size() + " differences");
        assertThat(differences).as("%d differences in %d probes:%n%s", differences.size(), probes,
                String.join("\n", differences)).isEmpty();
        assertThat(knownSeen).as("each known difference still differs").isEqualTo(KNOWN.keySet());
    }

    /** The values to try on {@code name}: every kind's, and its own kind's edges from the parameter table. */
    private static List<String> values(String name) {
        Set<String> values = new LinkedHashSet<>(EVERY_KIND);
        ParameterTable.rows().stream().filter(r -> r.name().equals(name) || name.equals(r.alias())).findFirst()
                .ifPresent(row -> values.addAll(kindValues(row.name(), row.kind(), row.defaultValue())));
        return List.copyOf(values);
    }

    private static List<String> kindValues(String name, String kind, String defaultValue) {
        List<String> values = new ArrayList<>(List.of(defaultValue, defaultValue.toUpperCase(Locale.ROOT)));
        String[] words = kind.split(" ");
        switch (words[0]) {
            case "integer", "memory", "octal" -> {
                String range = words[words.length - 1];
                for (String end : range.split("\\.\\.")) {
                    long bound = bound(end, words[0].equals("octal"));
                    for (long delta = -1; delta <= 1; delta++) {
                        values.add(Long.toString(bound + delta));
                    }
                    if (bound == -1) { // ULLONG_MAX, and past it
                        values.add("18446744073709551615");
                        values.add("18446744073709551616");
                    }
                }
            }
            case "one" -> {
                for (String choice : List.of(words).subList(2, words.length)) {
                    String taken = choice.split("=")[0];
                    values.addAll(List.of(taken, taken.toUpperCase(Locale.ROOT), "x" + taken, taken + " " + taken));
                }
            }
            case "hostname" -> values.addAll(List.of("host-1.example.com", "a_b", "a b", "x".repeat(255),
                    "x".repeat(256)));
            case "title" -> values.addAll(List.of("{title}", "{title} {port}", "{{", "}", "{title", "{}", "{TITLE}",
                    "{listen-addr}", "{server-mode}", "{config-file}", "{unixsocket}", "{tls-port}", "a{{b"));
            case "oom" -> values.addAll(List.of("0 200 800", "1 2 3", "-2000 0 2000", "-2001 0 0", "0 0 2001",
                    "1 2", "1 2 3 4", "a b c", "0 0 ", " 0 0 0", "+1 -1 01"));
            case "percentiles" -> values.addAll(List.of("50 99 99.9", "0 100", "100.1", "-0.1", "abc", "1e2",
                    "0.0000001", "99.99999", "50  99", "50 ", "inf", "nan", "0x10"));
            case "replicaof" -> values.addAll(List.of("no one", "127.0.0.1 6379", "127.0.0.1 x"));
            case "shutdown" -> values.addAll(List.of("default", "save", "nosave", "now", "force", "nosave now",
                    "save nosave", "default save", "FORCE now", "now  force"));
            case "special" -> values.addAll(special(name));
            default -> values.addAll(List.of("a b", "/tmp/x", "a{b}", "\"quoted\""));
        }
        return values;
    }

    /** The values of the parameters only their part of the server reads. */
    private static List<String> special(String name) {
        return switch (name) {
            case "save" -> List.of("3600 1 300 100", "0 1", "1 -1", "1", "abc 1", "1 1 ", "01 1");
            case "client-output-buffer-limit" -> List.of("normal 1mb 1mb 60", "pubsub 0 0 0 slave 1 1 1",
                    "replica 1kb 1k 0", "normal 0 0", "master 0 0 0", "normal 0 0 -1", "normal  0 0 0",
                    "normal 0 0 +5", "normal 0 0 x", "NORMAL 0 0 0");
            case "notify-keyspace-events" -> List.of("KEA", "Ex", "Q", "$lshz", "A", "K", "E", "KA", "AKEm", "tdn",
                    "AE$");
            default -> List.of();
        };
    }

    private static long bound(String text, boolean octal) {
        return switch (text) {
            case "INT_MIN" -> Integer.MIN_VALUE;
            case "INT_MAX" -> Integer.MAX_VALUE;
            case "UINT_MAX" -> 4294967295L;
            case "LONG_MAX", "LLONG_MAX", "SSIZE_MAX" -> Long.MAX_VALUE;
            case "ULLONG_MAX" -> -1;
            default -> Long.parseLong(text, octal ? 8 : 10);
        };
    }

    private static int compare(List<String> differences, WireClient ours, WireClient theirs, String... command) {
        String ourReply = send(ours, command);
        String theirReply = send(theirs, command);
        if (!ourReply.equals(theirReply)) {
            differences.add(difference(List.of(command), ourReply, theirReply));
        }
        return 1;
    }

    private static String difference(List<String> command, String ours, String theirs) {
        return "  " + command.stream().map(a -> '"' + a + '"').toList() + "\n    this server: "
                + WireClient.escape(ours.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                + "\n    redis-server: "
                + WireClient.escape(theirs.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    private static String send(WireClient client, String... command) {
        return client.command(command).rawReply();
    }

    /** The names CONFIG GET * lists, sorted (each server lists them in its own order). */
    private static Set<String> names(WireClient client) {
        List<Object> reply = client.command("CONFIG", "GET", "*").readArray();
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < reply.size(); i += 2) {
            names.add((String) reply.get(i));
        }
        return names;
    }

    private static String value(WireClient client, String name) {
        List<Object> reply = client.command("CONFIG", "GET", name).readArray();
        return (String) reply.get(1);
    }

    private static WireClient ours() {
        return WireClient.connect(new InetSocketAddress("127.0.0.1", server.port()));
    }

    private static WireClient theirs() {
        return WireClient.connect(new InetSocketAddress("127.0.0.1", redis.port()));
    }
}
