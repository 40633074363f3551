package dev.buildredis.persistence.rdb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class LzfTest {

    /** Strings SET on redis-server 7.0.15 and SAVEd, with the LZF bytes its dump.rdb held for them. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "'xxxx... (100)', x, 100, 017878e05700017878",
            "'abcabc... (33)', abc, 11, 0361626361e01202016263",
            "a sentence that repeats itself, 'hello world, hello world, hello redis, hello world!!', 1, "
                    + "0d68656c6c6f20776f726c642c2068e0090c047265646973e00419012121",
            "digits around letters, '012345678901234567890123456789abcdefghij01234567890123456789', 1, "
                    + "0a3031323334353637383930e00a09096162636465666768696ae00a1d0039",
            "'aaaa... (264)', a, 264, 016161e0fb00016161",
            "two alphabets, abcdefghijklmnopqrstabcdefghijklmnopqrst, 1, "
                    + "146162636465666768696a6b6c6d6e6f707172737461e00a13"})
    void compressesAsRedisServerDoes(String what, String text, int repeat, String redisHex) {
        byte[] input = text.repeat(repeat).getBytes(StandardCharsets.US_ASCII);
        byte[] compressed = Lzf.compress(input, input.length - 4);
        assertThat(HexFormat.of().formatHex(compressed)).isEqualTo(redisHex);
        assertThat(Lzf.decompress(compressed, input.length)).isEqualTo(input);
    }

    @Test
    void aSequenceWhoseMatchesReachTheEndOfTheInputIsCompressedAsRedisDoes() {
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            letters.append((char) ('A' + (i * 7) % 26));
        }
        byte[] input = letters.toString().getBytes(StandardCharsets.US_ASCII);
        assertThat(HexFormat.of().formatHex(Lzf.compress(input, input.length - 4)))
                .isEqualTo("1a41484f56434a5158454c535a474e5542495057444b5259464d5441e0ff19a11d01474e");
    }

    @Test
    void whatDoesNotShrinkEnoughIsNotCompressed() {
        byte[] sentence = "hello world, hello".getBytes(StandardCharsets.US_ASCII);
        assertThat(Lzf.compress(sentence, sentence.length - 4)).as("4 bytes shorter or not at all").isNull();
        byte[] random = new byte[1000];
        new SplittableRandom(7).nextBytes(random);
        assertThat(Lzf.compress(random, random.length - 4)).isNull();
    }

    @Test
    void everyInputComesBackFromWhatItCompressesTo() {
        SplittableRandom random = new SplittableRandom(42);
        for (int n = 0; n < 2000; n++) {
            byte[] input = new byte[3 + random.nextInt(3000)];
            int alphabet = 1 + random.nextInt(8); // few distinct bytes: many matches, long and short
            for (int i = 0; i < input.length; i++) {
                input[i] = (byte) random.nextInt(alphabet);
            }
            byte[] compressed = Lzf.compress(input, input.length + 64);
            assertThat(compressed).as("input %d", n).isNotNull();
            assertThat(Lzf.decompress(compressed, input.length)).as("input %d", n).isEqualTo(input);
        }
    }
}
