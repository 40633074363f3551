package dev.buildredis.admin;

import dev.buildredis.engine.Session;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CONFIG, SLOWLOG, TIME and SHUTDOWN in-process, against a manual clock. */
class ServerCommandsTest {

    private final Session session = new Session();

    @Test
    void memoryUnitsAreThoseOfRedis() {
        String[][] units = {{"1k", "1000"}, {"1kb", "1024"}, {"1m", "1000000"}, {"1mb", "1048576"},
                {"1g", "1000000000"}, {"1gb", "1073741824"}, {"7", "7"}, {"7B", "7"}};
        for (String[] unit : units) {
            assertThat(session.call("CONFIG", "SET", "maxmemory", unit[0])).isEqualTo("+OK\r\n");
            assertThat(session.call("CONFIG", "GET", "maxmemory")).endsWith("\r\n" + unit[1] + "\r\n");
        }
    }

    @Test
    void integerParametersTakeTheEndsOfTheirRange() {
        assertThat(session.call("CONFIG", "SET", "maxmemory-samples", "1")).isEqualTo("+OK\r\n");
        assertThat(session.call("CONFIG", "SET", "lfu-log-factor", "2147483647")).isEqualTo("+OK\r\n");
        assertThat(session.call("CONFIG", "SET", "maxmemory-samples", "0"))
                .contains("argument must be between 1 and 2147483647 inclusive");
        assertThat(session.call("CONFIG", "SET", "lfu-log-factor", "2147483648"))
                .contains("argument must be between 0 and 2147483647 inclusive");
        assertThat(session.call("CONFIG", "SET", "aof-use-rdb-preamble", "no"))
                .contains("this server writes the AOF base as RDB only");
        assertThat(session.call("CONFIG", "SET", "aof-load-truncated", "maybe")).contains("must be 'yes' or 'no'");
    }

    @Test
    void theCommandLineIsCheckedAsConfigSetIs() {
        assertThatThrownBy(() -> session.engine.configure(java.util.Map.of("dbfilename", "dir/dump.rdb")))
                .hasMessageContaining("dbfilename can't be a path, just a filename");
        assertThatThrownBy(() -> session.engine.configure(java.util.Map.of("enable-debug-command", "sometimes")))
                .hasMessageContaining("argument(s) must be one of the following: no, yes, local");
        session.engine.configure(java.util.Map.of("enable-debug-command", "local"));
        assertThat(session.call("CONFIG", "GET", "enable-debug-command")).endsWith("\r\nlocal\r\n");
    }

    @Test
    void theSlowLogKeepsTheNewestEntriesUpToItsLength() {
        session.call("CONFIG", "SET", "slowlog-log-slower-than", "0");
        session.call("CONFIG", "SET", "slowlog-max-len", "2");
        session.call("PING");
        session.call("ECHO", "a");
        assertThat(session.call("SLOWLOG", "LEN")).isEqualTo(":2\r\n");
        assertThat(session.call("SLOWLOG", "GET", "-1")).startsWith("*2\r\n");
        session.call("CONFIG", "SET", "slowlog-max-len", "1"); // a shorter log drops its oldest entries at once
        assertThat(session.call("SLOWLOG", "LEN")).isEqualTo(":1\r\n");
        String newest = session.call("SLOWLOG", "GET", "1");
        assertThat(newest).contains(":" + session.engine.keyspace().nowMillis() / 1000 + "\r\n"); // seconds
    }

    @Test
    void theSlowLogCutsOnlyWhatIsBeyondItsLimits() {
        session.call("CONFIG", "SET", "slowlog-log-slower-than", "0");
        String[] call = new String[32];
        Arrays.fill(call, "a");
        call[0] = "DEL";
        session.call(call); // 32 arguments are kept as they are
        session.call("ECHO", "x".repeat(128));
        String log = session.call("SLOWLOG", "GET", "2");
        assertThat(log).doesNotContain("more arguments").doesNotContain("more bytes").contains("x".repeat(128));
    }

    @Test
    void timeIsTheClocksTimeInSecondsAndMicroseconds() {
        String[] time = session.call("TIME").split("\r\n");
        long millis = session.engine.keyspace().nowMillis();
        assertThat(time[2]).isEqualTo(Long.toString(millis / 1000));
        assertThat(Long.parseLong(time[4]) / 1000).isEqualTo(millis % 1000);
    }

    @Test
    void shutdownStopsTheServerAndTakesOnlyItsOptions() {
        boolean[] stopped = {false};
        session.engine.onShutdown(() -> stopped[0] = true);
        assertThat(session.call("SHUTDOWN", "LATER")).isEqualTo("-ERR syntax error\r\n");
        assertThat(session.call("SHUTDOWN", "SAVE", "NOSAVE")).isEqualTo("-ERR syntax error\r\n");
        assertThat(stopped[0]).isFalse();
        session.call("SHUTDOWN", "NOSAVE", "NOW");
        assertThat(stopped[0]).isTrue();
    }

    @Test
    void flushallTakesSyncOrAsync() {
        session.call("SET", "k", "v");
        assertThat(session.call("FLUSHALL", "ASYNC")).isEqualTo("+OK\r\n");
        assertThat(session.call("FLUSHDB", "sync")).isEqualTo("+OK\r\n");
        assertThat(session.call("FLUSHALL", "SYNC", "ASYNC")).isEqualTo("-ERR syntax error\r\n");
        assertThat(session.call("DBSIZE")).isEqualTo(":0\r\n");
    }

    @Test
    void aShorterSlowLogDropsItsOldestEntriesAtOnce() {
        session.call("CONFIG", "SET", "slowlog-log-slower-than", "0");
        session.call("PING");
        session.call("ECHO", "a");
        session.call("CONFIG", "SET", "slowlog-log-slower-than", "-1", "slowlog-max-len", "1"); // not logged itself
        assertThat(session.call("SLOWLOG", "LEN")).isEqualTo(":1\r\n");
    }

    @Test
    void shutdownSaveAndBgsaveScheduleWriteTheDataSet(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        session.engine.configure(java.util.Map.of("dir", dir.toString()));
        boolean[] stopped = {false};
        session.engine.onShutdown(() -> stopped[0] = true);
        assertThat(session.call("BGSAVE", "NOW")).isEqualTo("-ERR syntax error\r\n");
        assertThat(session.call("BGSAVE", "SCHEDULE", "x")).isEqualTo("-ERR syntax error\r\n");
        assertThat(session.call("BGSAVE", "SCHEDULE")).startsWith("+Background saving");
        assertThat(session.call("SHUTDOWN", "SAVE", "SAVE")).isEqualTo("-ERR syntax error\r\n");
        session.call("SHUTDOWN", "SAVE", "FORCE");
        assertThat(stopped[0]).isTrue();
        assertThat(dir.resolve("dump.rdb")).exists();
    }

    @Test
    void parametersTakeTheValuesRedisTakes() {
        assertThat(session.call("CONFIG", "SET", "aof-use-rdb-preamble", "YES")).isEqualTo("+OK\r\n");
        assertThatThrownBy(() -> session.engine.configure(java.util.Map.of("dbfilename", "")))
                .hasMessageContaining("dbfilename can't be a path, just a filename");
        session.engine.configure(java.util.Map.of("dbfilename", "other.rdb"));
        assertThat(session.call("CONFIG", "GET", "dbfilename")).endsWith("\r\nother.rdb\r\n");
    }
}
