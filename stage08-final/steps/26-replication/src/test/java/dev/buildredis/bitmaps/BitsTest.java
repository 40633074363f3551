package dev.buildredis.bitmaps;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class BitsTest {

    /** The string's bytes from hex, placed at offset 3 of a bigger array, as a short string sits after its key. */
    private static byte[] inKeyArray(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        byte[] array = new byte[bytes.length + 5];
        array[0] = array[1] = array[2] = (byte) 0xff; // the key's bytes: never to be counted
        System.arraycopy(bytes, 0, array, 3, bytes.length);
        array[array.length - 1] = array[array.length - 2] = (byte) 0xff; // whatever follows the string
        return array;
    }

    @ParameterizedTest(name = "{0}: bits {1} to {2} hold {3} ones")
    @CsvSource({
            "ff, 0, 7, 8",
            "ff, 3, 3, 1",
            "0f, 0, 3, 0",
            "0f, 3, 4, 1",
            "ffff, 4, 11, 8",
            "00ff00ff00ff00ff00ff00ff00, 0, 103, 48",     // whole words in the middle
            "ffffffffffffffffffffffffff, 5, 98, 94",
            "666f6f626172, 0, 47, 26",                      // "foobar"
            "666f6f626172, 5, 30, 17"})
    void countCountsTheOnesInARangeOfBits(String hex, long from, long to, long ones) {
        assertThat(Bits.count(inKeyArray(hex), 3, from, to)).isEqualTo(ones);
    }

    @ParameterizedTest(name = "{0}: the first {3} in bits {1} to {2} is {4}")
    @CsvSource({
            "fff000, 0, 23, 0, 12",
            "fff000, 0, 23, 1, 0",
            "fff000, 13, 23, 1, -1",
            "fff000, 1, 1, 0, -1",
            "0000000000000000000000000001, 0, 111, 1, 111", // found after skipping whole words of zeros
            "ffffffffffffffffffffffffff7f, 0, 111, 0, 104",
            "ffffffffffffffffffffffffffff, 0, 111, 0, -1",
            "ffffffffffffffffffffffffffff, 0, 110, 0, -1",
            "80, 1, 7, 1, -1"})
    void firstFindsTheFirstBitOfAValueInARange(String hex, long from, long to, int bit, long expected) {
        assertThat(Bits.first(inKeyArray(hex), 3, from, to, bit)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {2} bits at {1} are {3} unsigned, {4} signed")
    @CsvSource({
            "ff, 0, 8, 255, -1",
            "ff, 4, 4, 15, -1",
            "80, 0, 1, 1, -1",
            "70, 1, 3, 7, -1",
            "70, 0, 4, 7, 7",
            "ff, 4, 8, 240, -16",                       // bits past the end read as zero
            "7fffffffffffffffff, 1, 63, 9223372036854775807, -1",
            "3fffffffffffffff, 1, 63, 4611686018427387903, 4611686018427387903",
            "ffffffffffffffff, 0, 64, -1, -1",
            "0080, 9, 7, 0, 0"})
    void getReadsAFieldMostSignificantBitFirst(String hex, long at, int bits, long unsigned, long signed) {
        byte[] a = inKeyArray(hex);
        int length = hex.length() / 2;
        assertThat(Bits.getUnsigned(a, 3, length, at, bits)).isEqualTo(unsigned);
        assertThat(Bits.getSigned(a, 3, length, at, bits)).isEqualTo(signed);
    }

    @ParameterizedTest(name = "{3} as {2} bits at {1} of {0} gives {4}")
    @CsvSource({
            "0000, 7, 5, 23, 0170",                     // Redis's own example: u5 23 at bit 7
            "ffff, 4, 4, 0, f0ff",
            "0000, 0, 1, 1, 8000",
            "0000, 3, 8, -1, 1fe0",                     // a negative value is written as its two's complement
            "00000000000000000000, 4, 64, -1, 0ffffffffffffffff000"})
    void setWritesTheLowBitsMostSignificantFirst(String hex, long at, int bits, long value, String expected) {
        byte[] a = HexFormat.of().parseHex(hex);
        Bits.set(a, at, bits, value);
        assertThat(HexFormat.of().formatHex(a)).isEqualTo(expected);
    }
}
