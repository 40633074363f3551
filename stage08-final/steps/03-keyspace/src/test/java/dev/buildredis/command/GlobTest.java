package dev.buildredis.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class GlobTest {

    // The rows after the first eighteen are edges of classes and escapes, each checked against redis-server's KEYS.
    @ParameterizedTest(name = "\"{0}\" against \"{1}\": {2}")
    @CsvSource(delimiter = '|', textBlock = """
            save         | save       | true
            SAVE         | save       | true
            sav          | save       | false
            *            | appendonly | true
            app*         | appendonly | true
            *only        | appendonly | true
            *o*l*        | appendonly | true
            a*z          | appendonly | false
            sav?         | save       | true
            sa?          | save       | false
            appendonl[xy]| appendonly | true
            appendonl[^y]| appendonly | false
            [r-t]ave     | save       | true
            [a-c]ave     | save       | false
            s\\*ve       | s*ve       | true
            s\\*ve       | save       | false
            **           | ''         | true
            ?            | ''         | false
            [r-t]ave     | rave       | true
            [r-t]ave     | tave       | true
            [t-r]ave     | save       | true
            [a]          | ]          | false
            []a]         | a          | false
            [^a]         | ^          | true
            [\\]x]       | ]          | true
            [ab          | a          | true
            [a\\         | \\          | true
            a[           | a[         | false
            [a]          | ''         | false
            a\\          | a\\         | true
            """)
    void patternsMatchAsRedisMatchesThem(String pattern, String text, boolean matches) {
        assertThat(Glob.matches(pattern, text)).isEqualTo(matches);
    }

    @Test
    void aPatternOfManyStarsThatCannotMatchFailsFast() {
        // tried split by split, 20 stars over a 60-character name would take about 10^15 steps
        String pattern = "*a".repeat(20) + "*b";
        String text = "a".repeat(60);
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Glob.matches(pattern, text))).isFalse();
        assertThat(Glob.matches(pattern, text + "b")).isTrue();
    }
}
