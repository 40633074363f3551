package dev.buildredis.persistence.rdb;

import dev.buildredis.store.HashValue;
import dev.buildredis.store.Key;
import dev.buildredis.store.ListValue;
import dev.buildredis.store.SetValue;
import dev.buildredis.store.StringValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static dev.buildredis.persistence.rdb.RdbData.bytes;
import static dev.buildredis.persistence.rdb.RdbData.hash;
import static dev.buildredis.persistence.rdb.RdbData.list;
import static dev.buildredis.persistence.rdb.RdbData.set;
import static dev.buildredis.persistence.rdb.RdbData.string;
import static dev.buildredis.persistence.rdb.RdbData.zset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RdbRoundTripTest {

    private static void assertRoundTrip(RdbData original) throws IOException {
        RdbData.assertSameContents(RdbData.fromRdb(original.toRdb()).contents(), original.contents());
    }

    /** A small file with one key of each type, for the damage tests. */
    private static byte[] smallFile() {
        RdbData data = new RdbData()
                .put(0, "s", string("hello world, a string long enough to damage"))
                .put(1, bytes("x"), string("12"), 1_900_000_000_000L);
        data.put(0, "l", list("a", "b", "c")).put(0, "h", hash("f", "v"));
        data.put(0, "z", zset("m", 1.5)).put(1, bytes("y"), set("1", "2"), 1_900_000_000_000L);
        return data.toRdb();
    }

    @Test
    void everyTypeSurvivesARoundTrip() throws IOException {
        RdbData data = new RdbData().put(0, "string", string("value"));
        data.put(0, "list", list("a", "b", "a", "", "42")).put(0, "hash", hash("f1", "v1", "f2", "", "", "empty field"));
        data.put(0, "set", set("x", "y", "z")).put(0, "intset", set("3", "-1", "2"))
                .put(0, "zset", zset("a", 1, "b", 2.5, "c", -3));
        assertRoundTrip(data);
    }

    @Test
    void emptyAndBinaryStringsKeepEveryByte() throws IOException {
        byte[] allBytes = new byte[256];
        for (int i = 0; i < 256; i++) {
            allBytes[i] = (byte) i;
        }
        RdbData data = new RdbData()
                .put(0, "", string(""))
                .put(0, "nul\0key", string("a\0b\r\nc\n\r"))
                .put(0, bytes("\r\n"), new StringValue(allBytes), -1);
        data.put(0, "binary list", list("\0", "\r\n", "\u00ff\u0080"))
                .put(0, "binary hash", hash("\0", "\r\n", "\u00ff", ""));
        assertRoundTrip(data);
    }

    @Test
    void valuesLargerThan64KilobytesSurvive() throws IOException {
        byte[] big = new byte[200_000];
        new Random(7).nextBytes(big);
        RdbData data = new RdbData().put(0, "big string", new StringValue(big));
        ListValue longList = new ListValue();
        HashValue bigHash = new HashValue(dev.buildredis.store.Encodings.DEFAULTS);
        for (int i = 0; i < 70_000; i++) {
            longList.addLast(bytes("element " + i));
        }
        bigHash.put(Key.of("big"), big);
        for (int i = 0; i < 1000; i++) {
            bigHash.put(Key.of("field " + i), bytes(Integer.toString(i)));
        }
        data.put(0, "long list", longList).put(0, "big hash", bigHash);
        SetValue bigSet = new SetValue(dev.buildredis.store.Encodings.DEFAULTS);
        for (int i = 0; i < 70_000; i++) {
            bigSet.add(Key.of("member " + i));
        }
        data.put(0, "big set", bigSet);
        assertRoundTrip(data);
    }

    @Test
    void scoresKeepTheirExactValueIncludingInfinitiesAndNegativeZero() throws IOException {
        assertRoundTrip(new RdbData().put(0, "z", zset(
                "-inf", Double.NEGATIVE_INFINITY, "inf", Double.POSITIVE_INFINITY, "negative", -12.75,
                "-0", -0.0, "tiny", Double.MIN_VALUE, "huge", Double.MAX_VALUE, "tenth", 0.1, "same", 0.1)));
    }

    @Test
    void integersAtTheEncodingBoundariesReadBackAsTheSameText() throws IOException {
        RdbData data = new RdbData();
        String[] numbers = {"0", "-1", "127", "128", "-128", "-129", "32767", "32768", "-32768", "-32769",
                "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807",
                "-9223372036854775808", "007", "-0", "+5", " 5", "1.0", "12345678901"};
        for (String n : numbers) {
            data.put(0, n, string(n));
        }
        data.put(0, "list of them", list(numbers));
        data.put(0, "set of them", set(numbers));
        assertRoundTrip(data);
    }

    @Test
    void integerStringsAreStoredInRedisIntegerEncodings() throws IOException {
        // type byte, key "k" (length + 1 byte), then the value: one encoding byte and 1, 2 or 4 bytes
        assertThat(entrySize("127")).isEqualTo(3 + 1 + 1);
        assertThat(entrySize("-32768")).isEqualTo(3 + 1 + 2);
        assertThat(entrySize("2147483647")).isEqualTo(3 + 1 + 4);
        assertThat(entrySize("2147483648")).as("too large for int32: stored as text").isEqualTo(3 + 1 + 10);
        assertThat(entrySize("007")).as("not canonical: stored as text").isEqualTo(3 + 1 + 3);
    }

    private static long entrySize(String value) throws IOException {
        RdbWriter writer = new RdbWriter(new ByteArrayOutputStream());
        writer.writeEntry(Key.of("k"), string(value), -1);
        return writer.written();
    }

    @Test
    void expiriesBelongToTheirKeyOnly() throws IOException {
        RdbData data = new RdbData()
                .put(0, bytes("expiring"), string("v"), 1_900_000_000_123L)
                .put(0, "persistent", string("v"))
                .put(0, bytes("long ago"), string("x"), 0);
        data.put(0, bytes("expiring hash"), hash("f", "v"), 4_102_444_800_000L);
        assertRoundTrip(data);
    }

    @Test
    void keysStayInTheirDatabase() throws IOException {
        assertRoundTrip(new RdbData()
                .put(0, "k", string("zero"))
                .put(1, "k", string("one"))
                .put(15, "k", string("fifteen"))
                .put(300, "other", string("three hundred")));
    }

    @Test
    void theFileHasRedisHeaderAuxFieldsAndAChecksumOfEveryByteBeforeIt() {
        byte[] file = smallFile();
        String text = new String(file, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("REDIS0010").contains("redis-ver", "7.0.15", "redis-bits", "ctime",
                "used-mem", "aof-base");
        assertThat(file[file.length - 9] & 0xff).as("EOF opcode").isEqualTo(0xff);
        long stored = 0;
        for (int i = 0; i < 8; i++) {
            stored |= (file[file.length - 8 + i] & 0xffL) << (8 * i);
        }
        assertThat(stored).isEqualTo(Crc64.update(0, file, 0, file.length - 8));
    }

    @Test
    void writtenCountsEveryByte() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RdbWriter writer = new RdbWriter(out);
        writer.writeHeader(1, 2, true);
        writer.selectDb(0, 1, 0);
        writer.writeEntry(Key.of("k"), string("v"), -1);
        writer.writeEnd();
        assertThat(writer.written()).isEqualTo(out.size());
    }

    @Test
    void anEmptyCollectionIsRefusedBecauseRedisNeverStoresOne() {
        RdbWriter writer = new RdbWriter(new ByteArrayOutputStream());
        assertThatThrownBy(() -> writer.writeEntry(Key.of("k"), new ListValue(), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void aFlippedByteInAValueGivesAChecksumErrorAtTheChecksumOffset() {
        byte[] file = smallFile();
        int inString = new String(file, StandardCharsets.ISO_8859_1).indexOf("long enough");
        file[inString] ^= 0x20;
        assertThatThrownBy(() -> RdbData.fromRdb(file))
                .isInstanceOfSatisfying(RdbFormatException.class,
                        e -> assertThat(e.offset()).isEqualTo(file.length - 8))
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining("at byte " + (file.length - 8));
    }

    @Test
    void aZeroChecksumMeansNotComputedAndIsAccepted() throws IOException {
        byte[] file = smallFile();
        Arrays.fill(file, file.length - 8, file.length, (byte) 0);
        assertThat(RdbData.fromRdb(file).contents()).isEqualTo(RdbData.fromRdb(smallFile()).contents());
    }

    @Test
    void aFileCutShortAnywhereIsRefused() {
        byte[] file = smallFile();
        for (int length = 0; length < file.length; length++) {
            byte[] cut = Arrays.copyOf(file, length);
            assertThatThrownBy(() -> RdbData.fromRdb(cut)).as("cut to %d bytes", length)
                    .isInstanceOf(RdbFormatException.class);
        }
    }

    @Test
    void aFileThatIsNotRdbOrOfAnUnknownVersionIsRefused() {
        assertThatThrownBy(() -> RdbData.fromRdb(bytes("*1\r\n$4\r\nPING\r\n")))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining("not an RDB file");
        assertThatThrownBy(() -> RdbData.fromRdb(bytes("REDIS0012\u00ff")))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining("version 12");
    }

    /** A key whose value claims to be huge, in a file of a few bytes: refused at once, not allocated. */
    // Entries of a key "k", each claiming far more than follows; the reader must refuse them without allocating.

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            00 01 6b 81 7fffffffffffffff             | over the 512 MB limit
            00 01 6b 80 ffffffff                     | over the 512 MB limit
            00 01 6b 80 1fffffff 616263              | the file ends early, inside a string of 536870911 bytes
            00 01 6b c3 05 80 1fffffff 0000000000    | LZF string declares 536870911 bytes from 5
            """)
    @Timeout(5)
    void aHugeDeclaredLengthIsRefusedQuicklyWithoutAllocatingIt(String entryHex, String reason) {
        assertRefused(entryHex, reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            01 01 6b 81 3fffffffffffffff 0161        | the file ends early
            10 01 6b 0c 0c000000 0100 f0 ffffff7f ff | needs 2147483647 more bytes
            """)
    @Timeout(5)
    void aListOrListpackOfHugeDeclaredLengthIsRefusedQuicklyWithoutAllocatingIt(String entryHex, String reason) {
        assertRefused(entryHex, reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            02 01 6b 80 ffffffff                     | the file ends early
            0b 01 6b 08 08000000 ffffff7f            | members of 8 bytes do not fill it
            """)
    @Timeout(5)
    void aSetOrIntsetOfHugeDeclaredLengthIsRefusedQuicklyWithoutAllocatingIt(String entryHex, String reason) {
        assertRefused(entryHex, reason);
    }

    private static void assertRefused(String entryHex, String reason) {
        byte[] file = concat(bytes("REDIS0010"), HexFormat.of().parseHex(entryHex.replace(" ", "")));
        assertThatThrownBy(() -> RdbData.fromRdb(file))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining(reason);
    }

    @Test
    void anEmptyStreamIsAKeyAndAStreamCutShortIsDamaged() throws IOException {
        // type 19, key "s": no node, length 0, last, first and max-deleted IDs 0-0, 0 added, no group; then EOF
        byte[] empty = concat(bytes("REDIS0010"), HexFormat.of().parseHex("130173 00 00 0000 0000 0000 00 00"
                .replace(" ", "")), HexFormat.of().parseHex("ff0000000000000000"));
        Object contents = RdbData.fromRdb(empty).contents().get(0).get(Key.of("s")).contents();
        assertThat(contents.toString()).startsWith("[length, 0, radix-tree-keys, 0, radix-tree-nodes, 1,");
        byte[] cut = concat(bytes("REDIS0010"), HexFormat.of().parseHex("1301730000"));
        assertThatThrownBy(() -> RdbData.fromRdb(cut))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining("the file ends early");
    }

    @Test
    void moduleAuxDataIsRefusedWithAClearMessage() {
        byte[] file = concat(bytes("REDIS0010"), HexFormat.of().parseHex("f7000000"));
        assertThatThrownBy(() -> RdbData.fromRdb(file))
                .isInstanceOfSatisfying(RdbFormatException.class, e -> assertThat(e.offset()).isEqualTo(9))
                .hasMessageContaining("MODULE_AUX");
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
