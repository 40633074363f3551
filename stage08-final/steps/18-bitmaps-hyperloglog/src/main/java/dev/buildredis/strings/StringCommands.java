package dev.buildredis.strings;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Lookup;
import dev.buildredis.store.Database;
import dev.buildredis.store.Key;
import dev.buildredis.store.LongDouble;
import dev.buildredis.store.Numbers;
import dev.buildredis.store.StringValue;

import java.util.List;

/**
 * The string commands, thin wrappers over a few generic operations as in Redis's {@code t_string.c}.
 * <pre>
 * SET k v [NX|XX] [GET] [EX|PX|EXAT|PXAT t|KEEPTTL]   +OK, $-1 if NX/XX refused, the old value with GET
 * GET k                                               $3\r\nval\r\n or $-1
 * INCRBY k 5                                          :6
 * INCRBYFLOAT k 0.1                                   $3\r\n1.1\r\n
 * GETRANGE k 0 -1                                     the whole string; "" for a missing key
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
                Command.of("setnx", 3, "write denyoom fast", 1, 1, 1, (c, a) -> setGeneric(c, a.get(1), a.get(2),
                        new SetOptions(true, false, false, false, false, -1), true)),
                Command.of("setex", 4, "write denyoom", 1, 1, 1, (c, a) -> setWithExpiry(c, a, "EX")),
                Command.of("psetex", 4, "write denyoom", 1, 1, 1, (c, a) -> setWithExpiry(c, a, "PX")),
                Command.of("getset", 3, "write denyoom fast", 1, 1, 1, (c, a) -> setGeneric(c, a.get(1), a.get(2),
                        new SetOptions(false, false, true, false, false, -1), false)),
                Command.of("getdel", 2, "write fast", 1, 1, 1, StringCommands::getdel),
                Command.of("getex", -2, "write fast", 1, 1, 1, StringCommands::getex),
                Command.of("mget", -2, "readonly fast", 1, -1, 1, StringCommands::mget),
                Command.of("mset", -3, "write denyoom", 1, -1, 2, (c, a) -> mset(c, a, false)),
                Command.of("msetnx", -3, "write denyoom", 1, -1, 2, (c, a) -> mset(c, a, true)),
                Command.of("append", 3, "write denyoom fast", 1, 1, 1, StringCommands::append),
                Command.of("strlen", 2, "readonly fast", 1, 1, 1, StringCommands::strlen),
                Command.of("getrange", 4, "readonly", 1, 1, 1, StringCommands::getrange),
                Command.of("substr", 4, "readonly", 1, 1, 1, StringCommands::getrange),
                Command.of("setrange", 4, "write denyoom", 1, 1, 1, StringCommands::setrange),
                Command.of("incr", 2, "write denyoom fast", 1, 1, 1, (c, a) -> incrBy(c, a.get(1), 1)),
                Command.of("decr", 2, "write denyoom fast", 1, 1, 1, (c, a) -> incrBy(c, a.get(1), -1)),
                Command.of("incrby", 3, "write denyoom fast", 1, 1, 1,
                        (c, a) -> incrBy(c, a.get(1), Args.integer(a.get(2)))),
                Command.of("decrby", 3, "write denyoom fast", 1, 1, 1, StringCommands::decrby)
                , Command.of("incrbyfloat", 3, "write denyoom fast", 1, 1, 1, StringCommands::incrbyfloat)
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

    private static void setWithExpiry(Client c, List<byte[]> a, String unit) {
        String name = Args.text(a.get(0)).toLowerCase(java.util.Locale.ROOT);
        SetOptions options = SetOptions.parse(List.of(a.get(0), a.get(1), a.get(3), Args.bytes(unit), a.get(2)), 3,
                true, name, c.db().now());
        setGeneric(c, a.get(1), a.get(3), options, false);
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

    private static void getdel(Client c, List<byte[]> a) {
        Key key = Args.key(a.get(1));
        StringValue value = Lookup.string(c.db(), key);
        if (value == null) {
            c.reply.nullBulk();
            return;
        }
        c.reply.bulk(value.array(), value.offset(), value.length());
        c.db().delete(key);
        c.modified(key);
    }

    private static void getex(Client c, List<byte[]> a) {
        Key key = Args.key(a.get(1));
        SetOptions o;
        try {
            o = SetOptions.parse(a, 2, false, "getex", c.db().now());
        } catch (CommandError badTime) {
            // Redis reads the expire time after the key: a missing key is a null, another type WRONGTYPE
            if (badTime.getMessage().equals(CommandError.SYNTAX) || Lookup.string(c.db(), key) != null) {
                throw badTime;
            }
            c.reply.nullBulk();
            return;
        }
        StringValue value = Lookup.string(c.db(), key);
        if (value == null) {
            c.reply.nullBulk();
            return;
        }
        c.reply.bulk(value.array(), value.offset(), value.length());
        if (o.deadline() >= 0) {
            if (o.deadline() <= c.db().now()) {
                c.db().delete(key);
                c.engine.propagate(c.db(), Args.bytes("DEL"), a.get(1));
            } else {
                c.db().setExpireAt(key, o.deadline());
                c.engine.propagate(c.db(), Args.bytes("PEXPIREAT"), a.get(1), Args.bytes(o.deadline()));
            }
            c.modified(key);
        } else if (o.persist() && c.db().persist(key)) {
            c.engine.propagate(c.db(), Args.bytes("PERSIST"), a.get(1));
            c.modified(key);
        }
    }

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

    private static void append(Client c, List<byte[]> a) {
        Key key = Args.key(a.get(1));
        StringValue value = Lookup.string(c.db(), key);
        if (value == null) {
            value = new StringValue(a.get(2));
            c.db().put(key, value);
        } else {
            checkLength(c, value.length(), a.get(2).length);
            value.append(a.get(2));
            c.db().put(key, value); // a raw string now: no longer embedded in the key (put keeps the TTL)
        }
        c.modified(key);
        c.reply.integer(value.length());
    }

    private static void strlen(Client c, List<byte[]> a) {
        StringValue value = Lookup.string(c.db(), Args.key(a.get(1)));
        c.reply.integer(value == null ? 0 : value.length());
    }

    private static void getrange(Client c, List<byte[]> a) {
        long start = Args.integer(a.get(2));
        long end = Args.integer(a.get(3));
        StringValue value = Lookup.string(c.db(), Args.key(a.get(1)));
        byte[] bytes = value == null ? new byte[0] : value.bytes();
        long length = bytes.length;
        if (start < 0 && end < 0 && start > end) {
            c.reply.bulk(new byte[0]);
            return;
        }
        if (start < 0) {
            start += length;
        }
        if (end < 0) {
            end += length;
        }
        start = Math.max(start, 0);
        end = Math.max(end, 0);
        if (end >= length) {
            end = length - 1;
        }
        if (start > end || length == 0) {
            c.reply.bulk(new byte[0]);
            return;
        }
        c.reply.bulk(bytes, (int) start, (int) (end - start + 1));
    }

    private static void setrange(Client c, List<byte[]> a) {
        Key key = Args.key(a.get(1));
        long offset = Args.integer(a.get(2));
        byte[] data = a.get(3);
        if (offset < 0) {
            throw new CommandError("ERR offset is out of range");
        }
        StringValue value = Lookup.string(c.db(), key);
        if (value == null) {
            if (data.length == 0) {
                c.reply.integer(0);
                return;
            }
            checkLength(c, offset, data.length);
            value = new StringValue(new byte[0]);
        } else {
            if (data.length == 0) {
                c.reply.integer(value.length());
                return;
            }
            checkLength(c, offset, data.length);
        }
        value.setRange((int) offset, data);
        c.db().put(key, value); // as APPEND
        c.modified(key);
        c.reply.integer(value.length());
    }

    /**
     * A string of {@code size + append} bytes may be made: at most {@code proto-max-bulk-len}, as Redis's
     * {@code checkStringLength}, with the sum taken without overflow ({@code SETRANGE k 9223372036854775807 a}), and
     * within what one Java array holds.
     */
    static void checkLength(Client c, long size, long append) {
        long limit = Math.min(c.engine.maxBulkLength(), StringValue.MAX_ARRAY);
        if (size > limit - append) {
            throw new CommandError(CommandError.TOO_BIG);
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

    /** In Redis's long double, as Redis computes it: {@code 1e308 + 1e308} is a number, with all its digits. */
    private static void incrbyfloat(Client c, List<byte[]> a) {
        Key key = Args.key(a.get(1));
        StringValue value = Lookup.string(c.db(), key);
        LongDouble current = value == null ? LongDouble.ZERO : LongDouble.parse(value.bytes());
        LongDouble increment = current == null ? null : LongDouble.parse(a.get(2));
        if (current == null || increment == null) {
            throw new CommandError(CommandError.NOT_FLOAT);
        }
        LongDouble result = current.plus(increment);
        if (result.isNanOrInfinite()) {
            throw new CommandError(CommandError.NAN_OR_INFINITY);
        }
        byte[] text = Args.bytes(result.toText());
        c.db().put(key, StringValue.text(text));
        c.engine.propagate(c.db(), Args.bytes("SET"), a.get(1), text, Args.bytes("KEEPTTL"));
        c.modified(key);
        c.reply.bulk(text);
    }
}
