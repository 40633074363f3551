// @step 26
package dev.buildredis.replication;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
//> step 27
import redis.clients.jedis.params.SetParams;
//< step 27

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

//> step 26-26
//~/**
//~ * The rules of replication, run against this server and redis-server alike: a master refuses writes while too few
//~ * replicas acknowledge (min-replicas-to-write). The replica is a redis-server either way.
//~ */
//< step 26-26
//> step 27
/**
 * The rules a replica lives by, run against this server and redis-server alike (each as the replica of one of its
 * own kind): it refuses writes, serves stale data or not while its link is down, refuses WAIT, and leaves expiry to
 * its master; and the master side's min-replicas-to-write.
 */
//< step 27
class ReplicaRulesTest {

    @TempDir
    Path masterDir;
    @TempDir
    Path replicaDir;
    //> step 27

    @ParameterizedTest
    @ValueSource(strings = {"this server", "redis-server"})
    void aReplicaRefusesWritesAndWaitButServesReads(String kind) throws Exception {
        try (Node master = Node.start(kind, masterDir);
             Node replica = Node.start(kind, replicaDir);
             Jedis onReplica = replica.client()) {
            try (Jedis jedis = master.client()) {
                jedis.set("k", "v");
            }
            replica.replicaOf(master.port());
            Node.awaitInSync(master, replica);
            assertThat(onReplica.get("k")).isEqualTo("v");
            assertThatThrownBy(() -> onReplica.set("k", "other"))
                    .hasMessage("READONLY You can't write against a read only replica.");
            assertThatThrownBy(() -> onReplica.waitReplicas(1, 10)).hasMessageStartingWith(
                    "ERR WAIT cannot be used with replica instances. Please also note that since Redis 4.0 if a "
                            + "replica is configured to be writable (which is not the default) writes to replicas "
                            + "are just local and are not propagated.");
            assertThat(onReplica.replicaof("127.0.0.1", master.port()))
                    .isEqualTo("OK Already connected to specified master");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"this server", "redis-server"})
    void aReplicaWhoseLinkIsDownServesStaleDataOnlyIfAllowedTo(String kind) throws Exception {
        try (Node replica = Node.start(kind, replicaDir);
             Jedis onReplica = replica.client()) {
            try (Node master = Node.start(kind, masterDir)) {
                try (Jedis jedis = master.client()) {
                    jedis.set("k", "v");
                }
                replica.replicaOf(master.port());
                Node.awaitInSync(master, replica);
            } // the master is gone
            Node.await("the link down", () -> "down".equals(replica.info("master_link_status")));
            assertThat(onReplica.get("k")).isEqualTo("v");
            onReplica.configSet("replica-serve-stale-data", "no");
            assertThatThrownBy(() -> onReplica.get("k")).hasMessage(
                    "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.");
            assertThat(onReplica.info("replication")).contains("master_link_status:down");
        }
    }

    // tag::expiry-test[]
    @ParameterizedTest
    @ValueSource(strings = {"this server", "redis-server"})
    void aReplicaHidesAnExpiredKeyButKeepsItUntilTheMastersDel(String kind) throws Exception {
        try (Node master = Node.start(kind, masterDir);
             Node replica = Node.start(kind, replicaDir);
             LinkProxy link = new LinkProxy(master.port());
             Jedis onMaster = master.client();
             Jedis onReplica = replica.client()) {
            replica.replicaOf(link.port());
            Node.awaitInSync(master, replica);
            onMaster.set("k", "v", SetParams.setParams().px(1500));
            Node.await("the key on the replica", () -> onReplica.exists("k"));
            link.hold(); // the master's DEL, when it comes, waits here
            Node.await("the key's deadline passed on the replica", () -> !onReplica.exists("k"));
            assertThat(onReplica.get("k")).isNull();
            assertThat(onReplica.dbSize()).as("the key is still there").isEqualTo(1);
            link.release();
            Node.await("the master's DEL applied", () -> onReplica.dbSize() == 0);
        }
    }
    // end::expiry-test[]
    //< step 27

    @ParameterizedTest
    @ValueSource(strings = {"this server", "redis-server"})
    void aMasterRefusesWritesWithoutEnoughGoodReplicas(String kind) throws Exception {
        try (Node master = Node.start(kind, masterDir, "--min-replicas-to-write", "1");
             Jedis onMaster = master.client()) {
            assertThatThrownBy(() -> onMaster.set("k", "v")).isInstanceOf(JedisDataException.class)
                    .hasMessage("NOREPLICAS Not enough good replicas to write.");
            assertThat(onMaster.get("k")).isNull();
            //> step 26-26
//~            try (Node replica = Node.redis(replicaDir)) {
            //< step 26-26
            //> step 27
            try (Node replica = Node.start(kind, replicaDir)) {
            //< step 27
                replica.replicaOf(master.port());
                Node.awaitInSync(master, replica);
                Node.await("a good replica", () -> master.infoNumber("min_slaves_good_slaves") == 1);
                assertThat(onMaster.set("k", "v")).isEqualTo("OK");
            }
        }
    }
}
