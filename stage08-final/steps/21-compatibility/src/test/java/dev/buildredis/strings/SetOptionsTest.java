package dev.buildredis.strings;

import dev.buildredis.engine.CommandError;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SetOptionsTest {

    @Test
    void anUnknownOptionIsASyntaxErrorEvenWithAValueAfterIt() {
        assertThatThrownBy(() -> parse("SET", "k", "v", "FOO", "10"))
                .isInstanceOf(CommandError.class).hasMessage("ERR syntax error");
    }

    @Test
    void anExpiryBecomesADeadline() {
        assertThat(parse("SET", "k", "v", "EX", "10").deadline()).isEqualTo(1_000 + 10_000);
        assertThat(parse("SET", "k", "v", "PXAT", "5").deadline()).isEqualTo(5);
    }

    private static SetOptions parse(String... args) {
        List<byte[]> list = Arrays.stream(args).map(a -> a.getBytes(StandardCharsets.ISO_8859_1)).toList();
        return SetOptions.parse(list, 3, true, "set", 1_000);
    }
}
