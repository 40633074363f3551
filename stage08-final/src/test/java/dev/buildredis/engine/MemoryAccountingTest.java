// @step 15
package dev.buildredis.engine;

import dev.buildredis.store.Database;
import dev.buildredis.store.Key;
import dev.buildredis.store.Memory;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * used_memory is kept up to date incrementally, at every write; these tests recount it from scratch after many
 * writes of every kind and expect the same number, so that a command that changes a value in place without
 * reporting the change would be caught.
 */
class MemoryAccountingTest {

    private static final String[][] WRITES = {
            {"SET", "s%d", "%s"}, {"APPEND", "s%d", "%s"}, {"SETRANGE", "s%d", "3", "%s"}, {"INCR", "n%d"},
            {"GETDEL", "s%d"}, {"MSET", "s%d", "%s", "n%d", "7"},
            {"LPUSH", "l%d", "%s", "%s"}, {"RPUSH", "l%d", "%s"}, {"LPOP", "l%d"}, {"RPOP", "l%d", "2"},
            {"LSET", "l%d", "0", "%s"}, {"LINSERT", "l%d", "BEFORE", "x", "%s"}, {"LREM", "l%d", "0", "%s"},
            {"LTRIM", "l%d", "1", "-2"}, {"LMOVE", "l%d", "l%d", "LEFT", "RIGHT"},
            {"HSET", "h%d", "f%d", "%s", "g%d", "%s"}, {"HDEL", "h%d", "f%d"}, {"HINCRBY", "h%d", "c", "3"},
            {"HSETNX", "h%d", "f%d", "%s"}, {"HINCRBYFLOAT", "h%d", "d", "1.5"},
            {"SADD", "t%d", "%s", "%d"}, {"SREM", "t%d", "%s"}, {"SPOP", "t%d"}, {"SMOVE", "t%d", "t%d", "%d"},
            {"SUNIONSTORE", "t%d", "t%d", "t%d"}, {"SINTERSTORE", "t%d", "t%d", "t%d"},
            {"ZADD", "z%d", "%d", "%s"}, {"ZINCRBY", "z%d", "2", "%s"}, {"ZREM", "z%d", "%s"}, {"ZPOPMIN", "z%d"},
            {"ZREMRANGEBYRANK", "z%d", "0", "0"},
            //> step 19
            {"XADD", "x%d", "*", "f", "%s"}, {"XADD", "x%d", "MAXLEN", "~", "3", "*", "f%d", "%s"},
            {"XTRIM", "x%d", "MAXLEN", "2"}, {"XDEL", "x%d", "1767225600000-%d"},
            {"XSETID", "x%d", "9999999999999-%d"},
            //> step 20
            {"XGROUP", "CREATE", "x%d", "g%d", "0", "MKSTREAM"}, {"XREADGROUP", "GROUP", "g%d", "c%d", "STREAMS", "x%d", ">"},
            {"XACK", "x%d", "g%d", "1767225600000-%d"}, {"XCLAIM", "x%d", "g%d", "c%d", "0", "1767225600000-%d"},
            {"XAUTOCLAIM", "x%d", "g%d", "c%d", "0", "0"}, {"XGROUP", "DELCONSUMER", "x%d", "g%d", "c%d"},
            {"XGROUP", "DESTROY", "x%d", "g%d"},
            //< step 20
            //< step 19
            {"EXPIRE", "s%d", "100"}, {"PERSIST", "s%d"}, {"DEL", "l%d"}, {"RENAME", "h%d", "h%d"},
            {"COPY", "z%d", "z%d", "REPLACE"}, {"FLUSHDB"}};

    @Test
    void usedMemoryEqualsARecountAfterThousandsOfMixedWrites() {
        Session s = new Session();
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 20_000; i++) {
            String[] template = WRITES[random.nextInt(WRITES.length - (i % 5000 == 4999 ? 0 : 1))];
            String[] call = new String[template.length];
            for (int j = 0; j < template.length; j++) {
                call[j] = template[j].replace("%d", Integer.toString(random.nextInt(8)))
                        .replace("%s", "x".repeat(random.nextInt(1, 60))); // embedded in the key up to 44 bytes
            }
            s.call(call);
        }
        Database db = s.client.db();
        assertThat(db.size()).isPositive();
        assertThat(db.usedMemory()).isEqualTo(recount(db));
        assertThat(s.engine.keyspace().usedMemory()).isEqualTo(db.usedMemory());
    }

    @Test
    void deletingEveryKeyBringsUsedMemoryBackToZeroAndLeavesThePeak() {
        Session s = new Session();
        s.call("RPUSH", "l", "a", "b");
        s.call("HSET", "h", "f", "v");
        s.call("SET", "s", "v", "EX", "100");
        s.call("ZADD", "z", "1", "m");
        s.call("SADD", "t", "m");
        long full = s.engine.keyspace().usedMemory();
        assertThat(full).isPositive();
        s.call("DEL", "l", "h", "s", "z", "t");
        assertThat(s.engine.keyspace().usedMemory()).isZero();
        assertThat(s.engine.keyspace().peakMemory()).isEqualTo(full);
    }

    @Test
    void memoryUsageGrowsWithTheValue() {
        Session s = new Session();
        s.call("SET", "k", "v");
        long small = Long.parseLong(s.call("MEMORY", "USAGE", "k").substring(1).trim());
        s.call("APPEND", "k", "x".repeat(1000));
        long big = Long.parseLong(s.call("MEMORY", "USAGE", "k").substring(1).trim());
        assertThat(big - small).isBetween(1000L, 2100L); // the appended bytes, and the room a string keeps to grow
    }

    private static long recount(Database db) {
        long total = 0;
        for (Key key : db.keys()) {
            total += Memory.key(key) + db.peek(key).memoryBytes();
            if (db.expireAt(key) != -1) {
                total += Memory.expireEntry(key);
            }
        }
        return total;
    }
}
