package dev.buildredis.engine;

import dev.buildredis.protocol.Reply;
import dev.buildredis.store.Key;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Client-side caching, as Redis 7.0's {@code tracking.c}: a client that turned tracking on is told when a key it
 * may have cached changes, so that it drops its copy.
 * <pre>
 *   default   each key a tracking client read is remembered (by name, in any database); the first change to it
 *             sends   &gt;2 $10 invalidate *1 $&lt;key&gt;   to that client (RESP3) and forgets it: one message a read
 *   OPTIN     only the keys read by the command after CLIENT CACHING YES;  OPTOUT: all but after CACHING NO
 *   BCAST     nothing is remembered: every change to a key under one of the client's prefixes ("" by default) is
 *             sent, the changes of one event-loop turn gathered into one message a prefix
 *   NOLOOP    not told of its own changes
 *   REDIRECT  the messages go to another connection: RESP3 as pushes, or a RESP2 connection subscribed to
 *             __redis__:invalidate as   *3 $7 message $20 __redis__:invalidate *1 $&lt;key&gt;
 *   FLUSHALL / FLUSHDB    every tracking client gets   invalidate   with a null instead of keys
 * </pre>
 * A client's messages about its own command come after that command's reply. The table of remembered keys is held
 * under {@code tracking-table-max-keys} by invalidating keys at random, as Redis does.
 */
public final class Tracking {

    /** One client's tracking options (null in {@link Client#tracking} while tracking is off). */
    public static final class State {
        long redirect;
        boolean bcast;
        boolean optin;
        boolean optout;
        boolean noloop;
        boolean brokenRedirect;
        /** BCAST's prefixes, in byte order as Redis's radix tree lists them. */
        final Set<Key> prefixes = new java.util.TreeSet<>(Tracking::compare);
    }

    private static final Key CHANNEL = new Key(Args.bytes("__redis__:invalidate"));
    private static final byte[] INVALIDATE = Args.bytes("invalidate");
    private static final byte[] MESSAGE = Args.bytes("message");
    private static final byte[] BROKEN = Args.bytes("tracking-redir-broken");
    /** The keys changed in this turn under each prefix, and the client that changed each last (for NOLOOP). */
    private final Map<Key, Prefix> prefixes = new TreeMap<>(Tracking::compare);
    private final Map<Key, Set<Long>> table = new HashMap<>();
    private final List<Key> pending = new ArrayList<>(); // the current client's own invalidations; null: a flush
    private final Engine engine;
    private int clients;
    private long items;
    private int overLimitRuns;

    private static final class Prefix {
        final Set<Client> clients = new LinkedHashSet<>();
        final Map<Key, Client> keys = new TreeMap<>(Tracking::compare);
    }

    Tracking(Engine engine) {
        this.engine = engine;
        engine.settings().mutable("tracking-table-max-keys", Parameter.integer(0, Long.MAX_VALUE), 1_000_000L);
    }

    // ---- CLIENT TRACKING, CACHING, GETREDIR, TRACKINGINFO

