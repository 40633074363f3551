// @step 24
package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** OBJECT's REFCOUNT and HELP, and MEMORY's reports: their shape and Redis's words; the numbers are this server's. */
@WireTest
class ObjectMemoryWireTest {

    @Test
    void smallIntegersAreSharedWhileNoLruOrLfuPolicyIsInForce(WireClient c) {
        c.call("+OK\r\n", "SET", "om:small", "100");
        c.call("+OK\r\n", "SET", "om:large", "10000");
        c.call("+OK\r\n", "SET", "om:text", "abc");
        c.call(":2147483647\r\n", "OBJECT", "REFCOUNT", "om:small");
        c.call(":1\r\n", "OBJECT", "REFCOUNT", "om:large");
        c.call(":1\r\n", "OBJECT", "REFCOUNT", "om:text");
        c.call("$-1\r\n", "OBJECT", "REFCOUNT", "om:none");
    }

    @Test
    void objectHelpListsItsSubcommands(WireClient c) {
        List<Object> help = c.command("OBJECT", "HELP").readArray();
        assertThat(help).hasSize(15).startsWith("OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "ENCODING <key>").endsWith("HELP", "    Prints this help.");
    }

    @Test
    void memoryHelpListsItsSubcommands(WireClient c) {
        List<Object> help = c.command("MEMORY", "HELP").readArray();
        assertThat(help).hasSize(14).contains("DOCTOR", "MALLOC-STATS", "PURGE", "STATS",
                "USAGE <key> [SAMPLES <count>]");
    }

    @Test
    void memoryStatsIsAMapOfRedisFields(WireClient c) {
        c.call("+OK\r\n", "SET", "om:k", "v");
        List<Object> stats = c.command("MEMORY", "STATS").readArray();
        List<Object> names = new java.util.ArrayList<>();
        for (int i = 0; i < stats.size(); i += 2) {
            names.add(stats.get(i));
        }
        assertThat(names).startsWith("peak.allocated", "total.allocated", "startup.allocated", "replication.backlog",
                "clients.slaves", "clients.normal", "cluster.links", "aof.buffer", "lua.caches", "functions.caches")
                .contains("db.0", "overhead.total", "keys.count", "keys.bytes-per-key", "dataset.bytes",
                        "dataset.percentage", "peak.percentage", "fragmentation", "fragmentation.bytes");
        int db0 = names.indexOf("db.0") * 2 + 1;
        assertThat(stats.get(db0)).isEqualTo(List.of("overhead.hashtable.main", stats.get(db0) instanceof List<?> l
                ? l.get(1) : null, "overhead.hashtable.expires", ((List<?>) stats.get(db0)).get(3),
                "overhead.hashtable.slot-to-keys", 0L));
        assertThat((Long) stats.get(names.indexOf("keys.count") * 2 + 1)).isPositive();
    }

    @Test
    void memoryDoctorPurgeAndMallocStatsAnswer(WireClient c) {
        assertThat((String) c.command("MEMORY", "DOCTOR").readReply()).startsWith("Hi Sam, ");
        c.call("+OK\r\n", "MEMORY", "PURGE");
        assertThat(c.command("MEMORY", "MALLOC-STATS").readReply()).isInstanceOf(String.class);
        c.call("-ERR wrong number of arguments for 'memory|purge' command\r\n", "MEMORY", "PURGE", "x");
        c.call("-ERR unknown subcommand 'X'. Try MEMORY HELP.\r\n", "MEMORY", "X");
    }
}
