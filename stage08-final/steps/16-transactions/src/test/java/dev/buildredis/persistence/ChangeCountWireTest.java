package dev.buildredis.persistence;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a write adds to INFO's {@code rdb_changes_since_last_save}, Redis's {@code server.dirty}: the number the save
 * points ({@code save 60 10000}) compare with, and what decides whether a command reaches the AOF. Redis counts by
 * the element for most commands that take many (HSET of three fields is 3 changes, LTRIM the elements it cut, ZADD
 * the members added or moved), once for a command that changes two keys (RENAME, LMOVE), and not at all for one
 * that changed nothing. Each row: the setup, the command, and what redis-server 7.0 counts for it.
 */
@WireTest
class ChangeCountWireTest {

    /** A command and what it counts, after a setup; {@code $name} is a key of this test's own. */
    record Row(long changes, String command, String... setup) {
    }

    private static final List<Row> ROWS = new ArrayList<>(List.of(
            new Row(1, "SET $s v"),
            new Row(3, "MSET $a 1 $b 2 $c 3"),
            new Row(1, "APPEND $s def", "SET $s abc"),
            new Row(1, "INCRBY $n 3", "SET $n 5"),
            new Row(3, "DEL $a $b $c $d", "SET $a 1", "SET $b 1", "SET $c 1"),
            new Row(1, "RENAME $a $b", "SET $a 1"),
            new Row(1, "RENAME $a $b", "SET $a 1", "SET $b 2"),
            new Row(0, "RENAME $a $a", "SET $a 1")));

    static {
        ROWS.addAll(List.of(
                new Row(3, "HSET $h a 1 b 2 c 3"),
                new Row(3, "HSET $h a 1 b 2 c 3", "HSET $h a 0"),
                new Row(1, "HSET $h a 1", "HSET $h a 1"),
                new Row(2, "HMSET $h a 1 b 2"),
                new Row(2, "HDEL $h a b z", "HSET $h a 1 b 2 c 3"),
                new Row(3, "RPUSH $l a b c"),
                new Row(3, "LPUSH $l a b c"),
                new Row(2, "RPUSHX $l a b", "RPUSH $l x"),
                new Row(2, "LPOP $l 2", "RPUSH $l a b c"),
                new Row(3, "RPOP $l 5", "RPUSH $l a b c"),
                new Row(3, "LREM $l 0 a", "RPUSH $l a b a c a"),
                new Row(0, "LREM $l 0 z", "RPUSH $l a b"),
                new Row(3, "LTRIM $l 1 2", "RPUSH $l a b c d e"),
                new Row(0, "LTRIM $l 0 -1", "RPUSH $l a b c d e"),
                new Row(3, "LTRIM $l 5 9", "RPUSH $l a b c"),
                new Row(1, "LMOVE $l $m LEFT RIGHT", "RPUSH $l a b c"),
                new Row(1, "LMOVE $l $l LEFT RIGHT", "RPUSH $l a"),
                new Row(1, "RPOPLPUSH $l $m", "RPUSH $l a b c")));
        ROWS.addAll(List.of(
                new Row(3, "SADD $s a b c"),
                new Row(2, "SADD $s a b c", "SADD $s a"),
                new Row(2, "SREM $s a b z", "SADD $s a b c"),
                new Row(2, "SPOP $s 2", "SADD $s a b c d"),
                new Row(3, "SPOP $s 5", "SADD $s a b c"),
                new Row(1, "SINTERSTORE $d $s $t", "SADD $s a b c", "SADD $t a b"),
                new Row(1, "SUNIONSTORE $d $s $t", "SADD $s a b c", "SADD $t a b"),
                new Row(3, "ZADD $z 1 a 2 b 3 c"),
                new Row(3, "ZADD $z 5 a 2 b 3 c", "ZADD $z 1 a"),
                new Row(1, "ZADD $z 1 a 2 b", "ZADD $z 1 a"),
                new Row(0, "ZADD $z 1 a", "ZADD $z 1 a"),
                new Row(2, "ZREM $z a b x", "ZADD $z 1 a 2 b 3 c"),
                new Row(2, "ZREMRANGEBYSCORE $z 1 2", "ZADD $z 1 a 2 b 3 c"),
                new Row(2, "ZREMRANGEBYRANK $z 0 1", "ZADD $z 1 a 2 b 3 c"),
                new Row(3, "ZREMRANGEBYLEX $z - +", "ZADD $z 1 a 2 b 3 c"),
                new Row(2, "ZPOPMIN $z 2", "ZADD $z 1 a 2 b 3 c")));
    }

    private final String prefix = "changes:" + UUID.randomUUID() + ":";

    @Test
    void eachWriteCountsItsChangesAsRedisDoes(WireClient c) {
        List<String> wrong = new ArrayList<>();
        for (Row row : ROWS) {
            List<String> keys = new ArrayList<>();
            for (String setup : row.setup()) {
                c.command(args(setup, keys)).readReply();
            }
            long before = changes(c);
            Object reply = c.command(args(row.command(), keys)).readReply();
            long counted = changes(c) - before;
            if (counted != row.changes()) {
                wrong.add(row.command() + " after " + List.of(row.setup()) + ": " + counted + " (reply " + reply
                        + "), Redis counts " + row.changes());
            }
            if (!keys.isEmpty()) {
                List<String> del = new ArrayList<>(List.of("DEL"));
                del.addAll(keys);
                c.command(del.toArray(String[]::new)).readReply();
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void flushdbCountsTheKeysItRemoved(WireClient c) {
        c.call("+OK\r\n", "SELECT", "14");
        c.call("+OK\r\n", "FLUSHDB");
        long before = changes(c);
        c.call("+OK\r\n", "FLUSHDB");
        assertThat(changes(c) - before).as("FLUSHDB of an empty database").isZero();
        c.call("+OK\r\n", "MSET", prefix + "a", "1", prefix + "b", "2");
        before = changes(c);
        c.call("+OK\r\n", "FLUSHDB");
        assertThat(changes(c) - before).as("FLUSHDB of two keys").isEqualTo(2);
        c.call("+OK\r\n", "SELECT", "0");
    }

    /** The words of {@code line}, each {@code $name} made this test's key (and noted in {@code keys}). */
    private String[] args(String line, List<String> keys) {
        String[] words = line.split(" ");
        for (int i = 0; i < words.length; i++) {
            if (words[i].startsWith("$") && words[i].length() > 1) {
                words[i] = prefix + words[i].substring(1);
                if (!keys.contains(words[i])) {
                    keys.add(words[i]);
                }
            }
        }
        return words;
    }

    private static long changes(WireClient c) {
        String info = (String) c.command("INFO", "persistence").readReply();
        for (String line : info.split("\r\n")) {
            if (line.startsWith("rdb_changes_since_last_save:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1));
            }
        }
        throw new AssertionError("no rdb_changes_since_last_save in " + info);
    }
}
