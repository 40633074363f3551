package dev.buildredis.server;

import dev.buildredis.testing.RedisServerProcess;
import dev.buildredis.testing.WireClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream commands reach the AOF as redis-server 7.0 writes them: the same commands, from two clients (one of them
 * blocked), give the same incremental AOF on both servers, command for command, but for the delivery times, which
 * are each server's clock.
 */
class StreamAofInteropTest {

    @TempDir
    Path theirs;
    @TempDir
    Path ours;

    @Test
    void theIncrementalAofIsTheOneRedisServerWritesForTheSameStreamCommands() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start(theirs, "--appendonly", "yes")) {
            run(new InetSocketAddress("127.0.0.1", redis.port()));
        }
        try (Server server = Server.start(Config.parse("--port", "0", "--dir", ours.toString(), "--appendonly",
                "yes"))) {
            run(new InetSocketAddress("127.0.0.1", server.port()));
        }
        List<String> expected = commands(theirs);
        assertThat(expected).hasSizeGreaterThan(10);
        assertThat(commands(ours)).containsExactlyElementsOf(expected);
    }

    /** Every kind of stream change whose propagation is not the command as sent, and some that are. */
    private static void run(InetSocketAddress address) {
        try (WireClient c = WireClient.connect(address); WireClient reader = WireClient.connect(address)) {
            c.command("CONFIG", "SET", "stream-node-max-entries", "3").readReply();
            for (int i = 1; i <= 7; i++) {
                c.command("XADD", "s", i + "-*", "f", "v" + i).readReply();
            }
            c.command("XADD", "s", "MAXLEN", "~", "2", "8-0", "f", "v").readReply();
            c.command("XTRIM", "s", "MINID", "~", "8-0").readReply();
            c.command("XGROUP", "CREATE", "s", "g", "0").readReply();
            c.command("XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "s", ">").readReply();
            c.command("XREADGROUP", "GROUP", "g", "bob", "NOACK", "STREAMS", "s", ">").readReply();
            c.command("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "0").readReply();
            c.command("XGROUP", "SETID", "s", "g", "0").readReply();
            c.command("XREADGROUP", "GROUP", "g", "carol", "COUNT", "1", "STREAMS", "s", ">").readReply();
            c.command("XDEL", "s", "8-0").readReply();
            c.command("XCLAIM", "s", "g", "dave", "0", "7-0", "8-0", "RETRYCOUNT", "5").readReply();
            c.command("XAUTOCLAIM", "s", "g", "erin", "0", "0", "COUNT", "1").readReply();
            c.command("XCLAIM", "s", "g", "dave", "0", "99-0", "LASTID", "99-0").readReply();
            c.command("XACK", "s", "g", "7-0", "1-0").readReply();
            reader.command("XREADGROUP", "GROUP", "g", "frank", "BLOCK", "0", "STREAMS", "s", ">");
            reader.expectNoReplyWithin(Duration.ofMillis(100));
            c.command("XGROUP", "SETID", "s", "g", "$").readReply();
            c.command("MULTI").readReply();
            c.command("XADD", "s", "100-0", "f", "v").readReply();
            c.command("XADD", "s", "101-0", "f", "v").readReply();
            c.command("EXEC").readReply();
            reader.readReply();
            c.command("XGROUP", "CREATECONSUMER", "s", "g", "gina").readReply();
            c.command("XGROUP", "DELCONSUMER", "s", "g", "gina").readReply();
            c.command("XSETID", "s", "200-0", "ENTRIESADDED", "50").readReply();
            c.command("XGROUP", "DESTROY", "s", "g").readReply();
            c.command("XGROUP", "CREATE", "empty", "g", "$", "MKSTREAM").readReply();
            c.command("XTRIM", "s", "MAXLEN", "0").readReply();
        }
    }

    /** The commands of the incremental AOF, one a line, with every Unix time in ms (13 digits) as "T". */
    private static List<String> commands(Path dir) throws IOException {
        Path incr;
        try (var files = Files.list(dir.resolve("appendonlydir"))) {
            incr = files.filter(f -> f.getFileName().toString().endsWith(".incr.aof")).findFirst().orElseThrow();
        }
        String aof = Files.readString(incr, StandardCharsets.ISO_8859_1);
        List<String> commands = new ArrayList<>();
        int at = 0;
        while (at < aof.length()) {
            int lineEnd = aof.indexOf("\r\n", at);
            int count = Integer.parseInt(aof.substring(at + 1, lineEnd));
            at = lineEnd + 2;
            List<String> args = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                lineEnd = aof.indexOf("\r\n", at);
                int length = Integer.parseInt(aof.substring(at + 1, lineEnd));
                args.add(aof.substring(lineEnd + 2, lineEnd + 2 + length).replaceAll("^[0-9]{13}$", "T"));
                at = lineEnd + 2 + length + 2;
            }
            commands.add(String.join(" ", args));
        }
        return commands;
    }
}
