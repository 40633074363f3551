package dev.buildredis.engine;

import dev.buildredis.testing.BothServers;
import dev.buildredis.testing.WireClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keyspace notifications compared with redis-server's: a subscriber to {@code __key*__:*} on each server while the
 * same commands run on both, over every family, and the two streams of events must be the same, event for event
 * and in the same order ("AKEmn": every kind, "new" and "keymiss" included).
 */
class KeyspaceEventsComparisonTest {

    private static BothServers servers;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        servers = BothServers.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        servers.close();
    }

    /** One line a command; BLOCK sends from a second connection without waiting, REPLY reads what it got. */
    private static final List<String> COMMANDS = List.of(
            // strings
            "SET s1 v", "SET s1 v EX 100", "SET s2 v PX 100000 GET", "SETNX s3 v", "SETNX s3 v", "SETEX s4 100 v",
            "PSETEX s5 100000 v", "GETSET s1 x", "GETSET nosuch1 v", "MSET m1 a m2 b", "MSETNX m3 a m4 b",
            "MSETNX m3 a m5 b", "APPEND s1 yy", "APPEND s6 new", "SETRANGE s1 1 zz", "SETRANGE s7 0 new", "INCR n1",
            "DECR n1", "INCRBY n1 5", "DECRBY n1 2", "INCRBYFLOAT n1 1.5", "GETDEL s6", "GETDEL nosuch",
            "GETEX s1 EX 100", "GETEX s1 PERSIST", "GETEX s1 PXAT 1", "GETEX nosuch2", "GET nosuch", "MGET nosuch s1",
            "STRLEN nosuch", "EXISTS nosuch", "TYPE nosuch", "TTL nosuch",
            // lists
            "LPUSH l1 a b c", "RPUSH l1 d e", "LPUSHX l1 x", "RPUSHX l1 y", "LPUSHX nolist x", "LINSERT l1 BEFORE a q",
            "LSET l1 0 z", "LREM l1 1 z", "LTRIM l1 0 2", "LPOP l1", "RPOP l1", "LPOP l1 5", "LPOP l1", "RPUSH l2 a b",
            "LMOVE l2 l3 LEFT RIGHT", "RPOPLPUSH l2 l3", "LMOVE l3 l3 LEFT LEFT", "BLPOP l3 0", "RPUSH l3 q r",
            "BRPOP l3 0", "BLMOVE l3 l4 RIGHT LEFT 0", "LRANGE nolist 0 -1",
            "BLOCK BLPOP bl1 0", "RPUSH bl1 a", "REPLY", "BLOCK BLMOVE bl2 bl3 LEFT RIGHT 0", "LPUSH bl2 a b", "REPLY",
            "BLOCK BZPOPMAX bz1 0", "ZADD bz1 1 a", "REPLY",
            // hashes
            "HSET h1 a 1 b 2", "HMSET h1 c 3", "HSETNX h1 d 4", "HSETNX h1 d 4", "HINCRBY h1 a 5",
            "HINCRBYFLOAT h1 b 0.5", "HDEL h1 a b", "HDEL h1 c d", "HGET nosuch f",
            // sets
            "SADD st1 a b c", "SADD st1 a", "SREM st1 a", "SPOP st1", "SADD st2 a b c", "SPOP st2 10",
            "SADD st3 1 2 3", "SADD st4 2 3 4", "SMOVE st3 st4 1", "SMOVE st3 st5 2", "SMOVE st3 st4 3",
            "SINTERSTORE st6 st4 st5", "SUNIONSTORE st7 st4 st5", "SDIFFSTORE st7 st4 st4", "SDIFFSTORE st8 st4 st4",
            "SINTERSTORE st9 nosuch4 st4", "SISMEMBER nosuch a",
            // sorted sets
            "ZADD z1 1 a 2 b 3 c", "ZADD z1 INCR 5 a", "ZADD z1 XX CH 1 b", "ZINCRBY z1 1 c", "ZREM z1 a",
            "ZADD z2 1 a 2 b 3 c 4 d 5 e", "ZREMRANGEBYSCORE z2 1 1", "ZREMRANGEBYRANK z2 0 0",
            "ZREMRANGEBYLEX z2 [a [c", "ZPOPMIN z2", "ZPOPMAX z2 5", "ZADD z3 1 a 2 b", "BZPOPMIN z3 0",
            "BZPOPMAX z3 0", "ZSCORE nosuch a",
            // the multi-key pops, SORT, geo and the sorted-set algebra
            "RPUSH lm1 a b c", "LMPOP 2 nolist lm1 LEFT COUNT 2", "LMPOP 1 lm1 RIGHT", "RPUSH lm2 x",
            "BLMPOP 0 1 lm2 LEFT", "ZADD zm1 1 a 2 b", "ZMPOP 1 zm1 MIN COUNT 1", "ZMPOP 1 zm1 MAX", "ZADD zm1 5 q",
            "BZMPOP 0 1 zm1 MIN", "RPUSH so 3 1 2", "SORT so STORE sdst", "SORT nosuchlist STORE sdst", "SORT so",
            "GEOADD g 13.361389 38.115556 Palermo 15.087269 37.502669 Catania", "GEORADIUS g 15 37 200 km STORE gdst",
            "GEORADIUS g 15 37 1 m STORE gdst", "GEOSEARCHSTORE gdst2 g FROMLONLAT 15 37 BYRADIUS 200 km",
            "GEOSEARCHSTORE gdst2 g FROMLONLAT 15 37 BYRADIUS 1 m", "ZADD za 1 a 2 b", "ZADD zb 2 b 3 c",
            "ZUNIONSTORE zu 2 za zb", "ZINTERSTORE zi 2 za zb", "ZINTERSTORE zi 2 za nosuchz", "ZDIFFSTORE zd 2 za zb",
            "ZRANGESTORE zr za 0 -1", "ZRANGESTORE zr za 5 6", "ZUNION 2 za nosuchz2", "SINTERCARD 2 nos1 nos2",
            "HRANDFIELD nosuchh",
            // bitmaps and HyperLogLog
            "SETBIT b1 7 1", "SETBIT b1 7 1", "SETBIT b1 100 0", "GETBIT nob 1", "BITCOUNT nob", "BITPOS nob 1",
            "BITOP OR bd b1 nob", "BITOP AND bd nob nob2", "BITOP NOT bd2 nob", "BITFIELD bf SET u8 0 255 GET u8 0",
            "BITFIELD bf GET u8 0", "BITFIELD nobf GET u8 0", "BITFIELD_RO nobf2 GET u8 0", "BITFIELD bf INCRBY u8 0 1",
            "BITFIELD bf OVERFLOW FAIL INCRBY u8 0 1000", "PFADD hl1 a b c", "PFADD hl1 a", "PFADD hl2", "PFADD hl2",
            "PFCOUNT hl1", "PFCOUNT nohll", "PFCOUNT hl1 hl2 nohll", "PFMERGE hl3 hl1 hl2 nohll", "PFMERGE hl4",
            // keys
            "DEL s1 s2 nosuch", "UNLINK m1", "SET r1 v", "RENAME r1 r2", "SET r3 v", "RENAME r2 r3", "RENAMENX r3 r4",
            "SET r5 v", "RENAMENX r4 r5", "COPY r4 r6", "COPY r4 r6 REPLACE", "COPY nosuch3 x", "EXPIRE r4 100",
            "PEXPIRE r4 100000", "EXPIREAT r4 1", "PERSIST r6", "PERSIST r6", "SET mv v", "MOVE mv 3", "SWAPDB 0 3",
            "SWAPDB 0 3", "OBJECT ENCODING nosuch", "MEMORY USAGE nosuch", "DUMP nosuch", "TOUCH nosuch",
            "SET e1 v PX 1", "SLEEP", "GET e1", "SET e2 v PX 1", "SLEEP", "MSET e2 x",
            // eviction: one key, a limit it cannot fit
            "FLUSHALL", "SET big v", "CONFIG SET maxmemory-policy allkeys-random", "CONFIG SET maxmemory 1",
            "GET big", "CONFIG SET maxmemory 0", "CONFIG SET maxmemory-policy noeviction");

    @Test
    void everyFamilyPublishesTheEventsRedisPublishesInTheSameOrder() {
        Run redis = run(servers.redis(), servers.redis(), servers.redis());
        Run ours = run(servers.ours(), servers.ours(), servers.ours());
        assertThat(redis.events).as("redis-server published events: the list runs").hasSizeGreaterThan(300);
        assertThat(ours.events).containsExactlyElementsOf(redis.events);
        for (int i = 0; i < redis.replies.size(); i++) {
            if (!COMMANDS.get(i).startsWith("SPOP")) { // a random member
                assertThat(ours.replies.get(i)).as(COMMANDS.get(i)).isEqualTo(redis.replies.get(i));
            }
        }
    }

    private record Run(List<Object> replies, List<String> events) {
    }

    private static Run run(WireClient subscriber, WireClient client, WireClient blocked) {
        client.command("FLUSHALL").readReply();
        client.command("CONFIG", "SET", "notify-keyspace-events", "AKEmn").readReply();
        subscriber.command("PSUBSCRIBE", "__key*__:*").readReply();
        subscriber.command("SUBSCRIBE", "end").readReply();
        List<Object> replies = new ArrayList<>();
        for (String line : COMMANDS) {
            String[] args = line.split(" ");
            switch (args[0]) {
                case "SLEEP" -> sleep(50);
                case "BLOCK" -> {
                    blocked.command(java.util.Arrays.copyOfRange(args, 1, args.length));
                    sleep(50);
                }
                case "REPLY" -> replies.add(blocked.readReply());
                default -> replies.add(client.command(args).readReply());
            }
            if (args[0].equals("SLEEP") || args[0].equals("BLOCK")) {
                replies.add(null);
            }
        }
        client.command("CONFIG", "SET", "notify-keyspace-events", "").readReply();
        client.command("PUBLISH", "end", "x").readReply();
        List<String> events = new ArrayList<>();
        while (true) {
            List<Object> message = subscriber.readArray();
            if (message.get(0).equals("message")) {
                return new Run(replies, events);
            }
            events.add(message.get(2) + " " + message.get(3));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
