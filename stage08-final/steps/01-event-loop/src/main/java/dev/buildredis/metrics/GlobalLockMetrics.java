package dev.buildredis.metrics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every count behind one lock ({@code --metrics global-lock}): the obvious version, and the one a Rust Redis server
 * measured under load lost about 30% of its throughput to at high concurrency.
 *
 * <p>Each command takes the lock once, after it ran, so the lock is held for a few additions and one histogram
 * update. Short, but every client takes the same lock for every command: with more runnable threads than cores
 * a holder can be descheduled with the lock held, and everyone queues behind it.
 */
final class GlobalLockMetrics implements Metrics {

    private final Object lock = new Object();
    private final Map<String, Tally> commands = new HashMap<>();
    private final long[] events = new long[Event.values().length];

    // tag::global-lock[]
    @Override
    public void recordCall(String command, long nanos, boolean failed) {
        synchronized (lock) {
            commands.computeIfAbsent(command, name -> new Tally()).recordCall(nanos, failed);
        }
    }
    // end::global-lock[]

    @Override
    public void recordRejected(String command) {
        synchronized (lock) {
            commands.computeIfAbsent(command, name -> new Tally()).rejected++;
        }
    }

    @Override
    public void record(Event event) {
        synchronized (lock) {
            events[event.ordinal()]++;
        }
    }

    @Override
    public void threadDone() {
        // nothing is kept per thread
    }

    @Override
    public long totalCommands() {
        synchronized (lock) {
            return commands.values().stream().mapToLong(tally -> tally.calls).sum();
        }
    }

    @Override
    public MetricsSnapshot snapshot() {
        TreeMap<String, CommandStats> copy = new TreeMap<>();
        synchronized (lock) {
            commands.forEach((name, tally) -> copy.put(name, tally.toStats()));
            return new MetricsSnapshot(copy, events);
        }
    }

    @Override
    public void reset() {
        synchronized (lock) {
            commands.clear();
            Arrays.fill(events, 0);
        }
    }
}
