package dev.buildredis.differential;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Judges the two replies to one call by its {@link Check}: byte for byte, or by the invariant that holds where
 * Redis leaves the reply open (any member of the set, any order of a hash table, the clock). Where a call changed
 * the two servers differently (SPOP), {@link Resync} brings them back to one state.
 */
final class Invariants {

    /** SCAN pages followed before the runner calls a cursor endless. */
    private static final int MAX_SCAN_PAGES = 100_000;

    private final Side expected;
    private final Side actual;
    private final Resync resync;

    Invariants(Side expected, Side actual, Resync resync) {
        this.expected = expected;
        this.actual = actual;
        this.resync = resync;
    }

    /** Null if the replies match by the call's check, else what differs. */
    String check(Call call, Frame e, Frame a, int db, boolean inExec, Runner.State state) {
        if (isLexStore(call) && e.isInteger() && Arrays.equals(e.raw(), a.raw())) {
            // the same count may still be other members: the destination is made redis-server's
            lex(call, db, inExec, state);
            return null;
        }
        if (Arrays.equals(e.raw(), a.raw()) && !(call.check() == Check.SCAN && !inExec)) {
            return null;
        }
        String exact = exact(e, a);
        if (e.type() != a.type() || e.isError() || e.isMissing() || a.isMissing()) {
            return exact;
        }
        String broken = switch (effectiveCheck(call)) {
            case EXACT, PUBLISH -> "";
            case UNORDERED -> sameElements(e, a, 1) ? null : "";
            case COMPACT_ORDER, COMPACT_ORDER_PAIRS -> compactOrder(call, e, a, db, inExec);
            case SECONDS -> near(e, a, 1);
            case IDLETIME -> near(e, a, 1) == null || (e.isInteger() && e.asLong() >= 0 && a.asLong() >= 0
                    && (inExec || expected.query(db, "OBJECT", "REFCOUNT", call.arg(2)).string()
                    .equals(Integer.toString(Integer.MAX_VALUE)))) ? null : near(e, a, 1);
            case MILLISECONDS -> near(e, a, 1500);
            case SHAPE -> sameShape(e, a) ? null : "not the same shape";
            case HELLO -> hello(e, a);
            case HELP -> help(e, a);
            case SCAN -> scan(call, e, a, db, inExec);
            case SPOP -> spop(call, e, a, db, inExec, state);
            case SRANDMEMBER -> srandmember(call, e, a, db, inExec);
            case RANDOMKEY -> randomKey(e, a, db, inExec);
            case RANDFIELD -> randField(call, e, a, db, inExec);
            case SORT -> sort(call, e, a, db, inExec);
            case LEX -> lex(call, db, inExec, state);
            case REFCOUNT -> inExec && e.string().equals("2") && a.string().equals("1") ? null : "";
        };
        if (broken == null) {
            return null;
        }
        return broken.isEmpty() ? exact : exact + "\n  (" + call.check() + ": " + broken + ")";
    }

    /**
     * The call's check, but by name where a mutation may have made a call of another kind: a SCAN family call
     * with a valid cursor, a sorted-set member range.
     */
    private static Check effectiveCheck(Call call) {
        return switch (call.name()) {
            case "scan", "hscan", "sscan", "zscan" -> Check.SCAN;
            case "zlexcount", "zrangebylex", "zrevrangebylex", "zremrangebylex" -> Check.LEX;
            case "zrange", "zrangestore" -> call.args().stream().anyMatch(arg -> arg.equalsIgnoreCase("BYLEX"))
                    ? Check.LEX : call.check();
            default -> call.check();
        };
    }

    /** Null if the two frames are the same bytes, else both of them. */
    static String exact(Frame e, Frame a) {
        if (Arrays.equals(e.raw(), a.raw())) {
            return null;
        }
        return "redis-server: " + e + "\nthis server:  " + a;
    }

    /** The same type and count, and the same elements (or groups of {@code group}) in any order. */
    private static boolean sameElements(Frame e, Frame a, int group) {
        return e.children().size() == a.children().size() && sorted(e, group).equals(sorted(a, group));
    }

