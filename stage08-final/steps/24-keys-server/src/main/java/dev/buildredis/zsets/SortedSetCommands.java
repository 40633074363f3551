package dev.buildredis.zsets;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Blocking;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Lookup;
import dev.buildredis.engine.Scan;
import dev.buildredis.store.Database;
import dev.buildredis.store.Key;
import dev.buildredis.store.SkipList;
import dev.buildredis.store.SortedSetValue;

import java.util.ArrayList;
import java.util.List;

/**
 * The sorted-set commands: members ordered by score, then by their bytes.
 * <pre>
 * ZADD z [NX|XX] [GT|LT] [CH] [INCR] 1 a 2 b    :&lt;added&gt; (:&lt;changed&gt; with CH; the new score with INCR)
 * ZRANGE z 0 -1 WITHSCORES                      RESP2 *4 $1 a $1 1 $1 b $1 2; RESP3 *2 *2 $1 a ,1 *2 $1 b ,2
 * ZRANGE z (1 +inf BYSCORE LIMIT 0 10           members by score, "(" excluding the bound
 * ZPOPMIN z                                     *2 $1 a $1 1
 * </pre>
 * Range queries are served by the skip list; see {@link ZRange}. A sorted set left empty is deleted.
 */
public final class SortedSetCommands {

    private SortedSetCommands() {
    }

    public static List<Command> all() {
        return List.of(
                Command.of("zadd", -4, "write denyoom fast", 1, 1, 1, (c, a) -> zadd(c, a, 2, false)),
                Command.of("zincrby", 4, "write denyoom fast", 1, 1, 1, (c, a) -> zadd(c,
                        List.of(a.get(0), a.get(1), Args.bytes("INCR"), a.get(2), a.get(3)), 2, true)),
                Command.of("zrem", -3, "write fast", 1, 1, 1, SortedSetCommands::zrem),
                Command.of("zscore", 3, "readonly fast", 1, 1, 1, SortedSetCommands::zscore),
                Command.of("zmscore", -3, "readonly fast", 1, 1, 1, SortedSetCommands::zmscore),
                Command.of("zcard", 2, "readonly fast", 1, 1, 1, (c, a) -> {
                    SortedSetValue z = Lookup.zset(c.db(), Args.key(a.get(1)));
                    c.reply.integer(z == null ? 0 : z.size());
                }),
                Command.of("zrank", 3, "readonly fast", 1, 1, 1, (c, a) -> zrank(c, a, false)),
                Command.of("zrevrank", 3, "readonly fast", 1, 1, 1, (c, a) -> zrank(c, a, true)),
                Command.of("zcount", 4, "readonly fast", 1, 1, 1, (c, a) -> ZRange.count(c, a, false)),
                Command.of("zlexcount", 4, "readonly fast", 1, 1, 1, (c, a) -> ZRange.count(c, a, true)),
                Command.of("zrange", -4, "readonly", 1, 1, 1, (c, a) -> ZRange.range(c, a, ZRange.Kind.AUTO, false)),
                Command.of("zrevrange", -4, "readonly", 1, 1, 1, (c, a) -> ZRange.range(c, a, ZRange.Kind.RANK, true)),
                Command.of("zrangebyscore", -4, "readonly", 1, 1, 1,
                        (c, a) -> ZRange.range(c, a, ZRange.Kind.SCORE, false)),
                Command.of("zrevrangebyscore", -4, "readonly", 1, 1, 1,
                        (c, a) -> ZRange.range(c, a, ZRange.Kind.SCORE, true)),
                Command.of("zrangebylex", -4, "readonly", 1, 1, 1, (c, a) -> ZRange.range(c, a, ZRange.Kind.LEX, false)),
                Command.of("zrevrangebylex", -4, "readonly", 1, 1, 1,
                        (c, a) -> ZRange.range(c, a, ZRange.Kind.LEX, true)),
                Command.of("zremrangebyrank", 4, "write", 1, 1, 1, (c, a) -> ZRange.remove(c, a, ZRange.Kind.RANK)),
                Command.of("zremrangebyscore", 4, "write", 1, 1, 1, (c, a) -> ZRange.remove(c, a, ZRange.Kind.SCORE)),
                Command.of("zremrangebylex", 4, "write", 1, 1, 1, (c, a) -> ZRange.remove(c, a, ZRange.Kind.LEX)),
                Command.of("zpopmin", -2, "write fast", 1, 1, 1, (c, a) -> zpop(c, a, true)),
                Command.of("zpopmax", -2, "write fast", 1, 1, 1, (c, a) -> zpop(c, a, false)),
                Command.of("bzpopmin", -3, "write noscript blocking fast", 1, -2, 1, (c, a) -> bzpop(c, a, true)),
                Command.of("bzpopmax", -3, "write noscript blocking fast", 1, -2, 1, (c, a) -> bzpop(c, a, false)),
                Command.of("zscan", -3, "readonly", 1, 1, 1, SortedSetCommands::zscan));
    }

