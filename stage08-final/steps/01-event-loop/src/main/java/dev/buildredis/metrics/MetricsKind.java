package dev.buildredis.metrics;

import java.util.Locale;

/**
 * The {@link Metrics} implementations, as {@code --metrics off|global-lock|striped|per-thread} names them.
 * Each answers INFO the same way; they differ only in what recording costs when many clients record at once.
 */
public enum MetricsKind {
    /** Records nothing: the baseline that shows what the other three cost. */
    OFF,
    /** Every counter and histogram behind one lock: the simplest, and a point every client meets. */
    GLOBAL_LOCK,
    /** Counters in {@code LongAdder}s and one multi-writer histogram per command: no lock, some shared cache lines. */
    STRIPED,
    /** Each thread records into its own cells; INFO merges them. Nothing is shared while recording. */
    PER_THREAD;

    /** The name as the command line spells it: {@code global-lock}. */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
