package dev.buildredis.replication;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.params.GetExParams;
import redis.clients.jedis.params.SetParams;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What goes down the stream for each kind of change, compared with what redis-server 7.0 sends for the same
 * writes: the same commands, in the same order, in the same databases (deadlines aside, which depend on the clock).
 */
class StreamTest {

    @TempDir
    Path oursDir;
    @TempDir
    Path redisDir;

    // tag::stream-format-test[]
    @Test
    void theStreamIsTheOneRedisSendsForTheSameWrites() throws Exception {
        List<String> ours;
        List<String> redis;
        try (Node master = Node.ours(oursDir)) {
            ours = record(master);
        }
        try (Node master = Node.redis(redisDir)) {
            redis = record(master);
        }
        assertThat(ours).isEqualTo(redis);
        assertThat(ours).startsWith("SELECT 0", "SET a 1 PXAT <time>", "PEXPIREAT a <time>", "SELECT 2", "SET b 1");
    }
    // end::stream-format-test[]

    /** The writes, and the stream they make, with every deadline written as {@code <time>}. */
    private static List<String> record(Node master) throws Exception {
        try (StreamRecorder replica = new StreamRecorder(master.port());
             Jedis c = master.client();
             Jedis other = master.client();
             Jedis blocked = master.client()) {
            c.set("a", "1", SetParams.setParams().ex(100));           // a relative TTL: sent as a deadline
            c.expire("a", 50);
            other.select(2);
            other.set("b", "1");                                      // another database: SELECT first
            c.incrByFloat("f", 1.5);                                  // sent as its result
            c.hincrByFloat("h", "x", 2.5);
            c.setex("s", 10, "v");
            Thread pop = Thread.ofVirtual().start(() -> blocked.blpop(10, "list"));
            Node.await("the client blocked", () -> "1".equals(master.info("blocked_clients")));
            c.rpush("list", "v1", "v2");                              // the push, then the blocked client's pop
            pop.join();
            Transaction multi = c.multi();                            // a transaction: MULTI ... EXEC
            multi.set("m", "1");
            multi.incr("m");
            multi.exec();
            c.getEx("a", GetExParams.getExParams().px(100_000));
            c.set("x", "1", SetParams.setParams().px(1));
            Node.await("x expired", () -> !c.exists("x"));           // lazily, or by the active cycle: DEL
            c.set("end", "1");
            Node.await("the end of the stream", () -> replica.commands().contains("SET end 1"));
            return replica.commands().stream().map(line -> line.replaceAll("\\b1\\d{12}\\b", "<time>")).toList();
        }
    }
}
