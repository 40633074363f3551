package dev.buildredis.server;

import dev.buildredis.persistence.AofConfig;
import dev.buildredis.persistence.FsyncPolicy;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The server's settings, read from the command line in redis-server's style: {@code --port 6380 --bind 0.0.0.0
 * --appendonly yes --appendfsync always}.
 *
 * <p>An unknown option, a missing value or a malformed one is refused with a message that says which and why;
 * {@link Main} prints it and exits with status 1 rather than starting with a setting the user did not ask for.
 *
 * @param bind           the address to listen on; loopback by default, so a course server is never reachable
 *                       from outside
 * @param port           the TCP port; 0 lets the operating system choose a free one (tests use that)
 * @param backlog        {@code --backlog}: how many connections the kernel may queue, handshake done, before the
 *                       server accepts them (Redis's {@code tcp-backlog}); Linux caps it at
 *                       {@code net.core.somaxconn}
 * @param maxClients     {@code --maxclients}: connections served at once; the next one is told so and closed
 * @param tcpNoDelay     {@code --tcp-nodelay yes|no}: send each reply at once instead of letting Nagle's algorithm
 *                       hold small writes back; {@code no} exists only to measure what Nagle costs
 * @param timeoutSeconds {@code --timeout}: close a client that has sent nothing for this long; 0 never does
 * @param aof            the append-only file's settings: {@code --appendonly}, {@code --appendfsync}, {@code --dir}, ...
 */
public record Config(String bind, int port, int backlog, int maxClients, boolean tcpNoDelay,
                     int timeoutSeconds, AofConfig aof) {

    /** Redis's default port. */
    public static final int DEFAULT_PORT = 6379;

    /** Redis's default tcp-backlog: enough for a burst of reconnects after a restart (see chapter 5). */
    public static final int DEFAULT_BACKLOG = 511;

    /** Redis's default maxclients. */
    public static final int DEFAULT_MAX_CLIENTS = 10_000;

    // tag::defaults[]
    /** The settings when no option is given. */
    public static final Config DEFAULTS = new Config("127.0.0.1", DEFAULT_PORT, DEFAULT_BACKLOG,
            DEFAULT_MAX_CLIENTS, true, 0, AofConfig.DEFAULTS);
    // end::defaults[]

    /** The options this stage understands, listed in the error message for an unknown one. */
    private static final List<String> OPTIONS = List.of("--port", "--bind",
            "--backlog", "--maxclients", "--tcp-nodelay", "--timeout",
            "--appendonly", "--appendfsync", "--dir", "--appendfilename", "--aof-group-commit");

    /** Settings without an append-only file. */
    public Config(String bind, int port, int backlog, int maxClients, boolean tcpNoDelay, int timeoutSeconds) {
        this(bind, port, backlog, maxClients, tcpNoDelay, timeoutSeconds, AofConfig.DEFAULTS);
    }

    /**
     * Reads {@code --name value} pairs over the defaults.
     *
     * @throws IllegalArgumentException with a message fit for the user, for anything that is not a known option
     *                                  followed by a valid value
     */
    public static Config parse(String... args) {
        String bind = DEFAULTS.bind;
        int port = DEFAULTS.port;
        int backlog = DEFAULTS.backlog;
        int maxClients = DEFAULTS.maxClients;
        boolean tcpNoDelay = DEFAULTS.tcpNoDelay;
        int timeoutSeconds = DEFAULTS.timeoutSeconds;
        AofConfig aof = DEFAULTS.aof;
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i].toLowerCase(Locale.ROOT);
            if (!OPTIONS.contains(option)) {
                throw new IllegalArgumentException("Unknown option '" + args[i] + "'. Known options: "
                        + String.join(", ", OPTIONS));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option '" + args[i] + "' needs a value");
            }
            String value = args[i + 1];
            switch (option) {
                case "--port" -> port = parseInt(option, value, 0, 65535);
                case "--bind" -> bind = value;
                case "--backlog" -> backlog = parseInt(option, value, 1, 65535);
                case "--maxclients" -> maxClients = parseInt(option, value, 1, 1_000_000);
                case "--tcp-nodelay" -> tcpNoDelay = parseYesNo(option, value);
                case "--timeout" -> timeoutSeconds = parseInt(option, value, 0, Integer.MAX_VALUE / 1000);
                case "--appendonly" -> aof = new AofConfig(parseYesNo(option, value), aof.fsync(), aof.dir(),
                        aof.fileName(), aof.groupCommit());
                case "--appendfsync" -> aof = new AofConfig(aof.enabled(), FsyncPolicy.parse(value), aof.dir(),
                        aof.fileName(), aof.groupCommit());
                case "--dir" -> aof = new AofConfig(aof.enabled(), aof.fsync(), Path.of(value), aof.fileName(),
                        aof.groupCommit());
                case "--appendfilename" -> aof = new AofConfig(aof.enabled(), aof.fsync(), aof.dir(),
                        fileName(value), aof.groupCommit());
                case "--aof-group-commit" -> aof = new AofConfig(aof.enabled(), aof.fsync(), aof.dir(),
                        aof.fileName(), parseYesNo(option, value));
                default -> throw new AssertionError(option); // OPTIONS and this switch list the same names
            }
        }
        return new Config(bind, port, backlog, maxClients, tcpNoDelay, timeoutSeconds, aof);
    }

    /** One line that lists the options, for the message after a refused one. */
    public static String usage() {
        return "Usage: java -jar <stage>.jar " + String.join(" ", OPTIONS.stream().map(o -> "[" + o + " <value>]").toList());
    }

    private static boolean parseYesNo(String option, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new IllegalArgumentException("Bad value '" + value + "' for option '" + option
                    + "': expected yes or no");
        };
    }

    /** Redis's rule: the file lives in {@code dir}, so its name must not lead anywhere else. */
    private static String fileName(String value) {
        if (value.isEmpty() || value.contains("/")) {
            throw new IllegalArgumentException("Bad value '" + value + "' for option '--appendfilename': "
                    + "expected a file name without a directory (use --dir)");
        }
        return value;
    }

    private static int parseInt(String option, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("Bad value '" + value + "' for option '" + option
                + "': expected a whole number from " + min + " to " + max);
    }
}
