package dev.buildredis.metrics;

import org.HdrHistogram.Recorder;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters that spread over cells instead of one lock ({@code --metrics striped}).
 *
 * <p>A {@link LongAdder} is a sum split over cells: an adding thread that finds its cell contended moves to
 * another, so threads on different cores mostly write different cache lines, and a read adds the cells up. The
 * latency histogram is HdrHistogram's {@link Recorder}, which many threads may record into without a lock; it is
 * not striped, though: every recording increments two counters that all writers share (the recorder's "writer
 * critical section" phaser) and a bucket count, so the histogram is where the striped version still contends.
 */
final class StripedMetrics extends MergingMetrics {

    /** One command's counts; written by every thread at once, read under the reader's lock. */
    private static final class Cell {
        final LongAdder calls = new LongAdder();
        final LongAdder nanos = new LongAdder();
        final LongAdder rejected = new LongAdder();
        final LongAdder failed = new LongAdder();
        final Recorder latency = new Recorder(
                CommandStats.LOWEST_NANOS, CommandStats.HIGHEST_NANOS, CommandStats.SIGNIFICANT_DIGITS);
        final Drain drain = new Drain();
    }

    private final ConcurrentMap<String, Cell> commands = new ConcurrentHashMap<>();
    private final LongAdder[] events = new LongAdder[Event.values().length];
    private final long[] eventsSeen = new long[events.length];

    StripedMetrics() {
        for (int i = 0; i < events.length; i++) {
            events[i] = new LongAdder();
        }
    }

    // tag::striped[]
    @Override
    public void recordCall(String command, long nanos, boolean failed) {
        Cell cell = cell(command);
        cell.calls.increment();
        cell.nanos.add(nanos);
        if (failed) {
            cell.failed.increment();
        }
        cell.latency.recordValue(CommandStats.clamp(nanos));
    }
    // end::striped[]

    @Override
    public void recordRejected(String command) {
        cell(command).rejected.increment();
    }

    @Override
    public void record(Event event) {
        events[event.ordinal()].increment();
    }

    @Override
    public void threadDone() {
        // nothing is kept per thread
    }

    @Override
    void mergeAll() {
        commands.forEach((name, cell) -> cell.drain.into(total(name), cell.calls.sum(), cell.nanos.sum(),
                cell.rejected.sum(), cell.failed.sum(), cell.latency::getIntervalHistogram));
        mergeEvents(eventsSeen, i -> events[i].sum());
    }

    private Cell cell(String command) {
        Cell cell = commands.get(command); // a plain read first: computeIfAbsent may lock the bin even when present
        return cell != null ? cell : commands.computeIfAbsent(command, name -> new Cell());
    }
}
