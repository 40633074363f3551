package dev.buildredis.server;

import dev.buildredis.testing.RedisTarget;
import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.resps.Slowlog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * INFO, SLOWLOG and CONFIG RESETSTAT after a known sequence of commands: the counts exact, the texts in Redis's
 * format. Every count starts from CONFIG RESETSTAT, so the suite passes against
 * a real redis-server that other tests used before.
 */
@WireTest
class InfoWireTest {

    private final String key = "stage07:" + UUID.randomUUID();

    @AfterEach
    void restoreTheSlowLogDefaults(Jedis jedis) {
        jedis.configSet("slowlog-log-slower-than", "10000");
        jedis.configSet("slowlog-max-len", "128");
    }

    @Test
    void commandstatsCountsCallsRejectionsAndFailuresExactly(Jedis jedis) {
        jedis.configResetStat();
        jedis.set(key, "v");
        jedis.get(key);
        jedis.get(key + ":missing");
        assertThatThrownBy(() -> jedis.sendCommand(Protocol.Command.GET)).hasMessageContaining("wrong number");
        assertThatThrownBy(() -> jedis.sendCommand(Protocol.Command.SET, key, "v", "EX", "ten"))
                .hasMessageContaining("not an integer");

        Map<String, String> stats = fields(jedis.info("commandstats"));

        assertThat(stats.get("cmdstat_get")).matches("calls=2,usec=\\d+,usec_per_call=\\d+\\.\\d\\d,"
                + "rejected_calls=1,failed_calls=0");
        assertThat(stats.get("cmdstat_set")).matches("calls=2,usec=\\d+,usec_per_call=\\d+\\.\\d\\d,"
                + "rejected_calls=0,failed_calls=1");
        assertThat(stats.get("cmdstat_config|resetstat")).startsWith("calls=1,");
    }

    @Test
    void statsCountsCommandsAndKeyspaceHitsAndMisses(Jedis jedis) {
        jedis.configResetStat();
        jedis.set(key, "v");
        jedis.get(key);
        jedis.get(key);
        jedis.get(key + ":missing");

        Map<String, String> stats = fields(jedis.info("stats"));

        // CONFIG RESETSTAT counts itself once it has run; INFO counts itself after it has replied
        assertThat(stats.get("total_commands_processed")).isEqualTo("5");
        assertThat(stats.get("keyspace_hits")).isEqualTo("2");
        assertThat(stats.get("keyspace_misses")).isEqualTo("1");
        assertThat(stats).containsKeys("total_connections_received", "instantaneous_ops_per_sec",
                "rejected_connections", "expired_keys");
    }

    @Test
    void aPlainInfoShowsTheDefaultSectionsOnly(Jedis jedis) {
        String info = jedis.info();

        assertThat(info).startsWith("# Server\r\n").contains("\r\n\r\n# Clients\r\n", "\r\n# Stats\r\n",
                "\r\n# Keyspace\r\n", "connected_clients:", "redis_version:", "tcp_port:", "used_memory:");
        assertThat(info).doesNotContain("# Commandstats", "# Latencystats");
    }

    @Test
    void persistenceSaysWhetherTheAppendOnlyFileIsOnAndWritable(Jedis jedis) {
        Map<String, String> persistence = fields(jedis.info("persistence"));

        assertThat(persistence.get("aof_enabled")).isEqualTo(RedisTarget.appendOnly() ? "1" : "0");
        assertThat(persistence.get("aof_last_write_status")).isEqualTo("ok");
        assertThat(persistence.get("loading")).isEqualTo("0");
    }

    @Test
    void infoOfAnUnknownSectionIsAnEmptyBulkString(WireClient client) {
        client.command("INFO", "nosuch").expect("$0\r\n\r\n");
    }

    @Test
    void infoEverythingIncludesCommandstats(Jedis jedis) {
        jedis.get(key);

        assertThat(jedis.info("everything")).contains("# Commandstats\r\ncmdstat_");
    }

    @Test
    void slowlogWithThresholdZeroRecordsACommandWithItsArgumentsInOrder(Jedis jedis) {
        jedis.configSet("slowlog-log-slower-than", "0");
        jedis.slowlogReset();
        jedis.set(key, "some value");

        List<Slowlog> entries = jedis.slowlogGet(1);

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.getArgs()).containsExactly("SET", key, "some value");
            assertThat(entry.getClientIpPort().getHost()).isEqualTo("127.0.0.1");
            assertThat(entry.getExecutionTime()).isNotNegative();
        });
    }

    @Test
    void slowlogLenCountsAndResetEmpties(Jedis jedis) {
        jedis.configSet("slowlog-log-slower-than", "0");
        jedis.slowlogReset(); // logged itself, after it ran
        jedis.get(key);

        assertThat(jedis.slowlogLen()).isEqualTo(2);
        jedis.configSet("slowlog-log-slower-than", "-1");
        jedis.slowlogReset();
        assertThat(jedis.slowlogLen()).isZero();
    }

    @Test
    void theSlowLogParametersAreReadableAndSettable(WireClient client) {
        client.command("CONFIG", "SET", "slowlog-max-len", "5").expect("+OK\r\n");
        client.command("CONFIG", "GET", "slowlog-max-len").expect("*2\r\n$15\r\nslowlog-max-len\r\n$1\r\n5\r\n");
        client.command("CONFIG", "SET", "slowlog-max-len", "abc").expect("-ERR CONFIG SET failed (possibly related"
                + " to argument 'slowlog-max-len') - argument couldn't be parsed into an integer\r\n");
        client.command("SLOWLOG", "GET", "-2").expect("-ERR count should be greater than or equal to -1\r\n");
        client.command("CONFIG", "SET", "slowlog-max-len", "128").expect("+OK\r\n");
    }

    /** INFO's {@code name:value} lines as a map; headings and empty lines skipped. */
    private static Map<String, String> fields(String info) {
        Map<String, String> fields = new HashMap<>();
        for (String line : info.split("\r\n")) {
            int colon = line.indexOf(':');
            if (!line.startsWith("#") && colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return fields;
    }
}
