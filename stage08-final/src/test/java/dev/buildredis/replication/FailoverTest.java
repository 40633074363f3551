// @step 27
package dev.buildredis.replication;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failover: the master is gone, one replica is promoted (REPLICAOF NO ONE), the other follows it. The promoted
 * one starts a new replication ID and keeps the old one as its second (master_replid2), valid up to the offset where
 * it was promoted; the other replica, asking to continue the old history, gets +CONTINUE with the new ID: a partial
 * resync, not a full copy.
 */
class FailoverTest {

    @TempDir
    Path masterDir;
    @TempDir
    Path promotedDir;
    @TempDir
    Path siblingDir;

    static Stream<Arguments> roles() {
        return Stream.of(Arguments.of("redis-server", "this server", "redis-server"),
                Arguments.of("this server", "redis-server", "this server"));
    }

    // tag::failover-test[]
    @ParameterizedTest(name = "{0} master fails, {1} replica promoted, {2} replica follows it")
    @MethodSource("roles")
    void aPromotedReplicaLetsItsSiblingContinueWithAPartialResync(String masterKind, String promotedKind,
                                                                   String siblingKind) throws Exception {
        try (Node promoted = Node.start(promotedKind, promotedDir);
             Node sibling = Node.start(siblingKind, siblingDir)) {
            String oldId;
            long offsetAtFailover;
            try (Node master = Node.start(masterKind, masterDir)) {
                promoted.replicaOf(master.port());
                sibling.replicaOf(master.port());
                Workload.run(master, 3, 1000);
                Node.awaitInSync(master, promoted);
                Node.awaitInSync(master, sibling);
                oldId = master.info("master_replid");
            } // the master fails
            offsetAtFailover = promoted.infoNumber("master_repl_offset");

            try (Jedis jedis = promoted.client()) {
                jedis.replicaofNoOne();
            }
            assertThat(promoted.info("role")).isEqualTo("master");
            assertThat(promoted.info("master_replid2")).isEqualTo(oldId);
            assertThat(promoted.infoNumber("second_repl_offset")).isEqualTo(offsetAtFailover + 1);
            assertThat(promoted.info("master_replid")).isNotEqualTo(oldId);

            sibling.replicaOf(promoted.port());
            Node.awaitInSync(promoted, sibling);
            assertThat(promoted.infoNumber("sync_partial_ok")).as("partial resyncs").isEqualTo(1);
            assertThat(promoted.infoNumber("sync_full")).as("full syncs").isZero();
            assertThat(sibling.info("master_replid")).isEqualTo(promoted.info("master_replid"));

            Workload.run(promoted, 2, 500); // the new master's writes reach the sibling
            BothWaysTest.assertSameData(promoted, sibling);
        }
    }
    // end::failover-test[]
}
