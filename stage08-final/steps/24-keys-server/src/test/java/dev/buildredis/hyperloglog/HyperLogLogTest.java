package dev.buildredis.hyperloglog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class HyperLogLogTest {

    private static final long NO_LIMIT = 3000;

    /**
     * Where redis-server puts one element, read from its {@code PFDEBUG DECODE} after {@code PFADD h <element>}:
     * the register is the low 14 bits of MurmurHash64A with Redis's seed, the value the run that ends the rest.
     */
    @ParameterizedTest(name = "''{0}'' → {1}")
    @CsvSource(delimiter = '|', value = {
            "a|Z:12711 v:2,1 Z:3672",
            "''|Z:5938 v:2,1 Z:10445",
            "hello|Z:9216 v:1,1 Z:7167",
            "12345678|Z:10579 v:3,1 Z:5804",          // exactly one 8-byte block
            "123456789|Z:9293 v:2,1 Z:7090"})         // a block and a tail
    void anElementSetsTheRegisterRedisSets(String element, String decoded) {
        HyperLogLog hll = HyperLogLog.empty();
        assertThat(hll.add(element.getBytes(StandardCharsets.ISO_8859_1), NO_LIMIT)).isEqualTo(1);
        assertThat(Sparse.decode(hll)).isEqualTo(decoded);
        assertThat(hll.add(element.getBytes(StandardCharsets.ISO_8859_1), NO_LIMIT)).isZero();
    }

    @Test
    void denseRegistersKeepTheirSixBitsWithoutTouchingTheirNeighbours() {
        HyperLogLog hll = new HyperLogLog(new byte[HyperLogLog.DENSE_SIZE], HyperLogLog.DENSE_SIZE);
        SplittableRandom random = new SplittableRandom(1);
        int[] expected = new int[HyperLogLog.REGISTERS];
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
                expected[i] = random.nextInt(64);
                hll.setRegister(i, expected[i]);
            }
            for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
                assertThat(hll.register(i)).as("register %d", i).isEqualTo(expected[i]);
            }
        }
        hll.setRegister(1, 63); // the layout: register 0 is the low 6 bits of byte 0, register 1 starts at bit 6
        hll.setRegister(0, 0);
        hll.setRegister(2, 0);
        assertThat(hll.bytes[HyperLogLog.HEADER] & 0xff).isEqualTo(0xc0);
        assertThat(hll.bytes[HyperLogLog.HEADER + 1] & 0x0f).isEqualTo(0x0f);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "HYLL_sparse, true",
            "HYLX_sparse, false",
            "HYLL_dense_of_the_right_length, true",
            "HYLL_dense_one_byte_short, false",
            "HYLL_encoding_2, false",
            "HYLL_header_cut_short, false"})
    void onlyAKnownHeaderAndADenseLengthOf12304MakeAnHll(String what, boolean valid) {
        byte[] bytes = switch (what) {
            case "HYLL_sparse" -> HyperLogLog.empty().toBytes();
            case "HYLX_sparse" -> with(HyperLogLog.empty().toBytes(), 3, 'X');
            case "HYLL_dense_of_the_right_length" -> dense(HyperLogLog.DENSE_SIZE);
            case "HYLL_dense_one_byte_short" -> dense(HyperLogLog.DENSE_SIZE - 1);
            case "HYLL_encoding_2" -> with(HyperLogLog.empty().toBytes(), 4, 2);
            default -> java.util.Arrays.copyOf(HyperLogLog.empty().toBytes(), 15);
        };
        byte[] inArray = new byte[bytes.length + 4];
        System.arraycopy(bytes, 0, inArray, 2, bytes.length);
        assertThat(HyperLogLog.isValid(inArray, 2, bytes.length)).isEqualTo(valid);
    }

    @Test
    void theCachedCountIsLittleEndianWithItsTopBitMeaningStale() {
        HyperLogLog hll = HyperLogLog.empty();
        hll.cacheCardinality(0x0102);
        assertThat(hll.bytes[8]).isEqualTo((byte) 2);
        assertThat(hll.bytes[9]).isEqualTo((byte) 1);
        assertThat(hll.cacheValid()).isTrue();
        assertThat(HyperLogLog.cachedCardinality(hll.bytes, 0)).isEqualTo(0x0102);
        hll.invalidateCache();
        assertThat(hll.bytes[15]).isEqualTo((byte) 0x80);
        assertThat(hll.cacheValid()).isFalse();
    }

    @Test
    void sparseAndDenseCountTheSameAndMergeTheSame() {
        HyperLogLog sparse = HyperLogLog.empty();
        HyperLogLog dense = new HyperLogLog(dense(HyperLogLog.DENSE_SIZE), HyperLogLog.DENSE_SIZE);
        for (int i = 0; i < 1500; i++) {
            byte[] element = ("e" + i).getBytes(StandardCharsets.ISO_8859_1);
            sparse.add(element, Long.MAX_VALUE);
            dense.add(element, Long.MAX_VALUE);
        }
        assertThat(sparse.encoding()).isEqualTo(HyperLogLog.SPARSE);
        assertThat(Cardinality.estimate(sparse.histogram())).isEqualTo(Cardinality.estimate(dense.histogram()));
        byte[] fromSparse = new byte[HyperLogLog.REGISTERS];
        byte[] fromDense = new byte[HyperLogLog.REGISTERS];
        assertThat(sparse.mergeInto(fromSparse)).isTrue();
        assertThat(dense.mergeInto(fromDense)).isTrue();
        assertThat(fromSparse).isEqualTo(fromDense);
        assertThat(sparse.toDense()).isTrue();
        assertThat(java.util.Arrays.equals(sparse.bytes, HyperLogLog.HEADER, HyperLogLog.DENSE_SIZE, dense.bytes,
                HyperLogLog.HEADER, HyperLogLog.DENSE_SIZE)).as("the same dense registers").isTrue();
    }

    private static byte[] dense(int length) {
        byte[] bytes = new byte[length];
        System.arraycopy("HYLL".getBytes(StandardCharsets.ISO_8859_1), 0, bytes, 0, 4);
        return bytes;
    }

    private static byte[] with(byte[] bytes, int index, int value) {
        bytes[index] = (byte) value;
        return bytes;
    }
}
