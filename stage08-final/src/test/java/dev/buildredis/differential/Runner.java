// @step 25
package dev.buildredis.differential;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sends one sequence to both servers, call by call, and stops at the first call whose replies differ.
 *
 * <p>Each call is written to both servers before either reply is read, so the two run side by side. The runner
 * follows what it must know of the main client to read and judge its replies, from redis-server's replies: the
 * database it selected, whether it is inside MULTI and what it queued (EXEC's replies are judged one by one, each
 * by its own command's {@link Check}), and its subscriptions (UNSUBSCRIBE without arguments replies once a channel).
 * <pre>
 *   reset both ─▶ for each call: write to both ─▶ read both ─▶ compare (Check) ─▶ follow the state
 *                                                                   │ differ
 *                                                                   ▼
 *                                                               Difference
 * </pre>
 */
final class Runner implements AutoCloseable {

    private final Side expected;
    private final Side actual;
    private final Invariants invariants;
    private final Resync resync;
    private long calls;

    /** What the runner knows of the main client. */
    static final class State {
        int db;
        int protocol = 2;
        boolean inMulti;
        final List<Call> queued = new ArrayList<>();
        final Set<String> channels = new HashSet<>();
        final Set<String> patterns = new HashSet<>();
        /** Keys changed differently inside EXEC (SPOP, a member range on a skip list), to resync after it. */
        final Set<DbKey> toResync = new HashSet<>();
    }

    /** A key and its database. */
    record DbKey(int db, String key) {
    }

    Runner(InetSocketAddress redisServer, InetSocketAddress thisServer) {
        this.expected = new Side("redis-server", redisServer);
        this.actual = new Side("this server", thisServer);
        this.resync = new Resync(expected, actual);
        this.invariants = new Invariants(expected, actual, resync);
    }

    /** Calls sent so far, over every run. */
    long calls() {
        return calls;
    }

    // tag::run[]
    /** Runs a sequence from an empty server and fresh clients; the first difference, if any. */
    Optional<Difference> run(List<Call> sequence) {
        expected.reset();
        actual.reset();
        State state = new State();
        for (int i = 0; i < sequence.size(); i++) {
            Call call = sequence.get(i);
            calls++;
            String problem = call.other() ? other(call, state) : main(call, state);
            if (problem != null) {
                return Optional.of(new Difference(sequence, i, problem));
            }
        }
        return Optional.empty();
    }
    // end::run[]

    private String other(Call call, State state) {
        expected.other().write(call.args());
        actual.other().write(call.args());
        expected.other().flush();
        actual.other().flush();
        Frame e = expected.other().read();
        Frame a = actual.other().read();
        String problem = Invariants.exact(e, a);
        if (problem != null || call.check() != Check.PUBLISH || !e.isInteger()) {
            return problem;
        }
        // Only the main client subscribes. Outside MULTI, a PING on it returns after every message the servers wrote
        // it so far: this PUBLISH's (channel subscribers' first, then patterns in the order of Redis's pattern
        // dictionary, a hash table's) and the keyspace events of the calls before, in an order no less a hash
        // table's: compared unordered. Inside MULTI a PING would join the transaction: as many messages as PUBLISH
        // counted are read instead.
        boolean resp2Subscribed = state.protocol == 2 && !(state.channels.isEmpty() && state.patterns.isEmpty());
        if (state.inMulti) {
            List<Frame> fromExpected = new ArrayList<>();
            List<Frame> fromActual = new ArrayList<>();
            for (long n = e.asLong(); n > 0; n--) {
                fromExpected.add(expected.main().read());
                fromActual.add(actual.main().read());
            }
            return Replies.sameMessages(fromExpected, fromActual);
        }
        expected.main().write(List.of("PING"));
        actual.main().write(List.of("PING"));
        expected.main().flush();
        actual.main().flush();
        return Replies.sameMessages(Replies.read(expected.main(), 0, resp2Subscribed).messages(),
                Replies.read(actual.main(), 0, resp2Subscribed).messages());
    }

    private String main(Call call, State state) {
        if (sorts(call) || call.name().equals("exec") && state.queued.stream().anyMatch(Runner::sorts)) {
            clearErrno(state.db);
        }
        expected.main().write(call.args());
        actual.main().write(call.args());
        expected.main().flush();
        actual.main().flush();
        int confirmations = subscriptionReplies(call, state);
        boolean resp2Subscribed = state.protocol == 2 && !(state.channels.isEmpty() && state.patterns.isEmpty());
        Replies e = Replies.read(expected.main(), confirmations, resp2Subscribed);
        Replies a = Replies.read(actual.main(), confirmations, resp2Subscribed);
        String problem = Replies.sameMessages(e.messages(), a.messages());
        if (problem == null) {
            problem = compare(call, e.replies(), a.replies(), state);
        }
        if (problem == null) {
            follow(call, e.replies(), state);
        }
        return problem;
    }

    private static boolean sorts(Call call) {
        return call.name().equals("sort") || call.name().equals("sort_ro");
    }

    /**
     * Redis 7.0's SORT reads each weight with strtod and then tests errno for ERANGE without clearing it first: an
     * earlier command that parsed a number out of range ({@code ZCOUNT k 1e309 3}, {@code 1e-320}) leaves ERANGE
     * behind, and the next numeric SORT of weights held as strings fails with "One or more scores can't be
     * converted into double" until some system call or number parse changes errno: redis-server's own hidden state,
     * not a behaviour. Before a SORT (or an EXEC that runs one) both servers get a read of a missing key whose
     * coordinates parse cleanly, which sets errno to 0. A command queued before the SORT in the same EXEC can still
     * leave ERANGE; rare, and reported as a difference in SORT.
     */
    private void clearErrno(int db) {
        List<String> probe = List.of("GEORADIUS_RO", "errno-reset", "0", "0", "1", "m");
        expected.query(db, probe);
        actual.query(db, probe);
    }

    /** How many replies a (P)(UN)SUBSCRIBE gets: one a channel, or one a subscription when none is named. */
    private static int subscriptionReplies(Call call, State state) {
        if (state.inMulti) {
            return 0;
        }
        int named = call.args().size() - 1;
        return switch (call.name()) {
            case "subscribe", "psubscribe" -> Math.max(1, named);
            case "unsubscribe" -> named > 0 ? named : Math.max(1, state.channels.size());
            case "punsubscribe" -> named > 0 ? named : Math.max(1, state.patterns.size());
            default -> 0;
        };
    }

    private String compare(Call call, List<Frame> e, List<Frame> a, State state) {
        if (e.size() != a.size()) {
            return "redis-server sent " + e.size() + " replies, this server " + a.size() + "\nredis-server: " + e
                    + "\nthis server:  " + a;
        }
        if (subscriptionReplies(call, state) > 0 && call.args().size() == 1 && e.size() > 1) {
            return sameUnsubscriptions(e, a); // every channel, in the order of Redis's dictionary of them
        }
        for (int i = 0; i < e.size() - 1; i++) { // all but the last of several subscription replies
            String problem = Invariants.exact(e.get(i), a.get(i));
            if (problem != null) {
                return problem;
            }
        }
        Frame last = e.getLast();
        Frame lastActual = a.getLast();
        if (call.name().equals("exec") && state.inMulti && last.type() == lastActual.type() && last.isAggregate()
                && last.children().size() == state.queued.size()
                && lastActual.children().size() == state.queued.size()) {
            return exec(last, lastActual, state);
        }
        return invariants.check(call, last, lastActual, state.db, false, state);
    }

    /**
     * UNSUBSCRIBE (or PUNSUBSCRIBE) of every channel: one reply a channel, in any order, with the counts left
     * going down one by one.
     */
    private static String sameUnsubscriptions(List<Frame> e, List<Frame> a) {
        boolean same = e.stream().map(Runner::withoutChannel).toList().equals(a.stream().map(Runner::withoutChannel)
                .toList()) && e.stream().map(Runner::channel).sorted().toList().equals(a.stream().map(Runner::channel)
                .sorted().toList());
        return same ? null : "unsubscribed from other channels\nredis-server: " + e + "\nthis server:  " + a;
    }

    private static String channel(Frame reply) {
        return reply.children().size() == 3 ? reply.children().get(1).toString() : reply.toString();
    }

    private static String withoutChannel(Frame reply) {
        return reply.children().size() == 3 ? reply.type() + reply.children().get(0).toString()
                + reply.children().get(2) : reply.toString();
    }

    /** EXEC's replies one by one, each as its own command's are judged; then sets SPOP changed are resynced. */
    private String exec(Frame e, Frame a, State state) {
        int db = state.db; // a queued SELECT changes it for the commands after it
        for (int i = 0; i < state.queued.size(); i++) {
            Call queued = state.queued.get(i);
            Frame reply = e.children().get(i);
            String problem = invariants.check(queued, reply, a.children().get(i), db, true, state);
            if (problem != null) {
                return "EXEC's reply " + (i + 1) + ", to " + queued + ", differs:\n" + problem;
            }
            if (queued.name().equals("select") && reply.type() == '+' && reply.string().equals("OK")) {
                db = Integer.parseInt(queued.arg(1));
            }
        }
        return null;
    }

    /** What the call did to the main client's state, as redis-server's replies tell it. */
    private void follow(Call call, List<Frame> replies, State state) {
        Frame reply = replies.getLast();
        boolean ok = reply.type() == '+' && reply.string().equals("OK");
        switch (call.name()) {
            case "multi" -> {
                if (ok) {
                    state.inMulti = true;
                    state.queued.clear();
                }
            }
            case "exec" -> {
                if (state.inMulti) {
                    if (reply.isAggregate() && reply.children().size() == state.queued.size()) {
                        for (int i = 0; i < state.queued.size(); i++) {
                            followSelect(state.queued.get(i), reply.children().get(i), state);
                        }
                    }
                    state.inMulti = false;
                    state.queued.clear();
                    for (DbKey key : state.toResync) {
                        resync.key(key.db(), key.key());
                    }
                    state.toResync.clear();
                }
            }
            case "discard" -> {
                if (ok) {
                    state.inMulti = false;
                    state.queued.clear();
                }
            }
            case "reset" -> {
                if (reply.string().equals("RESET")) {
                    forget(state);
                }
            }
            case "quit" -> {
                if (ok) {
                    expected.reconnectMain();
                    actual.reconnectMain();
                    forget(state);
                }
            }
            default -> {
                if (state.inMulti && reply.type() == '+' && reply.string().equals("QUEUED")) {
                    state.queued.add(call);
                } else if (!state.inMulti) {
                    followSelect(call, reply, state);
                    followHello(call, reply, state);
                    replies.forEach(frame -> followSubscription(frame, state));
                }
            }
        }
    }

    private static void followSelect(Call call, Frame reply, State state) {
        if (call.name().equals("select") && reply.type() == '+' && reply.string().equals("OK")) {
            state.db = Integer.parseInt(call.arg(1));
        }
    }

    private static void followHello(Call call, Frame reply, State state) {
        for (int i = 0; call.name().equals("hello") && reply.isAggregate() && i + 1 < reply.children().size(); i += 2) {
            if (reply.children().get(i).string().equals("proto")) {
                state.protocol = (int) reply.children().get(i + 1).asLong();
            }
        }
    }

    private static void followSubscription(Frame frame, State state) {
        if (!frame.isAggregate() || frame.children().size() != 3) {
            return;
        }
        String channel = frame.children().get(1).string();
        switch (frame.children().get(0).string()) {
            case "subscribe" -> state.channels.add(channel);
            case "unsubscribe" -> state.channels.remove(channel);
            case "psubscribe" -> state.patterns.add(channel);
            case "punsubscribe" -> state.patterns.remove(channel);
            default -> { }
        }
    }

    private static void forget(State state) {
        state.db = 0;
        state.protocol = 2;
        state.inMulti = false;
        state.queued.clear();
        state.channels.clear();
        state.patterns.clear();
        state.toResync.clear();
    }

    @Override
    public void close() {
        expected.close();
        actual.close();
    }
}
