// @step 27
package dev.buildredis.replication;

import dev.buildredis.testing.DataSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chain: a redis-server master, this server as its replica, and a redis-server replica of this server. The
 * middle passes its master's stream on byte for byte, so the offsets and the replication ID are the same all the
 * way down; and the bottom gets its snapshot from the middle, with the database the stream had selected at its
 * instant ({@code repl-stream-db}), for the stream that follows does not say it again.
 */
class ChainTest {

    @TempDir
    Path topDir;
    @TempDir
    Path middleDir;
    @TempDir
    Path bottomDir;

    // tag::chain-test[]
    @Test
    void aRedisReplicaOfThisServerReplicatingRedisGetsEverythingTheTopGets() throws Exception {
        try (Node top = Node.redis(topDir);
             Node middle = Node.ours(middleDir);
             Node bottom = Node.redis(bottomDir);
             Jedis writer = top.client()) {
            DataSet.fill(writer, "");
            middle.replicaOf(top.port());
            Node.awaitInSync(top, middle);

            writer.select(3);
            writer.set("before", "the bottom syncs"); // the stream is in db 3 from now on
            Node.awaitInSync(top, middle);
            bottom.replicaOf(middle.port());
            Node.awaitInSync(middle, bottom);
            writer.set("after", "the bottom synced"); // no SELECT in the stream: the bottom must know it is db 3

            Workload.run(top, 3, 1000);
            Node.awaitInSync(top, middle);
            Node.awaitInSync(middle, bottom);
            BothWaysTest.assertSameData(top, middle);
            BothWaysTest.assertSameData(top, bottom);
            try (Jedis onBottom = bottom.client()) {
                onBottom.select(3);
                assertThat(onBottom.get("after")).isEqualTo("the bottom synced");
            }
            assertThat(bottom.info("master_replid")).isEqualTo(top.info("master_replid"));
        }
    }
    // end::chain-test[]
}
