package dev.buildredis.zsets;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.store.Key;
import dev.buildredis.store.SetValue;
import dev.buildredis.store.SkipList;
import dev.buildredis.store.SortedSetValue;
import dev.buildredis.store.Value;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD: Redis's {@code zunionInterDiffGenericCommand}. The inputs
 * may be sorted sets or plain sets (whose members score 1); a missing key is an empty set.
 * <pre>
 * ZUNIONSTORE dst 2 a b WEIGHTS 1 2 AGGREGATE MAX     :&lt;members in dst&gt;
 * ZINTER 2 a b WITHSCORES                             members in both, scores summed
 * ZDIFF 2 a b                                         members of a not in b, with a's scores
 * ZINTERCARD 2 a b LIMIT 10                           :&lt;how many members are in both, counting up to 10&gt;
 * </pre>
 * The inputs are taken smallest first (a stable sort by size), as Redis takes them: a sum of floating-point scores
 * depends on its order. inf + -inf is 0, not NaN, and so is a score times a weight of 0 when the score is infinite.
 */
public final class SortedSetAlgebra {

    private SortedSetAlgebra() {
    }

    enum Op { UNION, INTER, DIFF }

    private enum Aggregate { SUM, MIN, MAX }

    public static List<Command> all() {
        return List.of(
                Command.of("zunion", -3, "readonly movablekeys", 0, 0, 0, (c, a) -> combine(c, a, null, 1, Op.UNION, false)),
                Command.of("zinter", -3, "readonly movablekeys", 0, 0, 0, (c, a) -> combine(c, a, null, 1, Op.INTER, false)),
                Command.of("zdiff", -3, "readonly movablekeys", 0, 0, 0, (c, a) -> combine(c, a, null, 1, Op.DIFF, false)),
                Command.of("zintercard", -3, "readonly movablekeys", 0, 0, 0,
                        (c, a) -> combine(c, a, null, 1, Op.INTER, true)),
                Command.of("zunionstore", -4, "write denyoom movablekeys", 1, 1, 1,
                        (c, a) -> combine(c, a, Args.key(a.get(1)), 2, Op.UNION, false)),
                Command.of("zinterstore", -4, "write denyoom movablekeys", 1, 1, 1,
                        (c, a) -> combine(c, a, Args.key(a.get(1)), 2, Op.INTER, false)),
                Command.of("zdiffstore", -4, "write denyoom movablekeys", 1, 1, 1,
                        (c, a) -> combine(c, a, Args.key(a.get(1)), 2, Op.DIFF, false)),
                Command.of("zrangestore", -5, "write denyoom", 1, 2, 1,
                        (c, a) -> ZRange.range(c, withoutDestination(a), ZRange.Kind.AUTO, false, Args.key(a.get(1)))));
    }

    /** ZRANGESTORE dst src min max ... as ZRANGE src min max ...: its arguments where ZRange reads them. */
    private static List<byte[]> withoutDestination(List<byte[]> a) {
        List<byte[]> rest = new ArrayList<>(a);
        rest.remove(1);
        return rest;
    }

    /** One input: its value (a sorted set, a set, or null for a missing key) and its weight. */
    private static final class Source {
        final Value value;
        double weight = 1.0;

        Source(Value value) {
            this.value = value;
        }

        int size() {
            return value instanceof SortedSetValue z ? z.size() : value instanceof SetValue s ? s.size() : 0;
        }

        /** The member's score here, 1 in a plain set, or null if it is not a member. */
        Double score(Key member) {
            if (value instanceof SortedSetValue z) {
                return z.score(member);
            }
            return value instanceof SetValue s && s.contains(member) ? 1.0 : null;
        }

        /** Every member and its score, in the value's own order. */
        void forEach(java.util.function.ObjDoubleConsumer<Key> action) {
            if (value instanceof SortedSetValue z) {
                for (SkipList.Node n = z.list().first(); n != null; n = n.next()) {
                    action.accept(n.member(), n.score());
                }
            } else if (value instanceof SetValue s) {
                s.members().forEach(m -> action.accept(m, 1.0));
            }
        }
    }

