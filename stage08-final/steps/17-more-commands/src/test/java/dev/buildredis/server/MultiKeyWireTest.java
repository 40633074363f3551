package dev.buildredis.server;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

/** MGET and MSET over the wire, byte for byte. */
@WireTest
class MultiKeyWireTest {

    private final String a = "stage04:" + UUID.randomUUID();
    private final String b = a + ":b";
    private final String c = a + ":c";

    @Test
    void msetWritesEveryPairAndMgetReadsThemInOrder(WireClient client) {
        client.command("MSET", a, "1", b, "two").expect("+OK\r\n");
        client.command("MGET", b, c, a).expect("*3\r\n$3\r\ntwo\r\n$-1\r\n$1\r\n1\r\n");
    }

    @Test
    void aKeyGivenTwiceToMsetTakesTheLastValue(WireClient client) {
        client.command("MSET", a, "first", a, "last").expect("+OK\r\n");
        client.command("GET", a).expect("$4\r\nlast\r\n");
    }

    @Test
    void msetRemovesAnExpiry(WireClient client) {
        client.command("SET", a, "v", "PXAT", "1").expect("+OK\r\n");
        client.command("MSET", a, "w").expect("+OK\r\n");
        client.command("MGET", a).expect("*1\r\n$1\r\nw\r\n");
    }

    @Test
    void mgetOfMissingKeysIsAnArrayOfNulls(WireClient client) {
        client.command("MGET", a, b).expect("*2\r\n$-1\r\n$-1\r\n");
    }

    @Test
    void msetWithAKeyButNoValueIsAWrongArgumentCount(WireClient client) {
        client.command("MSET", a, "1", b).expect("-ERR wrong number of arguments for 'mset' command\r\n");
        client.command("MSET", a).expect("-ERR wrong number of arguments for 'mset' command\r\n");
        client.command("MGET").expect("-ERR wrong number of arguments for 'mget' command\r\n");
        client.command("EXISTS", a, b).expect(":0\r\n");
    }
}
