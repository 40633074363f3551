package dev.buildredis.metrics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the server counts while it works, and what INFO reads back: per command its calls, time, rejections and
 * failures with a latency histogram, and a few server-wide {@link Event}s.
 *
 * <p>Every command of every client records here, and one thread, the event loop's, runs every command and every
 * INFO. So a recording is a few plain additions to one map of counters, with no lock, no atomic instruction and no
 * cells to merge: chapter 7's three implementations (a global lock, striped counters, cells per thread) traded
 * what recording costs when many threads record at once, and here no two ever do.
 *
 * <p>A command that ran counts as a call whether it succeeded or {@code failed} (replied with an error while
 * running); a command refused before it ran (wrong number of arguments) is a {@code rejected} call only, as
 * Redis counts them.
 */
public final class Metrics {

    private final Map<String, Tally> commands = new HashMap<>();
    private final long[] events = new long[Event.values().length];

    // tag::record[]
    /**
     * Counts one run of a command.
     *
     * @param command the command's name as INFO shows it ({@code get}, {@code config|get})
     * @param nanos   how long it ran
     * @param failed  whether it replied with an error
     */
    public void recordCall(String command, long nanos, boolean failed) {
        commands.computeIfAbsent(command, name -> new Tally()).recordCall(nanos, failed);
    }
    // end::record[]

    /** Counts a call refused before it ran. */
    public void recordRejected(String command) {
        commands.computeIfAbsent(command, name -> new Tally()).rejected++;
    }

    /** Counts one server-wide event. */
    public void record(Event event) {
        events[event.ordinal()]++;
    }

    /** The number of calls so far; cheaper than {@link #snapshot()}, for sampling the rate every 100 ms. */
    public long totalCommands() {
        return commands.values().stream().mapToLong(tally -> tally.calls).sum();
    }

    /** Everything counted so far (since the last {@link #reset()}), as a copy that no longer changes. */
    public MetricsSnapshot snapshot() {
        TreeMap<String, CommandStats> copy = new TreeMap<>();
        commands.forEach((name, tally) -> copy.put(name, tally.toStats()));
        return new MetricsSnapshot(copy, events);
    }

    /** Starts every count and histogram from zero again ({@code CONFIG RESETSTAT}). */
    public void reset() {
        commands.clear();
        Arrays.fill(events, 0);
    }
}
