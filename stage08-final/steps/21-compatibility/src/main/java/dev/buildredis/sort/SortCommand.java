package dev.buildredis.sort;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.store.Database;
import dev.buildredis.store.HashValue;
import dev.buildredis.store.Key;
import dev.buildredis.store.ListValue;
import dev.buildredis.store.Numbers;
import dev.buildredis.store.PartialSort;
import dev.buildredis.store.SetValue;
import dev.buildredis.store.SkipList;
import dev.buildredis.store.SortedSetValue;
import dev.buildredis.store.StringValue;
import dev.buildredis.store.Value;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * SORT and SORT_RO: the elements of a list, set or sorted set, sorted as numbers or as strings, by themselves or by
 * the values of other keys, Redis's {@code sortCommandGeneric}.
 * <pre>
 * SORT key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC|DESC] [ALPHA] [STORE destination]
 * SORT l                        the elements as numbers, ascending  (-ERR One or more scores can't be converted
 *                               into double if one is not a number)
 * SORT l ALPHA DESC LIMIT 0 2   as strings, descending, the first two
 * SORT l BY w_*                 by the number in key w_&lt;element&gt; (0 if missing); BY nosort: not sorted at all
 * SORT l BY h_*->f GET # GET o_*    by field f of hash h_&lt;element&gt;; reply the element, then key o_&lt;element&gt;
 * SORT l STORE dst              :&lt;length&gt;, the result saved as a list
 * </pre>
 * Elements with the same weight are ordered by their own bytes, so that the result does not depend on the order a
 * set happens to hold them in. Only ALPHA with BY leaves ties as the sort finds them: stable for a whole sort (glibc's
 * qsort is a merge sort), Redis's partial quicksort for a LIMIT.
 */
public final class SortCommand {

    private SortCommand() {
    }

    public static List<Command> all() {
        return List.of(
                Command.of("sort", -2, "write denyoom movablekeys", 1, 1, 1, (c, a) -> sort(c, a, false)),
                Command.of("sort_ro", -2, "readonly movablekeys", 1, 1, 1, (c, a) -> sort(c, a, true)));
    }

    /** One element to sort and what it is sorted by: a number, or (ALPHA with BY) a string, null if missing. */
    private record Item(byte[] element, double score, byte[] weight) {
    }

