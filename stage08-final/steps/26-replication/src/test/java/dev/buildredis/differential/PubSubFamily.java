package dev.buildredis.differential;

import java.util.List;

import static dev.buildredis.differential.Arguments.args;

/**
 * Pub/sub where its replies are determined: the main client subscribes and unsubscribes, the second client (or the
 * main one, in RESP3) publishes, and the messages that reach the main client are compared in order.
 */
final class PubSubFamily implements Family {

    @Override
    public int weight() {
        return 5;
    }

    @Override
    public List<Template> templates() {
        return List.of(
                Template.outsideMulti(a -> args(a.pick("SUBSCRIBE", "UNSUBSCRIBE"), channels(a, 1))),
                Template.outsideMulti(a -> args("UNSUBSCRIBE", channels(a, 0))),
                Template.outsideMulti(a -> args(a.pick("PSUBSCRIBE", "PUNSUBSCRIBE"), patterns(a, 1))),
                Template.outsideMulti(a -> args("PUNSUBSCRIBE", patterns(a, 0))),
                Template.of(a -> args("PUBLISH", channel(a), a.value())),
                Template.other(Check.PUBLISH, a -> args("PUBLISH", channel(a), a.value())),
                Template.of(Check.UNORDERED, a -> args("PUBSUB", "CHANNELS", a.someOf(50, List.of(List.of(
                        a.pick("*", "ch*", "ch[01]", "x*", "")))))),
                Template.of(a -> args("PUBSUB", "NUMSUB", a.repeat(a.between(0, 3), () -> channel(a)))),
                Template.of(a -> args("PUBSUB", a.pick("NUMPAT", "BOGUS"))),
                Template.of(a -> args("PING", a.someOf(50, List.of(List.of(a.value()))))));
    }

    private static String channel(Arguments a) {
        return a.chance(90) ? a.pick("ch0", "ch1", "ch2", "news", "__keyevent@0__:set", "__keyspace@0__:k0")
                : a.pick("", Arguments.BINARY, "ch*");
    }

    private static List<String> channels(Arguments a, int min) {
        return a.repeat(a.between(min, 3), () -> channel(a));
    }

    private static List<String> patterns(Arguments a, int min) {
        return a.repeat(a.between(min, 3), () -> a.pick("ch*", "ch[01]", "*", "c?0", "news", "[", "\\*", "",
                "__key*__:*", "__keyevent@*__:*", "__keyspace@0__:k?", "__keyevent@1__:del"));
    }
}
