package dev.buildredis.keys;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Scan;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Glob;
import dev.buildredis.store.Database;
import dev.buildredis.store.Key;
import dev.buildredis.store.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * Commands about keys whatever they hold: existence, type, renaming, copying, listing and TTLs.
 * <pre>
 * EXPIRE k 10 [NX|XX|GT|LT]   :1 if the TTL was set, :0 if the key is missing or the condition refused it
 * TTL k                       :-2 no such key, :-1 no TTL, else seconds left (rounded)
 * SCAN 0 MATCH user:* COUNT 100 TYPE hash   *2\r\n$&lt;next cursor&gt;\r\n*&lt;n&gt;\r\n...keys
 * </pre>
 */
public final class KeyCommands {

    private KeyCommands() {
    }

    public static List<Command> all() {
        return List.of(
                Command.of("del", -2, "write", 1, -1, 1, KeyCommands::del),
                Command.of("unlink", -2, "write fast", 1, -1, 1, KeyCommands::del),
                Command.of("exists", -2, "readonly fast", 1, -1, 1, KeyCommands::exists)
                , Command.of("touch", -2, "readonly fast", 1, -1, 1, KeyCommands::touch),
                Command.of("type", 2, "readonly fast", 1, 1, 1, KeyCommands::type),
                Command.of("keys", 2, "readonly", 0, 0, 0, KeyCommands::keys),
                Command.of("scan", -2, "readonly", 0, 0, 0, KeyCommands::scan),
                Command.of("randomkey", 1, "readonly", 0, 0, 0, KeyCommands::randomkey),
                Command.of("rename", 3, "write", 1, 2, 1, (c, a) -> rename(c, a, false)),
                Command.of("renamenx", 3, "write fast", 1, 2, 1, (c, a) -> rename(c, a, true)),
                Command.of("copy", -3, "write denyoom", 1, 2, 1, KeyCommands::copy),
                Command.of("expire", -3, "write fast", 1, 1, 1, (c, a) -> expire(c, a, 1000, false)),
                Command.of("pexpire", -3, "write fast", 1, 1, 1, (c, a) -> expire(c, a, 1, false)),
                Command.of("expireat", -3, "write fast", 1, 1, 1, (c, a) -> expire(c, a, 1000, true)),
                Command.of("pexpireat", -3, "write fast", 1, 1, 1, (c, a) -> expire(c, a, 1, true)),
                Command.of("ttl", 2, "readonly fast", 1, 1, 1, (c, a) -> ttl(c, a, false, false)),
                Command.of("pttl", 2, "readonly fast", 1, 1, 1, (c, a) -> ttl(c, a, true, false)),
                Command.of("expiretime", 2, "readonly fast", 1, 1, 1, (c, a) -> ttl(c, a, false, true)),
                Command.of("pexpiretime", 2, "readonly fast", 1, 1, 1, (c, a) -> ttl(c, a, true, true)),
                Command.of("persist", 2, "write fast", 1, 1, 1, KeyCommands::persist)
        );
    }

    private static void del(Client c, List<byte[]> a) {
        long deleted = 0;
        for (int i = 1; i < a.size(); i++) {
            Key key = Args.key(a.get(i));
            if (c.db().get(key) != null && c.db().delete(key)) {
                c.modified(key);
                deleted++;
            }
        }
        c.reply.integer(deleted);
    }

    private static void exists(Client c, List<byte[]> a) {
        long found = 0;
        for (int i = 1; i < a.size(); i++) {
            if (c.db().exists(Args.key(a.get(i)))) {
                found++;
            }
        }
        c.reply.integer(found);
    }

    /** TOUCH: as EXISTS, but each key found counts as an access for eviction. */
    private static void touch(Client c, List<byte[]> a) {
        long found = 0;
        for (int i = 1; i < a.size(); i++) {
            if (c.db().get(Args.key(a.get(i))) != null) {
                found++;
            }
        }
        c.reply.integer(found);
    }

    private static void type(Client c, List<byte[]> a) {
        Value value = c.db().peek(Args.key(a.get(1)));
        c.reply.simple(value == null ? "none" : value.typeName());
    }

    private static void keys(Client c, List<byte[]> a) {
        byte[] pattern = a.get(1);
        boolean all = Glob.matchesAll(pattern);
        long now = c.db().now();
        List<Key> found = new ArrayList<>();
        for (Key key : c.db().keys()) {
            long when = c.db().expireAt(key);
            if ((when < 0 || now <= when) && (all || Glob.matches(pattern, key.bytes(), false))) {
                found.add(key);
            }
        }
        c.reply.arrayHeader(found.size());
        for (Key key : found) {
            c.reply.bulk(key.bytes());
        }
    }

    // tag::scan[]
    private static void scan(Client c, List<byte[]> a) {
        long cursor = Scan.cursor(a.get(1));
        Scan.Options options = Scan.options(a, 2, true);
        c.engine.keyspace().countLookups(false); // its lookups only reclaim expired keys: not hits, as in Redis
        List<Key> found = new ArrayList<>();
        long maxSteps = options.count() * 10L; // Redis's bound on empty buckets visited per call
        do {
            cursor = c.db().scan(cursor, (key, value) -> found.add(key));
        } while (cursor != 0 && maxSteps-- > 0 && found.size() < options.count());
        List<Key> kept = new ArrayList<>();
        for (Key key : found) {
            Value value = c.db().peek(key); // also reclaims a key found expired
            if (value != null && options.matches(key) && options.ofType(value)) {
                kept.add(key);
            }
        }
        Scan.reply(c, cursor, kept);
    }
    // end::scan[]

