package dev.buildredis.metrics;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The last commands that ran longer than a threshold, newest first: {@code SLOWLOG GET [count]},
 * {@code SLOWLOG LEN}, {@code SLOWLOG RESET}, tuned by two parameters that {@code CONFIG GET/SET} reach:
 * <pre>
 * slowlog-log-slower-than  10000   microseconds; 0 logs every command, a negative value none
 * slowlog-max-len          128     entries kept; the oldest goes when a new one arrives
 * </pre>
 * Like Redis, it keeps at most 32 arguments of a command (the last slot then says how many more there were) and
 * at most 128 bytes of each (followed by how many more bytes there were), so a huge command cannot fill memory.

 */
public final class SlowLog {

    public static final long DEFAULT_SLOWER_THAN_MICROS = 10_000;
    public static final int DEFAULT_MAX_LEN = 128;
    /** Redis's SLOWLOG_ENTRY_MAX_ARGC and SLOWLOG_ENTRY_MAX_STRING. */
    static final int MAX_ARGS = 32;
    static final int MAX_ARG_BYTES = 128;

    private final InstantSource clock;
    private long slowerThanMicros = DEFAULT_SLOWER_THAN_MICROS;
    private int maxLen = DEFAULT_MAX_LEN;
    private final Deque<SlowLogEntry> entries = new ArrayDeque<>(); // newest first
    private long nextId;

    public SlowLog(InstantSource clock) {
        this.clock = clock;
    }

    // tag::slowlog-add[]
    /** Logs the command if it ran at least the threshold. */
    public void offer(List<byte[]> args, long nanos, String client) {
        long micros = nanos / 1_000;
        long threshold = slowerThanMicros;
        if (threshold < 0 || micros < threshold) {
            return;
        }
        List<byte[]> kept = shorten(args);
        entries.addFirst(new SlowLogEntry(nextId++, clock.instant().getEpochSecond(), micros, kept, client, ""));
        while (entries.size() > maxLen) {
            entries.removeLast();
        }
    }
    // end::slowlog-add[]

    /** The newest {@code count} entries, newest first; a negative count means all of them. */
    public List<SlowLogEntry> get(long count) {
        return entries.stream().limit(count < 0 ? Long.MAX_VALUE : count).toList();
    }

    public int len() {
        return entries.size();
    }

    /** Forgets every entry; ids keep increasing, as in Redis. */
    public void reset() {
        entries.clear();
    }

    public long slowerThanMicros() {
        return slowerThanMicros;
    }

    public void slowerThanMicros(long micros) {
        slowerThanMicros = micros;
    }

    public int maxLen() {
        return maxLen;
    }

    /** Sets how many entries to keep, dropping the oldest now if there are more. */
    public void maxLen(int maxLen) {
        this.maxLen = maxLen;
        while (entries.size() > maxLen) {
            entries.removeLast();
        }
    }

    private static List<byte[]> shorten(List<byte[]> args) {
        int kept = Math.min(args.size(), MAX_ARGS);
        List<byte[]> result = new ArrayList<>(kept);
        for (int i = 0; i < kept; i++) {
            if (kept != args.size() && i == kept - 1) {
                result.add(ascii("... (" + (args.size() - kept + 1) + " more arguments)"));
            } else if (args.get(i).length > MAX_ARG_BYTES) {
                byte[] arg = args.get(i);
                byte[] suffix = ascii("... (" + (arg.length - MAX_ARG_BYTES) + " more bytes)");
                byte[] shortened = Arrays.copyOf(arg, MAX_ARG_BYTES + suffix.length);
                System.arraycopy(suffix, 0, shortened, MAX_ARG_BYTES, suffix.length);
                result.add(shortened);
            } else {
                result.add(args.get(i).clone()); // the reader may reuse its buffers; the log outlives the command
            }
        }
        return result;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
