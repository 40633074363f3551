package dev.buildredis.server;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

/**
 * GET, SET, DEL and EXISTS over the wire, byte for byte. Every test uses keys of its own, so that the suite can
 * run against a server that already holds data (a real redis-server, or yours with -Dredis.target).
 */
@WireTest
class KeyValueWireTest {

    private final String key = "stage03:" + UUID.randomUUID();
    private final String other = key + ":other";

    @Test
    void getOfAMissingKeyIsTheNullBulkString(WireClient client) {
        client.command("GET", key).expect("$-1\r\n");
    }

    @Test
    void setRepliesOkAndGetReturnsTheValue(WireClient client) {
        client.command("SET", key, "hello").expect("+OK\r\n");
        client.command("GET", key).expect("$5\r\nhello\r\n");
    }

    @Test
    void setOverwritesAnExistingValue(WireClient client) {
        client.command("SET", key, "one").expect("+OK\r\n");
        client.command("SET", key, "two").expect("+OK\r\n");
        client.command("GET", key).expect("$3\r\ntwo\r\n");
    }

    @Test
    void keysAndValuesAreBinarySafe(WireClient client) {
        String binaryKey = key + "\0\r\n\u00ff";
        client.command("SET", binaryKey, "\r\n\0\u00fe").expect("+OK\r\n");
        client.command("GET", binaryKey).expect("$4\r\n\r\n\0\u00fe\r\n");
        client.command("GET", key + "\0\r\n\u00fe").expect("$-1\r\n");
    }

    @Test
    void anEmptyValueIsAValue(WireClient client) {
        client.command("SET", key, "").expect("+OK\r\n");
        client.command("GET", key).expect("$0\r\n\r\n");
        client.command("EXISTS", key).expect(":1\r\n");
    }

    @Test
    void nxWritesOnlyAMissingKey(WireClient client) {
        client.command("SET", key, "first", "NX").expect("+OK\r\n");
        client.command("SET", key, "second", "NX").expect("$-1\r\n");
        client.command("GET", key).expect("$5\r\nfirst\r\n");
    }

    @Test
    void xxWritesOnlyAnExistingKey(WireClient client) {
        client.command("SET", key, "first", "XX").expect("$-1\r\n");
        client.command("EXISTS", key).expect(":0\r\n");
        client.command("SET", key, "first").expect("+OK\r\n");
        client.command("SET", key, "second", "xx").expect("+OK\r\n");
        client.command("GET", key).expect("$6\r\nsecond\r\n");
    }

    @Test
    void getOptionRepliesWithTheOldValue(WireClient client) {
        client.command("SET", key, "old", "GET").expect("$-1\r\n");
        client.command("SET", key, "new", "GET").expect("$3\r\nold\r\n");
        client.command("GET", key).expect("$3\r\nnew\r\n");
    }

    @Test
    void getWithNxRepliesWithTheOldValueAndDoesNotWrite(WireClient client) {
        client.command("SET", key, "old").expect("+OK\r\n");
        client.command("SET", key, "new", "NX", "GET").expect("$3\r\nold\r\n");
        client.command("GET", key).expect("$3\r\nold\r\n");
    }

    @Test
    void aKeyWithAFutureExpiryIsThere(WireClient client) {
        client.command("SET", key, "v", "EX", "100").expect("+OK\r\n");
        client.command("GET", key).expect("$1\r\nv\r\n");
    }

    @Test
    void aKeyWhoseExpiryHasPassedIsGone(WireClient client) {
        client.command("SET", key, "v", "PXAT", "1").expect("+OK\r\n"); // 1 ms after 1970: long past
        client.command("GET", key).expect("$-1\r\n");
        client.command("EXISTS", key).expect(":0\r\n");
        client.command("DEL", key).expect(":0\r\n");
    }

