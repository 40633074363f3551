package dev.buildredis.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConfigTest {

    @Test
    void noOptionsGiveRedisDefaults() {
        assertThat(Config.parse()).isEqualTo(new Config("127.0.0.1", 6379));
    }

    @Test
    void optionsAreReadInRedisServerStyle() {
        assertThat(Config.parse("--port", "6380", "--bind", "0.0.0.0")).isEqualTo(new Config("0.0.0.0", 6380));
    }

    @Test
    void memoryOptionsBecomeSettings() {
        assertThat(Config.parse("--maxmemory", "10mb", "--maxmemory-policy", "allkeys-lru").settings())
                .containsEntry("maxmemory", "10mb").containsEntry("maxmemory-policy", "allkeys-lru");
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

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            --port          | Option '--port' needs a value
            --port abc      | Bad value 'abc' for option '--port': expected a whole number from 0 to 65535
            --port 65536    | Bad value '65536' for option '--port': expected a whole number from 0 to 65535
            --port -1       | Bad value '-1' for option '--port': expected a whole number from 0 to 65535
            port 6379       | Unknown option 'port': options are --name value
            -- 6379          | Unknown option '--': options are --name value
            """)
    void malformedOptionsAreRefusedWithAReason(String args, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> Config.parse(args.split(" ")))
                .withMessage(message);
    }
}
