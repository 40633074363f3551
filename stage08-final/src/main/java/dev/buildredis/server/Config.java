package dev.buildredis.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server's settings, read from the command line in redis-server's style: {@code --port 6380 --bind 0.0.0.0}.
 *
 * <p>An unknown option, a missing value or a malformed one is refused with a message that says which and why;
 * {@link Main} prints it and exits with status 1 rather than starting with a setting the user did not ask for.
 *
 * @param bind     the address to listen on; loopback by default, so a course server is never reachable from outside
 * @param port     the TCP port; 0 lets the operating system choose a free one (tests use that)
 * @param settings CONFIG parameters to set before the first client ({@code --maxmemory 100mb}), checked as CONFIG
 *                 SET checks them
 */
public record Config(String bind, int port, Map<String, String> settings) {

    /** Only an address and a port; every other parameter at its default. */
    public Config(String bind, int port) {
        this(bind, port, Map.of());
    }

    /** Redis's default port. */
    public static final int DEFAULT_PORT = 6379;

    /** The settings when no option is given. */
    public static final Config DEFAULTS = new Config("127.0.0.1", DEFAULT_PORT);

    /** The options this stage understands, listed in the error message for an unknown one. */
    private static final List<String> OPTIONS =
            List.of("--port", "--bind", "--maxmemory", "--maxmemory-policy", "--maxmemory-samples",
                    "--maxclients", "--dir", "--dbfilename", "--save", "--appendonly", "--appendfsync",
                    "--appenddirname", "--appendfilename", "--aof-load-truncated", "--auto-aof-rewrite-percentage",
                    "--auto-aof-rewrite-min-size", "--stop-writes-on-bgsave-error", "--enable-debug-command");

    /**
     * Reads {@code --name value} pairs over the defaults.
     *
     * @throws IllegalArgumentException with a message fit for the user, for anything that is not a known option
     *                                  followed by a valid value
     */
    public static Config parse(String... args) {
        String bind = DEFAULTS.bind;
        int port = DEFAULTS.port;
        Map<String, String> settings = new LinkedHashMap<>();
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
                default -> settings.put(option.substring(2), value); // checked by the server, as CONFIG SET
            }
        }
        return new Config(bind, port, Map.copyOf(settings));
    }

    /** One line that lists the options, for the message after a refused one. */
    public static String usage() {
        return "Usage: java -jar <stage>.jar " + String.join(" ", OPTIONS.stream().map(o -> "[" + o + " <value>]").toList());
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
