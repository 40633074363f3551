package dev.buildredis.server;

import dev.buildredis.testing.StageLimitation;
import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;

/** What this stage's single serving thread means for a second client. */
@WireTest
class OneClientAtATimeWireTest {

    // tag::second-client-waits[]
    @Test
    @StageLimitation("Redis serves every connected client; stage 04 does too")
    void aSecondClientGetsNoReplyUntilTheFirstLeaves(InetSocketAddress address) {
        WireClient first = WireClient.connect(address);
        first.send("PING\r\n").expect("+PONG\r\n");

        try (WireClient second = WireClient.connect(address)) { // TCP accepts it: the kernel completes the handshake
            second.send("PING\r\n").expectNoReplyWithin(Duration.ofMillis(500));

            first.close();
            second.expect("+PONG\r\n"); // served as soon as the first client is gone
        }
    }
    // end::second-client-waits[]

    @Test
    void aClientThatComesBackLaterIsServed(InetSocketAddress address) {
        try (WireClient first = WireClient.connect(address)) {
            first.send("PING\r\n").expect("+PONG\r\n");
        }
        try (WireClient again = WireClient.connect(address)) {
            again.send("PING\r\n").expect("+PONG\r\n");
        }
    }
}
