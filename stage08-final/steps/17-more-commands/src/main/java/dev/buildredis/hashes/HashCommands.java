package dev.buildredis.hashes;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Lookup;
import dev.buildredis.engine.Scan;
import dev.buildredis.store.HashValue;
import dev.buildredis.store.Key;
import dev.buildredis.store.LongDouble;
import dev.buildredis.store.Numbers;

import java.util.List;
import java.util.Map;

/**
 * The hash commands: a key holding fields and their values.
 * <pre>
 * HSET h f1 v1 f2 v2    :&lt;fields added&gt;  (fields that existed are overwritten, not counted)
 * HGETALL h             RESP2 *4 $2 f1 $2 v1 ...; RESP3 %2 ...
 * HINCRBY h f 5         :&lt;new value&gt;, or -ERR hash value is not an integer
 * </pre>
 * A hash whose last field is deleted is deleted.
 */
public final class HashCommands {

    private HashCommands() {
    }

    public static List<Command> all() {
        return List.of(
                Command.of("hset", -4, "write denyoom fast", 1, 1, 1, (c, a) -> hset(c, a, false)),
                Command.of("hmset", -4, "write denyoom fast", 1, 1, 1, (c, a) -> hset(c, a, true)),
                Command.of("hsetnx", 4, "write denyoom fast", 1, 1, 1, HashCommands::hsetnx),
                Command.of("hget", 3, "readonly fast", 1, 1, 1, HashCommands::hget),
                Command.of("hmget", -3, "readonly fast", 1, 1, 1, HashCommands::hmget),
                Command.of("hdel", -3, "write fast", 1, 1, 1, HashCommands::hdel),
                Command.of("hlen", 2, "readonly fast", 1, 1, 1, (c, a) -> c.reply.integer(fields(c, a).size())),
                Command.of("hstrlen", 3, "readonly fast", 1, 1, 1, (c, a) -> {
                    byte[] value = fields(c, a).get(Args.key(a.get(2)));
                    c.reply.integer(value == null ? 0 : value.length);
                }),
                Command.of("hexists", 3, "readonly fast", 1, 1, 1,
                        (c, a) -> c.reply.integer(fields(c, a).containsKey(Args.key(a.get(2))) ? 1 : 0)),
                Command.of("hgetall", 2, "readonly", 1, 1, 1, (c, a) -> list(c, a, true, true)),
                Command.of("hkeys", 2, "readonly", 1, 1, 1, (c, a) -> list(c, a, true, false)),
                Command.of("hvals", 2, "readonly", 1, 1, 1, (c, a) -> list(c, a, false, true)),
                Command.of("hincrby", 4, "write denyoom fast", 1, 1, 1, HashCommands::hincrby),
                Command.of("hincrbyfloat", 4, "write denyoom fast", 1, 1, 1, HashCommands::hincrbyfloat),
                Command.of("hscan", -3, "readonly", 1, 1, 1, HashCommands::hscan));
    }

    /** The fields of the hash at {@code a[1]}, empty if the key does not exist. */
    private static Map<Key, byte[]> fields(Client c, List<byte[]> a) {
        HashValue hash = Lookup.hash(c.db(), Args.key(a.get(1)));
        return hash == null ? Map.of() : hash.fields();
    }

    private static HashValue getOrCreate(Client c, Key key) {
        HashValue hash = Lookup.hash(c.db(), key);
        if (hash == null) {
            hash = new HashValue(c.db().encodings());
            c.db().put(key, hash);
        }
        return hash;
    }

    private static void hset(Client c, List<byte[]> a, boolean ok) {
        if (a.size() % 2 != 0) {
            throw CommandError.wrongArity(ok ? "hmset" : "hset");
        }
        Key key = Args.key(a.get(1));
        HashValue hash = getOrCreate(c, key);
        long added = 0;
        for (int i = 2; i < a.size(); i += 2) {
            if (hash.put(Args.key(a.get(i)), a.get(i + 1)) == null) {
                added++;
            }
        }
        if (ok) {
            c.reply.ok();
        } else {
            c.reply.integer(added);
        }
        c.modified(key); // after the reply, as Redis: a subscribed client sees its reply first
        c.engine.countChanges((a.size() - 2) / 2, 1); // Redis: a change a field, new or not
    }

    private static void hsetnx(Client c, List<byte[]> a) {
        Key key = Args.key(a.get(1));
        HashValue hash = getOrCreate(c, key);
        if (hash.get(Args.key(a.get(2))) != null) {
            c.reply.integer(0);
            return;
        }
        hash.put(Args.key(a.get(2)), a.get(3));
        c.reply.integer(1);
        c.modified(key);
    }