    @Test
    void optionsThatDoNotGoTogetherAreASyntaxError(WireClient client) {
        client.command("SET", key, "v", "NX", "XX").expect("-ERR syntax error\r\n");
        client.command("SET", key, "v", "EX", "10", "PX", "10").expect("-ERR syntax error\r\n");
        client.command("SET", key, "v", "KEEPTTL", "EX", "10").expect("-ERR syntax error\r\n");
        client.command("SET", key, "v", "EX").expect("-ERR syntax error\r\n");
        client.command("SET", key, "v", "SOON").expect("-ERR syntax error\r\n");
        client.command("EXISTS", key).expect(":0\r\n");
    }

    @Test
    void aNonNumericExpiryIsNotAnInteger(WireClient client) {
        client.command("SET", key, "v", "EX", "ten").expect("-ERR value is not an integer or out of range\r\n");
        client.command("SET", key, "v", "PX", "1.5").expect("-ERR value is not an integer or out of range\r\n");
    }

    @Test
    void aZeroNegativeOrOverflowingExpiryIsInvalid(WireClient client) {
        client.command("SET", key, "v", "EX", "0").expect("-ERR invalid expire time in 'set' command\r\n");
        client.command("SET", key, "v", "PX", "-5").expect("-ERR invalid expire time in 'set' command\r\n");
        client.command("SET", key, "v", "EX", "9223372036854775").expect("-ERR invalid expire time in 'set' command\r\n");
        client.command("SET", key, "v", "PX", "9223372036854775807")
                .expect("-ERR invalid expire time in 'set' command\r\n");
    }

    @Test
    void delCountsTheKeysItRemoved(WireClient client) {
        client.command("SET", key, "a").expect("+OK\r\n");
        client.command("SET", other, "b").expect("+OK\r\n");
        client.command("DEL", key, other, key + ":missing").expect(":2\r\n");
        client.command("DEL", key).expect(":0\r\n");
        client.command("GET", other).expect("$-1\r\n");
    }

    @Test
    void existsCountsAKeyNamedTwiceTwice(WireClient client) {
        client.command("SET", key, "a").expect("+OK\r\n");
        client.command("EXISTS", key, key, other).expect(":2\r\n");
    }

    @Test
    void wrongArgumentCountsGetRedisText(WireClient client) {
        client.command("GET").expect("-ERR wrong number of arguments for 'get' command\r\n");
        client.command("GET", key, other).expect("-ERR wrong number of arguments for 'get' command\r\n");
        client.command("SET", key).expect("-ERR wrong number of arguments for 'set' command\r\n");
        client.command("DEL").expect("-ERR wrong number of arguments for 'del' command\r\n");
        client.command("EXISTS").expect("-ERR wrong number of arguments for 'exists' command\r\n");
    }

    @Test
    void inlineCommandsWorkOnKeysToo(WireClient client) {
        client.send("SET " + key + " \"hello world\"\r\n").expect("+OK\r\n");
        client.send("GET " + key + "\r\n").expect("$11\r\nhello world\r\n");
    }

    // tag::select-wire-test[]
    @Test
    void eachDatabaseKeepsItsOwnKeysAndSelectChoosesOneForThisConnection(WireClient client, WireClient other) {
        client.command("SET", key, "zero").expect("+OK\r\n");
        client.command("SELECT", "15").expect("+OK\r\n");
        client.command("GET", key).expect("$-1\r\n");
        client.command("SET", key, "fifteen").expect("+OK\r\n");
        other.command("GET", key).expect("$4\r\nzero\r\n"); // the other connection is still in database 0
        client.command("DEL", key).expect(":1\r\n");
        client.command("SELECT", "0").expect("+OK\r\n");
        client.command("GET", key).expect("$4\r\nzero\r\n");
        client.command("SELECT", "16").expect("-ERR DB index is out of range\r\n");
        client.command("SELECT", "one").expect("-ERR value is not an integer or out of range\r\n");
    }
    // end::select-wire-test[]
}
