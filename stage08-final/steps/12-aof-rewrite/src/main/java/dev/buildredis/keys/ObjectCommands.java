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
                        Command.of("object|help", 2, "loading stale", 0, 0, 0, (c, a) -> Command.help(c, "OBJECT",
                                "ENCODING <key>", "FREQ <key>", "IDLETIME <key>", "REFCOUNT <key>"))))
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
        boolean sharing = true;
        c.reply.integer(sharing && value instanceof StringValue s && s.sharedInteger() ? Integer.MAX_VALUE : 1);
    }

}
