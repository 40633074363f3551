package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@WireTest
class PubSubWireTest {

    @Test
    void subscribersReceiveWhatIsPublished(WireClient subscriber, WireClient publisher) {
        subscriber.command("SUBSCRIBE", "news", "sport")
                .expect("*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n*3\r\n$9\r\nsubscribe\r\n$5\r\nsport\r\n:2\r\n");
        publisher.call(":1\r\n", "PUBLISH", "news", "hello");
        subscriber.expect("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$5\r\nhello\r\n");
        publisher.call(":0\r\n", "PUBLISH", "weather", "rain");
    }

    @Test
    void patternSubscribersReceivePmessages(WireClient subscriber, WireClient publisher) {
        subscriber.command("PSUBSCRIBE", "news.*").expect("*3\r\n$10\r\npsubscribe\r\n$6\r\nnews.*\r\n:1\r\n");
        publisher.call(":1\r\n", "PUBLISH", "news.tech", "ai");
        subscriber.expect("*4\r\n$8\r\npmessage\r\n$6\r\nnews.*\r\n$9\r\nnews.tech\r\n$2\r\nai\r\n");
        subscriber.command("PUNSUBSCRIBE").expect("*3\r\n$12\r\npunsubscribe\r\n$6\r\nnews.*\r\n:0\r\n");
    }

    @Test
    void aSubscribedClientMayOnlyUsePubSubCommandsAndPing(WireClient subscriber) {
        subscriber.command("SUBSCRIBE", "c").expect("*3\r\n$9\r\nsubscribe\r\n$1\r\nc\r\n:1\r\n");
        subscriber.call("-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET "
                + "are allowed in this context\r\n", "GET", "k");
        subscriber.call("*2\r\n$4\r\npong\r\n$0\r\n\r\n", "PING");
        subscriber.call("*3\r\n$11\r\nunsubscribe\r\n$1\r\nc\r\n:0\r\n", "UNSUBSCRIBE");
        subscriber.call("+PONG\r\n", "PING");
        subscriber.call("*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n", "UNSUBSCRIBE");
    }

    @Test
    void pubsubIntrospection(WireClient subscriber, WireClient other) {
        subscriber.command("SUBSCRIBE", "introspect-a").expect("*3\r\n$9\r\nsubscribe\r\n$12\r\nintrospect-a\r\n:1\r\n");
        other.call("*1\r\n$12\r\nintrospect-a\r\n", "PUBSUB", "CHANNELS", "introspect-*");
        other.call("*4\r\n$12\r\nintrospect-a\r\n:1\r\n$12\r\nintrospect-b\r\n:0\r\n",
                "PUBSUB", "NUMSUB", "introspect-a", "introspect-b");
        other.call(":0\r\n", "PUBSUB", "NUMPAT");
    }

    @Test
    void numsubIsAFlatArrayInResp3Too(WireClient c) {
        c.command("HELLO", "3").readReply();
        c.call("*4\r\n$1\r\na\r\n:0\r\n$1\r\nb\r\n:0\r\n", "PUBSUB", "NUMSUB", "a", "b");
        c.call("*0\r\n", "PUBSUB", "NUMSUB");
    }

    @Test
    void resp3SubscribersGetPushFrames(WireClient subscriber, WireClient publisher) {
        subscriber.command("HELLO", "3").readReply();
        subscriber.command("SUBSCRIBE", "r3").expect(">3\r\n$9\r\nsubscribe\r\n$2\r\nr3\r\n:1\r\n");
        subscriber.call("+PONG\r\n", "PING"); // RESP3 connections may run any command while subscribed
        publisher.call(":1\r\n", "PUBLISH", "r3", "m");
        subscriber.expect(">3\r\n$7\r\nmessage\r\n$2\r\nr3\r\n$1\r\nm\r\n");
    }

