package dev.buildredis.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Where glibc's strtod stops reading (the end offsets are what it reports for each input on x86-64 Linux). */
class StrtodTest {

    @ParameterizedTest(name = "strtod(\"{0}\") reads {1} bytes: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            nan(abc)    | 8 | NAN
            nan(        | 3 | NAN
            nan(a-b)    | 3 | NAN
            nan()       | 5 | NAN
            nan(_9Z)    | 8 | NAN
            NaN(1       | 3 | NAN
            infinity    | 8 | INFINITY
            infinit     | 3 | INFINITY
            inf         | 3 | INFINITY
            -INFINITY   | 9 | INFINITY
            '  +1.5e3x' | 8 | DECIMAL
            1e          | 1 | DECIMAL
            1e+         | 1 | DECIMAL
            1.5E        | 3 | DECIMAL
            0x          | 1 | DECIMAL
            0x1p        | 3 | HEX
            0x1p-       | 3 | HEX
            0x.p1       | 1 | DECIMAL
            0x.8        | 4 | HEX
            0X1P+2      | 6 | HEX
            .e1         | 0 | NONE
            .           | 0 | NONE
            1.          | 2 | DECIMAL
            -.5e-2      | 6 | DECIMAL
            +-1         | 0 | NONE
            00.0e00     | 7 | DECIMAL
            """)
    void readsAsFarAsStrtodReads(String text, int end, Strtod.Kind kind) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        Strtod read = Strtod.read(bytes, 0, bytes.length);
        assertThat(read.end()).isEqualTo(end);
        assertThat(read.kind()).isEqualTo(kind);
    }

    @ParameterizedTest(name = "\"{0}\" within its first {1} bytes reads {2}")
    @CsvSource(delimiter = '|', textBlock = """
            infinity | 7 | 3
            nan(x)   | 5 | 3
            1e10     | 2 | 1
            0x1p3    | 4 | 3
            """)
    void neverReadsPastTheGivenEnd(String text, int to, int end) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Strtod.read(bytes, 0, to).end()).isEqualTo(end);
    }
}
