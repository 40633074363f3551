package dev.buildredis.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * MONITOR: every command the server runs, as a line to each monitoring client, after it ran, in Redis's format
 * ({@code replicationFeedMonitors} and {@code sdscatrepr}):
 * <pre>
 *   +1700000000.123456 [0 127.0.0.1:50000] "set" "k" "a \"b\"\n\x01"
 *    seconds.micros     db after the command, the client's address; each argument quoted: \\ \" \n \r \t \a \b
 *                       escaped, other bytes outside 0x20..0x7e as \xHH
 * </pre>
 * Not shown: admin commands (CONFIG, DEBUG, MONITOR...), commands refused before they ran (unknown, wrong number of
 * arguments, queued by MULTI: those show at EXEC, before the EXEC), and what replays the AOF. Passwords are shown as
 * {@code "(redacted)"} (AUTH, HELLO ... AUTH): the command marks them, {@link Client#redacted}.
 */
final class Monitor {

    private final List<Client> monitors = new ArrayList<>();

    boolean active() {
        return !monitors.isEmpty();
    }

    /** MONITOR: false if the client monitors already (Redis then answers nothing). */
    boolean add(Client c) {
        if (c.monitor) {
            return false;
        }
        c.monitor = true;
        monitors.add(c);
        return true;
    }

    void remove(Client c) {
        if (c.monitor) {
            c.monitor = false;
            monitors.remove(c);
        }
    }

    // tag::feed[]
    /** One command that ran: its line to every monitor. */
    void feed(Engine engine, Client c, List<byte[]> args) {
        Instant now = Instant.now();
        StringBuilder line = new StringBuilder("+").append(now.getEpochSecond()).append('.')
                .append(String.format("%06d", now.getNano() / 1000)).append(" [").append(c.db.index()).append(' ')
                .append(c.address).append("] ");
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                line.append(' ');
            }
            quote(line, c.redacted.get(i) ? REDACTED : args.get(i));
        }
        byte[] bytes = Args.bytes(line.append("\r\n").toString());
        for (Client monitor : monitors) {
            monitor.reply.raw(bytes);
            engine.flushLater(monitor);
        }
    }
    // end::feed[]

    private static final byte[] REDACTED = Args.bytes("(redacted)");

    /** Redis's sdscatrepr. */
    static void quote(StringBuilder s, byte[] arg) {
        s.append('"');
        for (byte b : arg) {
            switch (b) {
                case '\\', '"' -> s.append('\\').append((char) b);
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                case 7 -> s.append("\\a");
                case '\b' -> s.append("\\b");
                default -> {
                    if (b >= 0x20 && b <= 0x7e) {
                        s.append((char) b);
                    } else {
                        s.append(String.format("\\x%02x", b & 0xff));
                    }
                }
            }
        }
        s.append('"');
    }
}