    /**
     * CLIENT TRACKING ON with its options, checked as Redis checks them, in its order.
     *
     * @throws CommandError with Redis's text
     */
    public void enable(Client c, long redirect, boolean bcast, boolean optin, boolean optout, boolean noloop,
                       List<Key> newPrefixes) {
        State old = c.tracking;
        if (!bcast && !newPrefixes.isEmpty()) {
            throw new CommandError("ERR PREFIX option requires BCAST mode to be enabled");
        }
        if (old != null && old.bcast != bcast) {
            throw new CommandError("ERR You can't switch BCAST mode on/off before disabling tracking for this "
                    + "client, and then re-enabling it with a different mode.");
        }
        if (bcast && (optin || optout)) {
            throw new CommandError("ERR OPTIN and OPTOUT are not compatible with BCAST");
        }
        if (optin && optout) {
            throw new CommandError("ERR You can't specify both OPTIN mode and OPTOUT mode");
        }
        if (old != null && ((optin && old.optout) || (optout && old.optin))) {
            throw new CommandError("ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this "
                    + "client, and then re-enabling it with a different mode.");
        }
        if (bcast) {
            checkCollisions(old, newPrefixes);
        }
        State state = old != null ? old : new State();
        if (old == null) {
            clients++;
        }
        state.redirect = redirect;
        state.bcast = bcast;
        state.optin = optin;
        state.optout = optout;
        state.noloop = noloop;
        state.brokenRedirect = false;
        c.tracking = state;
        if (bcast) {
            for (Key prefix : newPrefixes.isEmpty() ? List.of(new Key(new byte[0])) : newPrefixes) {
                state.prefixes.add(prefix);
                prefixes.computeIfAbsent(prefix, p -> new Prefix()).clients.add(c);
            }
        }
    }

    private static void checkCollisions(State old, List<Key> added) {
        for (int i = 0; i < added.size(); i++) {
            byte[] prefix = added.get(i).bytes();
            if (old != null) {
                for (Key existing : old.prefixes) {
                    if (overlap(existing.bytes(), prefix)) {
                        throw new CommandError("ERR Prefix '" + Args.text(prefix) + "' overlaps with an existing "
                                + "prefix '" + Args.text(existing.bytes()) + "'. Prefixes for a single client must "
                                + "not overlap.");
                    }
                }
            }
            for (int j = i + 1; j < added.size(); j++) {
                if (overlap(prefix, added.get(j).bytes())) {
                    throw new CommandError("ERR Prefix '" + Args.text(prefix) + "' overlaps with another provided "
                            + "prefix '" + Args.text(added.get(j).bytes()) + "'. Prefixes for a single client must "
                            + "not overlap.");
                }
            }
        }
    }

    /** Redis's stringCheckPrefix: one is a prefix of the other. */
    private static boolean overlap(byte[] a, byte[] b) {
        return Arrays.equals(a, 0, Math.min(a.length, b.length), b, 0, Math.min(a.length, b.length));
    }

    /** CLIENT TRACKING OFF, RESET, a closed connection. */
    public void disable(Client c) {
        State state = c.tracking;
        if (state == null) {
            return;
        }
        for (Key prefix : state.prefixes) {
            Prefix p = prefixes.get(prefix);
            if (p != null) {
                p.clients.remove(c);
                if (p.clients.isEmpty()) {
                    prefixes.remove(prefix);
                }
            }
        }
        c.tracking = null;
        c.trackingCaching = false;
        clients--;
    }

    /**
     * CLIENT CACHING YES|NO: whether the next command's keys are remembered, against the OPTIN or OPTOUT default.
     *
     * @throws CommandError with Redis's text when tracking is off or in the other mode
     */
    public static void caching(Client c, byte[] yesOrNo) {
        State state = c.tracking;
        if (state == null) {
            throw new CommandError("ERR CLIENT CACHING can be called only when the client is in tracking mode with "
                    + "OPTIN or OPTOUT mode enabled");
        }
        if (Args.is(yesOrNo, "YES")) {
            if (!state.optin) {
                throw new CommandError("ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.");
            }
        } else if (Args.is(yesOrNo, "NO")) {
            if (!state.optout) {
                throw new CommandError("ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.");
            }
        } else {
            throw CommandError.syntax();
        }
        c.trackingCaching = true;
    }

    /** CLIENT GETREDIR: the client messages go to, 0 for none, -1 when tracking is off. */
    public static long redirect(Client c) {
        return c.tracking == null ? -1 : c.tracking.redirect;
    }

