package dev.buildredis.persistence.rdb;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Crc64Test {

    private static final byte[] CHECK_INPUT = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theCheckStringGivesTheValueOfRedisCrc64Test() {
        assertThat(Crc64.of(CHECK_INPUT)).isEqualTo(0xe9c6d914c4b8d9caL);
    }

    @Test
    void theEmptyInputLeavesTheRegisterAtZero() {
        assertThat(Crc64.of(new byte[0])).isZero();
    }

    @Test
    void anyFlippedBitChangesTheCrc() {
        for (int bit = 0; bit < CHECK_INPUT.length * 8; bit++) {
            byte[] damaged = CHECK_INPUT.clone();
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(Crc64.of(damaged)).as("bit %d flipped", bit).isNotEqualTo(0xe9c6d914c4b8d9caL);
        }
    }

    @Test
    void updatingInPiecesOrByteByByteGivesTheSameCrcAsAtOnce() {
        long inPieces = Crc64.update(Crc64.update(0, CHECK_INPUT, 0, 4), CHECK_INPUT, 4, 5);
        long byteByByte = 0;
        for (byte b : CHECK_INPUT) {
            byteByByte = Crc64.update(byteByByte, b);
        }
        assertThat(inPieces).isEqualTo(0xe9c6d914c4b8d9caL);
        assertThat(byteByByte).isEqualTo(0xe9c6d914c4b8d9caL);
    }

    @Test
    void eightBytesAtATimeGivesTheSameCrcAsOneByteAtATimeForAnyLengthAndOffset() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        byte[] bytes = new byte[300];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        for (int offset = 0; offset < 9; offset++) {
            for (int length = 0; offset + length <= bytes.length; length += 7) {
                long byteByByte = 0;
                for (int i = offset; i < offset + length; i++) {
                    byteByByte = Crc64.update(byteByByte, bytes[i]);
                }
                assertThat(Crc64.update(0, bytes, offset, length)).as("offset %d, length %d", offset, length)
                        .isEqualTo(byteByByte);
            }
        }
    }
}
