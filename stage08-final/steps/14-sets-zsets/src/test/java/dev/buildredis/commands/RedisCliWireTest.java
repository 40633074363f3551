package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What redis-cli needs from a server: the commands behind
 * {@code --scan}, {@code --bigkeys}, {@code --memkeys} and {@code --hotkeys} (SCAN, TYPE, the length commands,
 * MEMORY USAGE, OBJECT FREQ). The tool
 * tests run the real redis-cli, when it is on the PATH.
 */
@WireTest
class RedisCliWireTest {

    @Test
    void scanListsEveryKey(WireClient c, InetSocketAddress server) throws Exception {
        populate(c);
        List<String> keys = redisCli(server, "--scan", "--pattern", "cli:*");
        assertThat(keys).containsExactlyInAnyOrder("cli:string", "cli:list", "cli:hash", "cli:set", "cli:zset");
    }

    @Test
    void bigkeysFindsTheBiggestKeyOfEveryType(WireClient c, InetSocketAddress server) throws Exception {
        populate(c);
        String output = String.join("\n", redisCli(server, "--bigkeys"));
        assertThat(output).contains("Biggest string found '\"cli:string\"' has 100 bytes",
                "Biggest   list found '\"cli:list\"' has 3 items", "Biggest   zset found '\"cli:zset\"' has 2 members");
    }

    private static void populate(WireClient c) {
        c.call("+OK\r\n", "FLUSHALL");
        c.call("+OK\r\n", "SET", "cli:string", "x".repeat(100));
        c.call(":3\r\n", "RPUSH", "cli:list", "a", "b", "c");
        c.call(":1\r\n", "HSET", "cli:hash", "f", "v");
        c.call(":1\r\n", "SADD", "cli:set", "m");
        c.call(":2\r\n", "ZADD", "cli:zset", "1", "a", "2", "b");
    }

    /** Runs redis-cli with its input closed; it must succeed within 20 seconds. Skips if redis-cli is missing. */
    private static List<String> redisCli(InetSocketAddress server, String... options) throws IOException,
            InterruptedException {
        assumeTrue(onPath("redis-cli"), "redis-cli is not on the PATH");
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", server.getHostString(),
                "-p", Integer.toString(server.getPort())));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(text).isZero();
        return text.lines().toList();
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, program).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
