// @step 21
package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code client-output-buffer-limit}: normal clients have no limit, however large the reply they asked for;
 * subscribers that do not read what others publish are closed at the pubsub class's hard limit, or after staying
 * over its soft limit for its seconds. The tests that lower a limit put Redis's defaults back.
 */
@WireTest
class OutputLimitsWireTest {

    private static final String DEFAULTS = "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60";

    @Test
    void aNormalClientGetsASixtyMegabyteReplyWhole(WireClient c) {
        c.call(":60000000\r\n", "SETRANGE", "sixty", "59999999", "x");
        try {
            c.command("GET", "sixty").expect("$60000000\r\n");
            byte[] value = c.read(60_000_000);
            assertThat(value[59_999_999]).isEqualTo((byte) 'x');
            assertThat(value[0]).isZero();
            c.expect("\r\n");
        } finally {
            c.call(":1\r\n", "DEL", "sixty");
        }
    }

    @Test
    void aSubscriberThatDoesNotReadIsClosedAtThePubsubHardLimit(WireClient subscriber, WireClient publisher) {
        publisher.call("+OK\r\n", "CONFIG", "SET", "client-output-buffer-limit", "pubsub 1mb 0 0");
        try {
            subscriber.command("SUBSCRIBE", "firehose").expect("*3\r\n$9\r\nsubscribe\r\n$8\r\nfirehose\r\n:1\r\n");
            String message = "m".repeat(100_000);
            int delivered = 0;
            for (int i = 0; i < 200; i++) { // 20 MB: far more than the socket buffers and the limit hold
                delivered += ((Long) publisher.command("PUBLISH", "firehose", message).readReply()).intValue();
            }
            assertThat(delivered).as("the subscriber got some before it was closed").isPositive().isLessThan(200);
            subscriber.expectClosed();
            publisher.call("+PONG\r\n", "PING"); // the publisher, a normal client, is not touched
        } finally {
            publisher.call("+OK\r\n", "CONFIG", "SET", "client-output-buffer-limit", DEFAULTS);
        }
    }

    /**
     * A client blocked in BLPOP is not exempt from its class's limit (Redis's checkClientOutputBufferLimits looks at
     * the class alone; only the idle {@code timeout} spares blocked clients): a RESP3 subscriber, which may BLPOP
     * while subscribed, is closed at the pubsub hard limit while it waits.
     */
    @Test
    void aBlockedSubscriberIsClosedAtThePubsubHardLimitToo(WireClient subscriber, WireClient publisher)
            throws InterruptedException {
        publisher.call("+OK\r\n", "CONFIG", "SET", "client-output-buffer-limit", "pubsub 1mb 0 0");
        try {
            subscriber.command("HELLO", "3").readReply();
            subscriber.command("SUBSCRIBE", "blocked-firehose")
                    .expect(">3\r\n$9\r\nsubscribe\r\n$16\r\nblocked-firehose\r\n:1\r\n");
            subscriber.command("BLPOP", "blocked-firehose-list", "0");
            Thread.sleep(100); // blocked before the messages come
            String message = "m".repeat(100_000);
            int delivered = 0;
            for (int i = 0; i < 200; i++) {
                delivered += ((Long) publisher.command("PUBLISH", "blocked-firehose", message).readReply()).intValue();
            }
            assertThat(delivered).as("the subscriber got some before it was closed").isPositive().isLessThan(200);
            subscriber.expectClosed();
            publisher.call(":1\r\n", "RPUSH", "blocked-firehose-list", "e"); // nobody waits for it any more
            publisher.call(":1\r\n", "DEL", "blocked-firehose-list");
        } finally {
            publisher.call("+OK\r\n", "CONFIG", "SET", "client-output-buffer-limit", DEFAULTS);
        }
    }

    @Test
    void aSubscriberOverTheSoftLimitForLongerThanItsSecondsIsClosed(WireClient subscriber, WireClient publisher)
            throws InterruptedException {
        publisher.call("+OK\r\n", "CONFIG", "SET", "client-output-buffer-limit", "pubsub 0 256kb 1");
        try {
            subscriber.command("SUBSCRIBE", "trickle").expect("*3\r\n$9\r\nsubscribe\r\n$7\r\ntrickle\r\n:1\r\n");
            String message = "m".repeat(100_000);
            for (int i = 0; i < 100; i++) { // 10 MB: over the soft limit, under no hard one
                publisher.call(":1\r\n", "PUBLISH", "trickle", message);
            }
            Thread.sleep(2100); // over the soft limit for longer than its second
            for (int i = 0; i < 5; i++) { // the limits are looked at when output is added
                publisher.command("PUBLISH", "trickle", message).readReply();
            }
            subscriber.expectClosed();
        } finally {
            publisher.call("+OK\r\n", "CONFIG", "SET", "client-output-buffer-limit", DEFAULTS);
        }
    }

    @Test
    void limitsAreSetPerClassAndShownForAllThree(WireClient c) {
        try {
            c.call("+OK\r\n", "CONFIG", "SET", "client-output-buffer-limit", "pubsub 1mb 1kb 10 replica 2mb 1mb 5");
            String shown = "normal 0 0 0 slave 2097152 1048576 5 pubsub 1048576 1024 10";
            c.call("*2\r\n$26\r\nclient-output-buffer-limit\r\n$" + shown.length() + "\r\n" + shown + "\r\n",
                    "CONFIG", "GET", "client-output-buffer-limit");
            c.call("-ERR CONFIG SET failed (possibly related to argument 'client-output-buffer-limit') - Wrong number "
                    + "of arguments in buffer limit configuration.\r\n", "CONFIG", "SET", "client-output-buffer-limit",
                    "normal 1 2");
            c.call("-ERR CONFIG SET failed (possibly related to argument 'client-output-buffer-limit') - Invalid "
                    + "client class specified in buffer limit configuration.\r\n", "CONFIG", "SET",
                    "client-output-buffer-limit", "master 1 2 3");
            c.call("-ERR CONFIG SET failed (possibly related to argument 'client-output-buffer-limit') - Error in "
                    + "hard, soft or soft_seconds setting in buffer limit configuration.\r\n", "CONFIG", "SET",
                    "client-output-buffer-limit", "normal 1 2 -3");
        } finally {
            c.call("+OK\r\n", "CONFIG", "SET", "client-output-buffer-limit", DEFAULTS);
        }
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