    @Test
    void helpListsTheSubcommandsBetweenRedisHeaderAndFooter(WireClient c) {
        List<Object> help = c.command("PUBSUB", "HELP").readArray();
        assertThat(help.get(0)).isEqualTo("PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        assertThat(help).contains("CHANNELS [<pattern>]", "NUMPAT", "NUMSUB [<channel> ...]");
        assertThat(help.subList(help.size() - 2, help.size())).containsExactly("HELP", "    Prints this help.");
    }

    @Test
    void aSecondSubscriptionToAChannelCountsOnce(WireClient subscriber, WireClient publisher) {
        subscriber.command("SUBSCRIBE", "twice", "twice")
                .expect("*3\r\n$9\r\nsubscribe\r\n$5\r\ntwice\r\n:1\r\n*3\r\n$9\r\nsubscribe\r\n$5\r\ntwice\r\n:1\r\n");
        subscriber.command("PSUBSCRIBE", "tw*", "tw*")
                .expect("*3\r\n$10\r\npsubscribe\r\n$3\r\ntw*\r\n:2\r\n*3\r\n$10\r\npsubscribe\r\n$3\r\ntw*\r\n:2\r\n");
        publisher.call(":2\r\n", "PUBLISH", "twice", "m"); // once for the channel, once for the pattern
        publisher.call(":1\r\n", "PUBSUB", "NUMPAT");
    }

    @Test
    void unsubscribingOneClientLeavesTheOtherSubscribers(WireClient first, WireClient second, WireClient publisher) {
        first.command("SUBSCRIBE", "shared", "mine").readReply();
        first.readReply();
        first.command("PSUBSCRIBE", "shared*").readReply();
        second.command("SUBSCRIBE", "shared").readReply();
        second.command("PSUBSCRIBE", "shared*").readReply();
        first.command("UNSUBSCRIBE", "shared").expect("*3\r\n$11\r\nunsubscribe\r\n$6\r\nshared\r\n:2\r\n");
        first.command("PUNSUBSCRIBE", "shared*").expect("*3\r\n$12\r\npunsubscribe\r\n$7\r\nshared*\r\n:1\r\n");
        publisher.call(":2\r\n", "PUBLISH", "shared", "m"); // second, by its channel and by its pattern
        publisher.call(":1\r\n", "PUBLISH", "mine", "m");
        publisher.call(":1\r\n", "PUBSUB", "NUMPAT");
        publisher.call("*4\r\n$6\r\nshared\r\n:1\r\n$4\r\nmine\r\n:1\r\n", "PUBSUB", "NUMSUB", "shared", "mine");
    }

    @Test
    void aSubscriberThatDisconnectsReceivesNoMore(WireClient publisher, java.net.InetSocketAddress address)
            throws InterruptedException {
        WireClient subscriber = WireClient.connect(address);
        subscriber.command("SUBSCRIBE", "gone").readReply();
        subscriber.command("PSUBSCRIBE", "gone*").readReply();
        subscriber.close();
        for (int i = 0; i < 100 && !publisher.command("PUBSUB", "NUMPAT").readReply().equals(0L); i++) {
            Thread.sleep(20);
        }
        publisher.call(":0\r\n", "PUBLISH", "gone", "m");
        publisher.call("*2\r\n$4\r\ngone\r\n:0\r\n", "PUBSUB", "NUMSUB", "gone");
    }

    @Test
    void pubsubChannelsTakesAtMostOnePattern(WireClient c) {
        c.call("-ERR unknown subcommand or wrong number of arguments for 'channels'. Try PUBSUB HELP.\r\n",
                "PUBSUB", "channels", "a", "b");
    }

    @Test
    void pubsubChannelsWithoutAPatternListsEveryChannel(WireClient subscriber, WireClient other) {
        subscriber.command("SUBSCRIBE", "every-channel").readReply();
        assertThat(other.command("PUBSUB", "CHANNELS").readArray()).contains("every-channel");
    }
}
