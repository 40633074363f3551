package dev.buildredis.pubsub;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Glob;
import dev.buildredis.store.Key;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Publish/subscribe.
 * <pre>
 * SUBSCRIBE a b        *3 $9 subscribe $1 a :1, then *3 $9 subscribe $1 b :2  (one confirmation per channel)
 * UNSUBSCRIBE          one confirmation per channel left; *3 $11 unsubscribe $-1 :0 if there was none
 * PUBLISH a hello      :&lt;number of subscribers that received it&gt;
 * PUBSUB CHANNELS [pattern] | NUMSUB [channel ...] | NUMPAT
 * </pre>
 * The count in a confirmation is the client's subscriptions (channels plus patterns) after it. In RESP3 the
 * confirmations and messages are push frames ({@code >3}).
 */
public final class PubSubCommands {

    private PubSubCommands() {
    }

    private interface Change {
        boolean apply(Client client, Key name);
    }

    public static List<Command> all() {
        String flags = "pubsub noscript loading stale allowed_while_subscribed";
        return List.of(
                Command.of("subscribe", -2, flags, 0, 0, 0,
                        (c, a) -> change(c, a, "subscribe", c.engine.pubsub::subscribe, null)),
                Command.of("psubscribe", -2, flags, 0, 0, 0,
                        (c, a) -> change(c, a, "psubscribe", c.engine.pubsub::psubscribe, null)),
                Command.of("unsubscribe", -1, flags, 0, 0, 0,
                        (c, a) -> change(c, a, "unsubscribe", c.engine.pubsub::unsubscribe, c.channels)),
                Command.of("punsubscribe", -1, flags, 0, 0, 0,
                        (c, a) -> change(c, a, "punsubscribe", c.engine.pubsub::punsubscribe, c.patterns)),
                Command.of("publish", 3, "pubsub loading stale fast may_replicate", 0, 0, 0,
                        (c, a) -> c.reply.integer(c.engine.pubsub.publish(c.engine, Args.key(a.get(1)), a.get(2)))),
                Command.container("pubsub", -2, List.of(
                        Command.of("pubsub|channels", -2, "pubsub loading stale", 0, 0, 0, PubSubCommands::channels),
                        Command.of("pubsub|numsub", -2, "pubsub loading stale", 0, 0, 0, PubSubCommands::numsub),
                        Command.of("pubsub|numpat", 2, "pubsub loading stale", 0, 0, 0,
                                (c, a) -> c.reply.integer(c.engine.pubsub.patternCount())),
                        Command.of("pubsub|help", 2, "loading stale", 0, 0, 0, (c, a) -> Command.help(c, "PUBSUB",
                                "CHANNELS [<pattern>]", "NUMPAT", "NUMSUB [<channel> ...]")))));
    }

    /**
     * (P)SUBSCRIBE and (P)UNSUBSCRIBE: one confirmation per name. With no names, an unsubscribe covers every
     * current subscription ({@code current}), and answers once with a null name if there is none.
     */
    private static void change(Client c, List<byte[]> a, String kind, Change change, Set<Key> current) {
        List<Key> names = new ArrayList<>();
        if (a.size() == 1 && current != null) {
            names.addAll(current);
        } else {
            for (int i = 1; i < a.size(); i++) {
                names.add(Args.key(a.get(i)));
            }
        }
        if (names.isEmpty()) {
            c.reply.pushHeader(3);
            c.reply.bulk(kind);
            c.reply.nullBulk();
            c.reply.integer(c.subscriptionCount());
            return;
        }
        for (Key name : names) {
            change.apply(c, name);
            c.reply.pushHeader(3);
            c.reply.bulk(kind);
            c.reply.bulk(name.bytes());
            c.reply.integer(c.subscriptionCount());
        }
    }

    private static void channels(Client c, List<byte[]> a) {
        if (a.size() > 3) { // checked by the command itself in Redis 7.0, hence its subcommand error
            throw new CommandError("ERR unknown subcommand or wrong number of arguments for '"
                    + Args.text(a.get(1)) + "'. Try PUBSUB HELP.");
        }
        List<Key> found = new ArrayList<>();
        for (Key channel : c.engine.pubsub.channels()) {
            if (a.size() == 2 || Glob.matches(a.get(2), channel.bytes(), false)) {
                found.add(channel);
            }
        }
        c.reply.arrayHeader(found.size());
        found.forEach(k -> c.reply.bulk(k.bytes()));
    }

    /** Channel, count, channel, count...: a flat array in RESP3 too, as Redis 7.0 replies (not a map). */
    private static void numsub(Client c, List<byte[]> a) {
        c.reply.arrayHeader(2 * (a.size() - 2));
        for (int i = 2; i < a.size(); i++) {
            c.reply.bulk(a.get(i));
            c.reply.integer(c.engine.pubsub.subscribers(Args.key(a.get(i))));
        }
    }
}
