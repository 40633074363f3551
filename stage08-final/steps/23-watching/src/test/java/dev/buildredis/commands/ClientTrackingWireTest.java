package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.Test;

import java.time.Duration;

/**
 * Client-side caching: CLIENT TRACKING's invalidation messages, as RESP3 pushes or redirected to a RESP2 subscriber,
 * and its options' checks, byte for byte.
 */
@WireTest
class ClientTrackingWireTest {

    private static void resp3(WireClient c) {
        c.command("HELLO", "3").readReply();
    }

    private static String invalidate(String... keys) {
        StringBuilder s = new StringBuilder(">2\r\n$10\r\ninvalidate\r\n*" + keys.length + "\r\n");
        for (String key : keys) {
            s.append('$').append(key.length()).append("\r\n").append(key).append("\r\n");
        }
        return s.toString();
    }

    @Test
    void aKeyReadIsInvalidatedOnceWhenItChanges(WireClient c, WireClient other) {
        resp3(c);
        c.call("+OK\r\n", "CLIENT", "TRACKING", "ON");
        c.command("GET", "tr:a").readReply();
        other.call("+OK\r\n", "SET", "tr:a", "1");
        c.expect(invalidate("tr:a"));
        other.call("+OK\r\n", "SET", "tr:a", "2"); // not read again: not told again
        c.command("GET", "tr:a").readReply();
        c.call("+OK\r\n" + invalidate("tr:a"), "SET", "tr:a", "3"); // its own change: after its reply
    }

    @Test
    void noloopLeavesOutTheClientsOwnChanges(WireClient c) {
        resp3(c);
        c.call("+OK\r\n", "CLIENT", "TRACKING", "ON", "NOLOOP");
        c.command("GET", "tr:n").readReply();
        c.call("+OK\r\n", "SET", "tr:n", "1");
        c.call("+PONG\r\n", "PING");
    }

    @Test
    void optinTracksOnlyTheCommandAfterCachingYes(WireClient c, WireClient other) {
        resp3(c);
        c.call("+OK\r\n", "CLIENT", "TRACKING", "ON", "OPTIN");
        c.command("GET", "tr:o1").readReply();
        c.call("+OK\r\n", "CLIENT", "CACHING", "YES");
        c.command("GET", "tr:o2").readReply();
        other.call("+OK\r\n", "MSET", "tr:o1", "1", "tr:o2", "2");
        c.expect(invalidate("tr:o2"));
        c.call("-ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.\r\n", "CLIENT",
                "CACHING", "NO");
    }

    @Test
    void bcastSendsEveryChangeUnderItsPrefixes(WireClient c, WireClient other) {
        resp3(c);
        c.call("+OK\r\n", "CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "tr:b:", "PREFIX", "tr:c:");
        other.call("+OK\r\n", "SET", "tr:b:1", "x");
        c.expect(invalidate("tr:b:1"));
        other.call("+OK\r\n", "SET", "tr:other", "x");
        other.call("+OK\r\n", "MSET", "tr:c:2", "x", "tr:c:1", "y");
        c.expect(invalidate("tr:c:1", "tr:c:2")); // one message a prefix and turn, keys in order
        c.call("%3\r\n$5\r\nflags\r\n~2\r\n$2\r\non\r\n$5\r\nbcast\r\n$8\r\nredirect\r\n:0\r\n$8\r\nprefixes\r\n*2\r\n"
                + "$5\r\ntr:b:\r\n$5\r\ntr:c:\r\n", "CLIENT", "TRACKINGINFO");
    }

    @Test
    void aResp2ClientIsToldThroughARedirectToASubscriber(WireClient c, WireClient subscriber, WireClient other) {
        long id = (Long) subscriber.command("CLIENT", "ID").readReply();
        subscriber.call("*3\r\n$9\r\nsubscribe\r\n$20\r\n__redis__:invalidate\r\n:1\r\n", "SUBSCRIBE",
                "__redis__:invalidate");
        c.call("+OK\r\n", "CLIENT", "TRACKING", "ON", "REDIRECT", Long.toString(id));
        c.call(":" + id + "\r\n", "CLIENT", "GETREDIR");
        c.command("GET", "tr:r").readReply();
        other.call("+OK\r\n", "SET", "tr:r", "1");
        subscriber.expect("*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n*1\r\n$4\r\ntr:r\r\n");
        c.expectNoReplyWithin(Duration.ofMillis(100));
    }

    @Test
    void aFlushInvalidatesEverythingWithANull(WireClient c, WireClient other) {
        resp3(c);
        c.call("+OK\r\n", "CLIENT", "TRACKING", "ON");
        other.call("+OK\r\n", "SELECT", "10");
        other.call("+OK\r\n", "FLUSHDB");
        c.expect(">2\r\n$10\r\ninvalidate\r\n_\r\n");
    }

    @Test
    void aRedirectToAClientThatIsGoneIsReported(WireClient c, WireClient other, java.net.InetSocketAddress server) {
        resp3(c);
        WireClient target = WireClient.connect(server);
        long id = (Long) target.command("CLIENT", "ID").readReply();
        c.call("+OK\r\n", "CLIENT", "TRACKING", "ON", "REDIRECT", Long.toString(id));
        c.command("GET", "tr:g").readReply();
        target.close();
        other.call("+PONG\r\n", "PING");
        other.call("+OK\r\n", "SET", "tr:g", "1");
        c.expect(">2\r\n$21\r\ntracking-redir-broken\r\n:" + id + "\r\n");
    }

    @Test
    void trackingInfoAndGetredirWhileOff(WireClient c) {
        c.call("*6\r\n$5\r\nflags\r\n*1\r\n$3\r\noff\r\n$8\r\nredirect\r\n:-1\r\n$8\r\nprefixes\r\n*0\r\n", "CLIENT",
                "TRACKINGINFO");
        c.call(":-1\r\n", "CLIENT", "GETREDIR");
    }

    @Test
    void theOptionsAreCheckedAsRedisChecksThem(WireClient c) {
        c.call("-ERR PREFIX option requires BCAST mode to be enabled\r\n", "CLIENT", "TRACKING", "ON", "PREFIX", "a");
        c.call("-ERR You can't specify both OPTIN mode and OPTOUT mode\r\n", "CLIENT", "TRACKING", "ON", "OPTIN",
                "OPTOUT");
        c.call("-ERR OPTIN and OPTOUT are not compatible with BCAST\r\n", "CLIENT", "TRACKING", "ON", "OPTIN",
                "BCAST");
        c.call("-ERR Prefix 'ab' overlaps with another provided prefix 'a'. Prefixes for a single client must not "
                + "overlap.\r\n", "CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "ab", "PREFIX", "a");
        c.call("-ERR The client ID you want redirect to does not exist\r\n", "CLIENT", "TRACKING", "ON", "REDIRECT",
                "999999999");
        c.call("-ERR syntax error\r\n", "CLIENT", "TRACKING", "MAYBE");
        c.call("-ERR syntax error\r\n", "CLIENT", "TRACKING", "ON", "FOO");
        c.call("-ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode "
                + "enabled\r\n", "CLIENT", "CACHING", "YES");
        c.call("+OK\r\n", "CLIENT", "TRACKING", "ON", "OPTIN");
        c.call("-ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then "
                + "re-enabling it with a different mode.\r\n", "CLIENT", "TRACKING", "ON", "OPTOUT");
        c.call("-ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then "
                + "re-enabling it with a different mode.\r\n", "CLIENT", "TRACKING", "ON", "BCAST");
        c.call("+OK\r\n", "CLIENT", "TRACKING", "OFF");
    }
}
