// @step 01-06
package dev.buildredis.command;

//> step 04-06
//~import dev.buildredis.engine.Client;
//~import dev.buildredis.engine.Engine;
//< step 04-06
import dev.buildredis.metrics.CommandStats;
import dev.buildredis.metrics.Event;
//> step 01-01
//~import dev.buildredis.metrics.MetricsKind;
//< step 01-01
import dev.buildredis.metrics.Monitor;
//> step 01-03
//~import dev.buildredis.protocol.RespValue;
//~import dev.buildredis.store.Keyspace;
//< step 01-03
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
    //> step 01-03
//~    private final Keyspace keyspace = new Keyspace(clock);
    //< step 01-03
    //> step 01-01
//~    private final Monitor monitor = Monitor.of(MetricsKind.GLOBAL_LOCK, clock, section -> new LinkedHashMap<>());
    //< step 01-01
    //> step 04-06
//~    private final Engine engine = new Engine(clock, "127.0.0.1", 0);
//~    private final Client client = engine.connect();
    //< step 04-06
    //> step 02-06
//~    private final Monitor monitor = Monitor.of(clock, section -> new LinkedHashMap<>());
    //< step 02-06
    //> step 01-02
//~    private final CommandTable table = CommandTable.standard(keyspace, new Journal(keyspace::changes), Map.of(),
    //< step 01-02
    //> step 03-03
//~    private final CommandTable table = CommandTable.standard(keyspace, new Journal(), Map.of(),
    //< step 03-03
            //> step 01-03
//~            monitor);
            //< step 01-03
    //> step 04-04
//~    private final CommandTable table = CommandTable.standard(new Journal(), Map.of(), monitor);
    //< step 04-04
    //> step 05-05
//~    private final CommandTable table = CommandTable.standard(new Journal(), monitor);
    //< step 05-05
    //> step 06-06
