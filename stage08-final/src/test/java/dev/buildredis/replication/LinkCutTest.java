// @step 26
package dev.buildredis.replication;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A link cut while the master streams: the replica reconnects, asks to continue where it stopped (PSYNC replid
 * offset+1), and the master's backlog still holds what it missed, so it gets +CONTINUE and those bytes, not a new
 * full copy. A proxy between the two ({@link LinkProxy}) cuts the connection as a network failure would.
 */
class LinkCutTest {

    @TempDir
    Path masterDir;
    @TempDir
    Path replicaDir;

    // tag::cut-test[]
    @ParameterizedTest(name = "{0} master, {1} replica")
    @MethodSource("dev.buildredis.replication.BothWaysTest#directions")
    void aReplicaCutOffMidStreamContinuesWithAPartialResync(String masterKind, String replicaKind) throws Exception {
        try (Node master = Node.start(masterKind, masterDir, "--repl-backlog-size", "64mb");
             Node replica = Node.start(replicaKind, replicaDir);
             LinkProxy link = new LinkProxy(master.port())) {
            replica.replicaOf(link.port());
            Node.awaitInSync(master, replica);
            for (int cut = 1; cut <= 3; cut++) {
                long before = master.infoNumber("master_repl_offset");
                Thread writers = Thread.ofVirtual().start(() -> {
                    try {
                        Workload.run(master, 4, 1500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                Node.await("the stream moving on", () -> master.infoNumber("master_repl_offset") > before);
                link.cut(); // mid-stream: the writers go on, the master keeps what the replica misses
                writers.join();
                int cuts = cut;
                Node.await("the replica back after cut " + cut, () ->
                        master.infoNumber("sync_partial_ok") >= cuts && "up".equals(replica.info("master_link_status")));
            }
            BothWaysTest.assertSameData(master, replica);
            assertThat(master.infoNumber("sync_full")).as("full syncs").isEqualTo(1);
            assertThat(master.infoNumber("sync_partial_ok")).as("partial resyncs").isEqualTo(3);
        }
    }
    // end::cut-test[]
}
