// @step 09
package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@WireTest
class ServerWireTest {

    //> step 11
    @Test
    void configGetAnswersWhatRedisBenchmarkAsksAtStartUp(WireClient c) {
        c.call("*2\r\n$10\r\nappendonly\r\n$2\r\nno\r\n", "CONFIG", "GET", "appendonly");
        c.call("*2\r\n$9\r\ndatabases\r\n$2\r\n16\r\n", "CONFIG", "GET", "databases");
        c.call("*0\r\n", "CONFIG", "GET", "no-such-parameter");
        //> step 15
        assertThat(c.command("CONFIG", "GET", "maxmemory*").readArray()).contains("maxmemory", "maxmemory-policy");
        //< step 15
    }
    //< step 11

    //> step 15
    @Test
    void configSetChangesAKnownParameterAndRefusesUnknownOnes(WireClient c) {
        c.call("+OK\r\n", "CONFIG", "SET", "maxmemory-policy", "allkeys-lru");
        c.call("*2\r\n$16\r\nmaxmemory-policy\r\n$11\r\nallkeys-lru\r\n", "CONFIG", "GET", "maxmemory-policy");
        c.call("+OK\r\n", "CONFIG", "SET", "maxmemory-policy", "noeviction");
        c.call("-ERR Unknown option or number of arguments for CONFIG SET - 'nope'\r\n", "CONFIG", "SET", "nope", "1");
    }
    //< step 15

    @Test
    void infoHasSectionsAndKeyspaceCounts(WireClient c) {
        c.call("+OK\r\n", "FLUSHALL");
        c.call("+OK\r\n", "SET", "info-key", "v");
        String info = (String) c.command("INFO").readReply();
        assertThat(info).startsWith("# Server\r\n").contains("redis_version:").contains("\r\n# Keyspace\r\ndb0:keys=1,");
        String keyspace = (String) c.command("INFO", "keyspace").readReply();
        assertThat(keyspace).startsWith("# Keyspace\r\n").doesNotContain("# Server");
    }

    @Test
    void commandStatsAndKeyspaceHitsCountWhatRan(WireClient c) {
        c.call("+OK\r\n", "CONFIG", "RESETSTAT");
        c.call("+OK\r\n", "SET", "stats:k", "v");
        c.call("$1\r\nv\r\n", "GET", "stats:k");
        c.call("$-1\r\n", "GET", "stats:missing");
        assertThat((String) c.command("INFO", "stats").readReply()).contains("keyspace_hits:1\r\n", "keyspace_misses:1\r\n");
        String commandstats = (String) c.command("INFO", "commandstats").readReply();
        java.util.regex.Matcher get = java.util.regex.Pattern.compile("cmdstat_get:calls=2,usec=(\\d+),").matcher(commandstats);
        assertThat(get.find()).as(commandstats).isTrue();
        assertThat(Long.parseLong(get.group(1))).as("two GETs take microseconds, not seconds").isLessThan(1_000_000);
    }

    @Test
    void resetstatAlsoClearsTheSubcommandsCounts(WireClient c) {
        c.command("CLIENT", "ID").readReply();
        assertThat((String) c.command("INFO", "commandstats").readReply()).contains("cmdstat_client|id:calls=");
        c.call("+OK\r\n", "CONFIG", "RESETSTAT");
        assertThat((String) c.command("INFO", "commandstats").readReply()).doesNotContain("cmdstat_client|id:");
    }

    //> step 22
    @Test
    void commandInfoOfAnUnknownCommandIsANullBulkString(WireClient c) {
        c.call("*2\r\n$-1\r\n$-1\r\n", "COMMAND", "INFO", "nosuch", "");
    }

    @Test
    void commandInfoDescribesACommand(WireClient c) {
        List<Object> info = c.command("COMMAND", "INFO", "get", "nosuch").readArray();
        @SuppressWarnings("unchecked")
        List<Object> get = (List<Object>) info.get(0);
        assertThat(get.subList(0, 6)).containsExactly("get", 2L, List.of("readonly", "fast"), 1L, 1L, 1L);
        assertThat(info.get(1)).isNull();
        assertThat((Long) c.command("COMMAND", "COUNT").readReply()).isGreaterThan(100);
    }
    //< step 22

    @Test
    void commandGetkeysFindsTheKeys(WireClient c) {
        c.call("*2\r\n$1\r\na\r\n$1\r\nb\r\n", "COMMAND", "GETKEYS", "MSET", "a", "1", "b", "2");
    }

    @Test
    void timeRepliesWithSecondsAndMicroseconds(WireClient c) {
        List<Object> time = c.command("TIME").readArray();
        assertThat(Long.parseLong((String) time.get(0))).isGreaterThan(1_700_000_000L);
        assertThat(Long.parseLong((String) time.get(1))).isBetween(0L, 999_999L);
    }

    //> step 10
    @Test
    void configGetAnswersAnExactNameUnderTheNameAsAsked(WireClient c) {
        c.call("*2\r\n$4\r\nSAVE\r\n$0\r\n\r\n", "CONFIG", "GET", "SAVE");
        c.call("*2\r\n$4\r\nSave\r\n$0\r\n\r\n", "CONFIG", "GET", "Save", "save", "sav?");
    }
    //< step 10