    private static void randomkey(Client c, List<byte[]> a) {
        Key key = c.db().randomKey(c.engine.random);
        if (key == null) {
            c.reply.nullBulk();
        } else {
            c.reply.bulk(key.bytes());
        }
    }

    private static void rename(Client c, List<byte[]> a, boolean nx) {
        Database db = c.db();
        Key from = Args.key(a.get(1));
        Key to = Args.key(a.get(2));
        Value value = db.get(from);
        if (value == null) {
            throw new CommandError(CommandError.NO_SUCH_KEY);
        }
        if (from.equals(to)) {
            reply(c, nx, 0);
            return;
        }
        if (nx && db.exists(to)) {
            c.reply.integer(0);
            return;
        }
        long when = db.expireAt(from);
        db.set(to, value);
        if (when >= 0) {
            db.setExpireAt(to, when);
        }
        db.delete(from);
        c.modified(from);
        c.modified(to);
        c.engine.countChanges(1, 2); // Redis counts the rename once
        reply(c, nx, 1);
    }

    private static void reply(Client c, boolean integer, long value) {
        if (integer) {
            c.reply.integer(value);
        } else {
            c.reply.ok();
        }
    }

    private static void copy(Client c, List<byte[]> a) {
        Database target = c.db();
        boolean replace = false;
        for (int i = 3; i < a.size(); i++) {
            if (Args.is(a.get(i), "REPLACE")) {
                replace = true;
            } else if (Args.is(a.get(i), "DB") && i + 1 < a.size()) {
                int index = Args.int32(a.get(++i));
                if (index < 0 || index >= c.engine.keyspace().databaseCount()) {
                    throw new CommandError(CommandError.DB_OUT_OF_RANGE);
                }
                target = c.engine.keyspace().db(index);
            } else {
                throw CommandError.syntax();
            }
        }
        Key from = Args.key(a.get(1));
        Key to = Args.key(a.get(2));
        if (target == c.db() && from.equals(to)) {
            throw new CommandError("ERR source and destination objects are the same");
        }
        Value value = c.db().get(from);
        if (value == null || (target.exists(to) && !replace)) {
            c.reply.integer(0);
            return;
        }
        long when = c.db().expireAt(from);
        target.set(to, value.copy());
        if (when >= 0) {
            target.setExpireAt(to, when);
        }
        c.engine.signalModified(target, to);
        c.reply.integer(1);
    }

    // tag::expire[]
    /** EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT: Redis's expireGenericCommand, checks in its order. */
    private static void expire(Client c, List<byte[]> a, long unitMillis, boolean absolute) {
        boolean nx = false, xx = false, gt = false, lt = false;
        for (int i = 3; i < a.size(); i++) {
            byte[] option = a.get(i);
            if (Args.is(option, "NX")) {
                nx = true;
            } else if (Args.is(option, "XX")) {
                xx = true;
            } else if (Args.is(option, "GT")) {
                gt = true;
            } else if (Args.is(option, "LT")) {
                lt = true;
            } else {
                throw new CommandError("ERR Unsupported option " + Args.quoted(option));
            }
        }
        if (nx && (xx || gt || lt)) {
            throw new CommandError("ERR NX and XX, GT or LT options at the same time are not compatible");
        }
        if (gt && lt) {
            throw new CommandError("ERR GT and LT options at the same time are not compatible");
        }
        String name = Args.text(a.get(0)).toLowerCase(java.util.Locale.ROOT);
        long when = Args.integer(a.get(2));
        if (unitMillis == 1000) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
                throw CommandError.invalidExpire(name);
            }
            when *= 1000;
        }
        long base = absolute ? 0 : c.db().now();
        if (when > Long.MAX_VALUE - base) {
            throw CommandError.invalidExpire(name);
        }
        when += base;
        Key key = Args.key(a.get(1));
        if (!c.db().exists(key)) {
            c.reply.integer(0);
            return;
        }
        long current = c.db().expireAt(key);
        if ((nx && current != -1) || (xx && current == -1) || (gt && (current == -1 || when <= current))
                || (lt && current != -1 && when >= current)) {
            c.reply.integer(0);
            return;
        }
        if (when <= c.db().now()) {
            c.db().delete(key); // a deadline already passed deletes the key now, as Redis does
            c.engine.propagate(c.db(), Args.bytes("DEL"), a.get(1));
        } else {
            c.db().setExpireAt(key, when);
            c.engine.propagate(c.db(), Args.bytes("PEXPIREAT"), a.get(1), Args.bytes(when));
        }
        c.modified(key);
        c.reply.integer(1);
    }
    // end::expire[]

    private static void ttl(Client c, List<byte[]> a, boolean millis, boolean absolute) {
        Key key = Args.key(a.get(1));
        if (!c.db().exists(key)) {
            c.reply.integer(-2);
            return;
        }
        long when = c.db().expireAt(key);
        if (when == -1) {
            c.reply.integer(-1);
            return;
        }
        long ttl = Math.max(0, absolute ? when : when - c.db().now());
        // Rounded to the nearest second without overflow: for a deadline near 2^63 ms, Redis's compiled
        // (ttl+500)/1000 on a ttl it knows is not negative divides unsigned, and so does this
        c.reply.integer(millis ? ttl : Long.divideUnsigned(ttl + 500, 1000));
    }

    private static void persist(Client c, List<byte[]> a) {
        Key key = Args.key(a.get(1));
        if (c.db().exists(key) && c.db().persist(key)) {
            c.modified(key);
            c.reply.integer(1);
        } else {
            c.reply.integer(0);
        }
    }

    /** The reply of every {@code X HELP}: lines of text, Redis's layout. */
}
