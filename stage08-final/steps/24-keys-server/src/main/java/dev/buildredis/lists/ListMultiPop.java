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

import java.util.ArrayList;
import java.util.List;

/**
 * LMPOP and BLMPOP: pop up to COUNT elements from one end of the first non-empty list of several.
 * <pre>
 * LMPOP 2 l1 l2 LEFT COUNT 2      *2 $2 l1 *2 $1 a $1 b      the key, then the elements
 *                                 *-1 if every key is missing
 * BLMPOP 5 2 l1 l2 RIGHT          the same, or waits up to 5 seconds for a push (*-1 on timeout)
 * </pre>
 * Both go to the AOF as the LPOP/RPOP key count they did, which cannot block on replay.
 */
public final class ListMultiPop {

    private ListMultiPop() {
    }

    public static List<Command> all() {
        return List.of(
                Command.of("lmpop", -4, "write movablekeys", 0, 0, 0, (c, a) -> lmpop(c, a, 1, false)),
                Command.of("blmpop", -5, "write blocking movablekeys", 0, 0, 0, (c, a) -> lmpop(c, a, 2, true)));
    }

    /** What LMPOP/BLMPOP asked for: the keys, which end, how many. */
    private record Request(List<Key> keys, boolean left, long count) {
    }

    /** Parses numkeys, the keys, LEFT|RIGHT and COUNT as Redis's lmpopGenericCommand, errors in its order. */
    private static Request parse(List<byte[]> a, int numkeysAt) {
        long numkeys = Args.integer(a.get(numkeysAt), "ERR numkeys should be greater than 0");
        if (numkeys < 1) {
            throw new CommandError("ERR numkeys should be greater than 0");
        }
        if (numkeys > a.size() - numkeysAt - 2) {
            throw CommandError.syntax();
        }
        int whereAt = numkeysAt + (int) numkeys + 1;
        boolean left = ListCommands.left(a.get(whereAt));
        long count = -1;
        for (int j = whereAt + 1; j < a.size(); j++) {
            if (count == -1 && Args.is(a.get(j), "COUNT") && j + 1 < a.size()) {
                count = Args.integer(a.get(++j), "ERR count should be greater than 0");
                if (count < 1) {
                    throw new CommandError("ERR count should be greater than 0");
                }
            } else {
                throw CommandError.syntax();
            }
        }
        List<Key> keys = new ArrayList<>();
        for (int i = numkeysAt + 1; i < whereAt; i++) {
            keys.add(Args.key(a.get(i)));
        }
        return new Request(keys, left, count == -1 ? 1 : count);
    }

    // tag::lmpop[]
    private static void lmpop(Client c, List<byte[]> a, int numkeysAt, boolean block) {
        Request request = parse(a, numkeysAt);
        long deadline = block ? Blocking.deadline(c, a.get(1)) : 0;
        for (Key key : request.keys()) {
            ListValue list = Lookup.list(c.db(), key); // the first key that exists decides, or is WRONGTYPE
            if (list != null) {
                pop(c, c.db(), key, list, request);
                return;
            }
        }
        if (!block || c.denyBlocking) {
            c.reply.nullArray();
            return;
        }
        Database db = c.db();
        c.engine.blocking.block(new Blocking.Wait(c, db, request.keys(), deadline, key -> {
            if (db.get(key) instanceof ListValue list) {
                pop(c, db, key, list, request);
                return true;
            }
            return false;
        }, c.reply::nullArray));
    }
    // end::lmpop[]

    /** Pops from one list: the reply, the change, and the LPOP/RPOP with a count that replays it. */
    private static void pop(Client c, Database db, Key key, ListValue list, Request request) {
        long n = Math.min(request.count(), list.size());
        c.reply.arrayHeader(2);
        c.reply.bulk(key.bytes());
        c.reply.arrayHeader(n);
        for (long i = 0; i < n; i++) {
            c.reply.bulk(request.left() ? list.removeFirst() : list.removeLast());
        }
        ListCommands.removeIfEmpty(db, key, list);
        c.engine.propagate(db, Args.bytes(request.left() ? "LPOP" : "RPOP"), key.bytes(), Args.bytes(n));
        c.engine.modified(db, key, request.left() ? "lpop" : "rpop");
        c.engine.countChanges(n, 1);
    }
}
