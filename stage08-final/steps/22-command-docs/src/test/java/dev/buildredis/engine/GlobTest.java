package dev.buildredis.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Glob patterns as KEYS, SCAN MATCH and PSUBSCRIBE match them (every row checked against redis-server's KEYS). */
class GlobTest {

    @ParameterizedTest(name = "\"{0}\" against \"{1}\": {2}")
    @CsvSource(delimiter = '|', textBlock = """
            save          | save       | true
            SAVE          | save       | false
            sav           | save       | false
            *             | appendonly | true
            app*          | appendonly | true
            *only         | appendonly | true
            *o*l*         | appendonly | true
            a*z           | appendonly | false
            sav?          | save       | true
            sa?           | save       | false
            appendonl[xy] | appendonly | true
            appendonl[^y] | appendonly | false
            [r-t]ave      | save       | true
            [a-c]ave      | save       | false
            s\\*ve        | s*ve       | true
            s\\*ve        | save       | false
            [r-t]ave      | rave       | true
            [r-t]ave      | tave       | true
            [t-r]ave      | save       | true
            [a]           | ]          | false
            []a]          | a          | false
            [^a]          | ^          | true
            [\\]x]        | ]          | true
            [ab           | a          | true
            [a\\          | \\         | true
            a[            | a[         | false
            a\\           | a\\        | true
            [a-]          | ]          | true
            [a-]          | -          | false
            [a-           | a          | true
            [a-           | -          | true
            [a-           | b          | false
            h*llo         | heeeello   | true
            h*llo         | hllo       | true
            *a*b          | aaab       | true
            *a*b          | aaaa       | false
            ?*?           | ab         | true
            ?*?           | a          | false
            a**           | a          | true
            **a           | a          | true
            """)
    void patternsMatchAsRedisMatchesThem(String pattern, String text, boolean matches) {
        assertThat(Glob.matches(bytes(pattern), bytes(text), false)).isEqualTo(matches);
    }

    @Test
    void anEmptyTextMatchesOnlyTheEmptyPattern() {
        assertThat(Glob.matches(bytes(""), bytes(""), false)).isTrue();
        assertThat(Glob.matches(bytes("**"), bytes(""), false)).isFalse();
        assertThat(Glob.matches(bytes("*"), bytes(""), false)).isFalse(); // KEYS * skips matching: it lists ""
        assertThat(Glob.matchesAll(bytes("*"))).isTrue();
        assertThat(Glob.matchesAll(bytes("**"))).isFalse();
        assertThat(Glob.matchesAll(bytes("a"))).isFalse();
    }

    @Test
    void theEndsOfARangeCompareAsSignedBytes() {
        // Redis compares C chars, signed: [a-\u00ff] is the range from -1 to 'a', which holds '-' but not 'b' or 0xe9.
        assertThat(Glob.matches(bytes("[a-\u00ff]"), bytes("b"), false)).isFalse();
        assertThat(Glob.matches(bytes("[a-\u00ff]"), bytes("\u00e9"), false)).isFalse();
        assertThat(Glob.matches(bytes("[a-\u00ff]"), bytes("-"), false)).isTrue();
        assertThat(Glob.matches(bytes("[\u00e9-z]"), bytes("a"), false)).isTrue();
    }

    @Test
    void withoutCaseLettersMatchEitherCaseButAnEscapedByteInAClassDoesNot() {
        // CONFIG GET's matching, each row checked against redis-server's CONFIG GET
        assertThat(Glob.matches(bytes("SAV?"), bytes("save"), true)).isTrue();
        assertThat(Glob.matches(bytes("[R-T]AVE"), bytes("save"), true)).isTrue();
        assertThat(Glob.matches(bytes("[^A-Z]ave"), bytes("save"), true)).isFalse();
        assertThat(Glob.matches(bytes("[\\S]ave"), bytes("save"), true)).isFalse();
        assertThat(Glob.matches(bytes("[Z-a]ave"), bytes("save"), true)).isFalse(); // the ends are swapped first, lowered after
    }

    @Test
    void starsNestAtMostAThousandDeep() {
        assertThat(Glob.matches(bytes("*a".repeat(1000)), bytes("a".repeat(1000)), false)).isTrue();
        assertThat(Glob.matches(bytes("*a".repeat(1001)), bytes("a".repeat(1001)), false)).isFalse();
    }

    @Test
    void aPatternOfManyStarsThatCannotMatchFailsFast() {
        // tried split by split, 30 stars over 60 bytes would take about 10^17 steps
        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThat(Glob.matches(bytes("*a".repeat(30) + "b"), bytes("a".repeat(60)), false)).isFalse());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
