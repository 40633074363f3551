package dev.buildredis.engine;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What goes to the append-only file for each command: the command as sent when replaying it gives the same data,
 * else what it did (Redis's rules), and nothing for commands that changed nothing.
 */
class PropagationTest {

    private final Session session = new Session();
    /** Each propagated command as "db: ARG ARG ...". */
    private final List<String> propagated = new ArrayList<>();

    @BeforeEach
    void listen() {
        session.engine.propagateTo((db, args) -> propagated.add(db + ": " + args.stream()
                .map(a -> new String(a, StandardCharsets.ISO_8859_1)).collect(Collectors.joining(" "))));
    }

    @Test
    void aWriteGoesOutAsSentAndAReadOrAWriteThatChangedNothingDoesNot() {
        session.call("set", "k", "v", "NX");
        session.call("get", "k");
        session.call("del", "missing");
        session.call("set", "k", "other", "NX"); // refused by NX: no change
        assertThat(propagated).containsExactly("0: set k v NX");
    }

    @Test
    void relativeAndAbsoluteTtlsBecomeADeadlineInMilliseconds() {
        session.call("set", "a", "1", "EX", "10");
        session.call("setex", "b", "5", "2");
        session.call("expire", "a", "100");
        session.call("pexpireat", "b", "1767226000000");
        session.call("getex", "a", "PX", "50");
        session.call("getex", "b", "PERSIST");
        assertThat(propagated).containsExactly(
                "0: SET a 1 PXAT 1767225610000",       // the manual clock starts at 1767225600000
                "0: SET b 2 PXAT 1767225605000",
                "0: PEXPIREAT a 1767225700000",
                "0: PEXPIREAT b 1767226000000",
                "0: PEXPIREAT a 1767225600050",
                "0: PERSIST b");
    }

    @Test
    void aDeadlineAlreadyPassedDeletesTheKeyAndGoesOutAsDel() {
        session.call("set", "k", "v");
        session.call("expireat", "k", "1");
        assertThat(propagated).containsExactly("0: set k v", "0: DEL k");
    }

    @Test
    void aRandomChoiceGoesOutAsWhatWasChosen() {
        session.call("sadd", "s", "a", "b", "c");
        String popped = session.call("spop", "s").split("\r\n")[1];
        assertThat(propagated).last().isEqualTo("0: SREM s " + popped);
    }

    @Test
    void aFloatComputedHereGoesOutAsItsResult() {
        session.call("incrbyfloat", "f", "0.1");
        session.call("hincrbyfloat", "h", "x", "2.5");
        assertThat(propagated).containsExactly("0: SET f 0.1 KEEPTTL", "0: HSET h x 2.5");
    }

    @Test
    void aBlockedPopServedByAPushGoesOutAfterThePushAsANonBlockingPop() {
        Client other = session.engine.connect();
        session.call(other, "blpop", "list", "0");
        session.call("select", "3");
        session.call(other, "select", "3");
        assertThat(propagated).isEmpty();
        session.call("blpop", "q", "0"); // blocks in db 0... of this client: db 3 now
        session.call(other, "rpush", "q", "x");
        assertThat(propagated).containsExactly("3: rpush q x", "3: LPOP q");
    }

    @Test
    void theWriteAfterABlockedClientWasServedStillGoesOut() {
        Client other = session.engine.connect();
        session.call(other, "blpop", "q", "0");
        session.call("rpush", "q", "x");
        session.call("set", "k", "v");
        session.call(other, "set", "k2", "v2");
        assertThat(propagated).containsExactly("0: rpush q x", "0: LPOP q", "0: set k v", "0: set k2 v2");
    }

    @Test
    void aBlockedBlmoveServedByAPushGoesOutAfterThePushAsLmove() {
        Client other = session.engine.connect();
        session.call(other, "blmove", "src", "dst", "RIGHT", "LEFT", "0");
        session.call("rpush", "src", "x");
        assertThat(propagated).containsExactly("0: rpush src x", "0: LMOVE src dst RIGHT LEFT");
    }

    @Test
    void anEvictedKeyGoesOutAsDel() {
        session.engine.configure(java.util.Map.of("maxmemory-policy", "allkeys-random"));
        session.call("set", "k", "v");
        session.engine.configure(java.util.Map.of("maxmemory", "1"));
        assertThat(propagated).containsExactly("0: set k v", "0: DEL k");
    }

    @Test
    void aBlockingPopThatFindsAnElementGoesOutAsThePop() {
        session.call("rpush", "l", "a", "b");
        session.call("brpop", "l", "0");
        session.call("rpush", "src", "x");
        session.call("blmove", "src", "dst", "LEFT", "RIGHT", "0");
        session.call("zadd", "z", "1", "m");
        session.call("bzpopmin", "z", "0");
        assertThat(propagated).containsExactly("0: rpush l a b", "0: RPOP l", "0: rpush src x",
                "0: LMOVE src dst LEFT RIGHT", "0: zadd z 1 m", "0: ZPOPMIN z");
    }

    @Test
    void aTransactionGoesOutBetweenMultiAndExecWithOnlyItsChanges() {
        session.call("multi");
        session.call("get", "k");
        session.call("set", "k", "1");
        session.call("incr", "k");
        session.call("exec");
        assertThat(propagated).containsExactly("-1: MULTI", "0: set k 1", "0: incr k", "-1: EXEC");
    }

    @Test
    void aTransactionThatChangesNothingGoesOutAsNothing() {
        session.call("multi");
        session.call("get", "k");
        session.call("exec");
        assertThat(propagated).isEmpty();
    }

    @Test
    void aKeyThatExpiresGoesOutAsDel() {
        session.call("set", "k", "v", "PX", "10");
        session.clock.advance(java.time.Duration.ofMillis(11));
        session.call("get", "k");
        assertThat(propagated).last().isEqualTo("0: DEL k");
    }

    @Test
    void commandsGoOutInTheDatabaseTheyRanIn() {
        session.call("select", "5");
        session.call("set", "k", "v");
        session.call("copy", "k", "k2", "DB", "6");
        session.call("select", "6");
        session.call("del", "k2");
        assertThat(propagated).containsExactly("5: set k v", "5: copy k k2 DB 6", "6: del k2");
    }

    @Test
    void aMultiPopGoesOutAsAPopWithTheCountItTook() {
        session.call("rpush", "l", "a", "b", "c");
        session.call("lmpop", "2", "missing", "l", "RIGHT", "COUNT", "5");
        session.call("zadd", "z", "1", "m", "2", "n");
        session.call("zmpop", "1", "z", "MAX", "COUNT", "1");
        session.call("lmpop", "1", "missing", "LEFT");
        assertThat(propagated).containsExactly("0: rpush l a b c", "0: RPOP l 3", "0: zadd z 1 m 2 n",
                "0: ZPOPMAX z 1");
    }

    @Test
    void aBlockedMultiPopServedByAPushGoesOutAfterThePushAsAPopWithACount() {
        Client other = session.engine.connect();
        session.call(other, "blmpop", "0", "1", "l", "LEFT", "COUNT", "2");
        session.call(session.engine.connect(), "bzmpop", "0", "1", "z", "MIN", "COUNT", "3");
        session.call("rpush", "l", "a", "b", "c");
        session.call("zadd", "z", "1", "m");
        assertThat(propagated).containsExactly("0: rpush l a b c", "0: LPOP l 2", "0: zadd z 1 m", "0: ZPOPMIN z 1");
    }

    @Test
    void aStoringCommandGoesOutAsSentBecauseItsReplayGivesTheSameData() {
        session.call("geoadd", "g", "13.361389", "38.115556", "Palermo");
        session.call("geosearchstore", "dst", "g", "FROMLONLAT", "13", "38", "BYRADIUS", "100", "km");
        session.call("rpush", "l", "2", "1");
        session.call("sort", "l", "STORE", "sorted");
        session.call("sort", "l");
        assertThat(propagated).containsExactly("0: geoadd g 13.361389 38.115556 Palermo",
                "0: geosearchstore dst g FROMLONLAT 13 38 BYRADIUS 100 km", "0: rpush l 2 1", "0: sort l STORE sorted");
    }
}
