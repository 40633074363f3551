package dev.buildredis.engine;

import dev.buildredis.testing.BothServers;
import dev.buildredis.testing.WireClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * INFO as tools read it: every section redis-server 7.0 prints, in its order, with the same fields in the same
 * order (the values are each server's own). The lines that depend on what ran (a command's or an error's stats, a
 * database's keys) and this server's java_version are left out of the comparison.
 */
class InfoFieldsComparisonTest {

    private static BothServers servers;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        servers = BothServers.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        servers.close();
    }

    @Test
    void everySectionHasRedisFieldsInRedisOrder() {
        for (String section : List.of("default", "all", "everything")) {
            assertThat(fields(servers.ours(), section)).as("INFO " + section)
                    .containsExactlyElementsOf(fields(servers.redis(), section));
        }
    }

    private static List<String> fields(WireClient c, String section) {
        c.call("+OK\r\n", "SET", "k", "v");
        c.command("GET", "k").readReply();
        c.command("LPUSH", "k", "x").readReply(); // a WRONGTYPE, so that errorstats has a line
        List<String> names = new ArrayList<>();
        for (String line : ((String) c.command("INFO", section).readReply()).split("\r\n")) {
            String name = line.contains(":") ? line.substring(0, line.indexOf(':')) : line;
            if (!name.isEmpty() && !name.startsWith("cmdstat_") && !name.startsWith("errorstat_")
                    && !name.startsWith("latency_percentiles_usec_") && !name.matches("db[0-9]+")
                    && !name.equals("java_version")) {
                names.add(name);
            }
        }
        return names;
    }
}