    private static List<String> sorted(Frame frame, int group) {
        List<String> groups = new ArrayList<>();
        List<Frame> children = frame.children();
        for (int i = 0; i + group <= children.size(); i += group) {
            StringBuilder s = new StringBuilder();
            for (int j = i; j < i + group; j++) {
                s.append(new String(children.get(j).raw(), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            groups.add(s.toString());
        }
        groups.sort(null);
        return groups;
    }

    private String compactOrder(Call call, Frame e, Frame a, int db, boolean inExec) {
        int group = call.check() == Check.COMPACT_ORDER_PAIRS && e.type() != '%' ? 2 : 1;
        if (e.type() == '%') {
            group = 2; // a RESP3 map: its keys and values in turn
        }
        if (!sameElements(e, a, group)) {
            return "";
        }
        if (inExec) {
            return null; // the encoding it had inside EXEC is gone
        }
        String encoding = expected.query(db, "OBJECT", "ENCODING", call.arg(1)).string();
        return encoding.equals("hashtable") ? null
                : "the same elements in another order, though the key is a " + encoding + ", whose order Redis keeps";
    }

    private static String near(Frame e, Frame a, long tolerance) {
        if (!e.isInteger()) {
            return "";
        }
        long x = e.asLong();
        long y = a.asLong();
        return x >= 0 && y >= 0 && Math.abs(x - y) <= tolerance ? null : "more than " + tolerance + " apart";
    }

    private static boolean sameShape(Frame e, Frame a) {
        if (e.type() != a.type() || e.children().size() != a.children().size()) {
            return false;
        }
        for (int i = 0; i < e.children().size(); i++) {
            if (e.children().get(i).type() != a.children().get(i).type()) {
                return false;
            }
        }
        return true;
    }

    private static String help(Frame e, Frame a) {
        boolean lines = e.isAggregate() && a.isAggregate() && !a.children().isEmpty()
                && a.children().stream().allMatch(line -> line.type() == '+');
        return lines && Arrays.equals(e.children().getFirst().raw(), a.children().getFirst().raw()) ? null
                : "not a help text beginning as Redis's";
    }

    /** HELLO's map: every field the same but the client's id, which must be an integer on both. */
    private static String hello(Frame e, Frame a) {
        if (!e.isAggregate() || e.children().size() != a.children().size()) {
            return "";
        }
        for (int i = 0; i + 1 < e.children().size(); i += 2) {
            Frame key = e.children().get(i);
            Frame value = e.children().get(i + 1);
            Frame otherValue = a.children().get(i + 1);
            boolean same = Arrays.equals(key.raw(), a.children().get(i).raw()) && (key.string().equals("id")
                    ? value.isInteger() && otherValue.isInteger()
                    : Arrays.equals(value.raw(), otherValue.raw()));
            if (!same) {
                return "field " + key.string() + " differs";
            }
        }
        return null;
    }

    /**
     * SCAN and its kin from cursor 0: each server's cursor is followed to the end, and the union of the pages must
     * be the same (pairs for HSCAN and ZSCAN). Inside EXEC, or from another cursor, only the shape is compared.
     */
    private String scan(Call call, Frame e, Frame a, int db, boolean inExec) {
        if (!sameShape(e, a) || e.children().size() != 2) {
            return "";
        }
        int cursorAt = call.name().equals("scan") ? 1 : 2;
        if (inExec || !(call.arg(cursorAt).equals("0") || call.arg(cursorAt).isEmpty())) {
            return null;
        }
        int group = call.name().equals("hscan") || call.name().equals("zscan") ? 2 : 1;
        Set<String> fromExpected = scanAll(expected, call, cursorAt, e, db, group);
        Set<String> fromActual = scanAll(actual, call, cursorAt, a, db, group);
        if (fromActual == null) {
            return "this server's cursor did not come back to 0 within " + MAX_SCAN_PAGES + " pages";
        }
        return fromExpected.equals(fromActual) ? null : "a full iteration gives " + fromExpected + " on redis-server, "
                + fromActual + " here";
    }

    private static Set<String> scanAll(Side side, Call call, int cursorAt, Frame first, int db, int group) {
        Set<String> seen = new TreeSet<>();
        Frame page = first;
        for (int pages = 0; pages < MAX_SCAN_PAGES; pages++) {
            if (page.children().size() != 2) {
                return null;
            }
            for (int i = 0; i + group <= page.children().get(1).children().size(); i += group) {
                StringBuilder s = new StringBuilder();
                for (int j = i; j < i + group; j++) {
                    s.append(Escape.literal(page.children().get(1).children().get(j).raw()));
                }
                seen.add(s.toString());
            }
            String cursor = page.children().get(0).string();
            if (cursor.equals("0")) {
                return seen;
            }
            List<String> next = new ArrayList<>(call.args());
            next.set(cursorAt, cursor);
            page = side.query(db, next);
        }
        return null;
    }

    private String spop(Call call, Frame e, Frame a, int db, boolean inExec, Runner.State state) {
        if (e.isNull() || count(e) != count(a)) {
            return "";
        }
        if (inExec) {
            state.toResync.add(new Runner.DbKey(db, call.arg(1)));
            return null;
        }
        Set<String> poppedHere = Resync.members(e);
        Set<String> poppedThere = Resync.members(a);
        Set<String> leftHere = Resync.members(expected.query(db, "SMEMBERS", call.arg(1)));
        Set<String> leftThere = Resync.members(actual.query(db, "SMEMBERS", call.arg(1)));
        if (poppedThere.size() != count(a) || poppedThere.stream().anyMatch(leftThere::contains)) {
            return "this server popped " + poppedThere + " and kept " + leftThere;
        }
        Set<String> before = new HashSet<>(poppedHere);
        before.addAll(leftHere);
        Set<String> beforeThere = new HashSet<>(poppedThere);
        beforeThere.addAll(leftThere);
        if (!before.equals(beforeThere)) {
            return "popped from another set: " + beforeThere + " rather than " + before;
        }
        resync.set(db, call.arg(1));
        return null;
    }

    private String srandmember(Call call, Frame e, Frame a, int db, boolean inExec) {
        if (e.isNull() || count(e) != count(a)) {
            return "";
        }
        if (inExec) {
            return null;
        }
        Set<String> set = Resync.members(actual.query(db, "SMEMBERS", call.arg(1)));
        List<String> drawn = a.isAggregate() ? a.children().stream().map(Frame::string).toList() : List.of(a.string());
        if (!set.containsAll(drawn)) {
            return "not all of " + drawn + " are in " + set;
        }
        boolean distinct = !call.arg(2).startsWith("-");
        return !distinct || new HashSet<>(drawn).size() == drawn.size() ? null : "repeated members: " + drawn;
    }

    private String randomKey(Frame e, Frame a, int db, boolean inExec) {
        if (inExec || e.isNull()) {
            return e.isNull() ? "" : null;
        }
        return actual.query(db, "EXISTS", a.string()).asLong() == 1 ? null : "a key that does not exist";
    }

    /** ZRANGESTORE ... BYLEX: a member range stored, which is the source's walk. */
    private static boolean isLexStore(Call call) {
        return call.name().equals("zrangestore") && call.args().stream().anyMatch(arg -> arg.equalsIgnoreCase("BYLEX"));
    }

    /**
     * A member range that differs: only where redis-server's sorted set is a skip list, after which both resync (the
     * key, or ZRANGESTORE's destination).
     */
    private String lex(Call call, int db, boolean inExec, Runner.State state) {
        String key = call.arg(1);
        String source = isLexStore(call) ? call.arg(2) : key;
        if (!expected.query(db, "OBJECT", "ENCODING", source).string().equals("skiplist")) {
            return "";
        }
        if (inExec) {
            state.toResync.add(new Runner.DbKey(db, key));
        } else {
            resync.key(db, key);
        }
        return null;
    }

    /**
     * ZRANDMEMBER's and HRANDFIELD's draw: as many members as redis-server drew, each in the key (as this server
     * holds it) and, WITHSCORES or WITHVALUES, with its own score or value; no member twice for a positive count.
     */
    private String randField(Call call, Frame e, Frame a, int db, boolean inExec) {
        if (e.isNull()) {
            return "";
        }
        List<Frame> drawnE = flat(e);
        List<Frame> drawnA = flat(a);
        if (drawnE.size() != drawnA.size()) {
            return "";
        }
        if (inExec) {
            return null;
        }
        boolean hash = call.name().equals("hrandfield");
        Frame all = actual.query(db, hash ? List.of("HGETALL", call.arg(1))
                : List.of("ZRANGE", call.arg(1), "0", "-1", "WITHSCORES"));
        java.util.Map<String, String> contents = new java.util.HashMap<>();
        for (int i = 0; i + 1 < all.children().size(); i += 2) {
            contents.put(all.children().get(i).string(), all.children().get(i + 1).string());
        }
        int group = call.args().size() > 3 ? 2 : 1;
        List<String> drawn = new ArrayList<>();
        for (int i = 0; i + group <= drawnA.size(); i += group) {
            String member = drawnA.get(i).string();
            drawn.add(member);
            if (!contents.containsKey(member)) {
                return Escape.literal(drawnA.get(i).raw()) + " is not in the key";
            }
            if (group == 2 && !sameNumber(contents.get(member), drawnA.get(i + 1).string())) {
                return Escape.literal(drawnA.get(i).raw()) + " with " + drawnA.get(i + 1) + ", not "
                        + contents.get(member);
            }
        }
        boolean distinct = !call.arg(2).startsWith("-");
        return !distinct || new HashSet<>(drawn).size() == drawn.size() ? null : "repeated members: " + drawn;
    }

    /** A RESP3 reply's pairs (arrays of two) taken out of their arrays. */
    private static List<Frame> flat(Frame reply) {
        if (!reply.isAggregate()) {
            return List.of(reply);
        }
        List<Frame> flat = new ArrayList<>();
        for (Frame child : reply.children()) {
            if (child.isAggregate()) {
                flat.addAll(child.children());
            } else {
                flat.add(child);
            }
        }
        return flat;
    }

    /** The same text, or (a score as RESP3's double and as RESP2's string) the same number. */
    private static boolean sameNumber(String x, String y) {
        if (x.equals(y)) {
            return true;
        }
        try {
            return Double.parseDouble(x.replace("inf", "Infinity")) == Double.parseDouble(y.replace("inf", "Infinity"));
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    /**
     * SORT where Redis's order is open (see {@link Check#SORT}): a set held as a hash table, sorted ALPHA or not
     * at all, or a sorted set sorted ALPHA. Then the same elements, each with its GET values, in any order; under a
     * LIMIT, only as many.
     */
    private String sort(Call call, Frame e, Frame a, int db, boolean inExec) {
        if (!e.isAggregate()) {
            return "";
        }
        boolean alpha = false, limit = false, dontSort = false;
        int gets = 0;
        for (int i = 2; i < call.args().size(); i++) {
            String arg = call.arg(i).toUpperCase(java.util.Locale.ROOT);
            alpha |= arg.equals("ALPHA");
            limit |= arg.equals("LIMIT");
            gets += arg.equals("GET") ? 1 : 0;
            if (arg.equals("BY")) {
                dontSort = !call.arg(i + 1).contains("*");
            }
        }
        String type = expected.query(db, "TYPE", call.arg(1)).string();
        boolean hashTable = type.equals("set") && (inExec || expected.query(db, "OBJECT", "ENCODING", call.arg(1))
                .string().equals("hashtable"));
        boolean open = hashTable && (alpha || dontSort) || type.equals("zset") && alpha && !dontSort;
        if (!open) {
            return "";
        }
        if (limit) {
            return e.children().size() == a.children().size() ? null : "";
        }
        return sameElements(e, a, Math.max(1, gets)) ? null : "";
    }

    private static int count(Frame reply) {
        return reply.isAggregate() ? reply.children().size() : 1;
    }
}
