package dev.buildredis.metrics;

import java.util.Collections;
import java.util.SortedMap;

/**
 * Everything {@link Metrics} counted, copied at one moment: what INFO's {@code # Stats}, {@code # Commandstats}
 * and {@code # Latencystats} sections are made from.
 *
 * @param commands every command that was called or rejected at least once, by name, in name order (Redis shows
 *                 them in its hash table's order; a fixed order makes the text easy to compare)
 * @param events   the count of each {@link Event}, indexed by its ordinal
 */
public record MetricsSnapshot(SortedMap<String, CommandStats> commands, long[] events) {

    public MetricsSnapshot {
        commands = Collections.unmodifiableSortedMap(commands);
        events = events.clone();
    }

    /** How many times {@code event} happened. */
    public long count(Event event) {
        return events[event.ordinal()];
    }

    /** INFO's {@code total_commands_processed}: every call of every command, rejected ones excluded. */
    public long totalCommands() {
        return commands.values().stream().mapToLong(CommandStats::calls).sum();
    }

    @Override
    public long[] events() {
        return events.clone();
    }
}
