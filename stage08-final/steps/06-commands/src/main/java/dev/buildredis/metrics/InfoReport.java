package dev.buildredis.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.SequencedMap;
import java.util.Set;
import java.util.function.Function;

/**
 * INFO's text, in Redis's format: a heading per section, a {@code name:value} line per field, CRLF line ends,
 * and an empty line between sections (none after the last):
 * <pre>
 * # Stats\r\n
 * total_connections_received:3\r\n
 * total_commands_processed:12\r\n
 * \r\n
 * # Commandstats\r\n
 * cmdstat_get:calls=5,usec=9,usec_per_call=1.80,rejected_calls=0,failed_calls=0\r\n
 * \r\n
 * # Latencystats\r\n
 * latency_percentiles_usec_get:p50=1.003,p99=3.007,p99.9=3.007\r\n
 * </pre>
 * The sections made of {@link Metrics} are built here; the server supplies its own (port, clients, persistence).
 */
public final class InfoReport {

    /** Redis's default {@code latency-tracking-info-percentiles}. */
    static final double[] PERCENTILES = {50, 99, 99.9};

    private InfoReport() {
    }

    // tag::render[]
    /** The text of the selected sections, each section's fields given by {@code fields}. */
    public static String render(Set<InfoSection> sections,
                                Function<InfoSection, SequencedMap<String, ?>> fields) {
        StringBuilder text = new StringBuilder();
        for (InfoSection section : sections) {
            if (!text.isEmpty()) {
                text.append("\r\n");
            }
            text.append(section.title()).append("\r\n");
            fields.apply(section).forEach((name, value) -> text.append(name).append(':').append(value).append("\r\n"));
        }
        return text.toString();
    }
    // end::render[]

    /** {@code # Stats}: the counts, in Redis's order (a subset of Redis's fields). */
    public static SequencedMap<String, Object> stats(MetricsSnapshot metrics, long opsPerSecond) {
        SequencedMap<String, Object> fields = new LinkedHashMap<>();
        fields.put(Event.CONNECTION_RECEIVED.infoField(), metrics.count(Event.CONNECTION_RECEIVED));
        fields.put("total_commands_processed", metrics.totalCommands());
        fields.put("instantaneous_ops_per_sec", opsPerSecond);
        for (Event event : new Event[] {Event.CONNECTION_REJECTED, Event.EXPIRED_KEY, Event.KEYSPACE_HIT,
                Event.KEYSPACE_MISS}) {
            fields.put(event.infoField(), metrics.count(event));
        }
        return fields;
    }

    // tag::commandstats[]
    /** {@code # Commandstats}: one line per command that was called or rejected. */
    public static SequencedMap<String, Object> commandstats(MetricsSnapshot metrics) {
        SequencedMap<String, Object> fields = new LinkedHashMap<>();
        metrics.commands().forEach((name, stats) -> fields.put("cmdstat_" + name,
                "calls=" + stats.calls() + ",usec=" + stats.usec()
                        + ",usec_per_call=" + String.format(Locale.ROOT, "%.2f", stats.usecPerCall())
                        + ",rejected_calls=" + stats.rejected() + ",failed_calls=" + stats.failed()));
        return fields;
    }

    /** {@code # Latencystats}: p50, p99 and p99.9 in microseconds, for each command that ran at least once. */
    public static SequencedMap<String, Object> latencystats(MetricsSnapshot metrics) {
        SequencedMap<String, Object> fields = new LinkedHashMap<>();
        metrics.commands().forEach((name, stats) -> {
            if (stats.calls() > 0) {
                StringBuilder line = new StringBuilder();
                for (double percentile : PERCENTILES) {
                    line.append(line.isEmpty() ? "" : ",").append('p').append(percentileName(percentile)).append('=')
                            .append(String.format(Locale.ROOT, "%.3f", stats.percentileUsec(percentile)));
                }
                fields.put("latency_percentiles_usec_" + name, line.toString());
            }
        });
        return fields;
    }
    // end::commandstats[]

    /** {@code # Keyspace}: {@code db0:keys=2,expires=1,avg_ttl=0}, or no line for an empty database, as Redis. */
    public static SequencedMap<String, Object> keyspace(int db, long keys, long expires) {
        SequencedMap<String, Object> fields = new LinkedHashMap<>();
        if (keys > 0) {
            fields.put("db" + db, "keys=" + keys + ",expires=" + expires + ",avg_ttl=0"); // avg_ttl: not sampled here
        }
        return fields;
    }

    /**
     * {@code # Memory}. A JVM has no allocator figure like Redis's {@code used_memory}; the closest honest one is
     * the heap still in use after the last garbage collection (live data plus what that collection kept), which
     * does not swing with the garbage between collections. The JVM's own heap figures follow.
     */
    public static SequencedMap<String, Object> memory() {
        long afterGc = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage collected = pool.getCollectionUsage();
            if (pool.getType() == MemoryType.HEAP && collected != null) {
                afterGc += collected.getUsed();
            }
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long used = afterGc > 0 ? afterGc : heap.getUsed(); // before the first collection there is no figure
        SequencedMap<String, Object> fields = new LinkedHashMap<>();
        fields.put("used_memory", used);
        fields.put("used_memory_human", human(used));
        fields.put("maxmemory", 0);
        fields.put("maxmemory_human", human(0));
        fields.put("jvm_heap_used", heap.getUsed());
        fields.put("jvm_heap_committed", heap.getCommitted());
        fields.put("jvm_heap_max", heap.getMax());
        return fields;
    }

    /** Redis's bytesToHuman: {@code 512B}, {@code 1.24M}. */
    static String human(long bytes) {
        String[] units = {"K", "M", "G", "T", "P"};
        if (bytes < 1024) {
            return bytes + "B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f%s", value, units[unit]);
    }

    /** {@code 50}, {@code 99.9}: the percentile as Redis names it, without trailing zeros. */
    private static String percentileName(double percentile) {
        return BigDecimal.valueOf(percentile).stripTrailingZeros().toPlainString();
    }
}
