package dev.buildredis.persistence.rdb;

import dev.buildredis.store.Key;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.buildredis.persistence.rdb.RdbData.bytes;
import static dev.buildredis.persistence.rdb.RdbRoundTripTest.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The encodings redis-server 7.0 no longer writes (or writes only in rare cases), built byte by byte as older
 * versions wrote them: each must read back as the data it encodes.
 */
class RdbLegacyEncodingTest {

    private static final String X300 = "x".repeat(300);
    private static final String Y5000 = "y".repeat(5000);

    @Test
    void aZiplistListGivesEveryIntegerAndStringEncodingAsText() throws IOException {
        byte[] ziplist = ziplist(
                hex("02 6162"),                       // "ab"
                concat(hex("412c"), bytes(X300)),     // 14-bit length string
                hex("c0 d4fe"),                       // int16 -300
                hex("d0 a0860100"),                   // int32 100000
                hex("e0 00f2052a01000000"),           // int64 5000000000
                hex("f0 c0bdf0"),                     // int24 -1000000
                hex("fe fb"),                         // int8 -5
                hex("f1"), hex("fd"));                // immediates 0 and 12
        assertThat(onlyValue(file(10, rdbString(ziplist))))
                .isEqualTo(keys("ab", X300, "-300", "100000", "5000000000", "-1000000", "-5", "0", "12"));
    }

    @Test
    void aQuicklistOfListpacksGivesEveryEntryEncodingAndPlainNodes() throws IOException {
        byte[] listpack = listpack(
                hex("05"),                                    // 7-bit 5
                hex("83 616263"),                             // 6-bit string "abc"
                hex("d000"), hex("cfff"),                     // 13-bit -4096 and 4095
                concat(hex("e064"), bytes("z".repeat(100))),  // 12-bit string
                concat(hex("f0 88130000"), bytes(Y5000)),     // 32-bit string
                hex("f1 0080"),                               // int16 -32768
                hex("f2 ffff7f"),                             // int24 8388607
                hex("f3 00000080"),                           // int32 -2147483648
                hex("f4 ffffffffffffff7f"));                  // int64 max
        byte[] value = concat(hex("02"), hex("02"), rdbString(listpack), hex("01"), rdbString(bytes("plain")));
        assertThat(onlyValue(file(18, value))).isEqualTo(keys("5", "abc", "-4096", "4095", "z".repeat(100), Y5000,
                "-32768", "8388607", "-2147483648", "9223372036854775807", "plain"));
    }

    @Test
    void aQuicklistOfZiplistsGivesTheElementsInOrder() throws IOException {
        byte[] value = concat(hex("02"), rdbString(ziplist(hex("0161"), hex("0162"))),
                rdbString(ziplist(hex("0163"))));
        assertThat(onlyValue(file(14, value))).isEqualTo(keys("a", "b", "c"));
    }

    @Test
    void aZipmapHashSkipsTheFreeBytesAfterAValue() throws IOException {
        byte[] zipmap = hex("02 02 6631 02 02 7631 0000 02 6632 00 00 ff"); // f1 → v1 (2 free bytes), f2 → ""
        assertThat(onlyValue(file(9, rdbString(zipmap)))).isEqualTo(Map.of(Key.of("f1"), Key.of("v1"),
                Key.of("f2"), Key.of("")));
    }

    @Test
    void ziplistAndListpackHashesAndSortedSetsPairTheirEntries() throws IOException {
        byte[] pairs = ziplist(hex("0161"), hex("c0 d4fe"), hex("0162"), hex("03 312e35"));
        assertThat(onlyValue(file(13, rdbString(pairs)))).isEqualTo(Map.of(Key.of("a"), Key.of("-300"),
                Key.of("b"), Key.of("1.5")));
        assertThat(onlyValue(file(12, rdbString(pairs)))).isEqualTo(List.of(
                new RdbData.Scored(Key.of("a"), -300), new RdbData.Scored(Key.of("b"), 1.5)));
        byte[] listpackPairs = listpack(hex("8161"), hex("84 2d696e66"),
                hex("8162"), hex("07"));
        assertThat(onlyValue(file(17, rdbString(listpackPairs)))).isEqualTo(List.of(
                new RdbData.Scored(Key.of("a"), Double.NEGATIVE_INFINITY), new RdbData.Scored(Key.of("b"), 7)));
    }

    @Test
    void intsetsOfEveryWidthAndListpackSetsGiveTheirMembers() throws IOException {
        assertThat(onlyValue(file(11, rdbString(hex("02000000 02000000 fbff 0700"))))).isEqualTo(Set.of(
                Key.of("-5"), Key.of("7")));
        assertThat(onlyValue(file(11, rdbString(hex("08000000 01000000 000efad5feffffff"))))).isEqualTo(Set.of(
                Key.of("-5000000000")));
        assertThat(onlyValue(file(20, rdbString(listpack(hex("8161"), hex("0c")))))).isEqualTo(Set.of(
                Key.of("a"), Key.of("12")));
    }

