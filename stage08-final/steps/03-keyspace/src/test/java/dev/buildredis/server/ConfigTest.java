package dev.buildredis.server;

import dev.buildredis.persistence.AofConfig;
import dev.buildredis.persistence.FsyncPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConfigTest {

    @Test
    void noOptionsGiveRedisDefaults() {
        assertThat(Config.parse()).isEqualTo(new Config("127.0.0.1", 6379, 511, 10_000, true, 0));
    }

    @Test
    void optionsAreReadInRedisServerStyle() {
        assertThat(Config.parse("--port", "6380", "--bind", "0.0.0.0", "--backlog", "5", "--maxclients", "3",
                "--tcp-nodelay", "no", "--timeout", "30"))
                .isEqualTo(new Config("0.0.0.0", 6380, 5, 3, false, 30));
    }

    @ParameterizedTest(name = "--port {0}")
    @CsvSource({"0", "1", "65535"})
    void everyPortFromZeroTo65535IsAccepted(int port) {
        assertThat(Config.parse("--port", Integer.toString(port)).port()).isEqualTo(port);
    }

    @Test
    void optionNamesIgnoreCase() {
        assertThat(Config.parse("--PORT", "7000").port()).isEqualTo(7000);
    }

    @Test
    void theAppendOnlyFileIsOffByDefaultWithRedisDefaults() {
        assertThat(Config.parse().aof())
                .isEqualTo(new AofConfig(false, FsyncPolicy.EVERYSEC, Path.of("."), "appendonly.aof", true));
    }

    @Test
    void appendOnlyFileOptionsAreReadInRedisServerStyle() {
        Config config = Config.parse("--appendonly", "YES", "--appendfsync", "always", "--dir", "/tmp/data",
                "--appendfilename", "my.aof", "--aof-group-commit", "no");
        assertThat(config.aof())
                .isEqualTo(new AofConfig(true, FsyncPolicy.ALWAYS, Path.of("/tmp/data"), "my.aof", false));
        assertThat(config.aof().file()).isEqualTo(Path.of("/tmp/data/my.aof"));
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            --colour red    | Unknown option '--colour'. Known options: --port, --bind, --backlog, --maxclients, --tcp-nodelay, --timeout, --appendonly, --appendfsync, --dir, --appendfilename, --aof-group-commit
            --port          | Option '--port' needs a value
            --port abc      | Bad value 'abc' for option '--port': expected a whole number from 0 to 65535
            --port 65536    | Bad value '65536' for option '--port': expected a whole number from 0 to 65535
            --port -1       | Bad value '-1' for option '--port': expected a whole number from 0 to 65535
            --store locked  | Unknown option '--store'. Known options: --port, --bind, --backlog, --maxclients, --tcp-nodelay, --timeout, --appendonly, --appendfsync, --dir, --appendfilename, --aof-group-commit
            --backlog 0     | Bad value '0' for option '--backlog': expected a whole number from 1 to 65535
            --maxclients 0  | Bad value '0' for option '--maxclients': expected a whole number from 1 to 1000000
            --timeout -1    | Bad value '-1' for option '--timeout': expected a whole number from 0 to 2147483
            --tcp-nodelay 1 | Bad value '1' for option '--tcp-nodelay': expected yes or no
            port 6379       | Unknown option 'port'. Known options: --port, --bind, --backlog, --maxclients, --tcp-nodelay, --timeout, --appendonly, --appendfsync, --dir, --appendfilename, --aof-group-commit
            --appendonly on           | Bad value 'on' for option '--appendonly': expected yes or no
            --appendfsync sometimes   | Bad value 'sometimes' for option '--appendfsync': expected always, everysec or no
            --appendfilename a/b.aof  | Bad value 'a/b.aof' for option '--appendfilename': expected a file name without a directory (use --dir)
            """)
    void malformedOptionsAreRefusedWithAReason(String args, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> Config.parse(args.split(" ")))
                .withMessage(message);
    }
}
