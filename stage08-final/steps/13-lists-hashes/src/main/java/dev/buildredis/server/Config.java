package dev.buildredis.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server's settings, read from the command line in redis-server's style: {@code --port 6380 --bind 0.0.0.0}.
 *
 * <p>Every CONFIG parameter is an option ({@code --maxmemory 100mb}, {@code --timeout 300}), as redis-server takes
 * them; the server checks each name and value as CONFIG SET would before it binds the port. A missing value, or a
 * name or value the server refuses, is explained, and {@link Main} exits with status 1 rather than start with a
 * setting the user did not ask for.
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
            if (!option.startsWith("--") || option.length() == 2) {
                throw new IllegalArgumentException("Unknown option '" + args[i] + "': options are --name value");
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
        return new Config(bind, port, java.util.Collections.unmodifiableMap(settings)); // in the order given
    }

    /** What the options are, for the message after a refused one. */
    public static String usage() {
        return "Usage: java -jar <stage>.jar [--port 6379] [--bind 127.0.0.1] [--<CONFIG parameter> <value>] ...";
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
