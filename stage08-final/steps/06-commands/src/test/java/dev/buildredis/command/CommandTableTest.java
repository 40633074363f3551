package dev.buildredis.command;

import dev.buildredis.engine.Client;
import dev.buildredis.engine.Engine;
import dev.buildredis.metrics.CommandStats;
import dev.buildredis.metrics.Event;
import dev.buildredis.metrics.Monitor;
import dev.buildredis.testing.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CommandTableTest {

    private final ManualClock clock = new ManualClock();
    private final Engine engine = new Engine(clock, "127.0.0.1", 0);
    private final Client client = engine.connect();
    private final Monitor monitor = Monitor.of(clock, section -> new LinkedHashMap<>());
    private final CommandTable table = CommandTable.standard(engine, new Journal(), monitor);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            PING          | PONG
            ping          | PONG
            pInG          | PONG
            """)
    void commandNamesIgnoreCase(String name, String reply) {
        assertThat(run(name)).isEqualTo("+" + reply + "\r\n");
    }

    @Test
    void anUnknownCommandQuotesItsNameAndArguments() {
        assertThat(run("foo", "a", "b"))
                .isEqualTo(error("ERR unknown command 'foo', with args beginning with: 'a' 'b' "));
    }

    @Test
    void anUnknownCommandQuotesAtMost128CharactersOfArguments() {
        String longArg = "x".repeat(200);
        String reply = run("foo", longArg, "next");
        assertThat(reply).isEqualTo(error(
                "ERR unknown command 'foo', with args beginning with: '" + "x".repeat(128) + "' "));
    }

    @Test
    void laterArgumentsGetWhatIsLeftOfThe128Characters() {
        String reply = run("foo", "abc", "y".repeat(200));
        assertThat(reply).isEqualTo(error(
                "ERR unknown command 'foo', with args beginning with: 'abc' '" + "y".repeat(122) + "' "));
    }

    @Test
    void newlinesInAnUnknownCommandBecomeSpacesSoTheErrorStaysOneLine() {
        assertThat(run("fo\r\no"))
                .isEqualTo(error("ERR unknown command 'fo  o', with args beginning with: "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ECHO              | echo
            ECHO a b          | echo
            PING a b          | ping
            """)
    void aWrongArgumentCountIsRefusedWithTheLowercaseName(String command, String name) {
        assertThat(run(command.split(" ")))
                .isEqualTo(error("ERR wrong number of arguments for '" + name + "' command"));
    }

    @Test
    void echoRepliesWithItsArgumentAsABulkString() {
        assertThat(run("ECHO", "hi")).isEqualTo(bulk("hi"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            GET               | get
            GET a b           | get
            SET k             | set
            DEL               | del
            EXISTS            | exists
            CONFIG            | config
            INCR              | incr
            INCRBY k          | incrby
            DECRBY k 1 2      | decrby
            MGET              | mget
            MSET k            | mset
            MSET a 1 b        | mset
            """)
    void keyCommandsCheckTheirArgumentCountFirst(String command, String name) {
        assertThat(run(command.split(" ")))
                .isEqualTo(error("ERR wrong number of arguments for '" + name + "' command"));
    }

    @Test
    void anErrorThrownWhileReadingArgumentsBecomesTheReply() {
        assertThat(run("SET", "k", "v", "EX", "ten"))
                .isEqualTo(error("ERR value is not an integer or out of range"));
    }

    @Test
    void aCallIsCountedUnderItsNameAndASubcommandUnderNamePipeSubcommand() {
        run("GET", "k");
        run("CONFIG", "GET", "save");

        assertThat(stats("get").calls()).isEqualTo(1);
        assertThat(stats("config|get").calls()).isEqualTo(1);
        assertThat(monitor.metrics().snapshot().commands()).doesNotContainKey("config");
    }

    @Test
    void aWrongArgumentCountIsARejectedCallAndAnErrorWhileRunningAFailedOne() {
        run("GET");
        run("SET", "k", "v", "EX", "ten");

        assertThat(stats("get").rejected()).isEqualTo(1);
        assertThat(stats("get").calls()).isZero();
        assertThat(stats("set").failed()).isEqualTo(1);
        assertThat(stats("set").calls()).isEqualTo(1);
    }

    @Test
    void anUnknownCommandIsCountedNowhere() {
        run("FOO");

        assertThat(monitor.metrics().snapshot().commands()).isEmpty();
    }

    @Test
    void theSlowLogSeesEveryRunWithItsClient() {
        monitor.slowLog().slowerThanMicros(0);

        client.addresses("127.0.0.1:4242", "127.0.0.1:6379");
        run("SET", "k", "v");

        assertThat(monitor.slowLog().get(1)).singleElement()
                .satisfies(entry -> assertThat(entry.client()).isEqualTo("127.0.0.1:4242"));
    }

    @Test
    void getCountsAHitOrAMissForEachKeyItReads() {
        run("SET", "a", "1");
        run("GET", "a");
        run("MGET", "a", "nosuch", "other");

        assertThat(monitor.metrics().snapshot().count(Event.KEYSPACE_HIT)).isEqualTo(2);
        assertThat(monitor.metrics().snapshot().count(Event.KEYSPACE_MISS)).isEqualTo(2);
    }

    /** Runs a command for the client and returns the bytes it was answered, as text. */
    private String run(String... words) {
        table.execute(client, args(words));
        return new String(client.reply.drain(), StandardCharsets.ISO_8859_1);
    }

    private static String error(String message) {
        return "-" + message + "\r\n";
    }

    private static String bulk(String text) {
        return "$" + text.length() + "\r\n" + text + "\r\n";
    }

    private CommandStats stats(String name) {
        return monitor.metrics().snapshot().commands().get(name);
    }

    static List<byte[]> args(String... words) {
        return Arrays.stream(words).map(w -> w.getBytes(StandardCharsets.ISO_8859_1)).toList();
    }
}
