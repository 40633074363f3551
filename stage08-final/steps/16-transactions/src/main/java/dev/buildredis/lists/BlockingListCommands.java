package dev.buildredis.lists;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Blocking;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Lookup;
import dev.buildredis.store.Database;
import dev.buildredis.store.Key;
import dev.buildredis.store.ListValue;
import dev.buildredis.store.LongDouble;
import dev.buildredis.store.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * BLPOP, BRPOP, BLMOVE and BRPOPLPUSH: pop at once if a list has something, else park the client until another
 * client pushes or the timeout passes.
 * <pre>
 * BLPOP k1 k2 5      *2 $2 k1 $&lt;element&gt;   from the first non-empty list, in the order given
 *                    *-1 after 5 seconds with nothing (0: wait for ever)
 * BLMOVE src dst LEFT RIGHT 0    the element, or *-1 on timeout (as BLPOP)
 * </pre>
 * Inside MULTI (and so inside EXEC) a blocking command cannot wait: it answers as if it had timed out.
 */
public final class BlockingListCommands {

    private BlockingListCommands() {
    }

    public static List<Command> all() {
        return List.of(
                Command.of("blpop", -3, "write noscript blocking", 1, -2, 1, (c, a) -> bpop(c, a, true)),
                Command.of("brpop", -3, "write noscript blocking", 1, -2, 1, (c, a) -> bpop(c, a, false)),
                Command.of("blmove", 6, "write denyoom noscript blocking", 1, 2, 1, (c, a) -> blmove(c, a.get(1),
                        a.get(2), ListCommands.left(a.get(3)), ListCommands.left(a.get(4)), a.get(5))),
                Command.of("brpoplpush", 4, "write denyoom noscript blocking", 1, 2, 1,
                        (c, a) -> blmove(c, a.get(1), a.get(2), false, true, a.get(3))));
    }

    // tag::bpop[]
    private static void bpop(Client c, List<byte[]> a, boolean left) {
        Blocking.popOrBlock(c, a, Lookup::list, ListValue.class, (db, key, list) -> servePop(c, db, key, list, left));
    }

    // end::bpop[]

    private static void servePop(Client c, Database db, Key key, ListValue list, boolean left) {
        byte[] element = left ? list.removeFirst() : list.removeLast();
        c.reply.arrayHeader(2);
        c.reply.bulk(key.bytes());
        c.reply.bulk(element);
        ListCommands.removeIfEmpty(db, key, list);
        c.engine.propagate(db, Args.bytes(left ? "LPOP" : "RPOP"), key.bytes());
        c.engine.signalModified(db, key);
    }

    private static void blmove(Client c, byte[] from, byte[] to, boolean fromLeft, boolean toLeft, byte[] timeout) {
        long deadline = Blocking.deadline(c, timeout);
        Key source = Args.key(from);
        if (Lookup.list(c.db(), source) != null || c.denyBlocking) {
            long dirty = c.engine.dirty;
            ListCommands.lmove(c, from, to, fromLeft, toLeft);
            if (c.engine.dirty != dirty) {
                propagateMove(c, c.db(), from, to, fromLeft, toLeft);
            }
            return;
        }
        Database db = c.db();
        Key target = Args.key(to);
        c.engine.blocking.block(new Blocking.Wait(c, db, List.of(source), deadline, key -> {
            if (!(db.get(key) instanceof ListValue list)) {
                return false;
            }
            Value existing = db.get(target);
            if (existing != null && !(existing instanceof ListValue)) {
                c.reply.error(CommandError.WRONGTYPE);
                return true;
            }
            Database selected = c.db;
            c.db = db; // the move happens in the database the client blocked in
            try {
                c.reply.bulk(ListCommands.move(c, key, list, target, fromLeft, toLeft));
            } finally {
                c.db = selected;
            }
            propagateMove(c, db, from, to, fromLeft, toLeft);
            return true;
        }, c.reply::nullArray)); // Redis 7.0 answers a timed-out BLMOVE with *-1 too, not $-1
    }

    /** A BLMOVE or BRPOPLPUSH that moved goes to the AOF as the LMOVE it did, which cannot block on replay. */
    private static void propagateMove(Client c, Database db, byte[] from, byte[] to, boolean fromLeft,
                                      boolean toLeft) {
        c.engine.propagate(db, Args.bytes("LMOVE"), from, to, Args.bytes(fromLeft ? "LEFT" : "RIGHT"),
                Args.bytes(toLeft ? "LEFT" : "RIGHT"));
    }
}