    /** CLIENT TRACKINGINFO: a map of flags (a set), redirect and prefixes, as Redis replies. */
    public static void info(Client c) {
        State s = c.tracking;
        List<String> flags = new ArrayList<>();
        flags.add(s != null ? "on" : "off");
        if (s != null) {
            if (s.bcast) {
                flags.add("bcast");
            }
            if (s.optin) {
                flags.add("optin");
                if (c.trackingCaching) {
                    flags.add("caching-yes");
                }
            }
            if (s.optout) {
                flags.add("optout");
                if (c.trackingCaching) {
                    flags.add("caching-no");
                }
            }
            if (s.noloop) {
                flags.add("noloop");
            }
            if (s.brokenRedirect) {
                flags.add("broken_redirect");
            }
        }
        c.reply.mapHeader(3);
        c.reply.bulk("flags");
        c.reply.setHeader(flags.size());
        flags.forEach(c.reply::bulk);
        c.reply.bulk("redirect");
        c.reply.integer(s == null ? -1 : s.redirect);
        c.reply.bulk("prefixes");
        c.reply.arrayHeader(s == null ? 0 : s.prefixes.size());
        if (s != null) {
            s.prefixes.forEach(p -> c.reply.bulk(p.bytes()));
        }
    }

    /** CLIENT LIST's flags: t tracking, R its redirect is gone, B broadcasting. */
    /** INFO stats: the keys remembered, the (key, client) pairs behind them, and the BCAST prefixes. */
    void stats(StringBuilder s) {
        long items = 0;
        for (Set<Long> clients : table.values()) {
            items += clients.size();
        }
        Info.line(s, "tracking_total_keys", table.size());
        Info.line(s, "tracking_total_items", items);
        Info.line(s, "tracking_total_prefixes", prefixes.size());
    }

    public static String flagsOf(Client c) {
        State s = c.tracking;
        return s == null ? "" : "t" + (s.brokenRedirect ? "R" : "") + (s.bcast ? "B" : "");
    }

    // ---- the engine's hooks

    /** Whether anything may need telling: the hooks cost one comparison while nobody tracks. */
    boolean active() {
        return clients > 0;
    }

    // tag::remember[]
    /** After a read-only command of a tracking client (not BCAST): its keys may be cached there now. */
    void remember(Client c, Command command, List<byte[]> args) {
        State s = c.tracking;
        if (s == null || s.bcast || command.has(CommandFlag.PUBSUB)
                || (s.optin && !c.trackingCaching) || (s.optout && c.trackingCaching)) {
            return;
        }
        for (int position : command.keyPositions(args.size())) {
            if (table.computeIfAbsent(new Key(args.get(position)), k -> new LinkedHashSet<>()).add(c.id)) {
                items++;
            }
        }
    }
    // end::remember[]

    // tag::invalidate[]
    /**
     * A key changed (any database: the table knows names only): every client that may cache it is told once and
     * forgotten, and a BCAST prefix it falls under notes it for the end of the turn.
     */
    void invalidate(Key key, Client by, boolean broadcast) {
        if (broadcast && !prefixes.isEmpty()) {
            for (Map.Entry<Key, Prefix> prefix : prefixes.entrySet()) {
                byte[] p = prefix.getKey().bytes();
                if (p.length <= key.bytes().length && Arrays.equals(p, 0, p.length, key.bytes(), 0, p.length)) {
                    prefix.getValue().keys.put(key, by);
                }
            }
        }
        Set<Long> ids = table.remove(key);
        if (ids == null) {
            return;
        }
        items -= ids.size();
        for (long id : ids) {
            Client target = engine.client(id);
            if (target == null || target.tracking == null || target.tracking.bcast
                    || (target.tracking.noloop && target == by)) {
                continue;
            }
            if (target == by) {
                pending.add(key); // after the reply to the command that changed it
            } else {
                send(target, List.of(key));
            }
        }
    }
    // end::invalidate[]