    @Test
    void theOldSortedSetTypeReadsTextScoresAndInfinities() throws IOException {
        byte[] value = concat(hex("04"), rdbString(bytes("a")), hex("03"), bytes("1.5"), rdbString(bytes("b")),
                hex("fe"), rdbString(bytes("c")), hex("ff"), rdbString(bytes("d")), hex("04"), bytes("-2e3"));
        assertThat(onlyValue(file(3, value))).isEqualTo(List.of(
                new RdbData.Scored(Key.of("c"), Double.NEGATIVE_INFINITY), new RdbData.Scored(Key.of("d"), -2000),
                new RdbData.Scored(Key.of("a"), 1.5), new RdbData.Scored(Key.of("b"), Double.POSITIVE_INFINITY)));
    }

    @Test
    void aNanScoreIsRefusedAsRedisDoes() {
        byte[] value = concat(hex("01"), rdbString(bytes("a")), hex("fd"));
        assertThatThrownBy(() -> RdbData.fromRdb(file(3, value)))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining("NaN");
    }

    @Test
    void aRepeatedSetMemberIsRefusedAsRedisDoes() {
        byte[] value = concat(hex("02"), rdbString(bytes("a")), rdbString(bytes("a")));
        assertThatThrownBy(() -> RdbData.fromRdb(file(2, value)))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining("repeated");
    }

    @Test
    void aVersion4FileHasExpiriesInSecondsAndNoChecksum() throws IOException {
        byte[] file = concat(bytes("REDIS0004"), hex("fe 02 fd 00b33f71 00 016b 0176 ff"));
        assertThat(RdbData.fromRdb(file).contents()).isEqualTo(Map.of(2, Map.of(Key.of("k"),
                new RdbData.Stored(Key.of("v"), 1_900_000_000_000L))));
    }

    @Test
    void idleFreqAuxAndFunctionOpcodesAreSkipped() throws IOException {
        byte[] file = concat(bytes("REDIS0010"), hex("fa"), rdbString(bytes("redis-ver")), rdbString(bytes("7.0.15")),
                hex("f5"), rdbString(bytes("#!lua name=lib\nredis.register_function('f', function() end)")),
                hex("f8 05 f9 03 00 016b 0176 ff 0000000000000000"));
        assertThat(RdbData.fromRdb(file).contents()).isEqualTo(Map.of(0, Map.of(Key.of("k"),
                new RdbData.Stored(Key.of("v"), -1))));
    }

    @Test
    void aDamagedListpackIsRefusedWithItsPlaceInTheFile() {
        byte[] listpack = listpack(hex("8161"));
        listpack[6] = (byte) 0xf9; // an encoding byte that does not exist
        assertThatThrownBy(() -> RdbData.fromRdb(file(20, rdbString(listpack))))
                .isInstanceOfSatisfying(RdbFormatException.class, e -> assertThat(e.offset()).isEqualTo(12))
                .hasMessageContaining("listpack").hasMessageContaining("unknown entry encoding 0xf9");
    }

    // Builders for the bytes of files and blobs.

    /** "REDIS0010", one key "k" of the type with the value bytes, EOF and a zero ("not computed") checksum. */
    private static byte[] file(int type, byte[] value) {
        return concat(bytes("REDIS0010"), new byte[] {(byte) type}, rdbString(bytes("k")), value,
                hex("ff 0000000000000000"));
    }

    private static Object onlyValue(byte[] file) throws IOException {
        return RdbData.fromRdb(file).contents().get(0).get(Key.of("k")).contents();
    }

    private static List<Key> keys(String... texts) {
        return Arrays.stream(texts).map(Key::of).toList();
    }

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    /** A plain RDB string: a 6-, 14- or 32-bit length, then the bytes. */
    private static byte[] rdbString(byte[] bytes) {
        int n = bytes.length;
        byte[] length = n < 64 ? new byte[] {(byte) n}
                : n < 16384 ? new byte[] {(byte) (0x40 | n >> 8), (byte) n}
                : new byte[] {(byte) 0x80, (byte) (n >> 24), (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        return concat(length, bytes);
    }

    /** A ziplist of entries given as encoding and data; each gets the previous entry's size in front. */
    private static byte[] ziplist(byte[]... entries) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int previous = 0;
        for (byte[] entry : entries) {
            byte[] prevlen = previous < 254 ? new byte[] {(byte) previous} : concat(hex("fe"), littleEndian(previous, 4));
            body.writeBytes(prevlen);
            body.writeBytes(entry);
            previous = prevlen.length + entry.length;
        }
        int total = 10 + body.size() + 1;
        return concat(littleEndian(total, 4), littleEndian(0, 4), littleEndian(entries.length, 2), body.toByteArray(),
                hex("ff"));
    }

    /** A listpack of entries given as encoding and data; each gets its backlen after it. */
    private static byte[] listpack(byte[]... entries) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] entry : entries) {
            body.writeBytes(entry);
            int size = entry.length;
            int backlenBytes = size < 128 ? 1 : size < 16384 ? 2 : 3; // the reader skips the backlen, checks its size
            body.writeBytes(new byte[backlenBytes]);
        }
        int total = 6 + body.size() + 1;
        return concat(littleEndian(total, 4), littleEndian(entries.length, 2), body.toByteArray(), hex("ff"));
    }

    private static byte[] littleEndian(long value, int width) {
        byte[] bytes = new byte[width];
        for (int i = 0; i < width; i++) {
            bytes[i] = (byte) (value >>> (8 * i));
        }
        return bytes;
    }
}
