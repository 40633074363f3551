package dev.buildredis.replication;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The backlog keeps the last bytes of the stream, and hands out what a replica asking for offset N missed. */
class BacklogTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Test
    void aNewBacklogStartsAfterTheCurrentOffsetAndCoversOnlyThatOffset() {
        Backlog backlog = new Backlog(8, 100);
        assertThat(backlog.firstByteOffset()).isEqualTo(101);
        assertThat(backlog.histlen()).isZero();
        assertThat(backlog.covers(101)).as("nothing missed").isTrue();
        assertThat(backlog.covers(100)).isFalse();
        assertThat(backlog.from(101)).isEmpty();
    }

    @Test
    void aReplicaGetsTheBytesFromTheOffsetItAsksFor() {
        Backlog backlog = new Backlog(8, 0);
        backlog.append(bytes("abcde"), 0, 5); // offsets 1..5
        assertThat(text(backlog.from(1))).isEqualTo("abcde");
        assertThat(text(backlog.from(4))).isEqualTo("de");
        assertThat(backlog.covers(6)).isTrue();
        assertThat(backlog.covers(7)).as("beyond what was written").isFalse();
    }

    @Test
    void whenTheRingWrapsTheOldestBytesAreGone() {
        Backlog backlog = new Backlog(8, 0);
        backlog.append(bytes("abcde"), 0, 5);
        backlog.append(bytes("fghij"), 0, 5); // offsets 1..10, the ring keeps 3..10
        assertThat(backlog.firstByteOffset()).isEqualTo(3);
        assertThat(backlog.histlen()).isEqualTo(8);
        assertThat(backlog.covers(2)).isFalse();
        assertThat(text(backlog.from(3))).isEqualTo("cdefghij");
        assertThat(text(backlog.from(9))).isEqualTo("ij");
    }

    @Test
    void aWriteLongerThanTheRingKeepsItsTail() {
        Backlog backlog = new Backlog(4, 0);
        backlog.append(bytes("ab"), 0, 2);
        backlog.append(bytes("cdefghij"), 0, 8); // offsets 1..10, the ring keeps 7..10
        assertThat(backlog.firstByteOffset()).isEqualTo(7);
        assertThat(text(backlog.from(7))).isEqualTo("ghij");
    }

    @Test
    void resizingKeepsAsMuchOfTheLatestHistoryAsFits() {
        Backlog backlog = new Backlog(8, 0);
        backlog.append(bytes("abcdefgh"), 0, 8);
        backlog.resize(3);
        assertThat(backlog.firstByteOffset()).isEqualTo(6);
        assertThat(text(backlog.from(6))).isEqualTo("fgh");
        backlog.append(bytes("ij"), 0, 2);
        assertThat(text(backlog.from(8))).isEqualTo("hij");
        backlog.resize(16);
        backlog.append(bytes("klm"), 0, 3);
        assertThat(text(backlog.from(8))).isEqualTo("hijklm");
    }
}
