package dev.buildredis.engine;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One-line log messages in redis-server's format, so that the two servers' logs read alike:
 * <pre>
 * 4242:M 22 Nov 2026 11:40:00.123 * Ready to accept connections tcp on 127.0.0.1:6379
 * </pre>
 * {@code *} marks information, {@code #} a warning. A real server would use a logging library with levels and
 * files; a course server prints to standard output and lets the shell redirect it.
 */
public final class Log {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS", Locale.ROOT);
    private static final long PID = ProcessHandle.current().pid();

    private Log() {
    }

    /** Logs a normal event. */
    public static void info(String message) {
        print('*', message);
    }

    /** Logs something the operator should look at. */
    public static void warn(String message) {
        print('#', message);
    }

    private static void print(char level, String message) {
        System.out.println(PID + ":M " + TIME.format(ZonedDateTime.now()) + " " + level + " " + message);
    }
}
