package dev.buildredis.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stream's structure: nodes as Redis lays them out, tombstones, ranges, trimming and memory. */
class StreamValueTest {

    private final Encodings limits = new Encodings();
    private final StreamValue stream = new StreamValue(limits);

    private static byte[][] texts(String... texts) {
        byte[][] bytes = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            bytes[i] = texts[i].getBytes(StandardCharsets.ISO_8859_1);
        }
        return bytes;
    }

    private void add(long ms, String... fieldsAndValues) {
        String[] fields = new String[fieldsAndValues.length / 2];
        String[] values = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = fieldsAndValues[2 * i];
            values[i] = fieldsAndValues[2 * i + 1];
        }
        stream.append(new StreamId(ms, 0), texts(fields), texts(values));
    }

    private static List<String> ids(Iterator<StreamEntry> entries) {
        List<String> ids = new ArrayList<>();
        entries.forEachRemaining(e -> ids.add(e.id().toString()));
        return ids;
    }

    @Test
    void idsCompareAndPrintAsUnsignedNumbers() {
        StreamId huge = new StreamId(-1, 5);
        assertThat(huge.toString()).isEqualTo("18446744073709551615-5");
        assertThat(huge).isGreaterThan(new StreamId(Long.MAX_VALUE, 0));
        assertThat(StreamId.MAX.next()).isNull();
        assertThat(StreamId.MIN.previous()).isNull();
        assertThat(new StreamId(1, -1).next()).isEqualTo(new StreamId(2, 0));
        assertThat(new StreamId(2, 0).previous()).isEqualTo(new StreamId(1, -1));
        assertThat(StreamId.decode(huge.encoded(), 0)).isEqualTo(huge);
    }

    @Test
    void aNodeHoldsAsManyEntriesAsStreamNodeMaxEntriesTombstonesIncluded() {
        limits.updateStreams(4096, 3);
        for (int i = 1; i <= 7; i++) {
            add(i, "f", "v");
        }
        assertThat(stream.nodes()).extracting(node -> node.master().toString()).containsExactly("1-0", "4-0", "7-0");
        assertThat(stream.deleteAll(List.of(new StreamId(7, 0)))).isEqualTo(1); // its node's only entry: it goes
        assertThat(stream.nodeCount()).isEqualTo(2);
        assertThat(stream.deleteAll(List.of(new StreamId(5, 0)))).isEqualTo(1); // a tombstone in a full node
        add(8, "f", "v");
        assertThat(stream.nodes()).extracting(node -> node.master().toString()).containsExactly("1-0", "4-0", "8-0");
        assertThat(stream.length()).isEqualTo(6);
    }

    @Test
    void aNodeEndsWhenItsListpackAndTheNewEntryReachStreamNodeMaxBytes() {
        limits.updateStreams(45, 0); // the first entry makes a listpack of 38 bytes; 38 + 11 reaches 45
        add(1, "f", "aaaaaaaaaa");
        assertThat(stream.nodes().iterator().next().listpackBytes()).isEqualTo(38);
        add(2, "f", "aaaaaaaaaa");
        add(3, "f", "aaaaaaaaaa");
        assertThat(stream.nodeCount()).isEqualTo(3);
        assertThat(stream.radixTreeNodes()).isEqualTo(8); // what redis-server's XINFO says for the same XADDs
    }

    @Test
    void theListpackSizeKeptIsTheSizeOfTheListpackWrittenAfterAnyChanges() {
        SplittableRandom random = new SplittableRandom(3);
        limits.updateStreams(300, 7);
        String[] values = {"1", "-1", "127", "128", "4095", "-4097", "32768", "8388608", "2147483648",
                "-9223372036854775808", "x".repeat(63), "y".repeat(64), "z".repeat(4096), "", "007"};
        for (int i = 1; i <= 300; i++) {
            String[] pair = random.nextInt(4) == 0 ? new String[] {"other", values[random.nextInt(values.length)]}
                    : new String[] {"f", values[random.nextInt(values.length)]};
            stream.append(new StreamId(i * 1000L, random.nextInt(3)), texts(pair[0]), texts(pair[1]));
            if (random.nextInt(5) == 0) {
                stream.deleteAll(List.of(new StreamId(random.nextInt(i) * 1000L + 1000, 0)));
            }
        }
        stream.trim(new StreamValue.Trim(true, 150, StreamId.MIN, false, 0));
        for (StreamNode node : stream.nodes()) {
            assertThat(node.listpack()).hasSize((int) node.listpackBytes());
            StreamNode again = StreamNode.fromListpack(node.master(), elements(node.listpack()));
            assertThat(again.listpackBytes()).isEqualTo(node.listpackBytes());
            assertThat(again.live()).isEqualTo(node.live());
        }
    }

    /** The elements of a listpack, integers as their text: a small reader for this test. */
    private static List<byte[]> elements(byte[] lp) {
        List<byte[]> elements = new ArrayList<>();
        int at = Listpacks.HEADER;
        while ((lp[at] & 0xff) != 0xff) {
            int first = lp[at] & 0xff;
            int size;
            byte[] element;
            if ((first & 0x80) == 0) {
                element = Long.toString(first).getBytes(StandardCharsets.US_ASCII);
                size = 1;
            } else if ((first & 0xc0) == 0x80) {
                size = 1 + (first & 0x3f);
                element = java.util.Arrays.copyOfRange(lp, at + 1, at + size);
            } else if ((first & 0xe0) == 0xc0) {
                long value = ((first & 0x1f) << 8 | lp[at + 1] & 0xff) << 51 >> 51;
                element = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
                size = 2;
            } else if ((first & 0xf0) == 0xe0) {
                int length = (first & 0x0f) << 8 | lp[at + 1] & 0xff;
                size = 2 + length;
                element = java.util.Arrays.copyOfRange(lp, at + 2, at + size);
            } else if (first == 0xf0) {
                int length = (lp[at + 1] & 0xff) | (lp[at + 2] & 0xff) << 8 | (lp[at + 3] & 0xff) << 16
                        | (lp[at + 4] & 0xff) << 24;
                size = 5 + length;
                element = java.util.Arrays.copyOfRange(lp, at + 5, at + size);
            } else {
                int bytes = switch (first) {
                    case 0xf1 -> 2;
                    case 0xf2 -> 3;
                    case 0xf3 -> 4;
                    default -> 8;
                };
                long value = 0;
                for (int i = 0; i < bytes; i++) {
                    value |= (long) (lp[at + 1 + i] & 0xff) << (8 * i);
                }
                value = value << (64 - 8 * bytes) >> (64 - 8 * bytes);
                element = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
                size = 1 + bytes;
            }
            elements.add(element);
            at += size + Listpacks.backlenSize(size);
        }
        assertThat(at + 1).isEqualTo(lp.length);
        return elements;
    }

    @Test
    void rangesSkipTombstonesAcrossNodesInBothDirections() {
        limits.updateStreams(4096, 2);
        for (int i = 1; i <= 6; i++) {
            add(i, "f", "v");
        }
        stream.deleteAll(List.of(new StreamId(3, 0), new StreamId(4, 0), new StreamId(9, 0)));
        assertThat(ids(stream.range(StreamId.MIN, StreamId.MAX, false))).containsExactly("1-0", "2-0", "5-0", "6-0");
        assertThat(ids(stream.range(new StreamId(2, 1), new StreamId(5, 0), false))).containsExactly("5-0");
        assertThat(ids(stream.range(StreamId.MIN, new StreamId(4, 5), true))).containsExactly("2-0", "1-0");
        assertThat(ids(stream.range(new StreamId(7, 0), StreamId.MAX, false))).isEmpty();
        assertThat(ids(stream.range(StreamId.MIN, new StreamId(0, 9), true))).isEmpty();
        assertThat(stream.first().id()).hasToString("1-0");
        assertThat(stream.last().id()).hasToString("6-0");
        assertThat(stream.entry(new StreamId(3, 0))).isNull();
        assertThat(stream.maxDeletedId()).hasToString("4-0");
    }

    @Test
    void anApproximateTrimRemovesWholeNodesOnlyAndALimitStopsIt() {
        limits.updateStreams(4096, 10);
        for (int i = 1; i <= 35; i++) {
            add(i, "f", "v");
        }
        assertThat(stream.trim(new StreamValue.Trim(true, 12, StreamId.MIN, true, 0))).isEqualTo(20);
        assertThat(stream.trim(new StreamValue.Trim(true, 0, StreamId.MIN, true, 5))).isZero();
        assertThat(stream.trim(new StreamValue.Trim(false, 0, new StreamId(25, 0), false, 0))).isEqualTo(4);
        assertThat(stream.firstId()).hasToString("25-0");
        assertThat(stream.length()).isEqualTo(11);
        assertThat(stream.nodeCount()).isEqualTo(2); // 21-0's node keeps its tombstones
        assertThat(stream.firstIdWithTombstones()).hasToString("21-0");
    }

    @Test
    void theRadixTreeCountsItsNodesAsRedissRaxDoes() {
        assertThat(stream.radixTreeNodes()).isEqualTo(1);       // the empty root
        limits.updateStreams(4096, 1);
        add(1, "f", "v");
        assertThat(stream.radixTreeNodes()).isEqualTo(2);       // a compressed node and the leaf
        add(2, "f", "v");
        assertThat(stream.radixTreeNodes()).isEqualTo(6);       // shared 7 bytes, a fork, two suffixes, two leaves
        add(258, "f", "v");
        assertThat(stream.nodeCount()).isEqualTo(3);
        assertThat(stream.radixTreeNodes()).isEqualTo(9);        // as redis-server says for these three IDs
    }

    @Test
    void memoryFollowsEveryChangeAndComesBackWhenEverythingGoes() {
        long empty = stream.memoryBytes();
        limits.updateStreams(4096, 10);
        for (int i = 1; i <= 45; i++) {
            add(i, "f", "value " + i, i % 3 == 0 ? "extra" : "f2", "x");
        }
        long full = stream.memoryBytes();
        assertThat(full).isGreaterThan(empty + 45 * 64);
        assertThat(stream.copy().memoryBytes()).as("a copy, built another way, counts the same")
                .isEqualTo(stream.memoryBytes());
        stream.trim(new StreamValue.Trim(true, 0, StreamId.MIN, false, 0));
        assertThat(stream.memoryBytes()).isEqualTo(empty);
    }

    @Test
    void aCopySharesNothingACommandCouldChange() {
        add(1, "f", "v");
        add(2, "f", "v");
        StreamValue copy = stream.copy();
        stream.deleteAll(List.of(new StreamId(1, 0)));
        assertThat(copy.length()).isEqualTo(2);
        assertThat(copy.entry(new StreamId(1, 0))).isNotNull();
    }

    @Test
    void aListpackThatIsNotAStreamNodeIsRefused() {
        List<byte[]> elements = new ArrayList<>(List.of(texts("1", "0", "1", "f", "0", "2", "0", "0", "v", "9")));
        assertThatThrownBy(() -> StreamNode.fromListpack(StreamId.MIN, elements))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lp-count");
        elements.set(9, texts("4")[0]);
        assertThat(StreamNode.fromListpack(StreamId.MIN, elements).live()).isEqualTo(1);
        elements.set(0, texts("2")[0]);
        assertThatThrownBy(() -> StreamNode.fromListpack(StreamId.MIN, elements))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends before");
    }
}
