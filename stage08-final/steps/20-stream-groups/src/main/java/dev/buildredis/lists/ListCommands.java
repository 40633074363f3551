package dev.buildredis.lists;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Lookup;
import dev.buildredis.store.Database;
import dev.buildredis.store.Key;
import dev.buildredis.store.ListValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The list commands. Indexes count from 0 at the head and from -1 at the tail; ranges are clamped as in Redis.
 * <pre>
 * LPUSH k a b        :2      (the list is now b a)
 * LRANGE k 0 -1      *2 $1 b $1 a
 * LPOP k 5           *&lt;up to 5&gt; ...; $-1 / *-1 when the key does not exist
 * LMOVE src dst LEFT RIGHT   the moved element
 * </pre>
 * A list that becomes empty is deleted, so no key ever holds an empty list. The blocking forms are in
 * {@link BlockingListCommands}.
 */
public final class ListCommands {

    private ListCommands() {
    }

    public static List<Command> all() {
        List<Command> all = new ArrayList<>(List.of(
                Command.of("lpush", -3, "write denyoom fast", 1, 1, 1, (c, a) -> push(c, a, true, false)),
                Command.of("rpush", -3, "write denyoom fast", 1, 1, 1, (c, a) -> push(c, a, false, false)),
                Command.of("lpushx", -3, "write denyoom fast", 1, 1, 1, (c, a) -> push(c, a, true, true)),
                Command.of("rpushx", -3, "write denyoom fast", 1, 1, 1, (c, a) -> push(c, a, false, true)),
                Command.of("lpop", -2, "write fast", 1, 1, 1, (c, a) -> pop(c, a, true)),
                Command.of("rpop", -2, "write fast", 1, 1, 1, (c, a) -> pop(c, a, false)),
                Command.of("llen", 2, "readonly fast", 1, 1, 1, ListCommands::llen),
                Command.of("lrange", 4, "readonly", 1, 1, 1, ListCommands::lrange),
                Command.of("lindex", 3, "readonly", 1, 1, 1, ListCommands::lindex),
                Command.of("lset", 4, "write denyoom", 1, 1, 1, ListCommands::lset),
                Command.of("linsert", 5, "write denyoom", 1, 1, 1, ListCommands::linsert),
                Command.of("lrem", 4, "write", 1, 1, 1, ListCommands::lrem),
                Command.of("ltrim", 4, "write", 1, 1, 1, ListCommands::ltrim),
                Command.of("lpos", -3, "readonly", 1, 1, 1, ListCommands::lpos),
                Command.of("lmove", 5, "write denyoom", 1, 2, 1, (c, a) -> lmove(c, a.get(1), a.get(2),
                        left(a.get(3)), left(a.get(4)))),
                Command.of("rpoplpush", 3, "write denyoom", 1, 2, 1,
                        (c, a) -> lmove(c, a.get(1), a.get(2), false, true))));
        all.addAll(BlockingListCommands.all());
        return all;
    }

    /** LEFT or RIGHT, else a syntax error. */
    static boolean left(byte[] where) {
        if (Args.is(where, "LEFT")) {
            return true;
        }
        if (Args.is(where, "RIGHT")) {
            return false;
        }
        throw CommandError.syntax();
    }

    // tag::push[]
    private static void push(Client c, List<byte[]> a, boolean head, boolean onlyIfExists) {
        Key key = Args.key(a.get(1));
        ListValue list = Lookup.list(c.db(), key);
        if (list == null) {
            if (onlyIfExists) {
                c.reply.integer(0);
                return;
            }
            list = new ListValue();
            c.db().put(key, list);
        }
        for (int i = 2; i < a.size(); i++) {
            if (head) {
                list.addFirst(a.get(i));
            } else {
                list.addLast(a.get(i));
            }
        }
        c.reply.integer(list.size());
        c.modified(key); // wakes a client blocked on this key once the command is done; after the reply, as Redis
        c.engine.countChanges(a.size() - 2, 1); // Redis: a change an element pushed
    }
    // end::push[]

