package dev.buildredis.engine;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** INFO commandstats and total_commands_processed: what is counted, under which name, and what RESETSTAT clears. */
class CommandStatsTest {

    private final Session session = new Session();

    @Test
    void eachCommandThatRanHasALineSortedByNameWithSubcommandsApart() {
        session.call("SET", "k", "v");
        session.call("get", "k");
        session.call("GeT", "k");
        session.call("CONFIG", "GET", "maxmemory");

        assertThat(statLines()).containsExactly(
                "cmdstat_config|get:calls=1",
                "cmdstat_get:calls=2",
                "cmdstat_set:calls=1");
    }

    @Test
    void eachLineHasRedisFields() {
        session.call("PING");
        String line = stats().lines().filter(l -> l.startsWith("cmdstat_ping:")).findFirst().orElseThrow();
        assertThat(line).matches("cmdstat_ping:calls=1,usec=\\d+,usec_per_call=\\d+\\.\\d\\d,"
                + "rejected_calls=0,failed_calls=0");
    }

    @Test
    void refusedCommandsAreNotCountedButFailingOnesAre() {
        session.call("nosuch");
        session.call("get");                         // wrong number of arguments: refused before it runs
        session.call("rpush", "list", "a");
        session.call("get", "list");                 // WRONGTYPE: it ran and failed
        assertThat(statLines()).containsExactly("cmdstat_get:calls=1", "cmdstat_rpush:calls=1");
    }

    @Test
    void infoCountsItselfOnlyAfterItHasAnswered() {
        assertThat(statLines()).isEmpty();
        assertThat(statLines()).containsExactly("cmdstat_info:calls=1");
    }

    @Test
    void commandsInsideATransactionAreCountedOneByOneWithExec() {
        session.call("MULTI");
        session.call("SET", "k", "v");
        session.call("INCR", "n");
        session.call("EXEC");
        assertThat(statLines()).containsExactly("cmdstat_exec:calls=1", "cmdstat_incr:calls=1",
                "cmdstat_multi:calls=1", "cmdstat_set:calls=1");
    }

    @Test
    void resetstatClearsTheCountersAndIsThenCountedItself() {
        session.call("SET", "k", "v");
        session.call("CONFIG", "RESETSTAT");
        assertThat(statLines()).containsExactly("cmdstat_config|resetstat:calls=1");
        assertThat(session.call("INFO", "stats")).contains("total_commands_processed:2\r\n"); // RESETSTAT, INFO
    }

    @Test
    void totalCommandsProcessedCountsEveryCommandThatRan() {
        session.call("SET", "k", "v");
        session.call("GET", "k");
        session.call("nosuch");
        assertThat(session.call("INFO", "stats")).contains("total_commands_processed:2\r\n");
    }

    /** INFO commandstats's lines up to the call count, without the section header. */
    private List<String> statLines() {
        return stats().lines().skip(1).map(l -> l.substring(0, l.indexOf(",usec="))).toList();
    }

    private String stats() {
        String reply = session.call("INFO", "commandstats");
        String body = reply.substring(reply.indexOf("\r\n") + 2);
        assertThat(body).startsWith("# Commandstats\r\n");
        return Arrays.stream(body.split("\r\n")).filter(l -> !l.isEmpty()).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
