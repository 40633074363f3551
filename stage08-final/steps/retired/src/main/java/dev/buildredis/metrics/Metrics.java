// @step 01-06
package dev.buildredis.metrics;
//> step 02-06
//~
//~import java.util.Arrays;
//~import java.util.HashMap;
//~import java.util.Map;
//~import java.util.TreeMap;
//< step 02-06

/**
 * What the server counts while it works, and what INFO reads back: per command its calls, time, rejections and
 * failures with a latency histogram, and a few server-wide {@link Event}s.
 *
 //> step 01-01
//~ * <p>Every command of every client records here, so recording sits on the hot path. With one thread running
//~ * every command, no two recordings ever compete: the implementations ({@link MetricsKind}) differ only in what one
//~ * recording costs, which is what they trade when many threads record at once:
//~ * <pre>
//~ *   global-lock   record: take one lock, add            read: take the lock, copy
//~ *   striped       record: LongAdder.add, Recorder       read: sum the adders, swap the histograms
//~ *   per-thread    record: plain adds to this thread's   read: visit every thread's cells, add what changed
//~ *                 own cells                                   since the last read, swap its histograms
//~ * </pre>
//~ * A command that ran counts as a call whether it succeeded or {@code failed} (replied with an error while
 //< step 01-01
 //> step 02-06
//~ * <p>Every command of every client records here, and one thread, the event loop's, runs every command and every
//~ * INFO. So a recording is a few plain additions to one map of counters, with no lock, no atomic instruction and no
//~ * cells to merge: chapter 7's three implementations (a global lock, striped counters, cells per thread) traded
//~ * what recording costs when many threads record at once, and here no two ever do.
//~ *
//~ * <p>A command that ran counts as a call whether it succeeded or {@code failed} (replied with an error while
 //< step 02-06
 * running); a command refused before it ran (wrong number of arguments) is a {@code rejected} call only, as
 * Redis counts them.
 */
//> step 01-01
//~public interface Metrics {
//< step 01-01
//> step 02-06
//~public final class Metrics {
//< step 02-06

    //> step 01-01
//~    /** A new, empty set of metrics of the given kind. */
//~    static Metrics create(MetricsKind kind) {
//~        return switch (kind) {
//~            case OFF -> new NoMetrics();
//~            case GLOBAL_LOCK -> new GlobalLockMetrics();
//~            case STRIPED -> new StripedMetrics();
//~            case PER_THREAD -> new PerThreadMetrics();
//~        };
//~    }
    //< step 01-01
    //> step 02-06
//~    private final Map<String, Tally> commands = new HashMap<>();
//~    private final long[] events = new long[Event.values().length];
    //< step 02-06

    //> step 02-06
//~    // tag::record[]
    //< step 02-06
    /**
     * Counts one run of a command.
     *
     * @param command the command's name as INFO shows it ({@code get}, {@code config|get})
     * @param nanos   how long it ran
     * @param failed  whether it replied with an error
     */
    //> step 01-01
//~    void recordCall(String command, long nanos, boolean failed);
    //< step 01-01
    //> step 02-06
//~    public void recordCall(String command, long nanos, boolean failed) {
//~        commands.computeIfAbsent(command, name -> new Tally()).recordCall(nanos, failed);
//~    }
//~    // end::record[]
    //< step 02-06

    /** Counts a call refused before it ran. */
    //> step 01-01
//~    void recordRejected(String command);
    //< step 01-01
    //> step 02-06
//~    public void recordRejected(String command) {
//~        commands.computeIfAbsent(command, name -> new Tally()).rejected++;
//~    }
    //< step 02-06

    /** Counts one server-wide event. */
    //> step 01-01
//~    void record(Event event);
//~
//~    /**
//~     * Says that the calling thread will record nothing more, so that an implementation that keeps cells per
//~     * thread can fold them into its totals now instead of holding them for a thread that is gone.
//~     */
//~    void threadDone();
    //< step 01-01
    //> step 02-06
//~    public void record(Event event) {
//~        events[event.ordinal()]++;
//~    }
    //< step 02-06

    /** The number of calls so far; cheaper than {@link #snapshot()}, for sampling the rate every 100 ms. */
    //> step 01-01
//~    long totalCommands();
    //< step 01-01
    //> step 02-06
//~    public long totalCommands() {
//~        return commands.values().stream().mapToLong(tally -> tally.calls).sum();
//~    }
    //< step 02-06

    /** Everything counted so far (since the last {@link #reset()}), as a copy that no longer changes. */
    //> step 01-01
//~    MetricsSnapshot snapshot();
    //< step 01-01
    //> step 02-06
//~    public MetricsSnapshot snapshot() {
//~        TreeMap<String, CommandStats> copy = new TreeMap<>();
//~        commands.forEach((name, tally) -> copy.put(name, tally.toStats()));
//~        return new MetricsSnapshot(copy, events);
//~    }
    //< step 02-06

    /** Starts every count and histogram from zero again ({@code CONFIG RESETSTAT}). */
    //> step 01-01
//~    void reset();
    //< step 01-01
    //> step 02-06
//~    public void reset() {
//~        commands.clear();
//~        Arrays.fill(events, 0);
//~    }
    //< step 02-06
}