    private static void pop(Client c, List<byte[]> a, boolean head) {
        if (a.size() > 3) {
            throw CommandError.wrongArity(head ? "lpop" : "rpop");
        }
        long count = -1;
        if (a.size() == 3) {
            count = Args.integer(a.get(2), CommandError.MUST_BE_POSITIVE);
            if (count < 0) {
                throw new CommandError(CommandError.MUST_BE_POSITIVE);
            }
        }
        Key key = Args.key(a.get(1));
        ListValue list = Lookup.list(c.db(), key);
        if (list == null) {
            if (count >= 0) {
                c.reply.nullArray();
            } else {
                c.reply.nullBulk();
            }
            return;
        }
        int before = list.size();
        if (count < 0) {
            c.reply.bulk(head ? list.removeFirst() : list.removeLast());
        } else {
            long n = Math.min(count, list.size());
            c.reply.arrayHeader(n);
            for (long i = 0; i < n; i++) {
                c.reply.bulk(head ? list.removeFirst() : list.removeLast());
            }
            if (n == 0) {
                return;
            }
        }
        removeIfEmpty(c.db(), key, list);
        c.modified(key);
        c.engine.countChanges(before - list.size(), 1); // Redis: a change an element popped
    }

    static void removeIfEmpty(Database db, Key key, ListValue list) {
        if (list.size() == 0) {
            db.delete(key);
        }
    }

    private static void llen(Client c, List<byte[]> a) {
        ListValue list = Lookup.list(c.db(), Args.key(a.get(1)));
        c.reply.integer(list == null ? 0 : list.size());
    }

    private static void lrange(Client c, List<byte[]> a) {
        long start = Args.integer(a.get(2));
        long end = Args.integer(a.get(3));
        ListValue list = Lookup.list(c.db(), Args.key(a.get(1)));
        long length = list == null ? 0 : list.size();
        if (start < 0) {
            start += length;
        }
        if (end < 0) {
            end += length;
        }
        start = Math.max(start, 0);
        if (start > end || start >= length) {
            c.reply.arrayHeader(0);
            return;
        }
        end = Math.min(end, length - 1);
        c.reply.arrayHeader(end - start + 1);
        for (long i = start; i <= end; i++) {
            c.reply.bulk(list.get((int) i));
        }
    }

    private static void lindex(Client c, List<byte[]> a) {
        ListValue list = Lookup.list(c.db(), Args.key(a.get(1)));
        if (list == null) {
            c.reply.nullBulk();
            return;
        }
        long index = Args.integer(a.get(2));
        if (index < 0) {
            index += list.size();
        }
        if (index < 0 || index >= list.size()) {
            c.reply.nullBulk();
        } else {
            c.reply.bulk(list.get((int) index));
        }
    }

    private static void lset(Client c, List<byte[]> a) {
        Key key = Args.key(a.get(1));
        ListValue list = Lookup.list(c.db(), key);
        if (list == null) {
            throw new CommandError(CommandError.NO_SUCH_KEY);
        }
        long index = Args.integer(a.get(2));
        if (index < 0) {
            index += list.size();
        }
        if (index < 0 || index >= list.size()) {
            throw new CommandError(CommandError.INDEX_OUT_OF_RANGE);
        }
        list.set((int) index, a.get(3));
        c.reply.ok();
        c.modified(key);
    }

    private static void linsert(Client c, List<byte[]> a) {
        boolean after;
        if (Args.is(a.get(2), "AFTER")) {
            after = true;
        } else if (Args.is(a.get(2), "BEFORE")) {
            after = false;
        } else {
            throw CommandError.syntax();
        }
        Key key = Args.key(a.get(1));
        ListValue list = Lookup.list(c.db(), key);
        if (list == null) {
            c.reply.integer(0);
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            if (Arrays.equals(list.get(i), a.get(3))) {
                list.insert(after ? i + 1 : i, a.get(4));
                c.modified(key);
                c.reply.integer(list.size());
                return;
            }
        }
        c.reply.integer(-1);
    }

    private static void lrem(Client c, List<byte[]> a) {
        long count = Args.integer(a.get(2));
        Key key = Args.key(a.get(1));
        ListValue list = Lookup.list(c.db(), key);
        if (list == null) {
            c.reply.integer(0);
            return;
        }
        byte[] element = a.get(3);
        long removed = 0;
        if (count >= 0) {
            for (int i = 0; i < list.size() && (count == 0 || removed < count); ) {
                if (Arrays.equals(list.get(i), element)) {
                    list.remove(i);
                    removed++;
                } else {
                    i++;
                }
            }
        } else {
            // -(-2^63) stays negative in Redis's C as in Java: no count stops it, every match from the tail goes
            for (int i = list.size() - 1; i >= 0 && (count == Long.MIN_VALUE || removed < -count); i--) {
                if (Arrays.equals(list.get(i), element)) {
                    list.remove(i);
                    removed++;
                }
            }
        }
        if (removed > 0) {
            removeIfEmpty(c.db(), key, list);
            c.modified(key);
            c.engine.countChanges(removed, 1);
        }
        c.reply.integer(removed);
    }