    // tag::zunion[]
    private static void combine(Client c, List<byte[]> a, Key destination, int numkeysAt, Op op, boolean cardinality) {
        long count = Args.integer(a.get(numkeysAt));
        if (count < 1) {
            throw new CommandError("ERR at least 1 input key is needed for '" + Args.text(a.get(0)).toLowerCase()
                    + "' command");
        }
        if (count > a.size() - numkeysAt - 1) {
            throw CommandError.syntax();
        }
        List<Source> sources = new ArrayList<>();
        int j = numkeysAt + 1;
        for (int i = 0; i < count; i++, j++) {
            Value value = c.db().get(Args.key(a.get(j)));
            if (value == null && numkeysAt == 2) { // a STORE form is a write: its reads notify misses themselves
                c.notifyKeyspaceEvent("keymiss", Args.key(a.get(j)));
            }
            if (value != null && !(value instanceof SortedSetValue) && !(value instanceof SetValue)) {
                throw new CommandError(CommandError.WRONGTYPE);
            }
            sources.add(new Source(value));
        }
        Aggregate aggregate = Aggregate.SUM;
        boolean withScores = false;
        long limit = 0;
        while (j < a.size()) {
            int remaining = a.size() - j;
            byte[] option = a.get(j);
            if (op != Op.DIFF && !cardinality && remaining >= count + 1 && Args.is(option, "WEIGHTS")) {
                j++;
                for (Source source : sources) {
                    source.weight = Args.number(a.get(j++), "ERR weight value is not a float");
                }
            } else if (op != Op.DIFF && !cardinality && remaining >= 2 && Args.is(option, "AGGREGATE")) {
                byte[] how = a.get(j + 1);
                if (Args.is(how, "SUM")) {
                    aggregate = Aggregate.SUM;
                } else if (Args.is(how, "MIN")) {
                    aggregate = Aggregate.MIN;
                } else if (Args.is(how, "MAX")) {
                    aggregate = Aggregate.MAX;
                } else {
                    throw CommandError.syntax();
                }
                j += 2;
            } else if (destination == null && !cardinality && Args.is(option, "WITHSCORES")) {
                withScores = true;
                j++;
            } else if (cardinality && remaining >= 2 && Args.is(option, "LIMIT")) {
                limit = Args.integer(a.get(j + 1), "ERR LIMIT can't be negative");
                if (limit < 0) {
                    throw new CommandError("ERR LIMIT can't be negative");
                }
                j += 2;
            } else {
                throw CommandError.syntax();
            }
        }
        if (op != Op.DIFF) {
            sources.sort(Comparator.comparingInt(Source::size)); // smallest first; stable, as glibc's qsort
        }
        Map<Key, Double> result = new LinkedHashMap<>();
        Aggregate how = aggregate;
        switch (op) {
            case INTER -> {
                if (cardinality) {
                    c.reply.integer(intersectionSize(sources, limit));
                    return;
                }
                intersect(sources, how, result);
            }
            case UNION -> {
                for (Source source : sources) {
                    source.forEach((member, score) -> {
                        double weighted = zeroIfNaN(source.weight * score);
                        result.merge(member, weighted, (old, added) -> aggregate(old, added, how));
                    });
                }
            }
            case DIFF -> sources.get(0).forEach((member, score) -> {
                for (int i = 1; i < sources.size(); i++) {
                    if (sources.get(i).score(member) != null) {
                        return;
                    }
                }
                result.put(member, score);
            });
        }
        List<Map.Entry<Key, Double>> sorted = new ArrayList<>(result.entrySet());
        sorted.sort((x, y) -> x.getValue() < y.getValue() ? -1 : x.getValue() > y.getValue() ? 1
                : x.getKey().compareTo(y.getKey())); // a skip list's order: -0 and 0 are the same score
        if (destination != null) {
            store(c, destination, sorted);
        } else {
            reply(c, sorted, withScores);
        }
    }
    // end::zunion[]

    /** ZINTER: each member of the smallest input that every other input has, its weighted scores aggregated. */
    private static void intersect(List<Source> sources, Aggregate aggregate, Map<Key, Double> result) {
        Source first = sources.get(0);
        first.forEach((member, score) -> {
            double total = zeroIfNaN(first.weight * score);
            for (int i = 1; i < sources.size(); i++) {
                Source other = sources.get(i);
                Double found = other.value == first.value ? Double.valueOf(score) : other.score(member);
                if (found == null) {
                    return;
                }
                total = aggregate(total, found * other.weight, aggregate);
            }
            result.put(member, total);
        });
    }

    private static long intersectionSize(List<Source> sources, long limit) {
        long[] cardinality = {0};
        Source first = sources.get(0);
        first.forEach((member, score) -> {
            if (limit != 0 && cardinality[0] >= limit) {
                return;
            }
            for (int i = 1; i < sources.size(); i++) {
                if (sources.get(i).value != first.value && sources.get(i).score(member) == null) {
                    return;
                }
            }
            cardinality[0]++;
        });
        return cardinality[0];
    }

    /** Redis's zunionInterAggregate: a sum that gives NaN (inf + -inf) gives 0. */
    private static double aggregate(double target, double value, Aggregate aggregate) {
        return switch (aggregate) {
            case SUM -> zeroIfNaN(target + value);
            case MIN -> value < target ? value : target;
            case MAX -> value > target ? value : target;
        };
    }

    private static double zeroIfNaN(double score) {
        return Double.isNaN(score) ? 0.0 : score;
    }

    private static void reply(Client c, List<Map.Entry<Key, Double>> members, boolean withScores) {
        boolean pairs = withScores && c.reply.resp3();
        c.reply.arrayHeader(withScores && !pairs ? members.size() * 2L : members.size());
        for (Map.Entry<Key, Double> member : members) {
            if (pairs) {
                c.reply.arrayHeader(2);
            }
            c.reply.bulk(member.getKey().bytes());
            if (withScores) {
                c.reply.doubleValue(member.getValue());
            }
        }
    }

    private static void store(Client c, Key destination, List<Map.Entry<Key, Double>> members) {
        if (members.isEmpty()) {
            c.reply.integer(0);
            if (c.db().delete(destination)) {
                c.modified(destination, "del"); // an empty result deletes the destination: Redis's event is "del"
            }
            return;
        }
        SortedSetValue result = new SortedSetValue(c.db().encodings());
        members.forEach(m -> result.put(m.getKey(), m.getValue()));
        c.db().set(destination, result);
        c.reply.integer(result.size());
        c.modified(destination); // after the reply, as Redis
    }
}
