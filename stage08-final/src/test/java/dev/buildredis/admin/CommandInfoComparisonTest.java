// @step 26
package dev.buildredis.admin;

import dev.buildredis.testing.BothServers;
import dev.buildredis.testing.WireClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command table as clients discover it, beside redis-server 7.0: COMMAND LIST and COUNT name the same commands
//> step 26-26
//~ * but those of scripting, functions, ACL, cluster, failover and REPLICAOF, not in this server; COMMAND INFO
//< step 26-26
//> step 27
 * but those of scripting, functions, ACL, cluster and failover, which this server does not have; COMMAND INFO
//< step 27
 * describes each alike to the byte (flags, ACL categories, tips, key specs); COMMAND GETKEYSANDFLAGS finds the same
 * keys with the same flags; COMMAND LIST FILTERBY selects alike.
 */
class CommandInfoComparisonTest {

    /** What redis-server 7.0.15 has and this server does not (with their subcommands). */
    //> step 26-26
//~    private static final Set<String> NOT_HERE = Set.of("acl", "asking", "cluster", "eval", "eval_ro", "evalsha",
//~            "evalsha_ro", "failover", "fcall", "fcall_ro", "function", "readonly", "readwrite", "replicaof",
//~            "restore-asking", "script", "slaveof");
    //< step 26-26
    //> step 27
    private static final Set<String> NOT_HERE = Set.of("acl", "asking", "cluster", "eval", "eval_ro", "evalsha",
            "evalsha_ro", "failover", "fcall", "fcall_ro", "function", "readonly", "readwrite", "restore-asking",
            "script");
    //< step 27

    private static BothServers servers;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        servers = BothServers.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        servers.close();
    }

    @Test
    void theListOfCommandsIsRedisButScriptingAclAndCluster() {
        Set<String> redis = names(servers.redis(), "COMMAND", "LIST");
        redis.removeIf(name -> NOT_HERE.contains(name.split("\\|")[0]));
        assertThat(names(servers.ours(), "COMMAND", "LIST")).isEqualTo(redis);
        long redisCount = (Long) servers.redis().command("COMMAND", "COUNT").readReply();
        servers.ours().call(":" + (redisCount - NOT_HERE.size()) + "\r\n", "COMMAND", "COUNT");
    }

    @Test
    void everyCommandIsDescribedAsRedisDescribesIt() {
        WireClient ours = servers.ours();
        WireClient redis = servers.redis();
        List<String> different = new ArrayList<>();
        for (String name : names(ours, "COMMAND", "LIST")) {
            if (name.contains("|")) {
                continue; // described with their container, below
            }
            String expected = redis.command("COMMAND", "INFO", name).rawReply();
            String actual = ours.command("COMMAND", "INFO", name).rawReply();
            if (!expected.equals(actual) && !(expected.contains("|") && sorted(expected).equals(sorted(actual)))) {
                different.add(name + "\n  redis-server: " + expected + "\n  this server:  " + actual);
            }
        }
        assertThat(different).isEmpty();
    }

    @Test
    void keysAndTheirFlagsAreFoundAsRedisFindsThem() {
        String[][] calls = {{"GET", "k"}, {"SET", "k", "v"}, {"SET", "k", "v", "GET"}, {"ZUNIONSTORE", "d", "2", "a", "b"},
            {"MIGRATE", "h", "1", "", "0", "5", "KEYS", "x", "y"}, {"MIGRATE", "h", "1", "k", "0", "5"},
            {"SORT", "k", "BY", "w*", "STORE", "d"}, {"SORT_RO", "k"}, {"XREAD", "STREAMS", "a", "b", "0", "0"},
            {"LMPOP", "2", "a", "b", "LEFT"}, {"BITFIELD", "k", "GET", "u8", "0"}, {"BITFIELD", "k", "SET", "u8", "0", "1"},
            {"MSET", "a", "1", "b", "2"}, {"RENAME", "a", "b"}, {"GEORADIUS", "k", "1", "2", "3", "m", "STORE", "d"},
            {"PING"}, {"NOSUCH", "a"}};
        for (String subcommand : List.of("GETKEYSANDFLAGS", "GETKEYS")) {
            for (String[] call : calls) {
                List<String> command = new ArrayList<>(List.of("COMMAND", subcommand));
                command.addAll(List.of(call));
                String expected = servers.redis().command(command.toArray(String[]::new)).rawReply();
                assertThat(servers.ours().command(command.toArray(String[]::new)).rawReply())
                        .as(subcommand + " " + String.join(" ", call)).isEqualTo(expected);
            }
        }
    }

    @Test
    void theListIsFilteredAsRedisFiltersIt() {
        for (String[] filter : new String[][] {{"ACLCAT", "hyperloglog"}, {"ACLCAT", "STREAM"}, {"ACLCAT", "nosuch"},
                {"PATTERN", "x*"}, {"PATTERN", "config|*"}, {"MODULE", "x"}}) {
            Set<String> redis = names(servers.redis(), "COMMAND", "LIST", "FILTERBY", filter[0], filter[1]);
            redis.removeIf(name -> NOT_HERE.contains(name.split("\\|")[0]));
            assertThat(names(servers.ours(), "COMMAND", "LIST", "FILTERBY", filter[0], filter[1]))
                    .as(String.join(" ", filter)).isEqualTo(redis);
        }
        servers.each(c -> c.call("-ERR syntax error\r\n", "COMMAND", "LIST", "FILTERBY", "BOGUS", "x"));
    }

    private static Set<String> names(WireClient c, String... command) {
        Set<String> names = new TreeSet<>();
        for (Object name : c.command(command).readArray()) {
            names.add((String) name);
        }
        return names;
    }

    /** A reply's bytes in order: for containers, whose subcommands Redis lists in its hash table's order. */
    private static String sorted(String raw) {
        char[] chars = raw.toCharArray();
        java.util.Arrays.sort(chars);
        return new String(chars);
    }
}