    private static void hget(Client c, List<byte[]> a) {
        byte[] value = fields(c, a).get(Args.key(a.get(2)));
        if (value == null) {
            c.reply.nullBulk();
        } else {
            c.reply.bulk(value);
        }
    }

    private static void hmget(Client c, List<byte[]> a) {
        Map<Key, byte[]> fields = fields(c, a);
        c.reply.arrayHeader(a.size() - 2);
        for (int i = 2; i < a.size(); i++) {
            byte[] value = fields.get(Args.key(a.get(i)));
            if (value == null) {
                c.reply.nullBulk();
            } else {
                c.reply.bulk(value);
            }
        }
    }

    private static void hdel(Client c, List<byte[]> a) {
        Key key = Args.key(a.get(1));
        HashValue hash = Lookup.hash(c.db(), key);
        long deleted = 0;
        if (hash != null) {
            for (int i = 2; i < a.size(); i++) {
                if (hash.remove(Args.key(a.get(i))) != null) {
                    deleted++;
                }
            }
            if (hash.size() == 0) {
                c.db().delete(key);
            }
            if (deleted > 0) {
                c.modified(key);
                c.engine.countChanges(deleted, 1);
            }
        }
        c.reply.integer(deleted);
    }

    private static void list(Client c, List<byte[]> a, boolean keys, boolean values) {
        Map<Key, byte[]> fields = fields(c, a);
        if (keys && values) {
            c.reply.mapHeader(fields.size());
        } else {
            c.reply.arrayHeader(fields.size());
        }
        fields.forEach((field, value) -> {
            if (keys) {
                c.reply.bulk(field.bytes());
            }
            if (values) {
                c.reply.bulk(value);
            }
        });
    }

    private static void hincrby(Client c, List<byte[]> a) {
        long increment = Args.integer(a.get(3));
        Key key = Args.key(a.get(1));
        HashValue hash = getOrCreate(c, key);
        Key field = Args.key(a.get(2));
        byte[] old = hash.get(field);
        long current = 0;
        if (old != null) {
            Long parsed = Numbers.parseLong(old);
            if (parsed == null) {
                throw new CommandError("ERR hash value is not an integer");
            }
            current = parsed;
        }
        if ((increment < 0 && current < 0 && increment < Long.MIN_VALUE - current)
                || (increment > 0 && current > 0 && increment > Long.MAX_VALUE - current)) {
            throw new CommandError(CommandError.OVERFLOW);
        }
        hash.put(field, Args.bytes(current + increment));
        c.reply.integer(current + increment);
        c.modified(key);
    }

    private static void hincrbyfloat(Client c, List<byte[]> a) {
        LongDouble increment = LongDouble.parse(a.get(3));
        if (increment == null) {
            throw new CommandError(CommandError.NOT_FLOAT);
        }
        if (increment.isNanOrInfinite()) {
            throw new CommandError("ERR value is NaN or Infinity");
        }
        Key key = Args.key(a.get(1));
        HashValue hash = getOrCreate(c, key);
        Key field = Args.key(a.get(2));
        byte[] old = hash.get(field);
        LongDouble current = LongDouble.ZERO;
        if (old != null) {
            current = LongDouble.parse(old);
            if (current == null) {
                throw new CommandError("ERR hash value is not a float");
            }
        }
        LongDouble result = current.plus(increment);
        if (result.isNanOrInfinite()) {
            throw new CommandError(CommandError.NAN_OR_INFINITY);
        }
        byte[] text = Args.bytes(result.toText());
        hash.put(field, text);
        c.engine.propagate(c.db(), Args.bytes("HSET"), a.get(1), a.get(2), text);
        c.reply.bulk(text);
        c.modified(key);
    }

    /** HSCAN: every field in one reply with cursor 0, as Redis does for hashes small enough to be listpacks. */
    private static void hscan(Client c, List<byte[]> a) {
        Scan.cursor(a.get(2));
        Map<Key, byte[]> fields = fields(c, a);
        if (fields.isEmpty()) { // a missing key: Redis answers before it reads the options
            Scan.reply(c, 0, List.of());
            return;
        }
        Scan.Options options = Scan.options(a, 3, false);
        java.util.List<byte[]> out = new java.util.ArrayList<>();
        fields.forEach((field, value) -> {
            if (options.matches(field)) {
                out.add(field.bytes());
                out.add(value);
            }
        });
        c.reply.arrayHeader(2);
        c.reply.bulk(Args.bytes("0"));
        c.reply.arrayHeader(out.size());
        out.forEach(c.reply::bulk);
    }
}
