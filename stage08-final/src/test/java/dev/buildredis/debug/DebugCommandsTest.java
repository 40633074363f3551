// @step 24
package dev.buildredis.debug;

import dev.buildredis.testing.BothServers;
import dev.buildredis.testing.WireClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DEBUG, on this server and on redis-server, both started with {@code enable-debug-command yes}: each check runs
 * against redis-server first, then this server, with the same expectation; DEBUG DIGEST is compared between the two
 * for a data set of every type.
 */
class DebugCommandsTest {

    private static BothServers servers;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        servers = BothServers.start(dir, "enable-debug-command", "yes");
    }

    @AfterAll
    static void stop() throws Exception {
        servers.close();
    }

    private static void fresh(WireClient c) {
        c.call("+OK\r\n", "FLUSHALL");
    }

    @Test
    void theDigestOfNoDataIsFortyZeros() {
        servers.each(c -> {
            fresh(c);
            c.call("+" + "0".repeat(40) + "\r\n", "DEBUG", "DIGEST");
        });
    }

    @Test
    void digestsAreRedisServersForEachType() {
        servers.each(c -> {
            fresh(c);
            c.call("+OK\r\n", "SELECT", "14");
            c.call("+OK\r\n", "SET", "k", "v");
            c.call(":2\r\n", "RPUSH", "l", "a", "b");
            c.call(":2\r\n", "SADD", "s", "x", "y");
            c.call(":1\r\n", "HSET", "h", "f", "v");
            c.call(":1\r\n", "ZADD", "z", "1.5", "m");
            c.call("+OK\r\n", "SET", "t", "v", "EX", "100");
            c.call("*7\r\n+d79ee9fe5d5ad902d7f6620efc3b07b75ddd742f\r\n+62f55a532623cf6c3d81081db480b6fd8461eb3f\r\n"
                    + "+36846f8a92fb6b6b824c73bf468c5bbcf5075ede\r\n+90c76e9e9f4c62d642a34fc97c7dad503b51f906\r\n"
                    + "+0b67afcf657d7aa53a5226bcca2f55ea7f2fff48\r\n+311b17018163335616e089f6b951c82c477335ac\r\n"
                    + "+0000000000000000000000000000000000000000\r\n", "DEBUG", "DIGEST-VALUE", "k", "l", "s", "h", "z",
                    "t", "none");
            c.call("*0\r\n", "DEBUG", "DIGEST-VALUE");
            c.call("+OK\r\n", "FLUSHALL");
            c.call("+OK\r\n", "SET", "k", "v");
            c.call("+007bb192d7c52b57de6193dc6a77465e70a53f0e\r\n", "DEBUG", "DIGEST");
        });
    }

    // tag::digest-test[]
    @Test
    void theDigestOfADataSetOfEveryTypeIsRedisServers() {
        WireClient ours = servers.ours();
        WireClient redis = servers.redis();
        fresh(ours);
        fresh(redis);
        Random random = new Random(7);
        for (List<String> command : dataSet(random)) {
            Object expected = redis.command(command.toArray(String[]::new)).readReply();
            assertThat(ours.command(command.toArray(String[]::new)).readReply()).as(command.toString())
                    .isEqualTo(expected);
        }
        assertThat(ours.command("DEBUG", "DIGEST").readReply()).isEqualTo(redis.command("DEBUG", "DIGEST")
                .readReply()).isNotEqualTo("0".repeat(40));
        ours.command("DEL", "string:7").readReply(); // and one key less is another digest
        assertThat(ours.command("DEBUG", "DIGEST").readReply()).isNotEqualTo(redis.command("DEBUG", "DIGEST")
                .readReply());
    }
    // end::digest-test[]

    /** Strings, lists, sets, hashes and sorted sets, small and large encodings, TTLs, in three databases. */
    private static List<List<String>> dataSet(Random random) {
        List<List<String>> commands = new ArrayList<>();
        for (int db : new int[] {0, 3, 15}) {
            commands.add(List.of("SELECT", Integer.toString(db)));
            for (int i = 0; i < 20; i++) {
                commands.add(List.of("SET", "string:" + i, random.nextBoolean() ? Integer.toString(random.nextInt())
                        : "text-" + random.nextLong()));
                List<String> list = new ArrayList<>(List.of("RPUSH", "list:" + i));
                List<String> set = new ArrayList<>(List.of("SADD", "set:" + i));
                List<String> hash = new ArrayList<>(List.of("HSET", "hash:" + i));
                List<String> zset = new ArrayList<>(List.of("ZADD", "zset:" + i));
                int size = i % 5 == 0 ? 700 : 1 + random.nextInt(20); // every fifth past the compact encodings
                for (int j = 0; j < size; j++) {
                    list.add(random.nextBoolean() ? Integer.toString(random.nextInt(1000)) : "e" + j);
                    set.add(i % 2 == 0 ? Integer.toString(random.nextInt(100_000)) : "m" + random.nextInt(100_000));
                    hash.add("f" + j);
                    hash.add("v" + random.nextInt());
                    zset.add(Double.toString(random.nextInt(1000) / 7.0));
                    zset.add("z" + j);
                }
                commands.add(list);
                commands.add(set);
                commands.add(hash);
                commands.add(zset);
                if (i % 3 == 0) {
                    commands.add(List.of("EXPIRE", "hash:" + i, "1000"));
                }
            }
        }
        return commands;
    }

    @Test
    void debugObjectDescribesTheValueAsRedisDoes() {
        servers.each(c -> {
            fresh(c);
            c.call("+OK\r\n", "SET", "o", "val");
            assertThat((String) c.command("DEBUG", "OBJECT", "o").readReply()).matches("Value at:0x[0-9a-f]+ "
                    + "refcount:1 encoding:embstr serializedlength:4 lru:[0-9]+ lru_seconds_idle:[0-9]+");
            c.call(":3\r\n", "RPUSH", "ol", "a", "b", "c");
            assertThat((String) c.command("DEBUG", "OBJECT", "ol").readReply()).matches(".* encoding:quicklist "
                    + "serializedlength:19 .* ql_nodes:1 ql_avg_node:3.00 ql_listpack_max:-2 ql_compressed:0 "
                    + "ql_uncompressed_size:16");
            c.call("-ERR no such key\r\n", "DEBUG", "OBJECT", "none");
        });
    }

    @Test
    void populateMakesKeysThatDoNotExistYet() {
        servers.each(c -> {
            fresh(c);
            c.call("+OK\r\n", "SET", "key:1", "mine");
            c.call("+OK\r\n", "DEBUG", "POPULATE", "3");
            c.call("*3\r\n$7\r\nvalue:0\r\n$4\r\nmine\r\n$7\r\nvalue:2\r\n", "MGET", "key:0", "key:1", "key:2");
            c.call("+OK\r\n", "DEBUG", "POPULATE", "2", "p", "3");
            c.call("*2\r\n$3\r\nval\r\n$3\r\nval\r\n", "MGET", "p:0", "p:1");
            c.call("+OK\r\n", "DEBUG", "POPULATE", "1", "q", "10");
            c.call("$10\r\nvalue:0\u0000\u0000\u0000\r\n", "GET", "q:0");
            c.call("-ERR value is out of range, must be positive\r\n", "DEBUG", "POPULATE", "-1");
            c.call("-ERR value is out of range, must be positive\r\n", "DEBUG", "POPULATE", "x");
        });
    }

    @Test
    void sleepStopsTheWholeServer() {
        servers.each(c -> {
            long start = System.nanoTime();
            c.call("+OK\r\n", "DEBUG", "SLEEP", "0.2");
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(190);
            c.call("+OK\r\n", "DEBUG", "SLEEP", "nonsense"); // strtod: 0
        });
    }

    @Test
    void withoutActiveExpiryAKeyNobodyReadsStaysUntilItIsRead() throws Exception {
        for (WireClient c : List.of(servers.redis(), servers.ours())) {
            fresh(c);
            c.call("+OK\r\n", "DEBUG", "SET-ACTIVE-EXPIRE", "0");
            c.call("+OK\r\n", "SET", "x", "v", "PX", "1");
        }
        Thread.sleep(400); // four cron turns at hz 10
        for (WireClient c : List.of(servers.redis(), servers.ours())) {
            c.call(":1\r\n", "DBSIZE");
            c.call("+OK\r\n", "DEBUG", "SET-ACTIVE-EXPIRE", "1");
        }
    }

    @Test
    void changeReplIdGivesANewReplicationId() {
        servers.each(c -> {
            String before = (String) c.command("INFO", "replication").readReply();
            c.call("+OK\r\n", "DEBUG", "CHANGE-REPL-ID");
            String after = (String) c.command("INFO", "replication").readReply();
            assertThat(after).containsPattern("master_replid:[0-9a-f]{40}\r\n");
            assertThat(after.replaceAll("(?s).*master_replid:([0-9a-f]+).*", "$1"))
                    .isNotEqualTo(before.replaceAll("(?s).*master_replid:([0-9a-f]+).*", "$1"));
        });
    }

    @Test
    void quicklistPackedThresholdTakesAMemoryValueUpTo4gb() {
        servers.each(c -> {
            String refused = "-ERR argument must be a memory value bigger than 1 and smaller than 4gb\r\n";
            c.call(refused, "DEBUG", "QUICKLIST-PACKED-THRESHOLD", "4gb");
            c.call(refused, "DEBUG", "QUICKLIST-PACKED-THRESHOLD", "x");
            c.call("+OK\r\n", "DEBUG", "QUICKLIST-PACKED-THRESHOLD", "1kb");
            c.call("+OK\r\n", "DEBUG", "QUICKLIST-PACKED-THRESHOLD", "0"); // the default again: 1 GB
        });
    }

    @Test
    void aSubcommandItDoesNotKnowOrCountIsOneError() {
        servers.each(c -> {
            c.call("-ERR unknown subcommand or wrong number of arguments for 'NOPE'. Try DEBUG HELP.\r\n", "DEBUG",
                    "NOPE");
            c.call("-ERR unknown subcommand or wrong number of arguments for 'sleep'. Try DEBUG HELP.\r\n", "DEBUG",
                    "sleep");
            c.call("-ERR unknown subcommand or wrong number of arguments for 'DIGEST'. Try DEBUG HELP.\r\n", "DEBUG",
                    "DIGEST", "x");
            c.call("-ERR wrong number of arguments for 'debug' command\r\n", "DEBUG");
            c.call("-ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.\r\n", "DEBUG", "RELOAD",
                    "x");
            List<Object> help = c.command("DEBUG", "HELP").readArray();
            assertThat(help).hasSize(106).startsWith("DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:")
                    .contains("DIGEST-VALUE <key> [<key> ...]", "QUICKLIST-PACKED-THRESHOLD <size>");
        });
    }
}
