// @step 24
package dev.buildredis.dump;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.ValueCodec;
import dev.buildredis.store.Database;
import dev.buildredis.store.Key;
import dev.buildredis.store.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * DUMP and RESTORE: a value as bytes that any Redis 7.0 (or this server) restores, for moving keys between servers.
 * <pre>
 * DUMP k                         $&lt;n&gt;\r\n&lt;type, RDB encoding, version 10, CRC64&gt;   (see ValueCodec); $-1 if none
 * RESTORE k ttl payload [REPLACE] [ABSTTL] [IDLETIME s] [FREQ f]     +OK
 *   ttl 0: none; else milliseconds from now, or (ABSTTL) a Unix time in ms; one already past restores nothing
 *   -BUSYKEY Target key name already exists.              the key exists and REPLACE was not given
 *   -ERR DUMP payload version or checksum are wrong       (checked before the payload is read)
 *   -ERR Bad data format
 * </pre>
 * MIGRATE moves keys to another server with them (see {@link Migrate}).
 * The encoding is the persistence's, handed in as a {@link ValueCodec}: this family does not depend on it.
 */
public final class DumpCommands {

    private DumpCommands() {
    }

    public static List<Command> all(ValueCodec codec) {
        return List.of(
                Command.of("dump", 2, "readonly", 1, 1, 1, (c, a) -> dump(c, a, codec)),
                Command.of("restore", -4, "write denyoom", 1, 1, 1, (c, a) -> restore(c, a, codec)),
                Command.of("migrate", -6, "write movablekeys", 3, 3, 1, (c, a) -> Migrate.migrate(c, a, codec)));
    }

    private static void dump(Client c, List<byte[]> a, ValueCodec codec) {
        Value value = c.db().get(Args.key(a.get(1)));
        if (value == null) {
            c.reply.nullBulk();
        } else {
            c.reply.bulk(codec.dump(value));
        }
    }

    // tag::restore[]
    /** Redis's restoreCommand, its checks in its order: options, BUSYKEY, TTL, payload. */
    private static void restore(Client c, List<byte[]> a, ValueCodec codec) {
        boolean replace = false, absolute = false;
        long idle = -1, freq = -1;
        for (int i = 4; i < a.size(); i++) {
            boolean hasValue = i + 1 < a.size();
            if (Args.is(a.get(i), "REPLACE")) {
                replace = true;
            } else if (Args.is(a.get(i), "ABSTTL")) {
                absolute = true;
            } else if (Args.is(a.get(i), "IDLETIME") && hasValue && freq == -1) {
                idle = Args.integer(a.get(++i));
                if (idle < 0) {
                    throw new CommandError("ERR Invalid IDLETIME value, must be >= 0");
                }
            } else if (Args.is(a.get(i), "FREQ") && hasValue && idle == -1) {
                freq = Args.integer(a.get(++i));
                if (freq < 0 || freq > 255) {
                    throw new CommandError("ERR Invalid FREQ value, must be >= 0 and <= 255");
                }
            } else {
                throw CommandError.syntax();
            }
        }
        Database db = c.db();
        Key key = Args.key(a.get(1));
        if (!replace && db.exists(key)) {
            throw new CommandError("BUSYKEY Target key name already exists.");
        }
        long ttl = Args.integer(a.get(2));
        if (ttl < 0) {
            throw new CommandError("ERR Invalid TTL value, must be >= 0");
        }
        Value value = codec.restore(a.get(3));
        boolean deleted = replace && db.delete(key);
        if (ttl != 0 && !absolute) {
            ttl += db.now();
        }
        if (ttl != 0 && ttl <= db.now() && !c.engine.loading()) { // already past: nothing added, the old value gone
            if (deleted) {
                c.engine.propagate(db, Args.bytes("DEL"), a.get(1));
                c.modified(key, "del");
            }
            c.reply.ok();
            return;
        }
        db.set(key, value);
        if (ttl != 0) {
            db.setExpireAt(key, ttl);
            if (!absolute) { // replayed later, a relative TTL would last longer: propagate the deadline
                List<byte[]> args = new ArrayList<>(a);
                args.set(2, Args.bytes(ttl));
                args.add(Args.bytes("ABSTTL"));
                c.engine.propagate(db, args);
            }
        }
        db.restoreAccess(key, idle, (int) freq);
        c.modified(key);
        c.reply.ok();
    }
    // end::restore[]
}
