package dev.buildredis.zsets;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Blocking;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Lookup;
import dev.buildredis.store.Database;
import dev.buildredis.store.Key;
import dev.buildredis.store.SkipList;
import dev.buildredis.store.SortedSetValue;

import java.util.ArrayList;
import java.util.List;

/**
 * ZMPOP and BZMPOP: pop up to COUNT members from the first non-empty sorted set of several, lowest or highest
 * scores first.
 * <pre>
 * ZMPOP 2 z1 z2 MIN COUNT 2          *2 $2 z1 *2 *2 $1 a $1 1 *2 $1 b $1 2   (nested arrays in RESP2 too)
 *                                    *-1 if every key is missing
 * BZMPOP 5 2 z1 z2 MAX               the same, or waits up to 5 seconds for a ZADD (*-1 on timeout)
 * </pre>
 * Both go to the AOF as the ZPOPMIN/ZPOPMAX key count they did, which cannot block on replay.
 */
public final class SortedSetMultiPop {

    private SortedSetMultiPop() {
    }

    public static List<Command> all() {
        return List.of(
                Command.of("zmpop", -4, "write movablekeys", 0, 0, 0, (c, a) -> zmpop(c, a, 1, false)),
                Command.of("bzmpop", -5, "write blocking movablekeys", 0, 0, 0, (c, a) -> zmpop(c, a, 2, true)));
    }

    /** What ZMPOP/BZMPOP asked for: the keys, which end, how many. */
    private record Request(List<Key> keys, boolean min, long count) {
    }

    /** Parses numkeys, the keys, MIN|MAX and COUNT as Redis's zmpopGenericCommand, errors in its order. */
    private static Request parse(List<byte[]> a, int numkeysAt) {
        long numkeys = Args.integer(a.get(numkeysAt), "ERR numkeys should be greater than 0");
        if (numkeys < 1) {
            throw new CommandError("ERR numkeys should be greater than 0");
        }
        if (numkeys > a.size() - numkeysAt - 2) {
            throw CommandError.syntax();
        }
        int whereAt = numkeysAt + (int) numkeys + 1;
        boolean min;
        if (Args.is(a.get(whereAt), "MIN")) {
            min = true;
        } else if (Args.is(a.get(whereAt), "MAX")) {
            min = false;
        } else {
            throw CommandError.syntax();
        }
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
        return new Request(keys, min, count == -1 ? 1 : count);
    }

    // tag::zmpop[]
    private static void zmpop(Client c, List<byte[]> a, int numkeysAt, boolean block) {
        Request request = parse(a, numkeysAt);
        long deadline = block ? Blocking.deadline(c, a.get(1)) : 0;
        for (Key key : request.keys()) {
            SortedSetValue zset = Lookup.zset(c.db(), key); // the first key that exists decides, or is WRONGTYPE
            if (zset != null) {
                pop(c, c.db(), key, zset, request);
                return;
            }
        }
        if (!block || c.denyBlocking) {
            c.reply.nullArray();
            return;
        }
        Database db = c.db();
        c.engine.blocking.block(new Blocking.Wait(c, db, request.keys(), deadline, key -> {
            if (db.get(key) instanceof SortedSetValue zset) {
                pop(c, db, key, zset, request);
                return true;
            }
            return false;
        }, c.reply::nullArray));
    }
    // end::zmpop[]

    /** Pops from one sorted set: the reply, the change, and the ZPOPMIN/ZPOPMAX that replays it. */
    private static void pop(Client c, Database db, Key key, SortedSetValue zset, Request request) {
        long n = Math.min(request.count(), zset.size());
        c.reply.arrayHeader(2);
        c.reply.bulk(key.bytes());
        c.reply.arrayHeader(n);
        SortedSetCommands.popEvent(c, db, key, request.min());
        for (long i = 0; i < n; i++) {
            SkipList.Node node = request.min() ? zset.list().first() : zset.list().last();
            c.reply.arrayHeader(2);
            c.reply.bulk(node.member().bytes());
            c.reply.doubleValue(node.score());
            zset.remove(node.member());
        }
        SortedSetCommands.removeIfEmpty(db, key, zset);
        c.engine.propagate(db, Args.bytes(request.min() ? "ZPOPMIN" : "ZPOPMAX"), key.bytes(), Args.bytes(n));
        SortedSetCommands.popDone(c, db, key);
        c.engine.countChanges(n, 1);
    }
}
