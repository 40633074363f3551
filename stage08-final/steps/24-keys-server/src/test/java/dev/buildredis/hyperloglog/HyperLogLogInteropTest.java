package dev.buildredis.hyperloglog;

import dev.buildredis.testing.TwoServers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HLLs go both ways between this server and a real redis-server 7.0: the same elements give the same bytes, from
 * the first sparse opcodes to the dense registers, and the bytes of one server count the same in the other.
 */
class HyperLogLogInteropTest {

    @TempDir
    Path dir;

    @Test
    void theSameElementsGiveTheSameBytesFromSparseToDense() throws Exception {
        try (TwoServers servers = TwoServers.start(dir)) {
            SplittableRandom random = new SplittableRandom(1);
            int added = 0;
            for (int batch : new int[] {0, 1, 5, 20, 100, 300, 600, 1000, 3000, 20000}) {
                servers.both(pfadd("h", random, batch));
                added += batch;
                servers.both("GET", "h");
                servers.both("PFCOUNT", "h");
                servers.both("GET", "h"); // with the count cached in the header
                if (added <= 1000) {
                    assertThat(servers.both("PFDEBUG", "ENCODING", "h")).isEqualTo("sparse");
                }
            }
            assertThat(servers.both("PFDEBUG", "ENCODING", "h")).isEqualTo("dense");
        }
    }

    @Test
    void smallSparseLimitsPromoteAtTheSameElement() throws Exception {
        try (TwoServers servers = TwoServers.start(dir)) {
            SplittableRandom random = new SplittableRandom(2);
            for (String limit : new String[] {"0", "20", "100", "500"}) {
                servers.both("CONFIG", "SET", "hll-sparse-max-bytes", limit);
                servers.both("DEL", "h");
                for (int i = 0; i < 200; i++) {
                    servers.both(pfadd("h", random, 1));
                    servers.both("STRLEN", "h");
                    servers.both("PFDEBUG", "ENCODING", "h");
                }
                servers.both("GET", "h");
            }
        }
    }

    @Test
    void anHllFromEitherServerCountsAndGrowsAlikeInTheOther() throws Exception {
        try (TwoServers servers = TwoServers.start(dir)) {
            SplittableRandom random = new SplittableRandom(3);
            for (int size : new int[] {10, 400, 8000}) {
                String[] elements = pfadd("x", random, size);
                servers.here.command(elements).readReply();
                String fromHere = (String) servers.here.command("GET", "x").readReply();
                servers.real.command(elements).readReply();
                String fromRedis = (String) servers.real.command("GET", "x").readReply();
                assertThat(fromHere).isEqualTo(fromRedis);
                servers.both("SET", "theirs", fromRedis); // each server gets the other's bytes
                servers.real.command("SET", "theirs", fromHere).readReply();
                servers.both("PFCOUNT", "theirs");
                servers.both(pfadd("theirs", random, 50));
                servers.both("GET", "theirs");
            }
        }
    }

    @Test
    void pfmergeOfSparseAndDenseSourcesGivesTheSameBytes() throws Exception {
        try (TwoServers servers = TwoServers.start(dir)) {
            SplittableRandom random = new SplittableRandom(4);
            servers.both(pfadd("s1", random, 50));
            servers.both(pfadd("s2", random, 900));
            servers.both(pfadd("d1", random, 6000));
            servers.both("PFMERGE", "m1", "s1", "s2");
            servers.both("GET", "m1");
            servers.both("PFMERGE", "m2", "s1", "d1", "missing");
            servers.both("GET", "m2");
            servers.both("PFMERGE", "s1", "s2"); // into an existing sparse destination
            servers.both("GET", "s1");
            servers.both("PFCOUNT", "s1", "s2", "d1", "m1");
        }
    }

    @Test
    void corruptHllsAreAnsweredAlike() throws Exception {
        try (TwoServers servers = TwoServers.start(dir)) {
            SplittableRandom random = new SplittableRandom(5);
            for (int round = 0; round < 300; round++) {
                servers.both("DEL", "h");
                servers.both(pfadd("h", random, random.nextInt(3000)));
                long length = (Long) servers.both("STRLEN", "h");
                for (int i = 0; i < 1 + random.nextInt(4); i++) { // as Redis's own fuzz test corrupts them
                    String one = new String(new byte[] {(byte) random.nextInt(256)}, StandardCharsets.ISO_8859_1);
                    servers.both("SETRANGE", "h", Long.toString(random.nextLong(length)), one);
                }
                servers.both(random.nextBoolean() ? new String[] {"PFCOUNT", "h"} : new String[] {"PFDEBUG",
                        "TODENSE", "h"});
                servers.both(pfadd("h", random, 5));
                servers.both("PFMERGE", "m", "h");
                servers.both("GET", "h");
            }
        }
    }

    /** PFADD key with {@code count} random elements of 0 to 20 bytes. */
    private static String[] pfadd(String key, SplittableRandom random, int count) {
        List<String> args = new ArrayList<>(List.of("PFADD", key));
        for (int i = 0; i < count; i++) {
            byte[] element = new byte[random.nextInt(21)];
            random.nextBytes(element);
            args.add(new String(element, StandardCharsets.ISO_8859_1));
        }
        return args.toArray(String[]::new);
    }
}