    // tag::sort[]
    private static void sort(Client c, List<byte[]> a, boolean readOnly) {
        boolean desc = false, alpha = false, dontSort = false;
        long limitStart = 0, limitCount = -1;
        byte[] by = null;
        Key store = null;
        List<byte[]> gets = new ArrayList<>();
        for (int j = 2; j < a.size(); j++) {
            byte[] arg = a.get(j);
            int left = a.size() - j - 1;
            if (Args.is(arg, "ASC")) {
                desc = false;
            } else if (Args.is(arg, "DESC")) {
                desc = true;
            } else if (Args.is(arg, "ALPHA")) {
                alpha = true;
            } else if (Args.is(arg, "LIMIT") && left >= 2) {
                limitStart = Args.integer(a.get(j + 1));
                limitCount = Args.integer(a.get(j + 2));
                j += 2;
            } else if (!readOnly && Args.is(arg, "STORE") && left >= 1) {
                store = Args.key(a.get(++j));
            } else if (Args.is(arg, "BY") && left >= 1) {
                by = a.get(++j);
                dontSort = indexOf(by, (byte) '*', 0) < 0; // a constant pattern: nothing to sort by
            } else if (Args.is(arg, "GET") && left >= 1) {
                gets.add(a.get(++j));
            } else {
                throw CommandError.syntax();
            }
        }
        Database db = c.db();
        Value value = db.get(Args.key(a.get(1)));
        if (value != null && !(value instanceof ListValue || value instanceof SetValue
                || value instanceof SortedSetValue)) {
            throw new CommandError(CommandError.WRONGTYPE);
        }
        if (dontSort && value instanceof SetValue && store != null) {
            // A set's order is the server's own: what is stored (and replayed) must not depend on it.
            dontSort = false;
            alpha = true;
            by = null;
        }
        if (value instanceof SortedSetValue zset) {
            zset.toSkipList(); // Redis converts any sorted set it sorts (even SORT_RO, even BY nosort): a skip list
        }
        int length = value == null ? 0 : size(value);
        long start = Math.min(Math.max(limitStart, 0), length);
        long count = Math.min(Math.max(limitCount, -1), length);
        long end = count < 0 ? length - 1 : start + count - 1;
        if (start >= length) {
            start = length - 1;
            end = length - 2;
        }
        if (end >= length) {
            end = length - 1;
        }
        List<Item> items = new ArrayList<>();
        if (dontSort && (value instanceof ListValue || value instanceof SortedSetValue)) {
            range(value, (int) start, (int) end, desc, items); // already in order: only the page is read
            end -= start;
            start = 0;
        } else if (value != null) {
            elements(value, items);
        }
        boolean notNumber = false;
        if (!dontSort) {
            for (int j = 0; j < items.size(); j++) {
                byte[] weight = by == null ? items.get(j).element() : lookup(db, by, items.get(j).element());
                if (weight == null) {
                    continue; // a missing weight: 0, or null for ALPHA (first)
                }
                if (alpha) {
                    if (by != null) {
                        items.set(j, new Item(items.get(j).element(), 0, weight));
                    }
                } else {
                    Double score = Numbers.parseWhole(weight);
                    if (score == null) {
                        notNumber = true;
                    } else {
                        items.set(j, new Item(items.get(j).element(), score, null));
                    }
                }
            }
            Comparator<Item> order = comparator(alpha, by != null, store != null);
            if (desc) {
                order = order.reversed();
            }
            if (by != null && (start != 0 || end != items.size() - 1)) {
                PartialSort.sort(items, order, (int) start, (int) end);
            } else {
                items.sort(order);
            }
        }
        if (notNumber) {
            throw new CommandError("ERR One or more scores can't be converted into double");
        }
        long outputLength = (gets.isEmpty() ? 1 : gets.size()) * (end - start + 1);
        if (store == null) {
            c.reply.arrayHeader(outputLength);
            for (long j = start; j <= end; j++) {
                byte[] element = items.get((int) j).element();
                if (gets.isEmpty()) {
                    c.reply.bulk(element);
                }
                for (byte[] get : gets) {
                    byte[] found = lookup(db, get, element);
                    if (found == null) {
                        c.reply.nullBulk();
                    } else {
                        c.reply.bulk(found);
                    }
                }
            }
            return;
        }
        ListValue result = new ListValue();
        for (long j = start; j <= end; j++) {
            byte[] element = items.get((int) j).element();
            if (gets.isEmpty()) {
                result.addLast(element);
            }
            for (byte[] get : gets) {
                byte[] found = lookup(db, get, element);
                result.addLast(found == null ? new byte[0] : found);
            }
        }
        if (outputLength > 0) {
            db.set(store, result);
            c.modified(store);
            c.engine.countChanges(outputLength, 1); // Redis: a change an element stored
        } else if (db.delete(store)) {
            c.modified(store);
        }
        c.reply.integer(outputLength);
    }
    // end::sort[]

    private static int size(Value value) {
        return switch (value) {
            case ListValue list -> list.size();
            case SetValue set -> set.size();
            case SortedSetValue zset -> zset.size();
            default -> 0;
        };
    }

    /**
     * Every element, in the value's own order (a set: ascending integers while an intset, else its hash order; a
     * sorted set: by score here, where Redis reads its hash table, so ALPHA BY ties of a sorted set may differ).
     */
    private static void elements(Value value, List<Item> out) {
        switch (value) {
            case ListValue list -> {
                for (int i = 0; i < list.size(); i++) {
                    out.add(new Item(list.get(i), 0, null));
                }
            }
            case SetValue set -> set.members().forEach(m -> out.add(new Item(m.bytes(), 0, null)));
            case SortedSetValue zset -> {
                for (SkipList.Node n = zset.list().first(); n != null; n = n.next()) {
                    out.add(new Item(n.member().bytes(), 0, null));
                }
            }
            default -> throw new IllegalStateException(value.typeName());
        }
    }

