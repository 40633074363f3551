// @step 24
package dev.buildredis.persistence.rdb;

import dev.buildredis.store.Key;
import dev.buildredis.store.ListValue;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The compact encodings DUMP writes, byte for byte against what redis-server 7.0.15 holds for the same values. */
class CompactEncodingsTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aListpackStoresIntegersInTheirSmallestEncodingAndStringsWithTheirLength() {
        // HSET h f v in redis-server: total 13 bytes, 2 entries, "f" and "v" as 6-bit strings, each with backlen 2
        assertThat(HexFormat.of().formatHex(ListpackWriter.of(List.of(bytes("f"), bytes("v")))))
                .isEqualTo("0d00000002008166028176" + "02ff");
        // 7-bit, 13-bit, 16-bit, 24-bit, 32-bit and 64-bit integers, and a string that only looks like one: the
        // node redis-server 7.0.15 dumps for RPUSH l 127 -4096 32767 -8388608 2147483647 -9223372036854775808 007
        byte[] lp = ListpackWriter.of(List.of(bytes("127"), bytes("-4096"), bytes("32767"), bytes("-8388608"),
                bytes("2147483647"), bytes("-9223372036854775808"), bytes("007")));
        assertThat(HexFormat.of().formatHex(lp)).isEqualTo(
                "2a000000" + "0700" + "7f01" + "d00002" + "f1ff7f03" + "f200008004" + "f3ffffff7f05"
                        + "f4000000000000008009" + "8330303704" + "ff");
    }

    @Test
    void whatTheWriterWritesTheReaderReads() throws RdbFormatException {
        List<byte[]> entries = List.of(bytes("a".repeat(63)), bytes("b".repeat(64)), bytes("c".repeat(4095)),
                bytes("d".repeat(4096)), bytes("e".repeat(16378)), bytes("12"), bytes(""));
        List<byte[]> read = Listpack.entries(ListpackWriter.of(entries), 0);
        assertThat(read).hasSize(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            assertThat(read.get(i)).isEqualTo(entries.get(i));
        }
    }

    @Test
    void aListIsSplitIntoNodesOfAtMost8KbAsRedisFillsThem() {
        ListValue list = new ListValue();
        for (int i = 0; i < 3000; i++) {
            list.addLast(bytes(String.format("e%05d", i)));
        }
        List<CompactEncodings.Node> nodes = CompactEncodings.quicklist(list, -2, 1L << 30);
        // redis-server 7.0.15, RPUSH of these 3000 elements: nodes of 1022, 1022 and 956, the first 8183 bytes
        assertThat(nodes).extracting(CompactEncodings.Node::count).containsExactly(1022, 1022, 956);
        assertThat(nodes.get(0).blob()).hasSize(8183);
        assertThat(CompactEncodings.quicklist(list, 5, 1L << 30)).hasSize(600);
    }

    @Test
    void anElementAtThePackedThresholdIsAPlainNodeOfItsOwn() {
        ListValue list = new ListValue();
        list.addLast(bytes("a"));
        list.addLast(bytes("x".repeat(200)));
        list.addLast(bytes("b"));
        assertThat(CompactEncodings.quicklist(list, -2, 100)).extracting(CompactEncodings.Node::plain)
                .containsExactly(false, true, false);
        assertThat(CompactEncodings.quicklist(list, -2, 1L << 30)).hasSize(1);
    }

    @Test
    void anIntsetTakesTheWidthItsLargestMemberNeeds() {
        assertThat(HexFormat.of().formatHex(CompactEncodings.intset(List.of(Key.of("1"), Key.of("2")))))
                .isEqualTo("02000000" + "02000000" + "0100" + "0200");
        assertThat(CompactEncodings.intset(List.of(Key.of("1"), Key.of("100000")))[0]).isEqualTo((byte) 4);
        assertThat(CompactEncodings.intset(List.of(Key.of("-1"), Key.of("10000000000")))[0]).isEqualTo((byte) 8);
    }
}
