package dev.buildredis.metrics;

/**
 * What the server counts while it works, and what INFO reads back: per command its calls, time, rejections and
 * failures with a latency histogram, and a few server-wide {@link Event}s.
 *
 * <p>Every command of every client records here, so recording sits on the hot path. With one thread running
 * every command, no two recordings ever compete: the implementations ({@link MetricsKind}) differ only in what one
 * recording costs, which is what they trade when many threads record at once:
 * <pre>
 *   global-lock   record: take one lock, add            read: take the lock, copy
 *   striped       record: LongAdder.add, Recorder       read: sum the adders, swap the histograms
 *   per-thread    record: plain adds to this thread's   read: visit every thread's cells, add what changed
 *                 own cells                                   since the last read, swap its histograms
 * </pre>
 * A command that ran counts as a call whether it succeeded or {@code failed} (replied with an error while
 * running); a command refused before it ran (wrong number of arguments) is a {@code rejected} call only, as
 * Redis counts them.
 */
public interface Metrics {

    /** A new, empty set of metrics of the given kind. */
    static Metrics create(MetricsKind kind) {
        return switch (kind) {
            case OFF -> new NoMetrics();
            case GLOBAL_LOCK -> new GlobalLockMetrics();
            case STRIPED -> new StripedMetrics();
            case PER_THREAD -> new PerThreadMetrics();
        };
    }

    /**
     * Counts one run of a command.
     *
     * @param command the command's name as INFO shows it ({@code get}, {@code config|get})
     * @param nanos   how long it ran
     * @param failed  whether it replied with an error
     */
    void recordCall(String command, long nanos, boolean failed);

    /** Counts a call refused before it ran. */
    void recordRejected(String command);

    /** Counts one server-wide event. */
    void record(Event event);

    /**
     * Says that the calling thread will record nothing more, so that an implementation that keeps cells per
     * thread can fold them into its totals now instead of holding them for a thread that is gone.
     */
    void threadDone();

    /** The number of calls so far; cheaper than {@link #snapshot()}, for sampling the rate every 100 ms. */
    long totalCommands();

    /** Everything counted so far (since the last {@link #reset()}), as a copy that no longer changes. */
    MetricsSnapshot snapshot();

    /** Starts every count and histogram from zero again ({@code CONFIG RESETSTAT}). */
    void reset();
}
