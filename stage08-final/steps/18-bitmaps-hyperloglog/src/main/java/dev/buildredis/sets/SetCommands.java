package dev.buildredis.sets;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Lookup;
import dev.buildredis.engine.Scan;
import dev.buildredis.store.Encodings;
import dev.buildredis.store.Key;
import dev.buildredis.store.SetValue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The set commands: unordered collections of distinct members.
 * <pre>
 * SADD s a b a        :2
 * SMEMBERS s          RESP2 *2 ...; RESP3 ~2 ...   (all-integer sets ascending, as Redis's intset)
 * SINTER s1 s2        the members in every set; a missing key is an empty set
 * SPOP s 2            up to 2 random members, removed
 * </pre>
 * A set whose last member is removed is deleted.
 */
public final class SetCommands {

    private SetCommands() {
    }

    public static List<Command> all() {
        return List.of(
                Command.of("sadd", -3, "write denyoom fast", 1, 1, 1, SetCommands::sadd),
                Command.of("srem", -3, "write fast", 1, 1, 1, SetCommands::srem),
                Command.of("smembers", 2, "readonly", 1, 1, 1, (c, a) -> replySet(c, members(c, a.get(1)))),
                Command.of("sismember", 3, "readonly fast", 1, 1, 1,
                        (c, a) -> c.reply.integer(members(c, a.get(1)).contains(Args.key(a.get(2))) ? 1 : 0)),
                Command.of("smismember", -3, "readonly fast", 1, 1, 1, SetCommands::smismember),
                Command.of("scard", 2, "readonly fast", 1, 1, 1, (c, a) -> c.reply.integer(members(c, a.get(1)).size())),
                Command.of("spop", -2, "write fast", 1, 1, 1, SetCommands::spop),
                Command.of("srandmember", -2, "readonly", 1, 1, 1, SetCommands::srandmember),
                Command.of("sinter", -2, "readonly", 1, -1, 1, (c, a) -> combine(c, a, 1, Op.INTER, null)),
                Command.of("sunion", -2, "readonly", 1, -1, 1, (c, a) -> combine(c, a, 1, Op.UNION, null)),
                Command.of("sdiff", -2, "readonly", 1, -1, 1, (c, a) -> combine(c, a, 1, Op.DIFF, null)),
                Command.of("sinterstore", -3, "write denyoom", 1, -1, 1,
                        (c, a) -> combine(c, a, 2, Op.INTER, Args.key(a.get(1)))),
                Command.of("sunionstore", -3, "write denyoom", 1, -1, 1,
                        (c, a) -> combine(c, a, 2, Op.UNION, Args.key(a.get(1)))),
                Command.of("sdiffstore", -3, "write denyoom", 1, -1, 1,
                        (c, a) -> combine(c, a, 2, Op.DIFF, Args.key(a.get(1)))),
                Command.of("smove", 4, "write fast", 1, 2, 1, SetCommands::smove),
                Command.of("sscan", -3, "readonly", 1, 1, 1, SetCommands::sscan));
    }

    private enum Op { INTER, UNION, DIFF }

    private static final SetValue EMPTY = new SetValue(Encodings.DEFAULTS);

    /** The set at {@code key}, an empty one if missing; WRONGTYPE for another type. */
    private static SetValue members(Client c, byte[] key) {
        SetValue set = Lookup.set(c.db(), Args.key(key));
        return set == null ? EMPTY : set;
    }

    private static void replySet(Client c, SetValue set) {
        List<Key> members = set.members();
        c.reply.setHeader(members.size());
        members.forEach(m -> c.reply.bulk(m.bytes()));
    }

    private static void sadd(Client c, List<byte[]> a) {
        Key key = Args.key(a.get(1));
        SetValue set = Lookup.set(c.db(), key);
        if (set == null) {
            set = new SetValue(c.db().encodings());
            c.db().put(key, set);
        }
        long added = 0;
        for (int i = 2; i < a.size(); i++) {
            if (set.add(Args.key(a.get(i)))) {
                added++;
            }
        }
        if (added > 0) {
            c.modified(key);
            c.engine.countChanges(added, 1);
        }
        c.reply.integer(added);
    }

    private static void srem(Client c, List<byte[]> a) {
        Key key = Args.key(a.get(1));
        SetValue set = Lookup.set(c.db(), key);
        long removed = 0;
        if (set != null) {
            for (int i = 2; i < a.size(); i++) {
                if (set.remove(Args.key(a.get(i)))) {
                    removed++;
                }
            }
            removeIfEmpty(c, key, set);
            if (removed > 0) {
                c.modified(key);
                c.engine.countChanges(removed, 1);
            }
        }
        c.reply.integer(removed);
    }

    private static void removeIfEmpty(Client c, Key key, SetValue set) {
        if (set.size() == 0) {
            c.db().delete(key);
        }
    }

    private static void smismember(Client c, List<byte[]> a) {
        SetValue set = members(c, a.get(1));
        c.reply.arrayHeader(a.size() - 2);
        for (int i = 2; i < a.size(); i++) {
            c.reply.integer(set.contains(Args.key(a.get(i))) ? 1 : 0);
        }
    }

    private static void spop(Client c, List<byte[]> a) {
        if (a.size() > 3) {
            throw CommandError.syntax();
        }
        Key key = Args.key(a.get(1));
        if (a.size() == 2) {
            SetValue set = Lookup.set(c.db(), key);
            if (set == null) {
                c.reply.nullBulk();
                return;
            }
            Key member = random(c, set);
            set.remove(member);
            removeIfEmpty(c, key, set);
            c.engine.propagate(c.db(), Args.bytes("SREM"), a.get(1), member.bytes()); // the member chosen, not chance
            c.modified(key);
            c.reply.bulk(member.bytes());
            return;
        }
        long count = Args.integer(a.get(2), CommandError.MUST_BE_POSITIVE);
        if (count < 0) {
            throw new CommandError(CommandError.MUST_BE_POSITIVE);
        }
        SetValue set = Lookup.set(c.db(), key);
        if (set == null || count == 0) {
            c.reply.setHeader(0);
            return;
        }
        List<Key> popped = count >= set.size() ? set.members() : pick(c, set, (int) count);
        c.reply.setHeader(popped.size());
        List<byte[]> srem = new ArrayList<>(popped.size() + 2);
        srem.add(Args.bytes("SREM"));
        srem.add(a.get(1));
        for (Key member : popped) {
            set.remove(member);
            c.reply.bulk(member.bytes());
            srem.add(member.bytes());
        }
        removeIfEmpty(c, key, set);
        c.engine.propagate(c.db(), srem);
        c.modified(key);
        c.engine.countChanges(popped.size(), 1);
    }

    private static void srandmember(Client c, List<byte[]> a) {
        if (a.size() > 3) {
            throw CommandError.syntax();
        }
        if (a.size() == 2) {
            SetValue set = Lookup.set(c.db(), Args.key(a.get(1)));
            if (set == null) {
                c.reply.nullBulk();
            } else {
                c.reply.bulk(random(c, set).bytes());
            }
            return;
        }
        long count = Args.integer(a.get(2));
        if (count == Long.MIN_VALUE) { // Redis reads the count as a long in [-LONG_MAX, LONG_MAX]
            throw new CommandError("ERR value is out of range, value must between -9223372036854775807 and "
                    + "9223372036854775807");
        }
        SetValue set = Lookup.set(c.db(), Args.key(a.get(1)));
        if (set == null || count == 0) {
            c.reply.arrayHeader(0);
            return;
        }
        if (count < 0) { // members that may repeat: count draws
            c.reply.arrayHeader(-count);
            for (long i = 0; i < -count; i++) {
                c.reply.bulk(set.random(c.engine.random).bytes());
            }
            return;
        }
        List<Key> chosen = count >= set.size() ? set.members() : pick(c, set, (int) count);
        c.reply.arrayHeader(chosen.size());
        chosen.forEach(m -> c.reply.bulk(m.bytes()));
    }

    /**
     * {@code count} distinct random members, fewer than the set has, at Redis's cost: a count near the size costs a
     * walk of the set; a small count costs draws from the table until {@code count} distinct members are in hand,
     * O(count) on a set of any size, where a walk would be O(size).
     */
    private static List<Key> pick(Client c, SetValue set, int count) {
        if ((long) count * 3 > set.size()) { // Redis's SRANDMEMBER_SUB_STRATEGY_MUL
            return set.sample(count, c.engine.random);
        }
        Set<Key> chosen = new LinkedHashSet<>();
        while (chosen.size() < count) {
            chosen.add(set.random(c.engine.random));
        }
        return new ArrayList<>(chosen);
    }

    private static Key random(Client c, SetValue set) {
        return set.random(c.engine.random);
    }

    // tag::combine[]
    /** SINTER, SUNION, SDIFF and their STORE forms: every source is type-checked before any work. */
    private static void combine(Client c, List<byte[]> a, int from, Op op, Key destination) {
        List<SetValue> sets = new ArrayList<>();
        for (int i = from; i < a.size(); i++) {
            sets.add(members(c, a.get(i)));
        }
        SetValue result = new SetValue(c.db().encodings());
        switch (op) {
            case INTER -> {
                List<SetValue> bySize = new ArrayList<>(sets);
                bySize.sort(Comparator.comparingInt(SetValue::size)); // walk the smallest, probe the others
                for (Key member : bySize.get(0).members()) {
                    if (bySize.stream().allMatch(s -> s.contains(member))) {
                        result.add(member);
                    }
                }
            }
            case UNION -> sets.forEach(s -> s.members().forEach(result::add));
            case DIFF -> {
                for (Key member : sets.get(0).members()) {
                    if (sets.stream().skip(1).noneMatch(s -> s.contains(member))) {
                        result.add(member);
                    }
                }
            }
        }
        if (destination == null) {
            replySet(c, result);
            return;
        }
        boolean deleted = c.db().delete(destination);
        if (result.size() > 0) {
            c.db().set(destination, result);
        }
        if (deleted || result.size() > 0) { // an empty result over a missing key changes nothing: no WATCH fires
            c.modified(destination);
        }
        c.reply.integer(result.size());
    }
    // end::combine[]

    private static void smove(Client c, List<byte[]> a) {
        Key from = Args.key(a.get(1));
        Key to = Args.key(a.get(2));
        Key member = Args.key(a.get(3));
        SetValue source = Lookup.set(c.db(), from);
        if (source == null) { // before the destination's type: Redis answers 0 even if it is not a set
            c.reply.integer(0);
            return;
        }
        SetValue target = Lookup.set(c.db(), to);
        if (from.equals(to)) {
            c.reply.integer(source.contains(member) ? 1 : 0);
            return;
        }
        if (!source.remove(member)) {
            c.reply.integer(0);
            return;
        }
        if (target == null) {
            target = new SetValue(c.db().encodings());
            c.db().put(to, target);
        }
        boolean added = target.add(member);
        removeIfEmpty(c, from, source);
        c.modified(from);
        if (added) { // a member the destination already had leaves it untouched, for WATCH too
            c.modified(to);
        }
        c.reply.integer(1);
    }

    /** SSCAN: every member in one reply with cursor 0, as Redis does for sets small enough to be intsets. */
    private static void sscan(Client c, List<byte[]> a) {
        Scan.cursor(a.get(2));
        SetValue set = members(c, a.get(1));
        if (set == EMPTY) { // a missing key: Redis answers before it reads the options
            Scan.reply(c, 0, List.of());
            return;
        }
        Scan.Options options = Scan.options(a, 3, false);
        List<Key> found = new ArrayList<>();
        for (Key member : set.members()) {
            if (options.matches(member)) {
                found.add(member);
            }
        }
        Scan.reply(c, 0, found);
    }
}
