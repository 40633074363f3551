package dev.buildredis.command;

import dev.buildredis.store.Policy;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The parameters CONFIG GET shows and CONFIG SET changes, by Redis's names, with their values as text.
 *
 * <p>Only the parameters this server acts on, or that clients ask for at start-up (redis-benchmark reads
 * {@code save} and {@code appendonly}), are listed; CONFIG SET refuses the others with Redis's error. A value is
 * checked before it replaces the old one.
 */
final class Settings {

    private record Parameter(String value, Check check, boolean mutable) {
    }

    /** Checks a value for CONFIG SET and returns it as CONFIG GET will show it, or throws with Redis's reason. */
    @FunctionalInterface
    private interface Check {
        String normalize(String value);
    }

    private static Check check(Predicate<String> valid) {
        return check(valid, "argument couldn't be parsed");
    }

    private static Check check(Predicate<String> valid, String reason) {
        return v -> {
            if (!valid.test(v)) {
                throw new IllegalArgumentException(reason);
            }
            return v.toLowerCase(Locale.ROOT);
        };
    }

    /** An integer parameter, read as Redis reads one, with its texts for no integer and for one out of range. */
    private static Check range(long min, long max) {
        return v -> {
            Long n = dev.buildredis.store.Numbers.parseLong(Args.bytes(v));
            if (n == null) {
                throw new IllegalArgumentException("argument couldn't be parsed into an integer");
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException("argument must be between " + min + " and " + max + " inclusive");
            }
            return Long.toString(n);
        };
    }

    private static final long INT_MAX = Integer.MAX_VALUE;
    /** {@code hz}: any int is taken, and held within 1..500 as Redis's {@code updateHZ} holds it. */
    private static final Check HZ = v -> Long.toString(Math.max(1, Math.min(500, Long.parseLong(range(0, INT_MAX)
            .normalize(v)))));
    /** A size such as {@code 100mb}, shown by CONFIG GET in bytes as Redis does. */
    private static final Check MEMORY = v -> {
        if (!v.toLowerCase(Locale.ROOT).matches("[0-9]{1,15}(b|k|kb|m|mb|g|gb)?")) {
            throw new IllegalArgumentException("argument must be a memory value");
        }
        return Long.toString(bytes(v));
    };
    private static final Check POLICY = check(v -> Policy.parse(v) != null, "argument(s) must be one of the following: "
            + "volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, "
            + "noeviction");
    private static final Check ANY = check(v -> true);
    /** {@code save}: pairs of seconds and changes, {@code "3600 1 300 100"}, or empty for none. */
    private static final Check SAVE_POINTS = check(v -> v.isBlank() || (v.trim().split("\\s+").length % 2 == 0
            && v.trim().matches("[0-9]{1,18}(\\s+[0-9]{1,18})*")), "Invalid save parameters");
    private static final Check DIRECTORY = v -> {
        java.nio.file.Path path = java.nio.file.Path.of(v).toAbsolutePath();
        if (!java.nio.file.Files.isDirectory(path)) {
            throw new IllegalArgumentException("No such file or directory");
        }
        return path.toString();
    };
    private static final Check YES_NO = check(v -> v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("no"),
            "argument must be 'yes' or 'no'");

    /** Where files are written: Redis 7 lets only its command line and config file set them. */
    private static final java.util.Set<String> PROTECTED = java.util.Set.of("dir", "dbfilename");

    private final Map<String, Parameter> parameters = new LinkedHashMap<>();

