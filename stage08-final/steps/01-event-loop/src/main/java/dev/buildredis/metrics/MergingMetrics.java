package dev.buildredis.metrics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntToLongFunction;

/**
 * The reading side shared by the two implementations whose writers never take a lock ({@link StripedMetrics},
 * {@link PerThreadMetrics}): writers count into cells of their own kind, and a reader, under this object's lock,
 * adds to running totals what each cell gained since the previous read.
 * <pre>
 *   writers ──record──▶ cells ──(read: counts and histograms since the last read)──▶ totals ──▶ snapshot
 * </pre>
 * Adding differences instead of summing from zero is what makes {@link #reset()} exact while writers keep
 * writing: a reset merges first and then clears the totals, and no writer's cell is ever written by a reader.
 */
abstract class MergingMetrics implements Metrics {

    private final Map<String, Tally> totals = new HashMap<>();
    private final long[] events = new long[Event.values().length];

    /** Adds to the totals what every cell recorded since the previous call; called with this object locked. */
    abstract void mergeAll();

    /** The running totals of {@code command}, to merge a cell's counts into; only inside {@link #mergeAll()}. */
    final Tally total(String command) {
        return totals.computeIfAbsent(command, name -> new Tally());
    }

    /** Adds to the event totals what {@code current} gained since {@code lastSeen}, and remembers it. */
    final void mergeEvents(long[] lastSeen, IntToLongFunction current) {
        for (int i = 0; i < events.length; i++) {
            long now = current.applyAsLong(i);
            events[i] += now - lastSeen[i];
            lastSeen[i] = now;
        }
    }

    @Override
    public final synchronized long totalCommands() {
        mergeAll();
        return totals.values().stream().mapToLong(tally -> tally.calls).sum();
    }

    @Override
    public final synchronized MetricsSnapshot snapshot() {
        mergeAll();
        TreeMap<String, CommandStats> copy = new TreeMap<>();
        totals.forEach((name, tally) -> copy.put(name, tally.toStats()));
        return new MetricsSnapshot(copy, events);
    }

    @Override
    public final synchronized void reset() {
        mergeAll(); // moves every cell's "last seen" up to now, so that what is cleared is not counted again
        totals.clear();
        Arrays.fill(events, 0);
    }
}