    //> step 15
    @Test
    void configSetChecksIntegersAsRedisDoes(WireClient c) {
        String failed = "-ERR CONFIG SET failed (possibly related to argument ";
        c.call(failed + "'hz') - argument couldn't be parsed into an integer\r\n", "CONFIG", "SET", "hz", "x");
        c.call(failed + "'timeout') - argument must be between 0 and 2147483647 inclusive\r\n",
                "CONFIG", "SET", "timeout", "-1");
        c.call(failed + "'maxclients') - argument must be between 1 and 4294967295 inclusive\r\n",
                "CONFIG", "SET", "maxclients", "99999999999");
        c.call(failed + "'slowlog-log-slower-than') - argument must be between -1 and 9223372036854775807 "
                + "inclusive\r\n", "CONFIG", "SET", "slowlog-log-slower-than", "-5");
        c.call(failed + "'slowlog-log-slower-than') - argument couldn't be parsed into an integer\r\n",
                "CONFIG", "SET", "slowlog-log-slower-than", "99999999999999999999");
        c.call(failed + "'slowlog-max-len') - argument must be between 0 and 9223372036854775807 inclusive\r\n",
                "CONFIG", "SET", "slowlog-max-len", "-1");
        c.call(failed + "'maxmemory-samples') - argument couldn't be parsed into an integer\r\n",
                "CONFIG", "SET", "maxmemory-samples", "x");
        c.call(failed + "'set-max-intset-entries') - argument must be between 0 and 9223372036854775807 "
                + "inclusive\r\n", "CONFIG", "SET", "set-max-intset-entries", "-2");
        c.call(failed + "'appendonly') - argument must be 'yes' or 'no'\r\n", "CONFIG", "SET", "appendonly", "maybe");
        c.call(failed + "'appendfsync') - argument(s) must be one of the following: everysec, always, no\r\n",
                "CONFIG", "SET", "appendfsync", "sometimes");
        c.call(failed + "'rdbchecksum') - can't set immutable config\r\n", "CONFIG", "SET", "rdbchecksum", "no");
        c.call("*2\r\n$2\r\nhz\r\n$2\r\n10\r\n", "CONFIG", "GET", "hz");
    }
    //< step 15

    @Test
    void hzIsHeldBetweenOneAndFiveHundred(WireClient c) {
        try {
            c.call("+OK\r\n", "CONFIG", "SET", "hz", "0");
            c.call("*2\r\n$2\r\nhz\r\n$1\r\n1\r\n", "CONFIG", "GET", "hz");
            c.call("+OK\r\n", "CONFIG", "SET", "hz", "501");
            c.call("*2\r\n$2\r\nhz\r\n$3\r\n500\r\n", "CONFIG", "GET", "hz");
        } finally {
            c.call("+OK\r\n", "CONFIG", "SET", "hz", "10");
        }
    }

    //> step 16
    @Test
    void commandGetkeysNeedsACommandAndItsArguments(WireClient c) {
        c.call("-ERR wrong number of arguments for 'command|getkeys' command\r\n", "COMMAND", "GETKEYS", "get");
        c.call("-ERR Invalid command specified\r\n", "COMMAND", "GETKEYS", "nosuch", "k");
        c.call("-ERR The command has no key arguments\r\n", "COMMAND", "GETKEYS", "ping", "x");
        c.call("-ERR Invalid number of arguments specified for command\r\n", "COMMAND", "GETKEYS", "get", "k", "x");
        c.call("*1\r\n$1\r\nk\r\n", "COMMAND", "GETKEYS", "get", "k");
        c.call("*2\r\n$1\r\na\r\n$1\r\nb\r\n", "COMMAND", "GETKEYS", "blpop", "a", "b", "0");
    }
    //< step 16

    //> step 22
    @Test
    void commandListsAndDescribesEveryCommand(WireClient c) {
        long count = (Long) c.command("COMMAND", "COUNT").readReply();
        assertThat(c.command("COMMAND").readArray()).hasSize((int) count);
        assertThat(c.command("COMMAND", "INFO").readArray()).hasSize((int) count);
        List<Object> names = c.command("COMMAND", "LIST").readArray();
        assertThat(names).hasSizeGreaterThan((int) count).contains("get", "client", "client|list", "command|count");
        List<Object> client = c.command("COMMAND", "INFO", "client").readArray();
        @SuppressWarnings("unchecked")
        List<Object> subcommands = (List<Object>) ((List<Object>) client.get(0)).get(9);
        assertThat(subcommands).isNotEmpty();
        List<Object> list = c.command("COMMAND", "INFO", "client|list").readArray();
        @SuppressWarnings("unchecked")
        List<Object> described = (List<Object>) list.get(0);
        assertThat(described.get(0)).isEqualTo("client|list");
        assertThat(c.command("COMMAND", "INFO", "client|nosuch", "nosuch|list").readArray()).containsExactly(null, null);
    }
    //< step 22

    @Test
    void helpOfConfigCommandDebugAndSlowlog(WireClient c) {
        for (String command : new String[] {"CONFIG", "COMMAND", "SLOWLOG"}) {
            List<Object> help = c.command(command, "HELP").readArray();
            assertThat(help.get(0)).isEqualTo(command + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
            assertThat(help.subList(help.size() - 2, help.size())).containsExactly("HELP", "    Prints this help.");
        }
    }

    @Test
    void slowlogGetOfMinusOneIsEveryEntry(WireClient c) {
        assertThat(c.command("SLOWLOG", "GET", "-1").readReply()).isInstanceOf(List.class);
    }
}
