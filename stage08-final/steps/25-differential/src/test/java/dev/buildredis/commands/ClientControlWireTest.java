package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** CLIENT REPLY, PAUSE, UNPAUSE and NO-EVICT, and what CLIENT LIST and HELP say about them. */
@WireTest
class ClientControlWireTest {

    @Test
    void replyOffSilencesEveryReplyUntilOn(WireClient c) {
        c.command("CLIENT", "REPLY", "OFF");
        c.command("SET", "cc:k", "v");
        c.command("NOSUCHCOMMAND");
        c.call("+OK\r\n", "CLIENT", "REPLY", "ON");
        c.call("$1\r\nv\r\n", "GET", "cc:k");
    }

    @Test
    void replySkipSilencesTheNextCommandOnly(WireClient c) {
        c.command("CLIENT", "REPLY", "SKIP");
        c.command("PING");
        c.call("$1\r\nx\r\n", "ECHO", "x");
    }

    @Test
    void replyTakesOnOffOrSkip(WireClient c) {
        c.call("-ERR syntax error\r\n", "CLIENT", "REPLY", "MAYBE");
        c.call("-ERR wrong number of arguments for 'client|reply' command\r\n", "CLIENT", "REPLY");
    }

    @Test
    void pauseWriteHoldsWritesAndLetsReadsThrough(WireClient c, WireClient other) {
        c.call("+OK\r\n", "SET", "cc:p", "before");
        c.call("+OK\r\n", "CLIENT", "PAUSE", "300", "WRITE");
        long start = System.nanoTime();
        other.call("$6\r\nbefore\r\n", "GET", "cc:p");
        assertThat((System.nanoTime() - start) / 1_000_000).as("a read does not wait").isLessThan(250);
        other.command("SET", "cc:p", "after");
        other.expectNoReplyWithin(Duration.ofMillis(100));
        other.expect("+OK\r\n");
        assertThat((System.nanoTime() - start) / 1_000_000).as("the write waited for the pause").isGreaterThan(250);
        other.call("$5\r\nafter\r\n", "GET", "cc:p");
    }

    @Test
    void pauseAllHoldsEveryCommandTheClientsOwnToo(WireClient c, WireClient other) {
        c.call("+OK\r\n", "CLIENT", "PAUSE", "400", "ALL");
        long start = System.nanoTime();
        other.command("PING");
        other.expectNoReplyWithin(Duration.ofMillis(150));
        c.command("CLIENT", "UNPAUSE"); // held too: ALL means every command of every client
        other.expect("+PONG\r\n");
        c.expect("+OK\r\n");
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThan(350);
    }

    @Test
    void pauseChecksItsModeThenItsTimeout(WireClient c) {
        c.call("-ERR CLIENT PAUSE mode must be WRITE or ALL\r\n", "CLIENT", "PAUSE", "abc", "x");
        c.call("-ERR timeout is not an integer or out of range\r\n", "CLIENT", "PAUSE", "abc");
        c.call("-ERR timeout is negative\r\n", "CLIENT", "PAUSE", "-1");
        c.call("-ERR unknown subcommand or wrong number of arguments for 'PAUSE'. Try CLIENT HELP.\r\n", "CLIENT",
                "PAUSE", "1", "WRITE", "x");
        c.call("+OK\r\n", "CLIENT", "UNPAUSE");
    }

    @Test
    void noEvictShowsInClientListFlags(WireClient c) {
        c.call("+OK\r\n", "CLIENT", "NO-EVICT", "ON");
        assertThat((String) c.command("CLIENT", "INFO").readReply()).contains(" flags=e ");
        c.call("+OK\r\n", "CLIENT", "NO-EVICT", "off");
        assertThat((String) c.command("CLIENT", "INFO").readReply()).contains(" flags=N ");
        c.call("-ERR syntax error\r\n", "CLIENT", "NO-EVICT", "maybe");
    }

    @Test
    void clientListShowsTrackingAndItsRedirect(WireClient c) {
        c.call("+OK\r\n", "CLIENT", "TRACKING", "ON", "BCAST");
        assertThat((String) c.command("CLIENT", "INFO").readReply()).contains(" flags=tB ").contains(" redir=0 ");
    }

    @Test
    void helpListsEverySubcommand(WireClient c) {
        List<Object> help = c.command("CLIENT", "HELP").readArray();
        assertThat(help).hasSize(48).contains("CACHING (YES|NO)", "GETREDIR", "PAUSE <timeout> [WRITE|ALL]",
                "REPLY (ON|OFF|SKIP)", "TRACKINGINFO", "NO-EVICT (ON|OFF)", "UNPAUSE");
    }

    @Test
    void theSubcommandsAreDescribedAsRedisDescribesThem(WireClient c) {
        List<Object> info = c.command("COMMAND", "INFO", "client|tracking", "client|caching", "client|reply",
                "client|pause", "client|unpause", "client|getredir", "client|trackinginfo", "client|no-evict",
                "monitor").readArray();
        String[][] expected = {{"client|tracking", "-3", "noscript loading stale"},
            {"client|caching", "3", "noscript loading stale"}, {"client|reply", "3", "noscript loading stale"},
            {"client|pause", "-3", "admin noscript loading stale"}, {"client|unpause", "2", "admin noscript loading stale"},
            {"client|getredir", "2", "noscript loading stale"}, {"client|trackinginfo", "2", "noscript loading stale"},
            {"client|no-evict", "3", "admin noscript loading stale"}, {"monitor", "1", "admin noscript loading stale"}};
        for (int i = 0; i < expected.length; i++) {
            assertThat(DumpRestoreWireTest.head(info.get(i))).containsExactly(expected[i][0],
                    Long.parseLong(expected[i][1]), List.of(expected[i][2].split(" ")), 0L, 0L, 0L);
        }
    }
}
