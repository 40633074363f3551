// @step 16
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
//> step 23
 * SSUBSCRIBE, SUNSUBSCRIBE and SPUBLISH do the same for shard channels, a namespace apart (the node of a channel's
 * slot in a cluster; here, the server): their confirmations count shard channels only, messages are
 * {@code smessage}, and the client is in pub/sub mode while it has any subscription of either kind.
//< step 23
 */
public final class PubSubCommands {

    private PubSubCommands() {
    }

    private interface Change {
        boolean apply(Client client, Key name);
    }

    //> step 23
    /** The count a confirmation carries: channels and patterns, or shard channels for the S commands. */
    private interface Count {
        int of(Client client);
    }

    private static final Count CHANNELS_AND_PATTERNS = c -> c.channels.size() + c.patterns.size();
    private static final Count SHARD_CHANNELS = c -> c.shardChannels.size();
    //< step 23

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
                //> step 23
                Command.of("ssubscribe", -2, flags, 1, -1, 1,
                        (c, a) -> change(c, a, "ssubscribe", c.engine.pubsub::ssubscribe, null, SHARD_CHANNELS)),
                Command.of("sunsubscribe", -1, flags, 1, -1, 1,
                        (c, a) -> change(c, a, "sunsubscribe", c.engine.pubsub::sunsubscribe, c.shardChannels,
                                SHARD_CHANNELS)),
                Command.of("spublish", 3, "pubsub loading stale fast", 1, 1, 1,
                        (c, a) -> c.reply.integer(c.engine.pubsub.spublish(c.engine, Args.key(a.get(1)), a.get(2)))),
                //< step 23
                Command.container("pubsub", -2, List.of(
                        Command.of("pubsub|channels", -2, "pubsub loading stale", 0, 0, 0, PubSubCommands::channels),
                        Command.of("pubsub|numsub", -2, "pubsub loading stale", 0, 0, 0, PubSubCommands::numsub),
                        Command.of("pubsub|numpat", 2, "pubsub loading stale", 0, 0, 0,
                                (c, a) -> c.reply.integer(c.engine.pubsub.patternCount())),
                        //> step 23
                        Command.of("pubsub|shardchannels", -2, "pubsub loading stale", 0, 0, 0,
                                PubSubCommands::shardchannels),
                        Command.of("pubsub|shardnumsub", -2, "pubsub loading stale", 0, 0, 0,
                                PubSubCommands::shardnumsub),
                        Command.of("pubsub|help", 2, "loading stale", 0, 0, 0, (c, a) -> Command.help(c, "PUBSUB",
                                "CHANNELS [<pattern>]",
                                "    Return the currently active channels matching a <pattern> (default: '*').",
                                "NUMPAT",
                                "    Return number of subscriptions to patterns.",
                                "NUMSUB [<channel> ...]",
                                "    Return the number of subscribers for the specified channels, excluding",
                                "    pattern subscriptions(default: no channels).",
                                "SHARDCHANNELS [<pattern>]",
                                "    Return the currently active shard level channels matching a <pattern> (default: '*').",
                                "SHARDNUMSUB [<shardchannel> ...]",
                                "    Return the number of subscribers for the specified shard level channel(s)")))));
                        //< step 23
                        //> step 16-22
//~                        Command.of("pubsub|help", 2, "loading stale", 0, 0, 0, (c, a) -> Command.help(c, "PUBSUB",
//~                                "CHANNELS [<pattern>]", "NUMPAT", "NUMSUB [<channel> ...]")))));
                        //< step 16-22
    }

    /**
     * (P)SUBSCRIBE and (P)UNSUBSCRIBE: one confirmation per name. With no names, an unsubscribe covers every
     * current subscription ({@code current}), and answers once with a null name if there is none.
     */
    private static void change(Client c, List<byte[]> a, String kind, Change change, Set<Key> current) {
        //> step 23
        change(c, a, kind, change, current, CHANNELS_AND_PATTERNS);
    }

    private static void change(Client c, List<byte[]> a, String kind, Change change, Set<Key> current, Count count) {
        //< step 23
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
            //> step 23
            c.reply.integer(count.of(c));
            //< step 23
            //> step 16-22
//~            c.reply.integer(c.subscriptionCount());
            //< step 16-22
            return;
        }
        for (Key name : names) {
            change.apply(c, name);
            c.reply.pushHeader(3);
            c.reply.bulk(kind);
            c.reply.bulk(name.bytes());
            //> step 23
            c.reply.integer(count.of(c));
            //< step 23
            //> step 16-22
//~            c.reply.integer(c.subscriptionCount());
            //< step 16-22
        }
    }

    private static void channels(Client c, List<byte[]> a) {
        //> step 23
        matching(c, a, c.engine.pubsub.channels());
    }

    private static void shardchannels(Client c, List<byte[]> a) {
        matching(c, a, c.engine.pubsub.shardChannels());
    }

    /** SHARDNUMSUB: as NUMSUB, for shard channels. */
    private static void shardnumsub(Client c, List<byte[]> a) {
        c.reply.arrayHeader(2 * (a.size() - 2));
        for (int i = 2; i < a.size(); i++) {
            c.reply.bulk(a.get(i));
            c.reply.integer(c.engine.pubsub.shardSubscribers(Args.key(a.get(i))));
        }
    }

    private static void matching(Client c, List<byte[]> a, Set<Key> names) {
        //< step 23
        if (a.size() > 3) { // checked by the command itself in Redis 7.0, hence its subcommand error
            throw new CommandError("ERR unknown subcommand or wrong number of arguments for '"
                    + Args.text(a.get(1)) + "'. Try PUBSUB HELP.");
        }
        List<Key> found = new ArrayList<>();
        //> step 23
        for (Key channel : names) {
        //< step 23
        //> step 16-22
//~        for (Key channel : c.engine.pubsub.channels()) {
        //< step 16-22
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
