package dev.buildredis.server;

import dev.buildredis.testing.RedisTarget;
import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;
import org.junit.jupiter.api.Test;

/**
 * CONFIG GET as redis-benchmark uses it at start-up. A real redis-server started without persistence
 * ({@code --save '' --appendonly no}, as the test harness starts it) gives the same bytes; this stage's server
 * says {@code yes} when the suite runs it with its append-only file on.
 */
@WireTest
class ConfigGetWireTest {

    @Test
    void saveIsEmptyBecauseNothingIsSnapshotted(WireClient client) {
        client.command("CONFIG", "GET", "save").expect("*2\r\n$4\r\nsave\r\n$0\r\n\r\n");
    }

    @Test
    void appendonlyIsAsConfigured(WireClient client) {
        String value = RedisTarget.appendOnly() ? "$3\r\nyes\r\n" : "$2\r\nno\r\n";
        client.command("CONFIG", "GET", "appendonly").expect("*2\r\n$10\r\nappendonly\r\n" + value);
    }

    @Test
    void appendfsyncIsAsConfigured(WireClient client) {
        String value = RedisTarget.appendOnly()
                ? System.getProperty("stage.options").replaceAll(".*--appendfsync (\\w+).*", "$1") : "everysec";
        client.command("CONFIG", "GET", "appendfsync")
                .expect("*2\r\n$11\r\nappendfsync\r\n$" + value.length() + "\r\n" + value + "\r\n");
    }

    @Test
    void anExactNameIsAnsweredAsTheClientSpelledIt(WireClient client) {
        client.command("config", "get", "SAVE").expect("*2\r\n$4\r\nSAVE\r\n$0\r\n\r\n");
    }

    @Test
    void aGlobPatternAnswersWithTheParameterName(WireClient client) {
        client.command("CONFIG", "GET", "sav?").expect("*2\r\n$4\r\nsave\r\n$0\r\n\r\n");
        client.command("CONFIG", "GET", "appendfilenam?").expect("*2\r\n$14\r\nappendfilename\r\n$14\r\nappendonly.aof\r\n");
    }

    @Test
    void aPatternThatMatchesNothingIsAnEmptyArray(WireClient client) {
        client.command("CONFIG", "GET", "no-such-parameter*").expect("*0\r\n");
        client.command("CONFIG", "GET", "no-such-parameter").expect("*0\r\n");
    }

    @Test
    void configErrorsGetRedisText(WireClient client) {
        client.command("CONFIG").expect("-ERR wrong number of arguments for 'config' command\r\n");
        client.command("CONFIG", "GET").expect("-ERR wrong number of arguments for 'config|get' command\r\n");
        client.command("CONFIG", "FoO").expect("-ERR unknown subcommand 'FoO'. Try CONFIG HELP.\r\n");
    }

    // tag::config-set-test[]
    @Test
    void configSetChangesEveryPairOrNoneWithRedisText(WireClient client) {
        client.command("CONFIG", "SET", "timeout", "30", "maxclients", "lots")
                .expect("-ERR CONFIG SET failed (possibly related to argument 'maxclients') - argument couldn't be "
                        + "parsed into an integer\r\n");
        client.command("CONFIG", "GET", "timeout").expect("*2\r\n$7\r\ntimeout\r\n$1\r\n0\r\n");
        client.command("CONFIG", "SET", "no-such-parameter", "1")
                .expect("-ERR Unknown option or number of arguments for CONFIG SET - 'no-such-parameter'\r\n");
        client.command("CONFIG", "SET", "timeout", "30").expect("+OK\r\n");
        client.command("CONFIG", "GET", "timeout").expect("*2\r\n$7\r\ntimeout\r\n$2\r\n30\r\n");
        client.command("CONFIG", "SET", "timeout", "0").expect("+OK\r\n"); // as the suite found it
    }
    // end::config-set-test[]
}
