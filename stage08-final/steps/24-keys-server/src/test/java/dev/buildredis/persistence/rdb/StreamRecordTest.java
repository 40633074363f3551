package dev.buildredis.persistence.rdb;

import dev.buildredis.store.Encodings;
import dev.buildredis.store.Key;
import dev.buildredis.store.PendingEntry;
import dev.buildredis.store.StreamConsumer;
import dev.buildredis.store.StreamGroup;
import dev.buildredis.store.StreamId;
import dev.buildredis.store.StreamNode;
import dev.buildredis.store.StreamValue;
import dev.buildredis.testing.RedisServerProcess;
import dev.buildredis.testing.StreamView;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.buildredis.persistence.rdb.RdbData.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Streams in RDB files: type 19 written here and read back, read by redis-check-rdb and redis-server; redis-server's
 * own file read here; the older type 15 and the newer type 21 read; damaged records refused.
 */
class StreamRecordTest {

    /** A stream of everything a file must carry: several nodes, tombstones, binary and long values, groups. */
    static StreamValue everything() {
        Encodings limits = new Encodings();
        limits.updateStreams(4096, 5);
        StreamValue stream = new StreamValue(limits);
        byte[] big = new byte[20_000];
        new Random(2).nextBytes(big);
        for (int i = 1; i <= 23; i++) {
            byte[][] fields = i % 4 == 0 ? new byte[][] {bytes("other"), bytes("7")} : new byte[][] {bytes("f")};
            byte[][] values = i % 4 == 0 ? new byte[][] {bytes("-4097"), bytes("x".repeat(300))}
                    : new byte[][] {i == 9 ? big : bytes("value " + i + " \0\r\n")};
            stream.append(new StreamId(1_700_000_000_000L + i, i % 3), fields, values);
        }
        stream.deleteAll(List.of(new StreamId(1_700_000_000_002L, 2), new StreamId(1_700_000_000_006L, 0)));
        StreamGroup group = stream.createGroup(bytes("group"), new StreamId(1_700_000_000_005L, 2), 5);
        StreamConsumer alice = group.createConsumer(bytes("alice"), 1_700_000_001_000L);
        StreamConsumer bob = group.createConsumer(bytes("bob \0"), 1_700_000_002_000L);
        group.createConsumer(bytes("idle"), 1_700_000_003_000L);
        group.deliver(new StreamId(1_700_000_000_001L, 1), alice, 1_700_000_001_000L).deliveryCount = 3;
        group.deliver(new StreamId(1_700_000_000_004L, 1), bob, 1_700_000_002_000L);
        group.deliver(new StreamId(1_700_000_000_005L, 2), alice, 1_700_000_002_500L);
        stream.createGroup(bytes("unknown-read"), StreamId.MIN, StreamGroup.UNKNOWN_ENTRIES_READ);
        return stream;
    }

    @Test
    void aStreamGoesThroughAFileWithEverythingXinfoShows() throws IOException {
        StreamValue stream = everything();
        StreamValue empty = new StreamValue(Encodings.DEFAULTS);
        empty.setLastId(StreamId.MAX, 4, new StreamId(-1, 7)); // 64-bit numbers: RDB's longest length form
        byte[] file = new RdbData().put(0, "s", stream).put(0, "empty", empty).toRdb();
        Map<Key, RdbData.Stored> read = RdbData.fromRdb(file).contents().get(0);
        assertThat(read.get(Key.of("s")).contents()).isEqualTo(StreamView.of(stream));
        assertThat(read.get(Key.of("empty")).contents()).isEqualTo(StreamView.of(empty));
    }

    @Test
    void ourFilePassesRedisCheckRdbAndRedisServerLoadsTheSameStream(@TempDir Path dir) throws Exception {
        StreamValue stream = everything();
        Files.write(dir.resolve("dump.rdb"), new RdbData().put(0, "s", stream).toRdb());
        String check = RedisServerProcess.run(List.of(RedisServerProcess.requireTool("redis-check-rdb"),
                dir.resolve("dump.rdb").toString()));
        assertThat(check).startsWith("0\n").contains("RDB looks OK");
        try (RedisServerProcess redis = RedisServerProcess.start(dir); Jedis jedis = redis.client()) {
            assertThat(StreamView.of(jedis, bytes("s"))).isEqualTo(StreamView.of(stream));
        }
    }

    @Test
    void redisServersFileIsReadWithTheSameStreams(@TempDir Path dir) throws Exception {
        List<Object> expected;
        List<Object> expectedEmpty;
        try (RedisServerProcess redis = RedisServerProcess.start(dir, "--stream-node-max-entries", "4");
             Jedis jedis = redis.client()) {
            for (int i = 1; i <= 30; i++) {
                jedis.sendCommand(Protocol.Command.XADD, "s", i + "-" + i % 2, "f", "v" + i, "n", Integer.toString(i));
            }
            jedis.sendCommand(Protocol.Command.XDEL, "s", "3-1", "10-0", "11-1");
            jedis.sendCommand(Protocol.Command.XTRIM, "s", "MAXLEN", "25");
            jedis.sendCommand(Protocol.Command.XADD, "e", "1-0", "f", "v");
            jedis.sendCommand(Protocol.Command.XDEL, "e", "1-0"); // an empty stream is still a key
            jedis.sendCommand(Protocol.Command.XGROUP, "CREATE", "s", "g", "0");
            jedis.sendCommand(Protocol.Command.XREADGROUP, "GROUP", "g", "alice", "COUNT", "4", "STREAMS", "s", ">");
            jedis.sendCommand(Protocol.Command.XREADGROUP, "GROUP", "g", "bob", "COUNT", "2", "STREAMS", "s", ">");
            jedis.sendCommand(Protocol.Command.XGROUP, "CREATE", "s", "later", "$", "ENTRIESREAD", "29");
            jedis.sendCommand(Protocol.Command.XGROUP, "CREATE", "e", "g", "$");
            expected = StreamView.of(jedis, bytes("s"));
            expectedEmpty = StreamView.of(jedis, bytes("e"));
            assertThat(jedis.save()).isEqualTo("OK");
        }
        Map<Key, RdbData.Stored> read = RdbData.fromRdb(Files.readAllBytes(dir.resolve("dump.rdb"))).contents().get(0);
        assertThat(read.get(Key.of("s")).contents()).isEqualTo(expected);
        assertThat(read.get(Key.of("e")).contents()).isEqualTo(expectedEmpty);
    }