    // tag::zadd[]
    /** ZADD and ZINCRBY: Redis's zaddGenericCommand, its checks in its order. */
    private static void zadd(Client c, List<byte[]> a, int from, boolean zincrby) {
        boolean nx = false, xx = false, gt = false, lt = false, ch = false, incr = false;
        int i = from;
        for (; i < a.size(); i++) {
            byte[] option = a.get(i);
            if (Args.is(option, "NX")) {
                nx = true;
            } else if (Args.is(option, "XX")) {
                xx = true;
            } else if (Args.is(option, "GT")) {
                gt = true;
            } else if (Args.is(option, "LT")) {
                lt = true;
            } else if (Args.is(option, "CH")) {
                ch = true;
            } else if (Args.is(option, "INCR")) {
                incr = true;
            } else {
                break;
            }
        }
        int elements = a.size() - i;
        if (elements == 0 || elements % 2 != 0) {
            throw CommandError.syntax();
        }
        if (nx && xx) {
            throw new CommandError("ERR XX and NX options at the same time are not compatible");
        }
        if ((gt && nx) || (lt && nx) || (gt && lt)) {
            throw new CommandError("ERR GT, LT, and/or NX options at the same time are not compatible");
        }
        if (incr && elements > 2) {
            throw new CommandError("ERR INCR option supports a single increment-element pair");
        }
        double[] scores = new double[elements / 2];
        for (int j = 0; j < scores.length; j++) {
            scores[j] = Args.number(a.get(i + 2 * j));
        }
        Key key = Args.key(a.get(1));
        SortedSetValue zset = Lookup.zset(c.db(), key);
        long added = 0, updated = 0, processed = 0;
        double last = 0;
        if (zset == null && !xx) {
            zset = new SortedSetValue(c.db().encodings());
            c.db().put(key, zset);
        }
        for (int j = 0; zset != null && j < scores.length; j++) {
            Key member = Args.key(a.get(i + 2 * j + 1));
            double score = scores[j];
            Double current = zset.score(member);
            if (current != null) {
                if (nx) {
                    continue;
                }
                if (incr) {
                    score += current;
                    if (Double.isNaN(score)) {
                        throw new CommandError("ERR resulting score is not a number (NaN)");
                    }
                }
                if ((lt && score >= current) || (gt && score <= current)) {
                    continue;
                }
                if (score != current) {
                    zset.put(member, score);
                    updated++;
                }
            } else if (!xx) {
                zset.put(member, score);
                added++;
            } else {
                continue;
            }
            last = score;
            processed++;
        }
        if (incr) {
            if (processed > 0) {
                c.reply.doubleValue(last);
            } else {
                c.reply.nullBulk();
            }
        } else {
            c.reply.integer(ch ? added + updated : added);
        }
        if (added + updated > 0) { // after the reply, as Redis: a subscribed client sees its reply first
            c.modified(key, incr ? "zincr" : "zadd");
            c.engine.countChanges(added + updated, 1);
        }
    }
    // end::zadd[]

    private static void zrem(Client c, List<byte[]> a) {
        Key key = Args.key(a.get(1));
        SortedSetValue zset = Lookup.zset(c.db(), key);
        long removed = 0;
        if (zset != null) {
            for (int i = 2; i < a.size(); i++) {
                if (zset.remove(Args.key(a.get(i)))) {
                    removed++;
                }
            }
            if (removed > 0) {
                removeIfEmpty(c.db(), key, zset);
                c.modified(key);
                c.engine.countChanges(removed, 1);
            }
        }
        c.reply.integer(removed);
    }

    static void removeIfEmpty(Database db, Key key, SortedSetValue zset) {
        if (zset.size() == 0) {
            db.delete(key);
        }
    }

    private static void zscore(Client c, List<byte[]> a) {
        SortedSetValue zset = Lookup.zset(c.db(), Args.key(a.get(1)));
        Double score = zset == null ? null : zset.score(Args.key(a.get(2)));
        if (score == null) {
            c.reply.nullBulk();
        } else {
            c.reply.doubleValue(score);
        }
    }

