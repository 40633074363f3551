package dev.buildredis.persistence.rdb;

import dev.buildredis.store.Key;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.buildredis.persistence.rdb.RdbData.bytes;
import static dev.buildredis.persistence.rdb.RdbData.string;
import static dev.buildredis.persistence.rdb.RdbRoundTripTest.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bytes of RDB lengths and strings at the edges of their forms, LZF strings as redis-server compresses them,
 * and the compact encodings (listpack, ziplist, intset, zipmap) at their edges and when they are damaged.
 */
class RdbEncodingTest {

    // ---- the writer's bytes

    /** SELECTDB 0 and RESIZEDB with the length given as the key count: the length's bytes are the file's. */
    @ParameterizedTest(name = "{0} keys")
    @CsvSource(delimiter = '|', textBlock = """
            0          | 00
            63         | 3f
            64         | 4040
            16383      | 7fff
            16384      | 80 00004000
            4294967295 | 80 ffffffff
            4294967296 | 81 0000000100000000
            """)
    void aLengthTakesTheShortestOfItsFourForms(long keys, String lengthHex) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RdbWriter writer = new RdbWriter(out);
        writer.selectDb(0, keys, 0);
        writer.writeEnd();
        byte[] expected = concat(hex("fe 00 fb"), hex(lengthHex), hex("00 ff"));
        assertThat(HexFormat.of().formatHex(out.toByteArray(), 0, expected.length))
                .isEqualTo(HexFormat.of().formatHex(expected));
        assertThat(writer.written()).isEqualTo(out.size()).isEqualTo(expected.length + 8);
        RdbInput in = new RdbInput(new java.io.ByteArrayInputStream(out.toByteArray()));
        in.readByte();
        in.readLength();
        in.readByte();
        assertThat(in.readLength()).isEqualTo(keys);
    }

    /** A string value of key "k": its encoding byte(s) as Redis's rdbTryIntegerEncoding writes them. */
    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            0           | c0 00
            127         | c0 7f
            128         | c1 8000
            -128        | c0 80
            -129        | c1 7fff
            32767       | c1 ff7f
            32768       | c2 00800000
            -32768      | c1 0080
            -32769      | c2 ff7fffff
            2147483647  | c2 ffffff7f
            -2147483648 | c2 00000080
            2147483648  | 0a 32313437343833363438
            -2147483649 | 0b 2d32313437343833363439
            12345678901 | 0b 3132333435363738393031
            a1          | 02 6131
            -           | 01 2d
            """)
    void integerStringsTakeTheSmallestIntegerEncoding(String value, String encodedHex) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RdbWriter writer = new RdbWriter(out);
        writer.writeEntry(Key.of("k"), string(value), -1);
        writer.writeEnd();
        byte[] expected = concat(hex("00 01 6b"), hex(encodedHex));
        assertThat(HexFormat.of().formatHex(out.toByteArray(), 0, expected.length))
                .isEqualTo(HexFormat.of().formatHex(expected));
        assertThat(out.toByteArray()[expected.length] & 0xff).as("EOF right after").isEqualTo(0xff);
    }

    @Test
    void aValueLargerThanHalfTheBufferGoesOutDirectlyAndCountsInTheChecksum() throws IOException {
        byte[] big = new byte[40_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RdbWriter writer = new RdbWriter(out);
        writer.writeHeader(0, 0, false);
        writer.selectDb(0, 2, 0);
        writer.writeEntry(Key.of("a"), new dev.buildredis.store.StringValue(big), -1);
        writer.writeEntry(Key.of("b"), string("after"), -1);
        writer.writeEnd();
        assertThat(writer.written()).isEqualTo(out.size());
        byte[] file = out.toByteArray();
        assertThat(RdbData.fromRdb(file).contents().get(0)).containsEntry(Key.of("b"),
                new RdbData.Stored(Key.of("after"), -1));
    }

    /**
     * Keys of 20000-byte values and then one of {@code size} bytes, so that for some size the next key's expiry
     * (8 bytes little-endian) or its value's 32-bit length (4 bytes big-endian) is cut by the end of the writer's
     * 64 KB buffer: each must still be written whole.
     */
    @Test
    void fixedWidthFieldsThatReachPastTheBuffersEndAreWrittenWhole() throws IOException {
        for (int size = 25_495; size < 25_515; size++) {
            for (long expireAt : new long[] {-1, 0x0102030405060708L}) {
                RdbData data = new RdbData()
                        .put(0, "a", string("a".repeat(20_000)))
                        .put(0, "b", string("b".repeat(20_000)))
                        .put(0, "c", string("c".repeat(size)))
                        .put(0, bytes("d"), string("d".repeat(20_000)), expireAt);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                RdbWriter writer = new RdbWriter(out);
                for (String key : List.of("a", "b", "c", "d")) {
                    writer.writeEntry(Key.of(key), string(key.repeat(key.equals("c") ? size : 20_000)),
                            key.equals("d") ? expireAt : -1);
                }
                writer.writeEnd();
                byte[] file = concat(bytes("REDIS0010"), out.toByteArray());
                java.util.Arrays.fill(file, file.length - 8, file.length, (byte) 0); // the magic is not in its CRC
                RdbData.assertSameContents(RdbData.fromRdb(file).contents(), data.contents());
            }
        }
    }

    @Test
    void theHeaderSaysWhetherTheFileIsAnAofBase() throws IOException {
        for (boolean aofBase : new boolean[] {true, false}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RdbWriter writer = new RdbWriter(out);
            writer.writeHeader(1_767_225_600L, 1000, aofBase);
            writer.writeEnd();
            String text = HexFormat.of().formatHex(out.toByteArray());
            assertThat(text).contains(HexFormat.of().formatHex(bytes("aof-base")) + (aofBase ? "c001" : "c000"))
                    .contains(HexFormat.of().formatHex(bytes("ctime")) + "c200b95569")
                    .contains(HexFormat.of().formatHex(bytes("used-mem")) + "c1e803");
        }
    }

    // ---- the reader's lengths, strings and header

    @Test
    void aStringOfExactly512MegabytesIsNotRefusedForItsLength() {
        assertThatThrownBy(() -> RdbData.fromRdb(concat(bytes("REDIS0010"), hex("00 01 6b 80 20000000 616263"))))
                .hasMessageContaining("the file ends early, inside a string of 536870912 bytes");
        assertThatThrownBy(() -> RdbData.fromRdb(concat(bytes("REDIS0010"), hex("00 01 6b 80 20000001 616263"))))
                .hasMessageContaining("declared length 536870913 is over the 512 MB limit");
    }

    /** LZF items at the edges of the input and of the output, and the damage each check catches. */
    @ParameterizedTest(name = "{0} to {1} bytes")
    @CsvSource(delimiter = '|', textBlock = """
            02616263       | 3 | abc
            0061 2000      | 4 | aaaa
            016162 2001    | 5 | ababa
            0061 e00000    | 10 | aaaaaaaaaa
            0061 e0fe00    | 264 | a*264
            02616263       | 2 | !a literal run at input byte 0 overruns
            026162         | 3 | !a literal run at input byte 0 overruns
            0061 2001      | 4 | !a back reference at input byte 3 overruns
            0061 2000      | 3 | !a back reference at input byte 3 overruns
            0061 20        | 4 | !a back reference is cut off at the end
            0061 e0        | 10 | !a back reference is cut off at the end
            0061 e000      | 10 | !a back reference is cut off at the end
            0061           | 2 | !it gives 1 bytes, not the declared 2
            """)
    void lzfItemsAreCopiedWithinTheirBounds(String compressedHex, int length, String expected) {
        byte[] compressed = hex(compressedHex);
        if (expected.startsWith("!")) {
            assertThatThrownBy(() -> Lzf.decompress(compressed, length))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(expected.substring(1));
        } else {
            String text = expected.endsWith("*264") ? "a".repeat(264) : expected;
            assertThat(new String(Lzf.decompress(compressed, length), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .isEqualTo(text);
        }
    }

    @Test
    void lengthsOfEveryFormReadBack() throws IOException {
        RdbInput in = new RdbInput(new java.io.ByteArrayInputStream(hex(
                "3f 4040 7fff 80ffffffff 810102030405060708 82")));
        assertThat(in.readLength()).isEqualTo(63);
        assertThat(in.readLength()).isEqualTo(64);
        assertThat(in.readLength()).isEqualTo(16383);
        assertThat(in.readLength()).isEqualTo(4294967295L);
        assertThat(in.readLength()).isEqualTo(0x0102030405060708L);
        assertThat(in.offset()).isEqualTo(1 + 2 + 2 + 5 + 9);
        assertThatThrownBy(in::readLength).isInstanceOfSatisfying(RdbFormatException.class,
                e -> assertThat(e.offset()).isEqualTo(19)).hasMessageContaining("unknown length form, first byte 0x82");
    }

    @Test
    void aStringEncodingWhereALengthBelongsAndAnUnknownStringEncodingAreRefused() {
        assertThatThrownBy(() -> new RdbInput(new java.io.ByteArrayInputStream(hex("c0 05"))).readLength())
                .hasMessageContaining("expected a length, found a string encoding (first byte 0xc0)");
        assertThatThrownBy(() -> new RdbInput(new java.io.ByteArrayInputStream(hex("c4 05"))).readString())
                .hasMessageContaining("unknown string encoding 4");
    }

    /** Values of type 0 exactly as redis-server 7.0.15's DUMP gives them (rdbcompression yes): LZF strings. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            c3094064016161e05700016161 | 100 times a
            c33b404b1f6162636465666768696a6b6c6d6e6f707172737475767778797a3031323334350e363738394142434445464748494a61e00a2d202a400201797a | alphabet, digits, a repeat and xyz
            c32040750d68656c6c6f20776f726c642c2068e00e0c0021e01019e00433e01e26012120 | hello world, 9 times
            """)
    void lzfStringsWrittenByRedisServerReadBackAsTheirText(String valueHex, String what) throws IOException {
        String expected = switch (what) {
            case "100 times a" -> "a".repeat(100);
            case "hello world, 9 times" -> "hello world, hello world, hello world! ".repeat(3);
            default -> "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJabcdefghijklmnopqrstxyzxyzxyz";
        };
        byte[] file = concat(bytes("REDIS0010"), hex("00 01 6b"), hex(valueHex), hex("ff 0000000000000000"));
        assertThat(RdbData.fromRdb(file).contents().get(0).get(Key.of("k")).contents()).isEqualTo(Key.of(expected));
    }

    @Test
    void anLzfStringMayDeclareUpTo88TimesItsCompressedBytes() {
        // one compressed byte: 88 declared bytes pass the check (and the data is then found damaged), 89 do not
        byte[] exactly88 = concat(bytes("REDIS0010"), hex("00 01 6b c3 01 4058 00"));
        assertThatThrownBy(() -> RdbData.fromRdb(exactly88)).hasMessageContaining("LZF string is damaged: ");
        byte[] over = concat(bytes("REDIS0010"), hex("00 01 6b c3 01 4059 00"));
        assertThatThrownBy(() -> RdbData.fromRdb(over))
                .hasMessage("RDB file unreadable at byte 12: LZF string declares 89 bytes from 1 compressed ones");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            REDIS00/1 | the version is not four digits
            REDIS00:1 | the version is not four digits
            REDIS0000 | RDB version 0 is not supported (1 to 11)
            REDIT0010 | not an RDB file: it does not start with REDIS
            """)
    void theMagicAndTheVersionAreChecked(String magic, String message) {
        assertThatThrownBy(() -> RdbData.fromRdb(concat(bytes(magic), hex("ff"))))
                .isInstanceOf(RdbFormatException.class).hasMessage("RDB file unreadable at byte "
                        + (magic.startsWith("REDIT") ? 0 : 5) + ": " + message);
    }

    @Test
    void versionsOneNineAndElevenAreRead() throws IOException {
        assertThat(RdbData.fromRdb(concat(bytes("REDIS0009"), hex("00 016b 0176 ff 0000000000000000"))).contents())
                .isEqualTo(Map.of(0, Map.of(Key.of("k"), new RdbData.Stored(Key.of("v"), -1))));
        assertThat(RdbData.fromRdb(concat(bytes("REDIS0001"), hex("00 016b 0176 ff"))).contents())
                .isEqualTo(Map.of(0, Map.of(Key.of("k"), new RdbData.Stored(Key.of("v"), -1))));
        assertThat(RdbData.fromRdb(concat(bytes("REDIS0011"), hex("00 016b 0176 ff 0000000000000000"))).contents())
                .isEqualTo(Map.of(0, Map.of(Key.of("k"), new RdbData.Stored(Key.of("v"), -1))));
    }

    @Test
    void aVersion5FileHasItsChecksumChecked() {
        assertThatThrownBy(() -> RdbData.fromRdb(concat(bytes("REDIS0005"), hex("00 016b 0176 ff 0100000000000000"))))
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void aDbNumberPastTheLargestIntIsRefused() throws IOException {
        assertThat(RdbData.fromRdb(concat(bytes("REDIS0010"), hex("fe 80 7fffffff 00 016b 0176 ff 0000000000000000")))
                .dbNumbers()).containsExactly(Integer.MAX_VALUE);
        assertThatThrownBy(() -> RdbData.fromRdb(concat(bytes("REDIS0010"), hex("fe 80 80000000 ff"))))
                .hasMessage("RDB file unreadable at byte 10: db number 2147483648");
        assertThatThrownBy(() -> RdbData.fromRdb(concat(bytes("REDIS0010"), hex("fe 81 ffffffffffffffff ff"))))
                .hasMessage("RDB file unreadable at byte 10: db number 18446744073709551615");
    }

    @Test
    void anExpiryInSecondsIsASignedIntOfSecondsAndBelongsToTheNextKeyOnly() throws IOException {
        byte[] file = concat(bytes("REDIS0010"), hex("fd ffffffff 00 0161 0176 00 0162 0176 ff 0000000000000000"));
        assertThat(RdbData.fromRdb(file).contents()).isEqualTo(Map.of(0, Map.of(
                Key.of("a"), new RdbData.Stored(Key.of("v"), -1000),
                Key.of("b"), new RdbData.Stored(Key.of("v"), -1))));
    }

    @Test
    void anEmptyCollectionInTheFileIsSkippedAsRedisSkipsIt() throws IOException {
        byte[] file = concat(bytes("REDIS0010"), hex("01 0165 00 02 0166 00 04 0167 00 05 0168 00 00 016b 0176 ff"),
                hex("0000000000000000"));
        assertThat(RdbData.fromRdb(file).contents()).isEqualTo(Map.of(0, Map.of(
                Key.of("k"), new RdbData.Stored(Key.of("v"), -1))));
    }

    @Test
    void repeatedHashFieldsAndSortedSetMembersAreRefused() {
        assertThatThrownBy(() -> RdbData.fromRdb(concat(bytes("REDIS0010"), hex("04 016b 02 0166 0131 0166 0132"))))
                .hasMessageContaining("hash field repeated: f");
        assertThatThrownBy(() -> RdbData.fromRdb(concat(bytes("REDIS0010"),
                hex("05 016b 02 016d 000000000000f03f 016d 0000000000000040"))))
                .hasMessageContaining("sorted set member repeated: m");
        assertThatThrownBy(() -> RdbData.fromRdb(concat(bytes("REDIS0010"), hex("03 016b 01 016d 03 616263"))))
                .hasMessageContaining("not a number: abc");
    }

    @Test
    void theOldFunctionOpcodeAndModuleAndUnknownTypesAreRefused() {
        assertThatThrownBy(() -> RdbData.fromRdb(concat(bytes("REDIS0010"), hex("f6 00"))))
                .hasMessageContaining("Redis 7.0 release candidates");
        for (String type : List.of("06", "07")) {
            assertThatThrownBy(() -> RdbData.fromRdb(concat(bytes("REDIS0010"), hex(type + " 016b"))))
                    .hasMessageContaining("module keys are not supported (type " + Integer.parseInt(type) + ")");
        }
        for (String type : List.of("08", "16", "f4")) {
            assertThatThrownBy(() -> RdbData.fromRdb(concat(bytes("REDIS0010"), hex(type + " 016b"))))
                    .hasMessageContaining("unknown value type " + Integer.parseInt(type, 16));
        }
        for (String type : List.of("0f", "13", "15")) {
            assertThatThrownBy(() -> RdbData.fromRdb(concat(bytes("REDIS0010"), hex(type + " 016b"))))
                    .hasMessageContaining("the file ends early"); // a stream is read: one cut after its key is damaged
        }
    }

    // ---- compact encodings

    private static Object onlyValue(int type, byte[] blob) throws IOException {
        byte[] file = concat(bytes("REDIS0010"), new byte[] {(byte) type}, hex("016b"), rdbString(blob),
                hex("ff 0000000000000000"));
        return RdbData.fromRdb(file).contents().get(0).get(Key.of("k")).contents();
    }

    private static void assertDamaged(int type, byte[] blob, String message) {
        assertThatThrownBy(() -> onlyValue(type, blob)).isInstanceOfSatisfying(RdbFormatException.class,
                e -> assertThat(e.offset()).as("where the blob starts").isEqualTo(12)).hasMessageContaining(message);
    }

    private static byte[] rdbString(byte[] bytes) {
        int n = bytes.length;
        byte[] length = n < 64 ? new byte[] {(byte) n}
                : n < 16384 ? new byte[] {(byte) (0x40 | n >> 8), (byte) n}
                : new byte[] {(byte) 0x80, (byte) (n >> 24), (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        return concat(length, bytes);
    }

    @Test
    void listpackEntriesSkipABacklenOfOneToFourBytesByTheirSize() throws IOException {
        // entries of 127 and 128 bytes (backlen of 1 and 2 bytes), 16382 and 16383 (2 and 3), 2^21 - 2 and 2^21 - 1
        // (3 and 4): Redis's lpEncodeBacklen bounds, one below the powers of two (a 16378-byte element in a list
        // that redis-server 7.0.15 dumps ends its entry with 00 ff ff)
        byte[] e127 = concat(hex("e07d"), bytes("a".repeat(125)), hex("7f"));
        byte[] e128 = concat(hex("e07e"), bytes("b".repeat(126)), hex("0001"));
        byte[] e16382 = concat(hex("f0"), le(16377, 4), bytes("c".repeat(16377)), hex("0000"));
        byte[] e16383 = concat(hex("f0"), le(16378, 4), bytes("d".repeat(16378)), hex("000000"));
        int n = (1 << 21) - 7;
        byte[] e2m2 = concat(hex("f0"), le(n, 4), new byte[n], hex("000000"));
        byte[] e2m1 = concat(hex("f0"), le(n + 1, 4), new byte[n + 1], hex("00000000"));
        byte[] lp = listpack(6, e127, e128, e16382, e16383, e2m2, e2m1);
        @SuppressWarnings("unchecked")
        List<Key> list = (List<Key>) onlyQuicklistValue(concat(hex("01 02"), rdbString(lp)));
        assertThat(list).extracting(k -> k.bytes().length).containsExactly(125, 126, 16377, 16378, n, n + 1);
    }

    /** The value of a type-18 list (a quicklist of listpacks and plain nodes) of key "k". */
    private static Object onlyQuicklistValue(byte[] value) throws IOException {
        byte[] file = concat(bytes("REDIS0010"), hex("12 016b"), value, hex("ff 0000000000000000"));
        return RdbData.fromRdb(file).contents().get(0).get(Key.of("k")).contents();
    }

    @Test
    void listpacksAtTheEdgesOfTheirEncodings() throws IOException {
        byte[] lp = listpackRaw(0xffff, concat(hex("7f 01"), hex("00 01"), hex("bf"), bytes("x".repeat(63)), hex("40"),
                hex("cfff 02"), hex("d000 02"), hex("e000 01"), hex("f0 00000000 05"), hex("f1 ff7f 03"),
                hex("f2 000080 04"), hex("f4 0000000000000080 09"), hex("e101"), bytes("y".repeat(257)), hex("0000")));
        @SuppressWarnings("unchecked")
        List<Key> list = (List<Key>) onlyQuicklistValue(concat(hex("01 02"), rdbString(lp)));
        assertThat(list).containsExactly(Key.of("127"), Key.of("0"), Key.of("x".repeat(63)), Key.of("4095"),
                Key.of("-4096"), Key.of(""), Key.of(""), Key.of("32767"), Key.of("-8388608"),
                Key.of("-9223372036854775808"), Key.of("y".repeat(257)));
    }

    @Test
    void damagedListpacksAreRefused() {
        byte[] good = listpackRaw(1, hex("8161 02"));
        byte[] longer = concat(good, hex("00"));
        longer[0]++;
        assertDamaged(20, longer, "bytes after its end byte");
        byte[] wrongTotal = good.clone();
        wrongTotal[0]++;
        assertDamaged(20, wrongTotal, "its header says 11 bytes");
        assertDamaged(20, listpackRaw(2, hex("8161 02")), "its header says 2 entries, it has 1");
        assertDamaged(20, hex("06000000 0000"), "its header says 6 bytes");
        for (String encoding : List.of("f5", "fe")) {
            assertDamaged(20, listpackRaw(1, hex(encoding + " 02")), "unknown entry encoding 0x" + encoding);
        }
        assertDamaged(20, listpackRaw(1, hex("8561 02")), "needs 5 more bytes, has 3");
    }

    @Test
    void blobsThatEndTooSoonAreRefusedWithWhatWasMissing() {
        assertDamaged(11, hex("020000"), "intset of 3 bytes is damaged at its byte 0: needs 4 more bytes, has 3");
        assertDamaged(20, hex("09000000 0100 8161 02"), "at its byte 9: needs 1 more bytes, has 0");
        assertDamaged(20, hex("07000000 0100 01"), "at its byte 7: needs 1 more bytes, has 0");
        assertDamaged(9, hex("01 01 61 01 05 62 ff"), "at its byte 6: needs 5 more bytes, has 1");
    }

    @Test
    void ziplistHashesAndSortedSetsMustHoldPairsAndNumericScores() {
        byte[] three = ziplistRaw(3, hex("00 0161 03 0162 03 0163"));
        assertDamaged(13, three, "odd number of entries (3) where pairs belong");
        assertDamaged(12, three, "odd number of entries (3) where pairs belong");
        assertDamaged(12, ziplistRaw(2, hex("00 0161 03 0178")), "sorted set score is not a number: x");
    }

    @Test
    void anEmptyListpackAndOneWithoutACountAreRead() throws IOException {
        assertThat(RdbData.fromRdb(concat(bytes("REDIS0010"), hex("14 016b"), rdbString(listpackRaw(0, new byte[0])),
                hex("ff 0000000000000000"))).contents()).isEqualTo(Map.of());
        assertThat(onlyValue(20, listpackRaw(0xffff, hex("8161 02 8162 02")))).isEqualTo(Set.of(Key.of("a"),
                Key.of("b")));
    }

    @Test
    void ziplistsAtTheEdgesOfTheirEncodings() throws IOException {
        byte[] zl = ziplistRaw(0xffff, concat(hex("00 3f"), bytes("s".repeat(63)), hex("41 4040"),
                bytes("t".repeat(64)), hex("fe 44000000 80 00000101"), bytes("u".repeat(257)), hex("0b f1"), hex("02 fd"),
                hex("02 fe 80"), hex("03 c0 0080"), hex("04 f0 ffff7f"), hex("05 d0 00000080")));
        assertThat(onlyValue(10, zl)).isEqualTo(List.of(Key.of("s".repeat(63)), Key.of("t".repeat(64)),
                Key.of("u".repeat(257)), Key.of("0"), Key.of("12"), Key.of("-128"), Key.of("-32768"), Key.of("8388607"),
                Key.of("-2147483648")));
    }

    @Test
    void damagedZiplistsAreRefused() {
        byte[] good = ziplistRaw(1, hex("00 0161"));
        byte[] wrongTotal = good.clone();
        wrongTotal[0]--;
        assertDamaged(10, wrongTotal, "its header says 13 bytes");
        byte[] longer = concat(good, hex("00"));
        longer[0]++;
        assertDamaged(10, longer, "bytes after its end byte");
        assertDamaged(10, ziplistRaw(3, hex("00 0161")), "its header says 3 entries, it has 1");
        assertDamaged(10, ziplistRaw(1, hex("00 80 0000")), "needs 4 more bytes, has 3");
        for (String encoding : List.of("81", "bf", "c1", "d5", "e1", "ef", "f0ff", "ff")) {
            String expected = encoding.equals("f0ff") ? "needs 3 more bytes" : "unknown entry encoding 0x" + encoding;
            assertDamaged(10, ziplistRaw(1, hex("00 " + encoding)), expected);
        }
    }

    @Test
    void intsetsOfFourByteMembersAndDamagedIntsets() throws IOException {
        assertThat(onlyValue(11, hex("04000000 02000000 00000080 ffffff7f"))).isEqualTo(Set.of(
                Key.of("-2147483648"), Key.of("2147483647")));
        for (String width : List.of("01000000", "03000000", "10000000")) {
            assertDamaged(11, hex(width + " 01000000 0000000000000000"), "integer width "
                    + Long.parseLong(width.substring(0, 2), 16));
        }
        assertDamaged(11, hex("02000000 02000000 0100"), "2 members of 2 bytes do not fill it");
        assertDamaged(11, hex("02000000 01000000 010002"), "1 members of 2 bytes do not fill it");
    }

    @Test
    void zipmapsWithLongLengthsAndDamagedZipmaps() throws IOException {
        byte[] zipmap = concat(hex("ff 01 61 fe 2c010000 00"), bytes("v".repeat(300)), hex("ff"));
        assertThat(onlyValue(9, zipmap)).isEqualTo(Map.of(Key.of("a"), Key.of("v".repeat(300))));
        assertDamaged(9, hex("01 01 61 01 00 62 ff 00"), "bytes after its end byte");
        assertDamaged(9, hex("01 01 61 ff"), "a length where the end byte is");
    }

    // ---- builders

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    private static byte[] le(long value, int width) {
        byte[] bytes = new byte[width];
        for (int i = 0; i < width; i++) {
            bytes[i] = (byte) (value >>> (8 * i));
        }
        return bytes;
    }

    /** A listpack of entries that carry their own backlen bytes. */
    private static byte[] listpack(int count, byte[]... entries) {
        return listpackRaw(count, concat(entries));
    }

    private static byte[] listpackRaw(int count, byte[] body) {
        return concat(le(6 + body.length + 1, 4), le(count, 2), body, hex("ff"));
    }

    /** A ziplist of entries that carry their own prevlen bytes. */
    private static byte[] ziplistRaw(int count, byte[] body) {
        return concat(le(10 + body.length + 1, 4), le(0, 4), le(count, 2), body, hex("ff"));
    }
}