    /** FLUSHDB, FLUSHALL: every tracking client is told to drop everything; the table is emptied. */
    void invalidateAll(Client by) {
        for (Client c : engine.clients()) {
            if (c.tracking != null) {
                if (c == by) {
                    pending.add(null);
                } else {
                    send(c, null);
                }
            }
        }
        table.clear();
        items = 0;
    }

    /** After a command of {@code c}: the invalidations of its own changes, then its CACHING flag is spent. */
    void afterCommand(Client c) {
        if (!pending.isEmpty()) {
            if (c.tracking != null) {
                for (Key key : pending) {
                    send(c, key == null ? null : List.of(key));
                }
            }
            pending.clear();
        }
        if (!c.inMulti() && !c.lastCommand.startsWith("client|")) {
            c.trackingCaching = false;
        }
        limit();
    }

    /** At the end of the event loop's turn: each BCAST prefix sends the keys changed under it, one message. */
    void broadcast() {
        for (Prefix prefix : prefixes.values()) {
            if (prefix.keys.isEmpty()) {
                continue;
            }
            for (Client c : prefix.clients) {
                List<Key> keys = new ArrayList<>();
                prefix.keys.forEach((key, by) -> {
                    if (!(c.tracking != null && c.tracking.noloop && by == c)) {
                        keys.add(key);
                    }
                });
                if (!keys.isEmpty()) {
                    send(c, keys);
                }
            }
            prefix.keys.clear();
        }
    }

    /** tracking-table-max-keys: over it, keys are invalidated at random, more of them each time it stays over. */
    private void limit() {
        long max = engine.settings().number("tracking-table-max-keys");
        if (max == 0 || table.size() <= max) {
            overLimitRuns = 0;
            return;
        }
        int effort = 100 * (overLimitRuns + 1);
        List<Key> keys = new ArrayList<>(table.keySet());
        while (effort-- > 0 && !keys.isEmpty()) {
            Key key = keys.remove(engine.random.nextInt(keys.size()));
            invalidate(key, null, false);
            if (table.size() <= max) {
                overLimitRuns = 0;
                return;
            }
        }
        overLimitRuns++;
    }

    // tag::send[]
    /** Redis's sendTrackingMessage: {@code keys} null means "everything" (a flush). */
    private void send(Client c, List<Key> keys) {
        State state = c.tracking;
        Client to = c;
        boolean redirected = false;
        if (state.redirect != 0) {
            to = engine.client(state.redirect);
            if (to == null) {
                state.brokenRedirect = true;
                if (c.reply.resp3()) {
                    c.reply.pushHeader(2);
                    c.reply.bulk(BROKEN);
                    c.reply.integer(state.redirect);
                    engine.flushLater(c);
                }
                return;
            }
            redirected = true;
        }
        Reply out = to.reply;
        if (out.resp3()) {
            out.pushHeader(2);
            out.bulk(INVALIDATE);
        } else if (redirected && to.subscriptionCount() > 0) {
            out.arrayHeader(3);
            out.bulk(MESSAGE);
            out.bulk(CHANNEL.bytes());
        } else {
            return; // RESP2 without a redirect has no way to be told
        }
        if (keys == null) {
            out.raw(c.reply.resp3() ? NULL3 : NULL2); // the tracking client's null, as Redis sends it
        } else {
            out.arrayHeader(keys.size());
            keys.forEach(k -> out.bulk(k.bytes()));
        }
        engine.flushLater(to);
    }
    // end::send[]

    private static final byte[] NULL2 = Args.bytes("$-1\r\n");
    private static final byte[] NULL3 = Args.bytes("_\r\n");

    /** INFO's tracking_total_keys, tracking_total_items, tracking_total_prefixes, tracking_clients. */
    long keys() {
        return table.size();
    }

    long items() {
        return items;
    }

    int prefixCount() {
        return prefixes.size();
    }

    int clientCount() {
        return clients;
    }

    private static int compare(Key a, Key b) {
        return Arrays.compareUnsigned(a.bytes(), b.bytes());
    }
}
