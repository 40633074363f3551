package dev.buildredis.command;

import dev.buildredis.metrics.CommandStats;
import dev.buildredis.metrics.Event;
import dev.buildredis.metrics.Monitor;
import dev.buildredis.protocol.RespValue;
import dev.buildredis.store.Keyspace;
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
    private final Keyspace keyspace = new Keyspace(clock);
    private final Monitor monitor = Monitor.of(clock, section -> new LinkedHashMap<>());
    private final CommandTable table = CommandTable.standard(keyspace, new Journal(), Map.of(),
            monitor);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            PING          | PONG
            ping          | PONG
            pInG          | PONG
            """)
    void commandNamesIgnoreCase(String name, String reply) {
        assertThat(table.execute(args(name))).isEqualTo(new RespValue.SimpleString(reply));
    }

    @Test
    void anUnknownCommandQuotesItsNameAndArguments() {
        assertThat(table.execute(args("foo", "a", "b")))
                .isEqualTo(new RespValue.SimpleError("ERR unknown command 'foo', with args beginning with: 'a' 'b' "));
    }

    @Test
    void anUnknownCommandQuotesAtMost128CharactersOfArguments() {
        String longArg = "x".repeat(200);
        RespValue reply = table.execute(args("foo", longArg, "next"));
        assertThat(reply).isEqualTo(new RespValue.SimpleError(
                "ERR unknown command 'foo', with args beginning with: '" + "x".repeat(128) + "' "));
    }

    @Test
    void laterArgumentsGetWhatIsLeftOfThe128Characters() {
        RespValue reply = table.execute(args("foo", "abc", "y".repeat(200)));
        assertThat(reply).isEqualTo(new RespValue.SimpleError(
                "ERR unknown command 'foo', with args beginning with: 'abc' '" + "y".repeat(122) + "' "));
    }

    @Test
    void newlinesInAnUnknownCommandBecomeSpacesSoTheErrorStaysOneLine() {
        assertThat(table.execute(args("fo\r\no")))
                .isEqualTo(new RespValue.SimpleError("ERR unknown command 'fo  o', with args beginning with: "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ECHO              | echo
            ECHO a b          | echo
            PING a b          | ping
            """)
    void aWrongArgumentCountIsRefusedWithTheLowercaseName(String command, String name) {
        assertThat(table.execute(args(command.split(" "))))
                .isEqualTo(new RespValue.SimpleError("ERR wrong number of arguments for '" + name + "' command"));
    }

    @Test
    void echoRepliesWithItsArgumentAsABulkString() {
        assertThat(table.execute(args("ECHO", "hi"))).isEqualTo(RespValue.BulkString.of("hi"));
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
        assertThat(table.execute(args(command.split(" "))))
                .isEqualTo(new RespValue.SimpleError("ERR wrong number of arguments for '" + name + "' command"));
    }

    @Test
    void anErrorThrownWhileReadingArgumentsBecomesTheReply() {
        assertThat(table.execute(args("SET", "k", "v", "EX", "ten")))
                .isEqualTo(new RespValue.SimpleError("ERR value is not an integer or out of range"));
    }

    @Test
    void aCallIsCountedUnderItsNameAndASubcommandUnderNamePipeSubcommand() {
        table.execute(args("GET", "k"));
        table.execute(args("CONFIG", "GET", "save"));

        assertThat(stats("get").calls()).isEqualTo(1);
        assertThat(stats("config|get").calls()).isEqualTo(1);
        assertThat(monitor.metrics().snapshot().commands()).doesNotContainKey("config");
    }

    @Test
    void aWrongArgumentCountIsARejectedCallAndAnErrorWhileRunningAFailedOne() {
        table.execute(args("GET"));
        table.execute(args("SET", "k", "v", "EX", "ten"));

        assertThat(stats("get").rejected()).isEqualTo(1);
        assertThat(stats("get").calls()).isZero();
        assertThat(stats("set").failed()).isEqualTo(1);
        assertThat(stats("set").calls()).isEqualTo(1);
    }

    @Test
    void anUnknownCommandIsCountedNowhere() {
        table.execute(args("FOO"));

        assertThat(monitor.metrics().snapshot().commands()).isEmpty();
    }

    @Test
    void theSlowLogSeesEveryRunWithItsClient() {
        monitor.slowLog().slowerThanMicros(0);

        table.execute(args("SET", "k", "v"), "127.0.0.1:4242");

        assertThat(monitor.slowLog().get(1)).singleElement()
                .satisfies(entry -> assertThat(entry.client()).isEqualTo("127.0.0.1:4242"));
    }

    @Test
    void getCountsAHitOrAMissForEachKeyItReads() {
        table.execute(args("SET", "a", "1"));
        table.execute(args("GET", "a"));
        table.execute(args("MGET", "a", "nosuch", "other"));

        assertThat(monitor.metrics().snapshot().count(Event.KEYSPACE_HIT)).isEqualTo(2);
        assertThat(monitor.metrics().snapshot().count(Event.KEYSPACE_MISS)).isEqualTo(2);
    }

    private CommandStats stats(String name) {
        return monitor.metrics().snapshot().commands().get(name);
    }

    static List<byte[]> args(String... words) {
        return Arrays.stream(words).map(w -> w.getBytes(StandardCharsets.ISO_8859_1)).toList();
    }
}
