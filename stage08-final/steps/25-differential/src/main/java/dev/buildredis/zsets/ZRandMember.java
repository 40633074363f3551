package dev.buildredis.zsets;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Lookup;
import dev.buildredis.store.SkipList;
import dev.buildredis.store.SortedSetValue;

import java.util.ArrayList;
import java.util.List;

/**
 * ZRANDMEMBER key [count [WITHSCORES]], with Redis's reply shapes:
 * <pre>
 * ZRANDMEMBER z            $1 b           one member ($-1 if the key is missing)
 * ZRANDMEMBER z 2          *2 $1 a $1 c   distinct members; all of them, highest score first, if count &gt;= size
 * ZRANDMEMBER z -5         *5 ...         count members that may repeat
 * ZRANDMEMBER z 2 WITHSCORES              RESP2 *4 member score ...; RESP3 *2 *2 member ,score ...
 * </pre>
 * Which members are chosen is this server's own chance, as it is Redis's.
 */
public final class ZRandMember {

    private ZRandMember() {
    }

    public static Command command() {
        return Command.of("zrandmember", -2, "readonly", 1, 1, 1, ZRandMember::zrandmember);
    }

    private static void zrandmember(Client c, List<byte[]> a) {
        if (a.size() == 2) {
            SortedSetValue zset = Lookup.zset(c.db(), Args.key(a.get(1)));
            if (zset == null) {
                c.reply.nullBulk();
            } else {
                c.reply.bulk(random(c, zset).member().bytes());
            }
            return;
        }
        long count = Args.integer(a.get(2));
        if (count == Long.MIN_VALUE) { // Redis reads the count as a long in [-LONG_MAX, LONG_MAX]
            throw new CommandError("ERR value is out of range, value must between -9223372036854775807 and "
                    + "9223372036854775807");
        }
        boolean withScores = false;
        if (a.size() > 4 || (a.size() == 4 && !Args.is(a.get(3), "WITHSCORES"))) {
            throw CommandError.syntax();
        } else if (a.size() == 4) {
            withScores = true;
            if (count < Long.MIN_VALUE / 2 || count > Long.MAX_VALUE / 2) {
                throw new CommandError("ERR value is out of range");
            }
        }
        SortedSetValue zset = Lookup.zset(c.db(), Args.key(a.get(1)));
        if (zset == null || count == 0) {
            c.reply.arrayHeader(0);
            return;
        }
        boolean unique = count > 0;
        long n = unique ? count : -count;
        boolean pairs = withScores && c.reply.resp3();
        if (!unique || n == 1) {
            c.reply.arrayHeader(withScores && !pairs ? n * 2 : n);
            for (long i = 0; i < n; i++) {
                emit(c, random(c, zset), withScores, pairs);
            }
            return;
        }
        int size = zset.size();
        long needed = Math.min(n, size);
        List<SkipList.Node> chosen = new ArrayList<>((int) needed);
        int left = size;
        // Redis walks a sorted set from its highest score down to take it whole. A random subset keeps that order:
        // each member is taken with the chance that it is still needed (selection sampling), one walk at most,
        // where dropping members one by one from a list of them all would shift the rest each time.
        for (SkipList.Node node = zset.list().last(); node != null && needed > 0; node = node.previous(), left--) {
            if (needed >= left || c.engine.random.nextInt(left) < needed) {
                chosen.add(node);
                needed--;
            }
        }
        c.reply.arrayHeader(withScores && !pairs ? chosen.size() * 2L : chosen.size());
        for (SkipList.Node node : chosen) {
            emit(c, node, withScores, pairs);
        }
    }

    private static SkipList.Node random(Client c, SortedSetValue zset) {
        return zset.list().byRank(c.engine.random.nextInt(zset.size()));
    }

    private static void emit(Client c, SkipList.Node node, boolean withScores, boolean pairs) {
        if (pairs) {
            c.reply.arrayHeader(2);
        }
        c.reply.bulk(node.member().bytes());
        if (withScores) {
            c.reply.doubleValue(node.score());
        }
    }
}
