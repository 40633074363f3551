package dev.buildredis.strings;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Lookup;
import dev.buildredis.store.Database;
import dev.buildredis.store.Key;
import dev.buildredis.store.Numbers;
import dev.buildredis.store.StringValue;

import java.util.List;

/**
 * The string commands, thin wrappers over a few generic operations as in Redis's {@code t_string.c}.
 * <pre>
 * SET k v [NX|XX] [GET] [EX|PX|EXAT|PXAT t|KEEPTTL]   +OK, $-1 if NX/XX refused, the old value with GET
 * GET k                                               $3\r\nval\r\n or $-1
 * INCRBY k 5                                          :6
 * </pre>
 */
public final class StringCommands {

    private StringCommands() {
    }

    // tag::entries[]
    public static List<Command> all() {
        return List.of(
                Command.of("get", 2, "readonly fast", 1, 1, 1, StringCommands::get),
                Command.of("set", -3, "write denyoom", 1, 1, 1, StringCommands::set),
                Command.of("mget", -2, "readonly fast", 1, -1, 1, StringCommands::mget),
                Command.of("mset", -3, "write denyoom", 1, -1, 2, (c, a) -> mset(c, a, false)),
                Command.of("incr", 2, "write denyoom fast", 1, 1, 1, (c, a) -> incrBy(c, a.get(1), 1)),
                Command.of("decr", 2, "write denyoom fast", 1, 1, 1, (c, a) -> incrBy(c, a.get(1), -1)),
                Command.of("incrby", 3, "write denyoom fast", 1, 1, 1,
                        (c, a) -> incrBy(c, a.get(1), Args.integer(a.get(2)))),
                Command.of("decrby", 3, "write denyoom fast", 1, 1, 1, StringCommands::decrby)
        );
    }
    // end::entries[]

    // tag::get[]
    private static void get(Client c, List<byte[]> a) {
        StringValue value = Lookup.string(c.db(), Args.key(a.get(1)));
        if (value == null) {
            c.reply.nullBulk();
        } else {
            c.reply.bulk(value.array(), value.offset(), value.length()); // no copy of an embedded string
        }
    }
    // end::get[]

    private static void set(Client c, List<byte[]> a) {
        SetOptions options = SetOptions.parse(a, 3, true, "set", c.db().now());
        setGeneric(c, a.get(1), a.get(2), options, false);
    }

    // tag::set-generic[]
    /** Redis's setGenericCommand: GET's reply first, then the NX/XX condition, then the write and its TTL. */
    private static void setGeneric(Client c, byte[] keyBytes, byte[] value, SetOptions o, boolean integerReply) {
        Database db = c.db();
        Key key = Args.key(keyBytes);
        if (o.get()) {
            get(c, List.of(keyBytes, keyBytes)); // -WRONGTYPE here stops the command before it writes
        }
        boolean found = db.exists(key);
        if ((o.nx() && found) || (o.xx() && !found)) {
            if (integerReply) {
                c.reply.integer(0);
            } else if (!o.get()) {
                c.reply.nullBulk();
            }
            return;
        }
        if (o.keepTtl()) {
            db.put(key, value);
        } else {
            db.set(key, value);
        }
        if (o.deadline() >= 0) {
            db.setExpireAt(key, o.deadline());
            if (c.engine.propagating()) { // EX 10 replayed tomorrow would live until tomorrow: send the deadline
                c.engine.propagate(db, Args.bytes("SET"), keyBytes, value, Args.bytes("PXAT"),
                        Args.bytes(o.deadline()));
            }
        }
        c.modified(key);
        if (integerReply) {
            c.reply.integer(1);
        } else if (!o.get()) {
            c.reply.ok();
        }
    }
    // end::set-generic[]

    private static void mget(Client c, List<byte[]> a) {
        c.reply.arrayHeader(a.size() - 1);
        for (int i = 1; i < a.size(); i++) {
            if (c.db().get(Args.key(a.get(i))) instanceof StringValue s) {
                c.reply.bulk(s.array(), s.offset(), s.length());
            } else {
                c.reply.nullBulk();
            }
        }
    }

    private static void mset(Client c, List<byte[]> a, boolean onlyIfNoneExists) {
        if (a.size() % 2 == 0) {
            throw CommandError.wrongArity(onlyIfNoneExists ? "msetnx" : "mset");
        }
        if (onlyIfNoneExists) {
            for (int i = 1; i < a.size(); i += 2) {
                if (c.db().exists(Args.key(a.get(i)))) {
                    c.reply.integer(0);
                    return;
                }
            }
        }
        for (int i = 1; i < a.size(); i += 2) {
            Key key = Args.key(a.get(i));
            c.db().set(key, a.get(i + 1));
            c.modified(key);
        }
        if (onlyIfNoneExists) {
            c.reply.integer(1);
        } else {
            c.reply.ok();
        }
    }

    private static void decrby(Client c, List<byte[]> a) {
        long decrement = Args.integer(a.get(2));
        if (decrement == Long.MIN_VALUE) {
            throw new CommandError("ERR decrement would overflow");
        }
        incrBy(c, a.get(1), -decrement);
    }

    // tag::incr[]
    private static void incrBy(Client c, byte[] keyBytes, long increment) {
        Key key = Args.key(keyBytes);
        StringValue value = Lookup.string(c.db(), key);
        Long current = value == null ? Long.valueOf(0)
                : Numbers.parseLong(value.array(), value.offset(), value.offset() + value.length()); // no copy
        if (current == null) {
            throw new CommandError(CommandError.NOT_INTEGER);
        }
        if ((increment < 0 && current < 0 && increment < Long.MIN_VALUE - current)
                || (increment > 0 && current > 0 && increment > Long.MAX_VALUE - current)) {
            throw new CommandError(CommandError.OVERFLOW);
        }
        long result = current + increment;
        c.db().put(key, Args.bytes(result)); // put, not set: INCR keeps the key's TTL
        c.modified(key);
        c.reply.integer(result);
    }
    // end::incr[]
}
