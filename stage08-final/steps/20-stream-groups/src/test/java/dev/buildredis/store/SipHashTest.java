package dev.buildredis.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SipHashTest {

    private static final long K0 = 0x0706050403020100L; // the key 00 01 .. 0f of the reference vectors
    private static final long K1 = 0x0f0e0d0c0b0a0908L;

    private static byte[] counting(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    @Test
    void sipHash24GivesThePapersVectorForFifteenBytes() {
        assertThat(SipHash.hash(K0, K1, 2, 4, counting(15), 0, 15)).isEqualTo(0xa129ca6149be45e5L);
    }

    /** SipHash-1-2 of the bytes 00 01 .. (length-1) under the key 00 .. 0f: across the 8-byte word boundaries. */
    @ParameterizedTest(name = "{0} bytes")
    @CsvSource({"0, cea28b51565c12e2", "1, 94aaf38c34ce7ba6", "7, f03c4cbcf492b05a", "8, 606845b4d093af74",
            "9, e304e78271c74a56", "15, ec8f61bc1c8966a6", "16, 1311f4dfe747a751", "33, b0dfbbd1a243bfa1"})
    void sipHash12GivesTheReferenceValues(int length, String expected) {
        assertThat(SipHash.hash(K0, K1, 1, 2, counting(length), 0, length))
                .isEqualTo(Long.parseUnsignedLong(expected, 16));
    }

    @Test
    void onlyTheGivenRangeCounts() {
        byte[] framed = new byte[20];
        System.arraycopy(counting(9), 0, framed, 5, 9);
        assertThat(SipHash.hash(K0, K1, 1, 2, framed, 5, 14)).isEqualTo(0xe304e78271c74a56L);
    }

    @Test
    void keysThatCollideUnderArraysHashCodeDoNotCollideHere() {
        Set<Integer> javaHashes = new HashSet<>();
        Set<Integer> keyHashes = new HashSet<>();
        for (int n = 0; n < 1024; n++) {
            StringBuilder key = new StringBuilder();
            for (int bit = 0; bit < 10; bit++) {
                key.append((n >> bit & 1) == 0 ? "Aa" : "BB");
            }
            byte[] bytes = key.toString().getBytes(StandardCharsets.US_ASCII);
            javaHashes.add(java.util.Arrays.hashCode(bytes));
            keyHashes.add(new Key(bytes).hashCode() & 1023); // the bucket in a table of 1024
        }
        assertThat(javaHashes).hasSize(1);
        assertThat(keyHashes).hasSizeGreaterThan(500); // about 1024 * (1 - 1/e) = 647 buckets for random hashes
    }
}
