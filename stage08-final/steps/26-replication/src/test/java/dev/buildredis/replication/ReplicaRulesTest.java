package dev.buildredis.replication;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rules of replication, run against this server and redis-server alike: a master refuses writes while too few
 * replicas acknowledge (min-replicas-to-write). The replica is a redis-server either way.
 */
class ReplicaRulesTest {

    @TempDir
    Path masterDir;
    @TempDir
    Path replicaDir;

    @ParameterizedTest
    @ValueSource(strings = {"this server", "redis-server"})
    void aMasterRefusesWritesWithoutEnoughGoodReplicas(String kind) throws Exception {
        try (Node master = Node.start(kind, masterDir, "--min-replicas-to-write", "1");
             Jedis onMaster = master.client()) {
            assertThatThrownBy(() -> onMaster.set("k", "v")).isInstanceOf(JedisDataException.class)
                    .hasMessage("NOREPLICAS Not enough good replicas to write.");
            assertThat(onMaster.get("k")).isNull();
            try (Node replica = Node.redis(replicaDir)) {
                replica.replicaOf(master.port());
                Node.awaitInSync(master, replica);
                Node.await("a good replica", () -> master.infoNumber("min_slaves_good_slaves") == 1);
                assertThat(onMaster.set("k", "v")).isEqualTo("OK");
            }
        }
    }
}
