package dev.buildredis.keys;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.store.Key;
import dev.buildredis.store.StringValue;
import dev.buildredis.store.Value;

import java.util.List;

/**
 * OBJECT and MEMORY: what the server keeps about a key besides its value.
 * <pre>
 * OBJECT ENCODING key     $7\r\nlistpack\r\n   Redis 7.0's encoding for the value's type and size
 * OBJECT IDLETIME key     :&lt;seconds since the last access&gt;   (refused under an LFU policy)
 * OBJECT FREQ key         :&lt;LFU counter&gt;                    (refused unless the policy is LFU)
 * OBJECT REFCOUNT key     :1
 * MEMORY USAGE key        :&lt;bytes, as used_memory counts them&gt;
 * </pre>
 * None of them counts as an access: they look with {@code peek}, as Redis looks with LOOKUP_NOTOUCH.
 */
public final class ObjectCommands {

    private ObjectCommands() {
    }

    public static List<Command> all() {
        return List.of(
                Command.container("object", -2, List.of(
                        Command.of("object|encoding", 3, "readonly", 2, 2, 1, ObjectCommands::objectEncoding),
                        Command.of("object|refcount", 3, "readonly", 2, 2, 1, ObjectCommands::objectRefcount),
                        Command.of("object|idletime", 3, "readonly", 2, 2, 1, ObjectCommands::objectIdletime),
                        Command.of("object|freq", 3, "readonly", 2, 2, 1, ObjectCommands::objectFreq),
                        Command.of("object|help", 2, "loading stale", 0, 0, 0, (c, a) -> Command.help(c, "OBJECT",
                                "ENCODING <key>", "FREQ <key>", "IDLETIME <key>", "REFCOUNT <key>"))))
                , Command.container("memory", -2, List.of(
                        Command.of("memory|usage", -3, "readonly", 2, 2, 1, ObjectCommands::memoryUsage),
                        Command.of("memory|help", 2, "loading stale", 0, 0, 0, (c, a) -> Command.help(c, "MEMORY",
                                "USAGE <key> [SAMPLES <count>]"))))
                );
    }

    private static void objectEncoding(Client c, List<byte[]> a) {
        Value value = c.db().peek(Args.key(a.get(2)));
        if (value == null) {
            c.reply.nullBulk();
        } else {
            c.reply.bulk(value.encoding());
        }
    }

    /** 1, but for Redis's shared integers (see StringValue#sharedInteger), which the LRU and LFU policies forgo. */
    private static void objectRefcount(Client c, List<byte[]> a) {
        Value value = c.db().peek(Args.key(a.get(2)));
        if (value == null) {
            c.reply.nullBulk();
            return;
        }
        String policy = c.engine.keyspace().eviction().policy().redisName();
        boolean sharing = c.engine.keyspace().eviction().maxmemory() == 0
                || !(policy.endsWith("-lru") || policy.endsWith("-lfu"));
        c.reply.integer(sharing && value instanceof StringValue s && s.sharedInteger() ? Integer.MAX_VALUE : 1);
    }

    /** What OBJECT IDLETIME and FREQ say when the policy does not keep what they ask for. */
    private static final String POLICY_SWITCH_NOTE = " Please note that when switching between policies at runtime "
            + "LRU and LFU data will take some time to adjust.";

    private static void objectIdletime(Client c, List<byte[]> a) {
        Key key = Args.key(a.get(2));
        if (c.db().peek(key) == null) {
            c.reply.nullBulk();
        } else if (c.engine.keyspace().eviction().policy().isLfu()) {
            throw new CommandError("ERR An LFU maxmemory policy is selected, idle time not tracked." + POLICY_SWITCH_NOTE);
        } else {
            c.reply.integer(c.db().idleSeconds(key));
        }
    }

    private static void objectFreq(Client c, List<byte[]> a) {
        Key key = Args.key(a.get(2));
        if (c.db().peek(key) == null) {
            c.reply.nullBulk();
        } else if (!c.engine.keyspace().eviction().policy().isLfu()) {
            throw new CommandError("ERR An LFU maxmemory policy is not selected, access frequency not tracked."
                    + POLICY_SWITCH_NOTE);
        } else {
            c.reply.integer(c.db().frequency(key));
        }
    }

    /** MEMORY USAGE key [SAMPLES n]: the key's bytes as used_memory counts them; SAMPLES is accepted, not needed. */
    private static void memoryUsage(Client c, List<byte[]> a) {
        for (int i = 3; i < a.size(); i += 2) { // SAMPLES may repeat; each is checked before the key is looked up
            if (!Args.is(a.get(i), "SAMPLES") || i + 1 >= a.size() || Args.integer(a.get(i + 1)) < 0) {
                throw CommandError.syntax();
            }
        }
        Key key = Args.key(a.get(2));
        if (c.db().peek(key) == null) {
            c.reply.nullBulk();
        } else {
            c.reply.integer(c.db().memoryUsage(key));
        }
    }
}
