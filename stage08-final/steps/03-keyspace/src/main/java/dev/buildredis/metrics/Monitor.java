package dev.buildredis.metrics;

import java.time.InstantSource;
import java.util.List;
import java.util.SequencedMap;
import java.util.function.Function;

/**
 * Everything that watches the server, handed to the commands that report on it ({@code INFO}, {@code SLOWLOG},
 * {@code CONFIG RESETSTAT}): the metrics, the slow log, the ops-per-second sampler, and the server's own INFO
 * sections (port, clients, persistence, keyspace), which only the server knows.
 *
 * @param serverSections the fields of the sections that are not made of metrics; an empty map for none
 */
public record Monitor(Metrics metrics, SlowLog slowLog, OpsPerSecond opsPerSecond,
                      Function<InfoSection, SequencedMap<String, ?>> serverSections) {

    /** Fresh metrics, a slow log with Redis's defaults on {@code clock}, and the server's sections. */
    public static Monitor of(InstantSource clock,
                             Function<InfoSection, SequencedMap<String, ?>> serverSections) {
        return new Monitor(new Metrics(), new SlowLog(clock), new OpsPerSecond(), serverSections);
    }

    /** INFO's reply text for its arguments ({@code INFO}, {@code INFO commandstats}, {@code INFO all}). */
    public String info(List<String> args) {
        MetricsSnapshot snapshot = metrics.snapshot();
        return InfoReport.render(InfoSection.select(args), section -> switch (section) {
            case MEMORY -> InfoReport.memory();
            case STATS -> InfoReport.stats(snapshot, opsPerSecond.perSecond());
            case COMMANDSTATS -> InfoReport.commandstats(snapshot);
            case LATENCYSTATS -> InfoReport.latencystats(snapshot);
            case SERVER, CLIENTS, PERSISTENCE, KEYSPACE -> serverSections.apply(section);
        });
    }

    /** {@code CONFIG RESETSTAT}: counts, histograms and the ops rate from zero; the slow log is kept, as in Redis. */
    public void resetStats() {
        metrics.reset();
        opsPerSecond.reset();
    }
}