    /** BY without '*': positions start to end of a list or sorted set in its own order, from the tail if DESC. */
    private static void range(Value value, int start, int end, boolean desc, List<Item> out) {
        if (end < start) {
            return;
        }
        if (value instanceof ListValue list) {
            for (int i = start; i <= end; i++) {
                out.add(new Item(list.get(desc ? list.size() - 1 - i : i), 0, null));
            }
            return;
        }
        SortedSetValue zset = (SortedSetValue) value;
        SkipList.Node n = zset.list().byRank(desc ? zset.size() - 1 - start : start);
        for (int i = start; i <= end; i++) {
            out.add(new Item(n.member().bytes(), 0, null));
            n = desc ? n.previous() : n.next();
        }
    }

    /**
     * Redis's sortCompare: numbers, ties broken by the elements' bytes; ALPHA compares the elements, or with BY
     * their weights (a missing one first), as C strings (strcoll in the C locale: up to a zero byte) unless the
     * result is stored, where bytes are compared in full.
     */
    private static Comparator<Item> comparator(boolean alpha, boolean byPattern, boolean store) {
        Comparator<byte[]> strings = store ? SortCommand::binary : SortCommand::collate;
        if (!alpha) {
            return (x, y) -> x.score() > y.score() ? 1 : x.score() < y.score() ? -1 : binary(x.element(), y.element());
        }
        if (!byPattern) {
            return (x, y) -> strings.compare(x.element(), y.element());
        }
        return (x, y) -> {
            if (x.weight() == null || y.weight() == null) {
                return x.weight() == y.weight() ? 0 : x.weight() == null ? -1 : 1;
            }
            return strings.compare(x.weight(), y.weight());
        };
    }

    /** Redis's compareStringObjects: unsigned bytes, the shorter first when one starts the other. */
    private static int binary(byte[] x, byte[] y) {
        return Integer.signum(java.util.Arrays.compareUnsigned(x, y));
    }

    /** strcoll in the C locale, which is strcmp: unsigned bytes, each string ending at its first zero byte. */
    private static int collate(byte[] x, byte[] y) {
        for (int i = 0; ; i++) {
            int bx = i < x.length ? x[i] & 0xff : 0;
            int by = i < y.length ? y[i] & 0xff : 0;
            if (bx != by || bx == 0) {
                return Integer.compare(bx, by);
            }
        }
    }

    /**
     * The value a GET or BY pattern names for an element: {@code #} is the element itself; else the first
     * {@code *} is replaced by the element to make a key name, whose string value it is, or, if a {@code ->field}
     * follows the {@code *}, that field of the hash at the key. Null for a pattern without {@code *}, a missing key
     * or field, or a key of another type.
     */
    private static byte[] lookup(Database db, byte[] pattern, byte[] element) {
        if (pattern.length == 1 && pattern[0] == '#') {
            return element;
        }
        int star = indexOf(pattern, (byte) '*', 0);
        if (star < 0) {
            return null;
        }
        int arrow = -1;
        for (int i = star + 1; i + 1 < pattern.length; i++) {
            if (pattern[i] == '-' && pattern[i + 1] == '>') {
                arrow = i;
                break;
            }
        }
        boolean field = arrow >= 0 && arrow + 2 < pattern.length; // "->" at the very end is part of the key name
        int keyEnd = field ? arrow : pattern.length;
        byte[] name = new byte[star + element.length + keyEnd - star - 1];
        System.arraycopy(pattern, 0, name, 0, star);
        System.arraycopy(element, 0, name, star, element.length);
        System.arraycopy(pattern, star + 1, name, star + element.length, keyEnd - star - 1);
        Value value = db.get(new Key(name));
        if (field) {
            return value instanceof HashValue hash
                    ? hash.get(new Key(java.util.Arrays.copyOfRange(pattern, arrow + 2, pattern.length))) : null;
        }
        return value instanceof StringValue string ? string.bytes() : null;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
