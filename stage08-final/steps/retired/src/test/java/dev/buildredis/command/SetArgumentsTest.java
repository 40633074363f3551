// @step 01-05
package dev.buildredis.command;

import dev.buildredis.store.Condition;
import dev.buildredis.store.Expiry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SetArgumentsTest {

    private static final long NOW = 1_700_000_000_000L;

    static Stream<Arguments> validOptions() {
        return Stream.of(
                arguments("", new SetArguments(Condition.ALWAYS, Expiry.PERSIST, false)),
                arguments("NX", new SetArguments(Condition.IF_ABSENT, Expiry.PERSIST, false)),
                arguments("xx", new SetArguments(Condition.IF_PRESENT, Expiry.PERSIST, false)),
                arguments("NX NX", new SetArguments(Condition.IF_ABSENT, Expiry.PERSIST, false)),
                arguments("GET", new SetArguments(Condition.ALWAYS, Expiry.PERSIST, true)),
                arguments("EX 10", new SetArguments(Condition.ALWAYS, new Expiry.At(NOW + 10_000), false)),
                arguments("px 10", new SetArguments(Condition.ALWAYS, new Expiry.At(NOW + 10), false)),
                arguments("EXAT 2000000000", new SetArguments(Condition.ALWAYS, new Expiry.At(2_000_000_000_000L), false)),
                arguments("PXAT 1", new SetArguments(Condition.ALWAYS, new Expiry.At(1), false)),
                arguments("EX 1 EX 2", new SetArguments(Condition.ALWAYS, new Expiry.At(NOW + 2000), false)),
                arguments("KEEPTTL", new SetArguments(Condition.ALWAYS, Expiry.KEEP, false)),
                arguments("GET NX EX 5", new SetArguments(Condition.IF_ABSENT, new Expiry.At(NOW + 5000), true)));
    }

    @ParameterizedTest(name = "SET k v {0}")
    @MethodSource("validOptions")
    void optionsAreReadAsRedisReadsThem(String options, SetArguments expected) {
        assertThat(SetArguments.parse(CommandTableTest.args(("SET k v " + options).split(" +")), NOW))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "SET k v {0}  →  {1}")
    @CsvSource(delimiter = '|', textBlock = """
            NX XX                  | ERR syntax error
            XX NX                  | ERR syntax error
            EX                     | ERR syntax error
            EX 10 PX 10            | ERR syntax error
            KEEPTTL EX 10          | ERR syntax error
            PX 10 KEEPTTL          | ERR syntax error
            FOO                    | ERR syntax error
            EX ten NX XX           | ERR syntax error
            EX ten                 | ERR value is not an integer or out of range
            EX 1.5                 | ERR value is not an integer or out of range
            EX 007                 | ERR value is not an integer or out of range
            EX 0                   | ERR invalid expire time in 'set' command
            PX -1                  | ERR invalid expire time in 'set' command
            EXAT 0                 | ERR invalid expire time in 'set' command
            EX 9223372036854776    | ERR invalid expire time in 'set' command
            PX 9223372036854775807 | ERR invalid expire time in 'set' command
            """)
    void badOptionsAreRefusedWithRedisText(String options, String message) {
        assertThatThrownBy(() -> SetArguments.parse(CommandTableTest.args(("SET k v " + options).split(" ")), NOW))
                .isInstanceOf(CommandError.class)
                .hasMessage(message);
    }
}
