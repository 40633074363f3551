package dev.buildredis.zsets;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Lookup;
import dev.buildredis.store.Key;
import dev.buildredis.store.SkipList;
import dev.buildredis.store.SortedSetValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        List<SkipList.Node> chosen;
        if (n >= size) { // the whole set, highest score first, as Redis walks it to take it whole
            chosen = new ArrayList<>(size);
            for (SkipList.Node node = zset.list().last(); node != null; node = node.previous()) {
                chosen.add(node);
            }
        } else if (n * 3 > size) { // Redis's ZRANDMEMBER_SUB_STRATEGY_MUL: a count near the size costs O(size)
            // A random subset in the same order: each member is taken with the chance that it is still needed
            // (selection sampling), in one walk.
            chosen = new ArrayList<>((int) n);
            long needed = n;
            int left = size;
            for (SkipList.Node node = zset.list().last(); needed > 0; node = node.previous(), left--) {
                if (c.engine.random.nextInt(left) < needed) {
                    chosen.add(node);
                    needed--;
                }
            }
        } else { // a small count: draws until n distinct members are in hand, O(n log size) on a set of any size
            Map<Key, SkipList.Node> distinct = new LinkedHashMap<>();
            while (distinct.size() < n) {
                SkipList.Node node = random(c, zset);
                distinct.putIfAbsent(node.member(), node);
            }
            chosen = new ArrayList<>(distinct.values());
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
