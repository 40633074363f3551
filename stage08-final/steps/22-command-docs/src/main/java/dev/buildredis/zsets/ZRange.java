package dev.buildredis.zsets;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Lookup;
import dev.buildredis.store.Key;
import dev.buildredis.store.SkipList;
import dev.buildredis.store.SortedSetValue;

import java.util.ArrayList;
import java.util.List;

/**
 * Ranges over a sorted set, by rank, by score or by member, forwards or backwards: ZRANGE and its older
 * spellings (ZREVRANGE, ZRANGEBYSCORE...), ZCOUNT, ZLEXCOUNT and ZREMRANGEBY*. Parsed as Redis's
 * {@code zrangeGenericCommand} parses them, so the same options are refused with the same texts.
 *
 * <p>Rank and score ranges start with an O(log N) skip-list search; a member (lex) range walks from the head,
 * O(N) to its start, where Redis also searches in O(log N).
 */
final class ZRange {

    enum Kind { AUTO, RANK, SCORE, LEX }

    private ZRange() {
    }

    // tag::zrange[]
    static void range(Client c, List<byte[]> a, Kind kind, boolean reverse) {
        range(c, a, kind, reverse, null);
    }

    /**
     * The range, replied, or stored at {@code store}: ZRANGESTORE dst src ... comes here as {@code a} without its
     * dst, so that its arguments are where ZRANGE's are; it takes no WITHSCORES.
     */
    static void range(Client c, List<byte[]> a, Kind kind, boolean reverse, Key store) {
        boolean withScores = false;
        boolean directionGiven = kind != Kind.AUTO; // only ZRANGE takes REV: the older spellings have a direction
        long offset = 0, limit = -1;
        for (int j = 4; j < a.size(); j++) {
            int left = a.size() - j - 1;
            if (store == null && Args.is(a.get(j), "WITHSCORES")) {
                withScores = true;
            } else if (Args.is(a.get(j), "LIMIT") && left >= 2) {
                offset = Args.integer(a.get(j + 1));
                limit = Args.integer(a.get(j + 2));
                j += 2;
            } else if (!directionGiven && Args.is(a.get(j), "REV")) {
                reverse = directionGiven = true;
            } else if (kind == Kind.AUTO && Args.is(a.get(j), "BYLEX")) {
                kind = Kind.LEX;
            } else if (kind == Kind.AUTO && Args.is(a.get(j), "BYSCORE")) {
                kind = Kind.SCORE;
            } else {
                throw CommandError.syntax();
            }
        }
        if (kind == Kind.AUTO) {
            kind = Kind.RANK;
        }
        if (limit != -1 && kind == Kind.RANK) {
            throw new CommandError("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
        }
        if (withScores && kind == Kind.LEX) {
            throw new CommandError("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
        }
        byte[] min = a.get(2), max = a.get(3);
        if (reverse && kind != Kind.RANK) { // the range is given as max, min
            min = a.get(3);
            max = a.get(2);
        }
        List<SkipList.Node> nodes = new ArrayList<>();
        switch (kind) {
            case RANK -> {
                long start = Args.integer(min), end = Args.integer(max);
                SortedSetValue zset = Lookup.zset(c.db(), Args.key(a.get(1)));
                byRank(zset, start, end, reverse, nodes);
            }
            case SCORE -> {
                ScoreRange.Scores range = ScoreRange.scores(min, max);
                SortedSetValue zset = Lookup.zset(c.db(), Args.key(a.get(1)));
                if (zset != null && !range.isEmpty()) {
                    SkipList.Node n = reverse ? zset.list().lastUpTo(range.max(), range.maxExclusive())
                            : zset.list().firstFrom(range.min(), range.minExclusive());
                    while (n != null && offset-- != 0) {
                        n = reverse ? n.previous() : n.next();
                    }
                    while (n != null && limit-- != 0 && (reverse ? range.aboveMin(n.score()) : range.belowMax(n.score()))) {
                        nodes.add(n);
                        n = reverse ? n.previous() : n.next();
                    }
                }
            }
            case LEX -> {
                ScoreRange.Lex range = ScoreRange.lex(min, max);
                SortedSetValue zset = Lookup.zset(c.db(), Args.key(a.get(1)));
                if (zset != null) {
                    SkipList.Node n = reverse ? lastInLex(zset, range) : firstInLex(zset, range);
                    while (n != null && offset-- != 0) {
                        n = reverse ? n.previous() : n.next();
                    }
                    while (n != null && limit-- != 0 && (reverse ? range.aboveMin(n.member()) : range.belowMax(n.member()))) {
                        nodes.add(n);
                        n = reverse ? n.previous() : n.next();
                    }
                }
            }
            default -> throw new AssertionError(kind);
        }
        if (store != null) {
            store(c, store, nodes);
            return;
        }
        reply(c, nodes, withScores);
    }
    // end::zrange[]

    /** ZRANGESTORE's end: the range as a new sorted set (its TTL gone), or the destination deleted if it is empty. */
    private static void store(Client c, Key destination, List<SkipList.Node> nodes) {
        if (nodes.isEmpty()) {
            c.reply.integer(0);
            if (c.db().delete(destination)) {
                c.modified(destination);
            }
            return;
        }
        SortedSetValue result = new SortedSetValue(c.db().encodings());
        nodes.forEach(n -> result.put(n.member(), n.score()));
        c.db().set(destination, result);
        c.reply.integer(nodes.size());
        c.modified(destination); // after the reply, as Redis
    }

    // tag::lex[]
    /**
     * Where a member range starts, walked as Redis walks a listpack (zzlFirstInLexRange), which decides what a
     * member range means when the scores differ and the members are not in order: the first member at or above
     * min, if it is not above max, and nothing at all unless the last member is at or above min and the first one
     * at or below max. The range then runs while members stay at or below max, whatever they are compared to min.
     */
    private static SkipList.Node firstInLex(SortedSetValue zset, ScoreRange.Lex range) {
        if (!inLexRange(zset, range)) {
            return null;
        }
        SkipList.Node n = firstAtOrAboveMin(zset, range);
        return n != null && range.belowMax(n.member()) ? n : null;
    }

    /** The first member at or above min, walking the list from its head. */
    private static SkipList.Node firstAtOrAboveMin(SortedSetValue zset, ScoreRange.Lex range) {
        for (SkipList.Node n = zset.list().first(); n != null; n = n.next()) {
            if (range.aboveMin(n.member())) {
                return n;
            }
        }
        return null;
    }

    /** The same from the tail (zzlLastInLexRange), for the reversed ranges. */
    private static SkipList.Node lastInLex(SortedSetValue zset, ScoreRange.Lex range) {
        if (!inLexRange(zset, range)) {
            return null;
        }
        for (SkipList.Node n = zset.list().last(); n != null; n = n.previous()) {
            if (range.belowMax(n.member())) {
                return range.aboveMin(n.member()) ? n : null;
            }
        }
        return null;
    }

    private static boolean inLexRange(SortedSetValue zset, ScoreRange.Lex range) {
        return !range.isEmpty() && zset.size() > 0 && range.aboveMin(zset.list().last().member())
                && range.belowMax(zset.list().first().member());
    }
    // end::lex[]

    /**
     * Where ZREMRANGEBYLEX starts on a skip list, as Redis's zslDeleteRangeByLex: the first member at or above min
     * along the list, with no check of the range as a whole (a listpack is checked: {@link #firstInLex}). Redis's
     * upper levels may skip ahead where scores and members disagree; this walks the lowest level.
     */
    private static SkipList.Node firstToRemoveByLex(SortedSetValue zset, ScoreRange.Lex range) {
        return zset.encoding().equals("listpack") ? firstInLex(zset, range) : firstAtOrAboveMin(zset, range);
    }

    /** Nodes of ranks [start, end] (negative from the end, clamped), in the asked direction. */
    private static void byRank(SortedSetValue zset, long start, long end, boolean reverse, List<SkipList.Node> out) {
        long length = zset == null ? 0 : zset.size();
        if (start < 0) {
            start += length;
        }
        if (end < 0) {
            end += length;
        }
        start = Math.max(start, 0);
        if (start > end || start >= length) {
            return;
        }
        end = Math.min(end, length - 1);
        SkipList.Node n = reverse ? zset.list().byRank(length - 1 - start) : zset.list().byRank(start);
        for (long i = start; i <= end && n != null; i++) {
            out.add(n);
            n = reverse ? n.previous() : n.next();
        }
    }

    static void reply(Client c, List<SkipList.Node> nodes, boolean withScores) {
        boolean pairs = withScores && c.reply.resp3();
        c.reply.arrayHeader(withScores && !pairs ? nodes.size() * 2L : nodes.size());
        for (SkipList.Node n : nodes) {
            if (pairs) {
                c.reply.arrayHeader(2);
            }
            c.reply.bulk(n.member().bytes());
            if (withScores) {
                c.reply.doubleValue(n.score());
            }
        }
    }

    /** ZCOUNT and ZLEXCOUNT. */
    static void count(Client c, List<byte[]> a, boolean lex) {
        List<SkipList.Node> nodes = select(c, a, lex ? Kind.LEX : Kind.SCORE);
        c.reply.integer(nodes.size());
    }

    /** ZREMRANGEBYRANK, ZREMRANGEBYSCORE, ZREMRANGEBYLEX. */
    static void remove(Client c, List<byte[]> a, Kind kind) {
        List<SkipList.Node> nodes = select(c, a, kind);
        Key key = Args.key(a.get(1));
        if (!nodes.isEmpty()) {
            SortedSetValue zset = Lookup.zset(c.db(), key);
            nodes.forEach(n -> zset.remove(n.member()));
            SortedSetCommands.removeIfEmpty(c.db(), key, zset);
            c.modified(key);
            c.engine.countChanges(nodes.size(), 1);
        }
        c.reply.integer(nodes.size());
    }

    /** The nodes of the range in {@code a[2], a[3]}, ascending; the range is parsed before the key is looked up. */
    private static List<SkipList.Node> select(Client c, List<byte[]> a, Kind kind) {
        List<SkipList.Node> nodes = new ArrayList<>();
        switch (kind) {
            case RANK -> {
                long start = Args.integer(a.get(2)), end = Args.integer(a.get(3));
                byRank(Lookup.zset(c.db(), Args.key(a.get(1))), start, end, false, nodes);
            }
            case SCORE -> {
                ScoreRange.Scores range = ScoreRange.scores(a.get(2), a.get(3));
                SortedSetValue zset = Lookup.zset(c.db(), Args.key(a.get(1)));
                if (zset != null && !range.isEmpty()) {
                    for (SkipList.Node n = zset.list().firstFrom(range.min(), range.minExclusive());
                         n != null && range.belowMax(n.score()); n = n.next()) {
                        nodes.add(n);
                    }
                }
            }
            case LEX -> {
                ScoreRange.Lex range = ScoreRange.lex(a.get(2), a.get(3));
                SortedSetValue zset = Lookup.zset(c.db(), Args.key(a.get(1)));
                for (SkipList.Node n = zset == null ? null : firstToRemoveByLex(zset, range);
                     n != null && range.belowMax(n.member()); n = n.next()) {
                    nodes.add(n);
                }
            }
            default -> throw new AssertionError(kind);
        }
        return nodes;
    }
}
