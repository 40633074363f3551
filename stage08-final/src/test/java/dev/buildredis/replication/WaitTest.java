// @step 26
package dev.buildredis.replication;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WAIT numreplicas timeout counts the replicas that have acknowledged the client's writes: a replica whose link
 * delivers nothing (a proxy holds the bytes back) or that has stopped is not counted, and WAIT answers what it has
//> step 26-26
//~ * when the timeout passes. Run with this server as the master of a redis-server replica.
//< step 26-26
//> step 27
 * when the timeout passes. Run with this server as the master, and as the replica whose ACKs a redis-server master
 * counts.
//< step 27
 */
class WaitTest {

    /**
     * WAIT's timeout in these tests. A WAIT that had to wait for it took at least that long, to the millisecond: the
     * server's deadline is a whole millisecond of the clock, and the time measured here starts in between.
     */
    private static final int TIMEOUT_MILLIS = 1000;
    /**
     * Both servers time a WAIT on the wall clock (Redis 7.0's mstime(), here the keyspace's clock), the test on the
     * monotonic one; a virtual machine's wall clock can step a few milliseconds (995 ms measured once in CI).
     */
    private static final int CLOCK_STEP_MILLIS = 50;

    @TempDir
    Path masterDir;
    @TempDir
    Path replicaDir;

    // tag::wait-test[]
    @ParameterizedTest(name = "{0} master, {1} replica")
    @MethodSource("dev.buildredis.replication.BothWaysTest#directions")
    void waitCountsAReplicaOnlyOnceItHasAcknowledgedTheWrites(String masterKind, String replicaKind)
            throws Exception {
        try (Node master = Node.start(masterKind, masterDir);
             Node replica = Node.start(replicaKind, replicaDir);
             LinkProxy link = new LinkProxy(master.port());
             Jedis client = master.client()) {
            replica.replicaOf(link.port());
            Node.awaitInSync(master, replica);

            client.set("k", "1");
            assertThat(client.waitReplicas(1, 10_000)).as("acknowledged").isEqualTo(1);

            link.hold(); // the replica is online, but neither the write nor its ACK gets through
            client.set("k", "2");
            long start = System.nanoTime();
            assertThat(client.waitReplicas(1, TIMEOUT_MILLIS)).as("not acknowledged").isZero();
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms waited")
                    .isGreaterThanOrEqualTo(TIMEOUT_MILLIS - CLOCK_STEP_MILLIS);

            link.release();
            assertThat(client.waitReplicas(1, 10_000)).as("acknowledged at last").isEqualTo(1);
            try (Jedis onReplica = replica.client()) {
                assertThat(onReplica.get("k")).isEqualTo("2");
            }
        }
    }

    @ParameterizedTest(name = "{0} master, {1} replica")
    @MethodSource("dev.buildredis.replication.BothWaysTest#directions")
    void waitWithTheReplicaStoppedAnswersZeroAfterItsTimeout(String masterKind, String replicaKind)
            throws Exception {
        try (Node master = Node.start(masterKind, masterDir);
             Jedis client = master.client()) {
            try (Node replica = Node.start(replicaKind, replicaDir)) {
                replica.replicaOf(master.port());
                Node.awaitInSync(master, replica);
                client.set("k", "1");
                assertThat(client.waitReplicas(1, 10_000)).isEqualTo(1);
            } // stopped
            client.set("k", "2");
            long start = System.nanoTime();
            assertThat(client.waitReplicas(1, TIMEOUT_MILLIS)).isZero();
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms waited")
                    .isGreaterThanOrEqualTo(TIMEOUT_MILLIS - CLOCK_STEP_MILLIS);
        }
    }
    // end::wait-test[]
}