    Settings(String bind, int port) {
        define("bind", bind, ANY, false);
        define("port", Integer.toString(port), ANY, false);
        define("databases", "16", ANY, false);
        define("save", "", SAVE_POINTS, true);
        define("appendonly", "no", YES_NO, true);
        define("appenddirname", "appendonlydir", ANY, false);
        define("appendfilename", "appendonly.aof", ANY, false);
        define("aof-use-rdb-preamble", "yes", check(v -> v.equalsIgnoreCase("yes"),
                "this server writes the AOF base as RDB only"), true);
        define("aof-load-truncated", "yes", YES_NO, true);
        define("auto-aof-rewrite-percentage", "100", range(0, INT_MAX), true);
        define("auto-aof-rewrite-min-size", "67108864", MEMORY, true);
        define("rdbcompression", "yes", YES_NO, true);
        define("rdbchecksum", "yes", YES_NO, false);
        define("stop-writes-on-bgsave-error", "yes", YES_NO, true);
        define("enable-debug-command", "no", check(v -> v.matches("(?i)yes|no|local")), false);
        define("appendfsync", "everysec", check(v -> v.matches("(?i)always|everysec|no"),
                "argument(s) must be one of the following: everysec, always, no"), true);
        define("maxmemory", "0", MEMORY, true);
        define("maxmemory-policy", "noeviction", POLICY, true);
        define("maxmemory-samples", "5", range(1, INT_MAX), true);
        define("lfu-log-factor", "10", range(0, INT_MAX), true);
        define("lfu-decay-time", "1", range(0, INT_MAX), true);
        define("maxclients", "10000", range(1, 4294967295L), true);
        define("timeout", "0", range(0, INT_MAX), true);
        define("hz", "10", HZ, true);
        define("tcp-backlog", "511", ANY, false);
        define("tcp-keepalive", "300", range(0, INT_MAX), true);
        define("slowlog-log-slower-than", "10000", range(-1, Long.MAX_VALUE), true);
        define("slowlog-max-len", "128", range(0, Long.MAX_VALUE), true);
        define("notify-keyspace-events", "", ANY, true);
        define("client-output-buffer-limit", "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60", ANY, true);
        define("proto-max-bulk-len", "536870912", ANY, false);
        define("list-max-listpack-size", "-2", ANY, true);
        define("hash-max-listpack-entries", "128", range(0, Long.MAX_VALUE), true);
        define("set-max-intset-entries", "512", range(0, Long.MAX_VALUE), true);
        define("zset-max-listpack-entries", "128", range(0, Long.MAX_VALUE), true);
        define("dir", System.getProperty("user.dir"), DIRECTORY, true);
        define("dbfilename", "dump.rdb", check(v -> !v.isEmpty() && !v.contains("/"),
                "dbfilename can't be a path, just a filename"), true);
    }

    private void define(String name, String value, Check check, boolean mutable) {
        parameters.put(name, new Parameter(value, check, mutable));
    }

    String get(String name) {
        return parameters.get(name).value();
    }

    /** Sets a parameter CONFIG SET may not change, such as the port once bound. */
    void setFixed(String name, String value) {
        Parameter p = parameters.get(name);
        parameters.put(name, new Parameter(value, p.check(), p.mutable()));
    }

    /**
     * Every (name, value) whose name matches the glob pattern, case-insensitively. A pattern without glob characters
     * is looked up as a name and answered under the name as given ({@code SAVE}), as Redis's CONFIG GET does.
     */
    Map<String, String> matching(byte[] pattern) {
        String text = Args.text(pattern);
        if (text.chars().noneMatch(ch -> ch == '[' || ch == '*' || ch == '?')) {
            Parameter p = parameters.get(text.toLowerCase(Locale.ROOT));
            return p == null ? Map.of() : Map.of(text, p.value());
        }
        Map<String, String> found = new LinkedHashMap<>();
        parameters.forEach((name, p) -> {
            if (Glob.matches(pattern, Args.bytes(name), true)) {
                found.put(name, p.value());
            }
        });
        return found;
    }

    /** Checks and sets a value as CONFIG SET does; the error text if it cannot. */
    String set(String name, String value) {
        return set(name, value, false);
    }

    /** As {@link #set}, for the command line, which may also set the parameters CONFIG SET may not change. */
    String setAtStart(String name, String value) {
        return set(name, value, true);
    }

    private String set(String name, String value, boolean atStart) {
        Parameter p = parameters.get(name.toLowerCase(Locale.ROOT));
        if (p == null) {
            return "ERR Unknown option or number of arguments for CONFIG SET - '" + name + "'";
        }
        if (PROTECTED.contains(name.toLowerCase(Locale.ROOT)) && !atStart) { // Redis 7's enable-protected-configs no
            return "ERR CONFIG SET failed (possibly related to argument '" + name + "') - can't set protected config";
        }
        if (!p.mutable() && !atStart) {
            return "ERR CONFIG SET failed (possibly related to argument '" + name + "') - can't set immutable config";
        }
        try {
            parameters.put(name.toLowerCase(Locale.ROOT), new Parameter(p.check().normalize(value), p.check(),
                    p.mutable()));
        } catch (IllegalArgumentException e) {
            return "ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + e.getMessage();
        }
        return null;
    }

    /** A memory size such as {@code 100mb} in bytes. */
    static long bytes(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        int digits = 0;
        while (digits < v.length() && Character.isDigit(v.charAt(digits))) {
            digits++;
        }
        long number = Long.parseLong(v.substring(0, digits));
        return switch (v.substring(digits)) {
            case "k" -> number * 1000;
            case "kb" -> number * 1024;
            case "m" -> number * 1000 * 1000;
            case "mb" -> number * 1024 * 1024;
            case "g" -> number * 1000 * 1000 * 1000;
            case "gb" -> number * 1024 * 1024 * 1024;
            default -> number;
        };
    }
}
