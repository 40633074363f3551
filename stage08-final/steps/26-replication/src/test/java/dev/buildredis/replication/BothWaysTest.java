package dev.buildredis.replication;

import dev.buildredis.testing.DataSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replication with a real redis-server 7.0: this server as the master of a redis-server replica (the other way,
 * this server as a replica, is not in this server yet). Same data on both sides is checked the way a client sees
 * it: every key of every database, its type, contents and deadline ({@link DataSet}).
 */
class BothWaysTest {

    @TempDir
    Path masterDir;
    @TempDir
    Path replicaDir;

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of("this server", "redis-server", "yes"),
                Arguments.of("this server", "redis-server", "no"));
    }

    /** This server as master of redis-server. */
    static Stream<Arguments> directions() {
        return Stream.of(Arguments.of("this server", "redis-server"));
    }

    // tag::full-sync-test[]
    @ParameterizedTest(name = "{0} master, {1} replica, repl-diskless-sync {2}")
    @MethodSource("pairs")
    void aFullSyncCopiesEveryTypeInEveryDatabase(String masterKind, String replicaKind, String diskless)
            throws Exception {
        try (Node master = Node.start(masterKind, masterDir, "--repl-diskless-sync", diskless);
             Node replica = Node.start(replicaKind, replicaDir)) {
            try (Jedis jedis = master.client()) {
                DataSet.fill(jedis, "");
                fillMany(jedis, 20_000); // several slices of snapshot, several chunks of transfer
            }
            replica.replicaOf(master.port());
            Node.awaitInSync(master, replica);
            assertSameData(master, replica);
            assertThat(master.infoNumber("sync_full")).isEqualTo(1);
        }
    }
    // end::full-sync-test[]

    // tag::stream-test[]
    @ParameterizedTest(name = "{0} master, {1} replica, repl-diskless-sync {2}")
    @MethodSource("pairs")
    void writesBeforeDuringAndAfterTheSyncAllReachTheReplica(String masterKind, String replicaKind, String diskless)
            throws Exception {
        try (Node master = Node.start(masterKind, masterDir, "--repl-diskless-sync", diskless);
             Node replica = Node.start(replicaKind, replicaDir)) {
            try (Jedis jedis = master.client()) {
                fillMany(jedis, 20_000);
            }
            Thread during = Thread.ofVirtual().start(() -> {
                try {
                    Workload.run(master, 4, 1500); // while the snapshot is cut and sent: the stream is held
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            replica.replicaOf(master.port());
            during.join();
            Workload.run(master, 4, 1500);        // once it is online: the stream flows
            Node.awaitInSync(master, replica);
            assertSameData(master, replica);
        }
    }
    // end::stream-test[]

    @ParameterizedTest(name = "{0} master, {1} replica")
    @MethodSource("directions")
    void keysTheMasterEvictsLeaveTheReplicaToo(String masterKind, String replicaKind) throws Exception {
        // A small backlog: redis-server counts it as used memory, and a full one would leave nothing to evict.
        try (Node master = Node.start(masterKind, masterDir, "--repl-backlog-size", "16kb");
             Node replica = Node.start(replicaKind, replicaDir)) {
            try (Jedis jedis = master.client()) {
                fillMany(jedis, 20_000);
            }
            replica.replicaOf(master.port());
            Node.awaitInSync(master, replica);
            try (Jedis jedis = master.client()) {
                long used = master.infoNumber("used_memory");
                long data = master.infoNumber("used_memory_dataset");
                jedis.configSet("maxmemory-policy", "allkeys-random");
                jedis.configSet("maxmemory", Long.toString(used - data / 4)); // a quarter of the data too much
            }
            Workload.run(master, 2, 1000); // and more: every write may evict
            assertThat(master.infoNumber("evicted_keys")).isPositive();
            assertSameData(master, replica);
        }
    }

    /** Many small keys, with and without a deadline far ahead, in two databases, written in pipelines. */
    static void fillMany(Jedis jedis, int count) {
        for (int db : new int[] {0, 5}) {
            jedis.select(db);
            Pipeline pipeline = jedis.pipelined();
            for (int i = 0; i < count / 2; i++) {
                pipeline.set("many:" + i, "value-" + i);
                if (i % 10 == 0) {
                    pipeline.pexpire("many:" + i, 3_600_000);
                }
            }
            pipeline.sync();
        }
        jedis.select(0);
    }

    /**
     * The same keys, types, contents and deadlines on both, polled until so: a key past its deadline leaves the
     * master (and, by its DEL, the replica) a moment apart, and the replica hides it in between.
     */
    static void assertSameData(Node master, Node replica) {
        List<String> differences = List.of();
        long deadline = System.nanoTime() + Node.PATIENCE.toNanos();
        do {
            Node.awaitInSync(master, replica);
            Map<Integer, Map<String, String>> onMaster;
            Map<Integer, Map<String, String>> onReplica;
            try (Jedis m = master.client(); Jedis r = replica.client()) {
                onMaster = Contents.of(m);
                onReplica = Contents.of(r);
            }
            assertThat(onMaster).as("the master's data set").isNotEmpty();
            differences = Contents.differences(onMaster, onReplica, 20);
        } while (!differences.isEmpty() && System.nanoTime() < deadline);
        assertThat(differences).as("keys that differ, master | replica").isEmpty();
    }
}
