package dev.buildredis.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * SLOWLOG: the last commands that took at least {@code slowlog-log-slower-than} microseconds to run (0 logs every
 * command, a negative value none), newest first, at most {@code slowlog-max-len} of them. Each entry is what
 * Redis keeps:
 * <pre>
 * 1) (integer) 14               id, growing from 0 since the server started
 * 2) (integer) 1700000000       Unix time (seconds) the command ran
 * 3) (integer) 12034            how long it ran, in microseconds (the time to execute it, not to read or reply)
 * 4) 1) "KEYS" 2) "*"           its arguments: at most 32, each cut to 128 bytes, with a note of what was cut
 * 5) "127.0.0.1:51234"          the client's address
 * 6) ""                         the client's name
 * </pre>
 * EXEC is not logged itself (Redis marks it skip_slowlog); the commands inside it are, one by one.
 */
public final class SlowLog {

    /** Redis's SLOWLOG_ENTRY_MAX_ARGC and SLOWLOG_ENTRY_MAX_STRING. */
    private static final int MAX_ARGUMENTS = 32;
    private static final int MAX_ARGUMENT_BYTES = 128;

    private record Entry(long id, long unixSeconds, long micros, byte[][] args, String address, byte[] clientName) {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>(); // newest first
    private long nextId;
    private long slowerThanMicros = 10_000;
    private int maxLength = 128;

    /** Takes the two settings, as CONFIG SET changes them; a shorter log drops its oldest entries. */
    void configure(long slowerThanMicros, int maxLength) {
        this.slowerThanMicros = slowerThanMicros;
        this.maxLength = maxLength;
        trim();
    }

    /** What SLOWLOG shows for a password. */
    private static final byte[] REDACTED = "(redacted)".getBytes(StandardCharsets.US_ASCII);

    // tag::slowlog-record[]
    /** Logs a command that ran for {@code micros}, if that is slow enough. Cheap when it is not: one comparison. */
    void record(Client client, Command command, List<byte[]> args, long micros, long nowMillis) {
        if (slowerThanMicros < 0 || micros < slowerThanMicros || command.name().equals("exec")) {
            return;
        }
        entries.addFirst(new Entry(nextId++, nowMillis / 1000, micros, trimmed(args), client.address,
                client.name));
        byte[][] shown = entries.getFirst().args();
        client.redacted.stream().filter(i -> i < shown.length).forEach(i -> shown[i] = REDACTED);
        trim();
    }
    // end::slowlog-record[]

    private void trim() {
        while (entries.size() > maxLength) {
            entries.removeLast();
        }
    }

    private static byte[][] trimmed(List<byte[]> args) {
        int kept = Math.min(args.size(), MAX_ARGUMENTS);
        byte[][] out = new byte[kept][];
        for (int i = 0; i < kept; i++) {
            if (i == MAX_ARGUMENTS - 1 && args.size() > MAX_ARGUMENTS) {
                out[i] = ("... (" + (args.size() - MAX_ARGUMENTS + 1) + " more arguments)")
                        .getBytes(StandardCharsets.US_ASCII);
            } else if (args.get(i).length > MAX_ARGUMENT_BYTES) {
                byte[] head = Arrays.copyOf(args.get(i), MAX_ARGUMENT_BYTES);
                byte[] note = ("... (" + (args.get(i).length - MAX_ARGUMENT_BYTES) + " more bytes)")
                        .getBytes(StandardCharsets.US_ASCII);
                out[i] = Arrays.copyOf(head, head.length + note.length);
                System.arraycopy(note, 0, out[i], head.length, note.length);
            } else {
                out[i] = args.get(i);
            }
        }
        return out;
    }

    public static Command command() {
        return Command.container("slowlog", -2, List.of(
                Command.of("slowlog|get", -2, "admin loading stale", 0, 0, 0, (c, a) -> c.engine.slowLog.get(c, a)),
                Command.of("slowlog|len", 2, "admin loading stale", 0, 0, 0,
                        (c, a) -> c.reply.integer(c.engine.slowLog.entries.size())),
                Command.of("slowlog|reset", 2, "admin loading stale", 0, 0, 0, (c, a) -> {
                    c.engine.slowLog.entries.clear();
                    c.reply.ok();
                }),
                Command.of("slowlog|help", 2, "loading stale", 0, 0, 0, (c, a) -> Command.help(c, "SLOWLOG",
                        "GET [<count>]", "LEN", "RESET"))));
    }

    /** SLOWLOG GET [count]: the newest {@code count} entries (10 by default, -1 for all). */
    private void get(Client c, List<byte[]> a) {
        long count = 10;
        if (a.size() == 3) {
            count = Args.integer(a.get(2), "ERR count should be greater than or equal to -1");
            if (count < -1) {
                throw new CommandError("ERR count should be greater than or equal to -1");
            }
        }
        int shown = count == -1 ? entries.size() : (int) Math.min(count, entries.size());
        c.reply.arrayHeader(shown);
        Iterator<Entry> newestFirst = entries.iterator();
        for (int i = 0; i < shown; i++) {
            Entry e = newestFirst.next();
            c.reply.arrayHeader(6);
            c.reply.integer(e.id());
            c.reply.integer(e.unixSeconds());
            c.reply.integer(e.micros());
            c.reply.arrayHeader(e.args().length);
            for (byte[] arg : e.args()) {
                c.reply.bulk(arg);
            }
            c.reply.bulk(e.address().getBytes(StandardCharsets.US_ASCII));
            c.reply.bulk(e.clientName());
        }
    }
}