//~    private final CommandTable table = CommandTable.standard(engine, new Journal(), monitor);
    //< step 06-06

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            PING          | PONG
            ping          | PONG
            pInG          | PONG
            """)
    void commandNamesIgnoreCase(String name, String reply) {
        //> step 01-03
//~        assertThat(table.execute(args(name))).isEqualTo(new RespValue.SimpleString(reply));
        //< step 01-03
        //> step 04-06
//~        assertThat(run(name)).isEqualTo("+" + reply + "\r\n");
        //< step 04-06
    }

    @Test
    void anUnknownCommandQuotesItsNameAndArguments() {
        //> step 01-03
//~        assertThat(table.execute(args("foo", "a", "b")))
//~                .isEqualTo(new RespValue.SimpleError("ERR unknown command 'foo', with args beginning with: 'a' 'b' "));
        //< step 01-03
        //> step 04-06
//~        assertThat(run("foo", "a", "b"))
//~                .isEqualTo(error("ERR unknown command 'foo', with args beginning with: 'a' 'b' "));
        //< step 04-06
    }

    @Test
    void anUnknownCommandQuotesAtMost128CharactersOfArguments() {
        String longArg = "x".repeat(200);
        //> step 01-03
//~        RespValue reply = table.execute(args("foo", longArg, "next"));
//~        assertThat(reply).isEqualTo(new RespValue.SimpleError(
        //< step 01-03
        //> step 04-06
//~        String reply = run("foo", longArg, "next");
//~        assertThat(reply).isEqualTo(error(
        //< step 04-06
                "ERR unknown command 'foo', with args beginning with: '" + "x".repeat(128) + "' "));
    }

    @Test
    void laterArgumentsGetWhatIsLeftOfThe128Characters() {
        //> step 01-03
//~        RespValue reply = table.execute(args("foo", "abc", "y".repeat(200)));
//~        assertThat(reply).isEqualTo(new RespValue.SimpleError(
        //< step 01-03
        //> step 04-06
//~        String reply = run("foo", "abc", "y".repeat(200));
//~        assertThat(reply).isEqualTo(error(
        //< step 04-06
                "ERR unknown command 'foo', with args beginning with: 'abc' '" + "y".repeat(122) + "' "));
    }

    @Test
    void newlinesInAnUnknownCommandBecomeSpacesSoTheErrorStaysOneLine() {
        //> step 01-03
//~        assertThat(table.execute(args("fo\r\no")))
//~                .isEqualTo(new RespValue.SimpleError("ERR unknown command 'fo  o', with args beginning with: "));
        //< step 01-03
        //> step 04-06
//~        assertThat(run("fo\r\no"))
//~                .isEqualTo(error("ERR unknown command 'fo  o', with args beginning with: "));
        //< step 04-06
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ECHO              | echo
            ECHO a b          | echo
            PING a b          | ping
            """)
    void aWrongArgumentCountIsRefusedWithTheLowercaseName(String command, String name) {
        //> step 01-03
//~        assertThat(table.execute(args(command.split(" "))))
//~                .isEqualTo(new RespValue.SimpleError("ERR wrong number of arguments for '" + name + "' command"));
        //< step 01-03
        //> step 04-06
//~        assertThat(run(command.split(" ")))
//~                .isEqualTo(error("ERR wrong number of arguments for '" + name + "' command"));
        //< step 04-06
    }

    @Test
    void echoRepliesWithItsArgumentAsABulkString() {
        //> step 01-03
//~        assertThat(table.execute(args("ECHO", "hi"))).isEqualTo(RespValue.BulkString.of("hi"));
        //< step 01-03
        //> step 04-06
//~        assertThat(run("ECHO", "hi")).isEqualTo(bulk("hi"));
        //< step 04-06
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
        //> step 01-03
//~        assertThat(table.execute(args(command.split(" "))))
//~                .isEqualTo(new RespValue.SimpleError("ERR wrong number of arguments for '" + name + "' command"));
        //< step 01-03
        //> step 04-06
//~        assertThat(run(command.split(" ")))
//~                .isEqualTo(error("ERR wrong number of arguments for '" + name + "' command"));
        //< step 04-06
    }

    @Test
    void anErrorThrownWhileReadingArgumentsBecomesTheReply() {
        //> step 01-03
//~        assertThat(table.execute(args("SET", "k", "v", "EX", "ten")))
//~                .isEqualTo(new RespValue.SimpleError("ERR value is not an integer or out of range"));
        //< step 01-03
        //> step 04-06
//~        assertThat(run("SET", "k", "v", "EX", "ten"))
//~                .isEqualTo(error("ERR value is not an integer or out of range"));
        //< step 04-06
    }

    @Test
    void aCallIsCountedUnderItsNameAndASubcommandUnderNamePipeSubcommand() {
        //> step 01-03
//~        table.execute(args("GET", "k"));
//~        table.execute(args("CONFIG", "GET", "save"));
        //< step 01-03
        //> step 04-06
//~        run("GET", "k");
//~        run("CONFIG", "GET", "save");
        //< step 04-06

        assertThat(stats("get").calls()).isEqualTo(1);
        assertThat(stats("config|get").calls()).isEqualTo(1);
        assertThat(monitor.metrics().snapshot().commands()).doesNotContainKey("config");
    }

    @Test
    void aWrongArgumentCountIsARejectedCallAndAnErrorWhileRunningAFailedOne() {
        //> step 01-03
//~        table.execute(args("GET"));
//~        table.execute(args("SET", "k", "v", "EX", "ten"));
        //< step 01-03
        //> step 04-06
//~        run("GET");
//~        run("SET", "k", "v", "EX", "ten");
        //< step 04-06

        assertThat(stats("get").rejected()).isEqualTo(1);
        assertThat(stats("get").calls()).isZero();
        assertThat(stats("set").failed()).isEqualTo(1);
        assertThat(stats("set").calls()).isEqualTo(1);
    }

    @Test
    void anUnknownCommandIsCountedNowhere() {
        //> step 01-03
//~        table.execute(args("FOO"));
        //< step 01-03
        //> step 04-06
//~        run("FOO");
        //< step 04-06

        assertThat(monitor.metrics().snapshot().commands()).isEmpty();
    }

    @Test
    void theSlowLogSeesEveryRunWithItsClient() {
        monitor.slowLog().slowerThanMicros(0);

        //> step 01-03
//~        table.execute(args("SET", "k", "v"), "127.0.0.1:4242");
        //< step 01-03
        //> step 04-06
//~        client.addresses("127.0.0.1:4242", "127.0.0.1:6379");
//~        run("SET", "k", "v");
        //< step 04-06

        assertThat(monitor.slowLog().get(1)).singleElement()
                .satisfies(entry -> assertThat(entry.client()).isEqualTo("127.0.0.1:4242"));
    }

    @Test
    void getCountsAHitOrAMissForEachKeyItReads() {
        //> step 01-03
//~        table.execute(args("SET", "a", "1"));
//~        table.execute(args("GET", "a"));
//~        table.execute(args("MGET", "a", "nosuch", "other"));
        //< step 01-03
        //> step 04-06
//~        run("SET", "a", "1");
//~        run("GET", "a");
//~        run("MGET", "a", "nosuch", "other");
        //< step 04-06

        assertThat(monitor.metrics().snapshot().count(Event.KEYSPACE_HIT)).isEqualTo(2);
        assertThat(monitor.metrics().snapshot().count(Event.KEYSPACE_MISS)).isEqualTo(2);
    //> step 04-06
//~    }
//~
//~    /** Runs a command for the client and returns the bytes it was answered, as text. */
//~    private String run(String... words) {
//~        table.execute(client, args(words));
//~        return new String(client.reply.drain(), StandardCharsets.ISO_8859_1);
//~    }
//~
//~    private static String error(String message) {
//~        return "-" + message + "\r\n";
//~    }
//~
//~    private static String bulk(String text) {
//~        return "$" + text.length() + "\r\n" + text + "\r\n";
    //< step 04-06
    }

    private CommandStats stats(String name) {
        return monitor.metrics().snapshot().commands().get(name);
    }

    static List<byte[]> args(String... words) {
        return Arrays.stream(words).map(w -> w.getBytes(StandardCharsets.ISO_8859_1)).toList();
    }
}