    /**
     * Type 15 (Redis 5 to 6.2) has no first ID, max-deleted ID, entries-added or entries-read: they are derived, as
     * Redis 7.0 derives them; type 21 (7.2) adds each consumer's active-time, which is skipped.
     */
    @Test
    void theOlderAndTheNewerStreamTypesAreRead() throws IOException {
        StreamValue stream = everything();
        StreamValue old = onlyStream(file(RdbFormat.TYPE_STREAM_LISTPACKS, stream, 0));
        assertThat(old.length()).isEqualTo(stream.length());
        assertThat(old.entriesAdded()).isEqualTo(stream.length());
        assertThat(old.maxDeletedId()).isEqualTo(StreamId.MIN);
        assertThat(old.firstId()).isEqualTo(stream.first().id());
        assertThat(old.group(bytes("group")).entriesRead()).isEqualTo(StreamGroup.UNKNOWN_ENTRIES_READ);
        assertThat(old.group(bytes("unknown-read")).entriesRead()).isZero(); // before the first entry: none read
        assertThat(StreamView.of(onlyStream(file(RdbFormat.TYPE_STREAM_LISTPACKS_3, stream, 0))))
                .isEqualTo(StreamView.of(stream));
    }

    @Test
    void aDamagedStreamRecordIsRefused() {
        StreamValue stream = everything();
        assertThatThrownBy(() -> RdbData.fromRdb(file(RdbFormat.TYPE_STREAM_LISTPACKS_2, stream, 1)))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining("stream length");
        StreamValue orphan = new StreamValue(Encodings.DEFAULTS);
        orphan.append(new StreamId(1, 0), new byte[][] {bytes("f")}, new byte[][] {bytes("v")});
        orphan.createGroup(bytes("g"), StreamId.MIN, 0).loadPending(new StreamId(1, 0), 5, 1);
        assertThatThrownBy(() -> RdbData.fromRdb(file(RdbFormat.TYPE_STREAM_LISTPACKS_2, orphan, 0)))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining("PEL entry without consumer");
    }

    private static StreamValue onlyStream(byte[] file) throws IOException {
        StreamValue[] read = new StreamValue[1];
        RdbReader.read(new java.io.ByteArrayInputStream(file), (db, key, value, expireAt) -> read[0] =
                (StreamValue) value);
        return read[0];
    }

    /**
     * A file holding {@code stream} at key "s" as a record of {@code type}: the layout {@link StreamRecord} documents,
     * spelled out again here for the types this server reads but does not write.
     */
    private static byte[] file(int type, StreamValue stream, long lengthError) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            RdbWriter out = new RdbWriter(bytes);
            out.writeHeader(0, 0, false);
            out.selectDb(0, 1, 0);
            out.writeByte(type);
            out.writeString(bytes("s"));
            out.writeLength(stream.nodeCount());
            for (StreamNode node : stream.nodes()) {
                out.writeString(node.master().encoded());
                out.writeString(node.listpack());
            }
            out.writeLength(stream.length() + lengthError);
            id(out, stream.lastId());
            if (type != RdbFormat.TYPE_STREAM_LISTPACKS) {
                id(out, stream.firstId());
                id(out, stream.maxDeletedId());
                out.writeLength(stream.entriesAdded());
            }
            out.writeLength(stream.groupCount());
            for (StreamGroup group : stream.groups()) {
                out.writeString(group.name());
                id(out, group.lastId());
                if (type != RdbFormat.TYPE_STREAM_LISTPACKS) {
                    out.writeLength(group.entriesRead());
                }
                out.writeLength(group.pending().size());
                for (Map.Entry<StreamId, PendingEntry> pending : group.pending().entrySet()) {
                    out.write(pending.getKey().encoded());
                    out.writeLittleEndian(pending.getValue().deliveryTime, 8);
                    out.writeLength(pending.getValue().deliveryCount);
                }
                out.writeLength(group.consumerCount());
                for (StreamConsumer consumer : group.consumers()) {
                    out.writeString(consumer.name());
                    out.writeLittleEndian(consumer.seenTime, 8);
                    if (type == RdbFormat.TYPE_STREAM_LISTPACKS_3) {
                        out.writeLittleEndian(consumer.seenTime + 1, 8); // active-time
                    }
                    out.writeLength(consumer.pending().size());
                    for (StreamId id : consumer.pending().keySet()) {
                        out.write(id.encoded());
                    }
                }
            }
            out.writeEnd();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void id(RdbWriter out, StreamId id) throws IOException {
        out.writeLength(id.ms());
        out.writeLength(id.seq());
    }
}
