package dev.buildredis.commands;

import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.params.ZAddParams;
import redis.clients.jedis.resps.Tuple;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A real client library's view: Jedis parses every reply into its own types, and must not notice a difference. */
@WireTest
class JedisCommandsTest {

    @BeforeEach
    void startEmpty(Jedis jedis) {
        jedis.flushAll();
    }

    @Test
    void stringsWithExpiryAndCounters(Jedis jedis) {
        assertThat(jedis.set("k", "v", SetParams.setParams().nx().ex(100))).isEqualTo("OK");
        assertThat(jedis.set("k", "w", SetParams.setParams().nx())).isNull();
        assertThat(jedis.ttl("k")).isEqualTo(100);
        assertThat(jedis.incrBy("n", 41)).isEqualTo(41);
        assertThat(jedis.incrByFloat("f", 0.5)).isEqualTo(0.5);
        assertThat(jedis.mget("k", "n", "missing")).containsExactly("v", "41", null);
        assertThatThrownBy(() -> jedis.incr("k")).isInstanceOf(JedisDataException.class)
                .hasMessage("ERR value is not an integer or out of range");
    }

    @Test
    void hashesListsSetsAndSortedSets(Jedis jedis) {
        jedis.hset("h", Map.of("a", "1", "b", "2"));
        assertThat(jedis.hgetAll("h")).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2"));
        jedis.rpush("l", "x", "y", "z");
        assertThat(jedis.lrange("l", 0, -1)).containsExactly("x", "y", "z");
        jedis.sadd("s", "m1", "m2");
        assertThat(jedis.smembers("s")).containsExactlyInAnyOrder("m1", "m2");
        jedis.zadd("z", Map.of("a", 1.0, "b", 2.5));
        assertThat(jedis.zadd("z", 3.0, "b", ZAddParams.zAddParams().gt().ch())).isEqualTo(1);
        assertThat(jedis.zrangeWithScores("z", 0, -1)).containsExactly(new Tuple("a", 1.0), new Tuple("b", 3.0));
        assertThat(jedis.type("z")).isEqualTo("zset");
    }

    @Test
    void transactionsReturnEveryReply(Jedis jedis) {
        Transaction multi = jedis.multi();
        multi.set("a", "1");
        multi.incr("a");
        multi.lpush("a", "x"); // fails at EXEC time only: WRONGTYPE is one of the results
        List<Object> results = multi.exec();
        assertThat(results).hasSize(3);
        assertThat(results.get(0)).isEqualTo("OK");
        assertThat(results.get(1)).isEqualTo(2L);
        assertThat(results.get(2)).isInstanceOf(JedisDataException.class);
    }

    @Test
    void blpopIsWokenByAPushFromAnotherConnection(Jedis jedis, InetSocketAddress address) throws Exception {
        CompletableFuture<List<String>> popped;
        try (Jedis waiter = new Jedis(address.getHostString(), address.getPort(), 5_000)) {
            popped = CompletableFuture.supplyAsync(() -> waiter.blpop(5, "jobs"));
            Thread.sleep(100);
            jedis.rpush("jobs", "job-1");
            assertThat(popped.get(5, TimeUnit.SECONDS)).containsExactly("jobs", "job-1");
        }
    }
}
