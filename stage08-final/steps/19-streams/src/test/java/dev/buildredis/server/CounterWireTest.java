package dev.buildredis.server;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

/** INCR, DECR, INCRBY and DECRBY over the wire, byte for byte. */
@WireTest
class CounterWireTest {

    private final String key = "stage04:" + UUID.randomUUID();

    @Test
    void incrOfAMissingKeyStartsFromZero(WireClient client) {
        client.command("INCR", key).expect(":1\r\n");
        client.command("INCR", key).expect(":2\r\n");
        client.command("GET", key).expect("$1\r\n2\r\n");
    }

    @Test
    void decrGoesBelowZero(WireClient client) {
        client.command("DECR", key).expect(":-1\r\n");
        client.command("DECRBY", key, "10").expect(":-11\r\n");
    }

    @Test
    void incrbyAddsItsArgument(WireClient client) {
        client.command("SET", key, "40").expect("+OK\r\n");
        client.command("INCRBY", key, "2").expect(":42\r\n");
        client.command("INCRBY", key, "-50").expect(":-8\r\n");
    }

    @Test
    void aValueThatIsNotAnIntegerIsRefusedAndKept(WireClient client) {
        client.command("SET", key, "ten").expect("+OK\r\n");
        client.command("INCR", key).expect("-ERR value is not an integer or out of range\r\n");
        client.command("SET", key, " 1").expect("+OK\r\n");
        client.command("INCR", key).expect("-ERR value is not an integer or out of range\r\n");
        client.command("GET", key).expect("$2\r\n 1\r\n");
    }

    @Test
    void anIncrementThatIsNotAnIntegerIsRefused(WireClient client) {
        client.command("INCRBY", key, "1.5").expect("-ERR value is not an integer or out of range\r\n");
        client.command("DECRBY", key, "x").expect("-ERR value is not an integer or out of range\r\n");
        client.command("EXISTS", key).expect(":0\r\n");
    }

    @Test
    void overflowIsRefusedAndTheValueKept(WireClient client) {
        client.command("SET", key, "9223372036854775807").expect("+OK\r\n");
        client.command("INCR", key).expect("-ERR increment or decrement would overflow\r\n");
        client.command("SET", key, "-9223372036854775808").expect("+OK\r\n");
        client.command("DECR", key).expect("-ERR increment or decrement would overflow\r\n");
        client.command("GET", key).expect("$20\r\n-9223372036854775808\r\n");
    }

    @Test
    void decrbyOfTheSmallestLongIsRefusedBecauseItsNegationOverflows(WireClient client) {
        client.command("DECRBY", key, "-9223372036854775808").expect("-ERR decrement would overflow\r\n");
    }

    @Test
    void wrongArgumentCountsGetRedisText(WireClient client) {
        client.command("INCR").expect("-ERR wrong number of arguments for 'incr' command\r\n");
        client.command("DECR", key, key).expect("-ERR wrong number of arguments for 'decr' command\r\n");
        client.command("INCRBY", key).expect("-ERR wrong number of arguments for 'incrby' command\r\n");
        client.command("DECRBY", key).expect("-ERR wrong number of arguments for 'decrby' command\r\n");
    }
}