    private static void zmscore(Client c, List<byte[]> a) {
        SortedSetValue zset = Lookup.zset(c.db(), Args.key(a.get(1)));
        c.reply.arrayHeader(a.size() - 2);
        for (int i = 2; i < a.size(); i++) {
            Double score = zset == null ? null : zset.score(Args.key(a.get(i)));
            if (score == null) {
                c.reply.nullBulk();
            } else {
                c.reply.doubleValue(score);
            }
        }
    }

    private static void zrank(Client c, List<byte[]> a, boolean reverse) {
        SortedSetValue zset = Lookup.zset(c.db(), Args.key(a.get(1)));
        long rank = zset == null ? -1 : zset.rank(Args.key(a.get(2)));
        if (rank < 0) {
            c.reply.nullBulk();
        } else {
            c.reply.integer(reverse ? zset.size() - 1 - rank : rank);
        }
    }

    private static void zpop(Client c, List<byte[]> a, boolean min) {
        if (a.size() > 3) {
            throw CommandError.syntax();
        }
        long count = -1;
        if (a.size() == 3) {
            count = Args.integer(a.get(2), CommandError.MUST_BE_POSITIVE);
            if (count < 0) {
                throw new CommandError(CommandError.MUST_BE_POSITIVE);
            }
        }
        Key key = Args.key(a.get(1));
        SortedSetValue zset = Lookup.zset(c.db(), key);
        if (zset == null || count == 0) {
            c.reply.arrayHeader(0);
            return;
        }
        long n = Math.min(count < 0 ? 1 : count, zset.size());
        boolean nested = c.reply.resp3() && count >= 0;
        c.reply.arrayHeader(nested ? n : n * 2);
        popEvent(c, c.db(), key, min);
        for (long i = 0; i < n; i++) {
            SkipList.Node node = min ? zset.list().first() : zset.list().last();
            if (nested) {
                c.reply.arrayHeader(2);
            }
            c.reply.bulk(node.member().bytes());
            c.reply.doubleValue(node.score());
            zset.remove(node.member());
        }
        removeIfEmpty(c.db(), key, zset);
        popDone(c, c.db(), key);
        c.engine.countChanges(n, 1); // Redis: a change a member popped
    }

    /**
     * A pop's first event where Redis 7.0 writes it: right after the reply's headers, inside the reply (its
     * genericZpopCommand notifies before it writes the members), so that a client subscribed to its own events in
     * RESP3 reads the push there, as from redis-server.
     */
    static void popEvent(Client c, Database db, Key key, boolean min) {
        c.engine.notifyKeyspaceEvent(min ? "zpopmin" : "zpopmax", db, key);
    }

    /** A pop's end: "del" after the reply if the set is gone; the change signalled either way. */
    static void popDone(Client c, Database db, Key key) {
        if (db.contains(key)) {
            c.engine.signalModified(db, key);
        } else {
            c.engine.modified(db, key, "del");
        }
    }

    private static void bzpop(Client c, List<byte[]> a, boolean min) {
        Blocking.popOrBlock(c, a, Lookup::zset, SortedSetValue.class,
                (db, key, zset) -> serveBzpop(c, db, key, zset, min));
    }

    private static void serveBzpop(Client c, Database db, Key key, SortedSetValue zset, boolean min) {
        SkipList.Node node = min ? zset.list().first() : zset.list().last();
        c.reply.arrayHeader(3);
        c.reply.bulk(key.bytes());
        popEvent(c, db, key, min);
        c.reply.bulk(node.member().bytes());
        c.reply.doubleValue(node.score());
        zset.remove(node.member());
        removeIfEmpty(db, key, zset);
        c.engine.propagate(db, Args.bytes(min ? "ZPOPMIN" : "ZPOPMAX"), key.bytes());
        popDone(c, db, key);
    }

    /** ZSCAN: every member and score in one reply with cursor 0, as Redis does for listpack-sized sets. */
    private static void zscan(Client c, List<byte[]> a) {
        Scan.cursor(a.get(2));
        SortedSetValue zset = Lookup.zset(c.db(), Args.key(a.get(1)));
        if (zset == null) { // a missing key: Redis answers before it reads the options
            Scan.reply(c, 0, List.of());
            return;
        }
        Scan.Options options = Scan.options(a, 3, false);
        List<byte[]> out = new ArrayList<>();
        for (SkipList.Node n = zset.list().first(); n != null; n = n.next()) {
            if (options.matches(n.member())) {
                out.add(n.member().bytes());
                out.add(Args.bytes(dev.buildredis.store.Numbers.formatDouble(n.score())));
            }
        }
        c.reply.arrayHeader(2);
        c.reply.bulk(Args.bytes("0"));
        c.reply.arrayHeader(out.size());
        out.forEach(c.reply::bulk);
    }
}
