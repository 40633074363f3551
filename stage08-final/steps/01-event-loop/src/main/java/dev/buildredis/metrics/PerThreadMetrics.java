package dev.buildredis.metrics;

import org.HdrHistogram.SingleWriterRecorder;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Each thread counts into cells of its own, and INFO merges them ({@code --metrics per-thread}): the
 * "thread-local batching" that a Rust Redis server measured under load found to cost next to nothing.
 *
 * <p>A cell has exactly one writer, its thread, so an addition needs no atomic read-modify-write: the thread
 * reads its own last value and publishes the new one with a release store (a plain store on x86). No cache line
 * is written by two cores. The latency histogram is HdrHistogram's {@link SingleWriterRecorder}, made for this
 * shape: one writer records, a reader swaps in a fresh histogram and takes the one that was filled.
 *
 * <p>On the event loop, one thread records every command, so there is one set of cells and no other writer to
 * keep apart: what this class saves over the others is then only the atomic instructions, not contention. A thread
 * that calls {@link #threadDone()} has its cells merged and forgotten; one that ends without saying so is found
 * dead at the next read and merged then.
 */
final class PerThreadMetrics extends MergingMetrics {

    /** One command's counts in one thread. */
    private static final class Cell {
        final AtomicLong calls = new AtomicLong();
        final AtomicLong nanos = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final SingleWriterRecorder latency = new SingleWriterRecorder(
                CommandStats.LOWEST_NANOS, CommandStats.HIGHEST_NANOS, CommandStats.SIGNIFICANT_DIGITS);
        final Drain drain = new Drain();
    }

    /** Everything one thread records; the map is concurrent only because a reader walks it while it grows. */
    private static final class ThreadCells {
        final Thread owner = Thread.currentThread();
        final ConcurrentMap<String, Cell> commands = new ConcurrentHashMap<>();
        final AtomicLongArray events = new AtomicLongArray(Event.values().length);
        final long[] eventsSeen = new long[Event.values().length];
    }

    private final ThreadLocal<ThreadCells> local = new ThreadLocal<>();
    private final Set<ThreadCells> live = ConcurrentHashMap.newKeySet();

    // tag::per-thread[]
    @Override
    public void recordCall(String command, long nanos, boolean failed) {
        Cell cell = cell(command);
        add(cell.calls, 1);
        add(cell.nanos, nanos);
        if (failed) {
            add(cell.failed, 1);
        }
        cell.latency.recordValue(CommandStats.clamp(nanos));
    }

    /** Only the owning thread writes a cell, so read-then-store cannot lose an update. */
    private static void add(AtomicLong counter, long delta) {
        counter.setRelease(counter.getPlain() + delta);
    }
    // end::per-thread[]

    @Override
    public void recordRejected(String command) {
        add(cell(command).rejected, 1);
    }

    @Override
    public void record(Event event) {
        AtomicLongArray events = cells().events;
        events.setRelease(event.ordinal(), events.getPlain(event.ordinal()) + 1);
    }

    @Override
    public void threadDone() {
        ThreadCells cells = local.get();
        if (cells != null) {
            local.remove();
            synchronized (this) {
                merge(cells);
                live.remove(cells);
            }
        }
    }

    @Override
    void mergeAll() {
        for (ThreadCells cells : live) {
            // Checked before merging: a thread found dead has made all its writes visible (JLS 17.4.4).
            boolean ended = !cells.owner.isAlive();
            merge(cells);
            if (ended) {
                live.remove(cells);
            }
        }
    }

    private void merge(ThreadCells cells) {
        cells.commands.forEach((name, cell) -> cell.drain.into(total(name), cell.calls.get(), cell.nanos.get(),
                cell.rejected.get(), cell.failed.get(), cell.latency::getIntervalHistogram));
        mergeEvents(cells.eventsSeen, cells.events::get);
    }

    private Cell cell(String command) {
        ThreadCells cells = cells();
        Cell cell = cells.commands.get(command);
        return cell != null ? cell : cells.commands.computeIfAbsent(command, name -> new Cell());
    }

    private ThreadCells cells() {
        ThreadCells cells = local.get();
        if (cells == null) {
            cells = new ThreadCells();
            local.set(cells);
            live.add(cells);
        }
        return cells;
    }
}
