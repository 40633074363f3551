package dev.buildredis.protocol;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class InlineSplitterTest {

    static Stream<Arguments> lines() {
        return Stream.of(
                arguments("", List.of()),
                arguments("   \t ", List.of()),
                arguments("PING", List.of("PING")),
                arguments("SET  key   value", List.of("SET", "key", "value")),
                arguments("SET k \"hello world\"", List.of("SET", "k", "hello world")),
                arguments("SET k \"a\\tb\\nc\\rd\\\\e\\\"f\"", List.of("SET", "k", "a\tb\nc\rd\\e\"f")),
                arguments("SET k \"\\x41\\x7a\"", List.of("SET", "k", "Az")),
                arguments("SET k \"\\xZZ\"", List.of("SET", "k", "xZZ")),
                arguments("SET k 'it\\'s'", List.of("SET", "k", "it's")),
                arguments("SET k 'no \\n escape'", List.of("SET", "k", "no \\n escape")),
                arguments("SET k \"\"", List.of("SET", "k", "")),
                arguments("SET k ab\"cd\"", List.of("SET", "k", "abcd")),
                arguments("PING\0 ignored after NUL", List.of("PING")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("lines")
    void aLineSplitsIntoWordsAsRedisSplitsIt(String line, List<String> words) throws ProtocolException {
        byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
        List<String> got = InlineSplitter.split(bytes, 0, bytes.length).stream()
                .map(word -> new String(word, StandardCharsets.ISO_8859_1))
                .toList();
        assertThat(got).isEqualTo(words);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unbalanced")
    void unbalancedQuotesAreAProtocolError(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> InlineSplitter.split(bytes, 0, bytes.length))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("unbalanced quotes in request");
    }

    static Stream<String> unbalanced() {
        return Stream.of("SET k \"open", "SET k 'open", "SET k \"closed\"x", "SET k 'closed'x", "SET k \"ends\\");
    }
}
