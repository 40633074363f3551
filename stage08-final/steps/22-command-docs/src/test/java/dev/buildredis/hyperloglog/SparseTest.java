package dev.buildredis.hyperloglog;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** The sparse opcodes as Redis writes them: split, joined, promoted, and checked when walked. */
class SparseTest {

    private static final long NO_LIMIT = 3000;

    /** A sparse HLL whose registers are the opcodes in {@code hex}. */
    private static HyperLogLog sparse(String hex) {
        byte[] registers = HexFormat.of().parseHex(hex);
        HyperLogLog empty = HyperLogLog.empty();
        byte[] bytes = new byte[HyperLogLog.HEADER + registers.length];
        System.arraycopy(empty.bytes, 0, bytes, 0, HyperLogLog.HEADER);
        System.arraycopy(registers, 0, bytes, HyperLogLog.HEADER, registers.length);
        return new HyperLogLog(bytes, bytes.length);
    }

    private static String registers(HyperLogLog hll) {
        return HexFormat.of().formatHex(hll.toBytes()).substring(2 * HyperLogLog.HEADER);
    }

    @Test
    void anEmptyHllIsOneXzeroOpcodeForEveryRegister() {
        HyperLogLog hll = HyperLogLog.empty();
        assertThat(HexFormat.of().formatHex(hll.toBytes())).isEqualTo("48594c4c" + "01000000" + "0000000000000000"
                + "7fff");
        assertThat(Sparse.decode(hll)).isEqualTo("Z:16384");
        assertThat(hll.cacheValid()).isTrue();
    }

    @Test
    void raisingARegisterSplitsItsXzeroInThree() {
        HyperLogLog hll = HyperLogLog.empty();
        assertThat(hll.set(1000, 2, NO_LIMIT)).isEqualTo(1);
        assertThat(registers(hll)).isEqualTo("43e7" + "84" + "7c16"); // XZERO:1000 VAL:2,1 XZERO:15383
        assertThat(Sparse.decode(hll)).isEqualTo("Z:1000 v:2,1 Z:15383");
        assertThat(hll.cacheValid()).isFalse();
    }

    @Test
    void runsOfUpTo64ZerosAreZeroOpcodes() {
        HyperLogLog hll = HyperLogLog.empty();
        hll.set(1000, 2, NO_LIMIT);
        hll.set(1010, 3, NO_LIMIT);
        hll.set(0, 1, NO_LIMIT);
        assertThat(Sparse.decode(hll)).isEqualTo("v:1,1 Z:999 v:2,1 z:9 v:3,1 Z:15373");
    }

    @Test
    void equalNeighboursAreJoinedIntoOneValOfUpToFourRegisters() {
        HyperLogLog hll = HyperLogLog.empty();
        for (int index = 5; index <= 10; index++) {
            hll.set(index, 3, NO_LIMIT);
        }
        assertThat(Sparse.decode(hll)).isEqualTo("z:5 v:3,4 v:3,2 Z:16373");
    }

    @Test
    void raisingOneRegisterOfAValRunSplitsTheRun() {
        HyperLogLog hll = sparse("04" + "8b" + "7ff6"); // ZERO:5 VAL:3,4 XZERO:16375
        assertThat(Sparse.decode(hll)).isEqualTo("z:5 v:3,4 Z:16375");
        assertThat(hll.set(6, 5, NO_LIMIT)).isEqualTo(1);
        assertThat(Sparse.decode(hll)).isEqualTo("z:5 v:3,1 v:5,1 v:3,2 Z:16375");
        assertThat(hll.set(7, 2, NO_LIMIT)).isZero(); // lower than the register: nothing to do
        assertThat(hll.set(6, 5, NO_LIMIT)).isZero();
    }

    @Test
    void aCountAbove32TurnsTheHllDense() {
        HyperLogLog hll = HyperLogLog.empty();
        hll.set(7, 4, NO_LIMIT);
        assertThat(hll.set(100, 33, NO_LIMIT)).isEqualTo(1);
        assertThat(hll.encoding()).isEqualTo(HyperLogLog.DENSE);
        assertThat(hll.length).isEqualTo(HyperLogLog.DENSE_SIZE);
        assertThat(hll.register(7)).isEqualTo(4);
        assertThat(hll.register(100)).isEqualTo(33);
    }

    @Test
    void growingPastTheLimitTurnsTheHllDenseInstead() {
        HyperLogLog hll = HyperLogLog.empty(); // 18 bytes: a split adds 3
        assertThat(hll.set(1000, 2, 20)).isEqualTo(1);
        assertThat(hll.encoding()).isEqualTo(HyperLogLog.DENSE);
        assertThat(hll.register(1000)).isEqualTo(2);
        HyperLogLog room = HyperLogLog.empty();
        room.set(1000, 2, 21);
        assertThat(room.encoding()).isEqualTo(HyperLogLog.SPARSE);
    }

    @Test
    void registersThatDoNotAddUpTo16384AreCorrupt() {
        assertThat(sparse("7fff").histogram()).isNotNull();
        assertThat(sparse("7ffe").histogram()).as("16383 registers").isNull();
        assertThat(sparse("7fff00").histogram()).as("one too many").isNull();
        assertThat(sparse("7fff80").toDense()).as("a VAL past the last register").isFalse();
        assertThat(sparse("7ffe" + "80" + "80").mergeInto(new byte[HyperLogLog.REGISTERS])).isFalse();
        assertThat(sparse("").histogram()).isNull();
        assertThat(sparse("7f").histogram()).as("an XZERO cut short: its second byte reads 0").isNull();
        assertThat(sparse("").set(0, 1, NO_LIMIT)).isEqualTo(-1);
    }

    @Test
    void toDenseSetsTheSameRegistersAndKeepsTheHeader() {
        HyperLogLog hll = sparse("04" + "8b" + "7ff6");
        hll.cacheCardinality(4);
        assertThat(hll.toDense()).isTrue();
        assertThat(hll.encoding()).isEqualTo(HyperLogLog.DENSE);
        assertThat(HyperLogLog.cachedCardinality(hll.bytes, 0)).isEqualTo(4);
        for (int i = 0; i < 12; i++) {
            assertThat(hll.register(i)).as("register %d", i).isEqualTo(i >= 5 && i <= 8 ? 3 : 0);
        }
    }
}
