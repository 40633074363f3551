// @step 01-06
package dev.buildredis.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;

import static org.assertj.core.api.Assertions.assertThat;

/** INFO's text, byte for byte where Redis's format fixes it. */
class InfoReportTest {

    //> step 01-01
//~    private final Metrics metrics = Metrics.create(MetricsKind.GLOBAL_LOCK);
    //< step 01-01
    //> step 02-06
//~    private final Metrics metrics = new Metrics();
    //< step 02-06

    @Test
    void sectionsAreHeadedAndSeparatedByOneEmptyLineWithCrlfEverywhere() {
        String text = InfoReport.render(EnumSet.of(InfoSection.SERVER, InfoSection.KEYSPACE), section -> {
            SequencedMap<String, Object> fields = new LinkedHashMap<>();
            if (section == InfoSection.SERVER) {
                fields.put("redis_version", "7.0.15");
                fields.put("tcp_port", 6379);
            }
            return fields;
        });

        assertThat(text).isEqualTo("# Server\r\nredis_version:7.0.15\r\ntcp_port:6379\r\n\r\n# Keyspace\r\n");
    }

    @Test
    void commandstatsLineHasRedisFieldsInRedisOrder() {
        metrics.recordCall("get", 1_500, false);
        metrics.recordCall("get", 2_000, true);
        metrics.recordRejected("get");
        metrics.recordRejected("config|get");

        assertThat(InfoReport.commandstats(metrics.snapshot())).containsExactly(
                entry("cmdstat_config|get", "calls=0,usec=0,usec_per_call=0.00,rejected_calls=1,failed_calls=0"),
                entry("cmdstat_get", "calls=2,usec=3,usec_per_call=1.75,rejected_calls=1,failed_calls=1"));
    }

    @Test
    void latencystatsShowsP50P99AndP999InMicrosecondsForCommandsThatRan() {
        metrics.recordCall("get", 1_000, false);
        metrics.recordRejected("set"); // never ran: no histogram line

        assertThat(InfoReport.latencystats(metrics.snapshot())).containsExactly(
                entry("latency_percentiles_usec_get", "p50=1.003,p99=1.003,p99.9=1.003"));
    }

    @Test
    void statsListsTheCountsUnderRedisNames() {
        metrics.recordCall("get", 1_000, false);
        metrics.record(Event.CONNECTION_RECEIVED);
        metrics.record(Event.KEYSPACE_MISS);

        assertThat(InfoReport.stats(metrics.snapshot(), 42)).containsExactly(
                entry("total_connections_received", 1L), entry("total_commands_processed", 1L),
                entry("instantaneous_ops_per_sec", 42L), entry("rejected_connections", 0L),
                entry("expired_keys", 0L), entry("keyspace_hits", 0L), entry("keyspace_misses", 1L));
    }

    @Test
    void keyspaceHasNoLineForAnEmptyDataSet() {
        //> step 01-03
//~        assertThat(InfoReport.keyspace(0, 0)).isEmpty();
//~        assertThat(InfoReport.keyspace(3, 1)).containsExactly(entry("db0", "keys=3,expires=1,avg_ttl=0"));
        //< step 01-03
        //> step 04-06
//~        assertThat(InfoReport.keyspace(0, 0, 0)).isEmpty();
//~        assertThat(InfoReport.keyspace(0, 3, 1)).containsExactly(entry("db0", "keys=3,expires=1,avg_ttl=0"));
//~        assertThat(InfoReport.keyspace(7, 2, 0)).containsExactly(entry("db7", "keys=2,expires=0,avg_ttl=0"));
        //< step 04-06
    }

    @Test
    void memoryReportsAPositiveUsedMemoryWithItsHumanForm() {
        SequencedMap<String, Object> memory = InfoReport.memory();

        assertThat((Long) memory.get("used_memory")).isPositive();
        assertThat(memory.get("used_memory_human").toString()).matches("\\d+(B|\\.\\d\\d[KMGTP])");
    }

    @ParameterizedTest
    @CsvSource({"0, 0B", "1023, 1023B", "1024, 1.00K", "1300000, 1.24M", "25276502016, 23.54G"})
    void bytesReadAsRedisWritesThem(long bytes, String human) {
        assertThat(InfoReport.human(bytes)).isEqualTo(human);
    }

    private static Map.Entry<String, Object> entry(String name, Object value) {
        return Map.entry(name, value);
    }
}