    private static void ltrim(Client c, List<byte[]> a) {
        long start = Args.integer(a.get(2));
        long end = Args.integer(a.get(3));
        Key key = Args.key(a.get(1));
        ListValue list = Lookup.list(c.db(), key);
        if (list == null) {
            c.reply.ok();
            return;
        }
        long length = list.size();
        if (start < 0) {
            start += length;
        }
        if (end < 0) {
            end += length;
        }
        start = Math.max(start, 0);
        long kept = 0;
        if (start > end || start >= length) {
            c.db().delete(key);
        } else {
            list.trim((int) start, (int) Math.min(end, length - 1));
            kept = list.size();
        }
        c.modified(key);
        c.engine.countChanges(length - kept, 1); // Redis: a change an element cut, none if nothing was
        c.reply.ok();
    }

    private static void lpos(Client c, List<byte[]> a) {
        long rank = 1, count = -1, maxlen = 0;
        for (int i = 3; i < a.size(); i++) {
            boolean hasValue = i + 1 < a.size();
            if (Args.is(a.get(i), "RANK") && hasValue) {
                rank = Args.integer(a.get(++i));
                if (rank == 0) {
                    throw new CommandError("ERR RANK can't be zero: use 1 to start from the first match, 2 from the "
                            + "second ... or use negative to start from the end of the list");
                }
            } else if (Args.is(a.get(i), "COUNT") && hasValue) {
                count = Args.integer(a.get(++i), "ERR COUNT can't be negative");
                if (count < 0) {
                    throw new CommandError("ERR COUNT can't be negative");
                }
            } else if (Args.is(a.get(i), "MAXLEN") && hasValue) {
                maxlen = Args.integer(a.get(++i), "ERR MAXLEN can't be negative");
                if (maxlen < 0) {
                    throw new CommandError("ERR MAXLEN can't be negative");
                }
            } else {
                throw CommandError.syntax();
            }
        }
        ListValue list = Lookup.list(c.db(), Args.key(a.get(1)));
        List<Long> found = new ArrayList<>();
        if (list != null) {
            // Redis 7.0 negates a negative rank, and -(-2^63) stays -2^63: from the tail, every match counts, and
            // COUNT never ends the search (its matches-rank+1 overflows too).
            boolean wrapped = rank == Long.MIN_VALUE;
            long toSkip = wrapped ? 0 : Math.abs(rank) - 1;
            int size = list.size();
            for (int n = 0; n < size && (maxlen == 0 || n < maxlen); n++) {
                int index = rank > 0 ? n : size - 1 - n;
                if (Arrays.equals(list.get(index), a.get(2))) {
                    if (toSkip > 0) {
                        toSkip--;
                    } else {
                        found.add((long) index);
                        if (count < 0 || (count != 0 && !wrapped && found.size() >= count)) {
                            break;
                        }
                    }
                }
            }
        }
        if (count < 0) {
            if (found.isEmpty()) {
                c.reply.nullBulk();
            } else {
                c.reply.integer(found.get(0));
            }
        } else {
            c.reply.arrayHeader(found.size());
            found.forEach(c.reply::integer);
        }
    }

    /** LMOVE and RPOPLPUSH: pop from one end of {@code from}, push on one end of {@code to}, in one step. */
    static void lmove(Client c, byte[] fromBytes, byte[] toBytes, boolean fromLeft, boolean toLeft) {
        Key from = Args.key(fromBytes);
        ListValue source = Lookup.list(c.db(), from);
        if (source == null) {
            c.reply.nullBulk();
            return;
        }
        c.reply.bulk(move(c, from, source, Args.key(toBytes), fromLeft, toLeft));
    }

    /**
     * Moves one element of a non-empty source list; throws WRONGTYPE before changing anything. From the
     * compatibility step on it also writes the reply, between the push's event and the pop's, as Redis does.
     */
    static byte[] move(Client c, Key from, ListValue source, Key to, boolean fromLeft, boolean toLeft) {
        ListValue target = Lookup.list(c.db(), to);
        byte[] element = fromLeft ? source.removeFirst() : source.removeLast();
        if (target == null) {
            target = source.size() == 0 && from.equals(to) ? source : new ListValue();
            c.db().put(to, target);
        }
        if (toLeft) {
            target.addFirst(element);
        } else {
            target.addLast(element);
        }
        removeIfEmpty(c.db(), from, source);
        c.modified(from);
        c.modified(to);
        c.engine.countChanges(1, 2); // Redis counts the move once
        return element;
    }
}
