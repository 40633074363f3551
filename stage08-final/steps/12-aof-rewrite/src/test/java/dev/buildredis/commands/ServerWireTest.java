package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@WireTest
class ServerWireTest {

    @Test
    void configGetAnswersWhatRedisBenchmarkAsksAtStartUp(WireClient c) {
        c.call("*2\r\n$10\r\nappendonly\r\n$2\r\nno\r\n", "CONFIG", "GET", "appendonly");
        c.call("*2\r\n$9\r\ndatabases\r\n$2\r\n16\r\n", "CONFIG", "GET", "databases");
        c.call("*0\r\n", "CONFIG", "GET", "no-such-parameter");
    }

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

    @Test
    void configGetAnswersAnExactNameUnderTheNameAsAsked(WireClient c) {
        c.call("*2\r\n$4\r\nSAVE\r\n$0\r\n\r\n", "CONFIG", "GET", "SAVE");
        c.call("*2\r\n$4\r\nSave\r\n$0\r\n\r\n", "CONFIG", "GET", "Save", "save", "sav?");
    }

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
