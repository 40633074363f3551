package dev.buildredis.streams;

import dev.buildredis.engine.Client;
import dev.buildredis.engine.Session;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the stream commands send to the AOF (and would send to a replica), as Redis 7.0 propagates them: what replays
 * to the same stream, never a command whose replay would choose differently. The manual clock starts at
 * 1767225600000, so that {@code *} IDs and delivery times are known.
 */
class StreamPropagationTest {

    private static final String NOW = "1767225600000";

    private final Session session = new Session();
    private final List<String> propagated = new ArrayList<>();

    @BeforeEach
    void listen() {
        session.engine.propagateTo((db, args) -> propagated.add(args.stream()
                .map(a -> new String(a, StandardCharsets.ISO_8859_1)).collect(Collectors.joining(" "))));
    }

    private void fourEntriesAndAGroup() {
        for (int i = 1; i <= 4; i++) {
            session.call("XADD", "s", i + "-0", "f", "v" + i);
        }
        session.call("XGROUP", "CREATE", "s", "g", "0");
        propagated.clear();
    }

    private static String claim(String consumer, String id, long count, String lastId) {
        return "XCLAIM s g " + consumer + " 0 " + id + " TIME " + NOW + " RETRYCOUNT " + count
                + " FORCE JUSTID LASTID " + lastId;
    }

    @Test
    void xaddGoesOutWithTheIdItChose() {
        session.call("XADD", "s", "*", "f", "v");
        session.call("XADD", "s", NOW + "-*", "f", "v");
        session.call("XADD", "s", "9999999999999-5", "f", "v");
        session.call("XADD", "s", "9999999999999-5", "f", "refused");
        assertThat(propagated).containsExactly("XADD s " + NOW + "-0 f v", "XADD s " + NOW + "-1 f v",
                "XADD s 9999999999999-5 f v");
    }

    @Test
    void anApproximateTrimGoesOutAsTheExactOneItAmountedTo() {
        session.call("CONFIG", "SET", "stream-node-max-entries", "2");
        for (int i = 1; i <= 5; i++) {
            session.call("XADD", "s", i + "-0", "f", "v");
        }
        propagated.clear();
        session.call("XADD", "s", "MAXLEN", "~", "2", "6-0", "f", "v"); // two nodes of two go: 2 are left
        session.call("XTRIM", "s", "MAXLEN", "~", "0", "LIMIT", "1");   // a node holds more: nothing
        session.call("XADD", "s", "7-0", "f", "v");                     // a node of its own
        session.call("XTRIM", "s", "MINID", "~", "7-0");                // the node of 5-0 and 6-0 goes
        session.call("XTRIM", "s", "MAXLEN", "=", "0");
        assertThat(propagated).containsExactly("XADD s MAXLEN = 2 6-0 f v", "XADD s 7-0 f v",
                "XTRIM s MINID = 7-0", "XTRIM s MAXLEN = 0");
    }

    @Test
    void xdelAndXsetidGoOutAsSentWhenTheyChangeSomethingAndXreadNever() {
        session.call("XADD", "s", "1-0", "f", "v");
        session.call("XADD", "s", "2-0", "f", "v");
        propagated.clear();
        session.call("XREAD", "STREAMS", "s", "0");
        session.call("XDEL", "s", "1-0", "9-0");
        session.call("XDEL", "s", "9-0");                               // nothing deleted: nothing
        session.call("XSETID", "s", "10-0");
        assertThat(propagated).containsExactly("XDEL s 1-0 9-0", "XSETID s 10-0");
    }

    @Test
    void xreadgroupGoesOutAsOneXclaimPerEntryInATransaction() {
        fourEntriesAndAGroup();
        session.call("XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "s", ">");
        session.call("XREADGROUP", "GROUP", "g", "alice", "COUNT", "1", "STREAMS", "s", ">");
        session.call("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "0"); // history: nothing
        session.call("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">", "extra"); // refused
        assertThat(propagated).containsExactly("MULTI", claim("alice", "1-0", 1, "1-0"),
                claim("alice", "2-0", 1, "2-0"), "EXEC", claim("alice", "3-0", 1, "3-0"));
    }

    @Test
    void aNoackReadGoesOutAsTheConsumerAndTheGroupsNewPosition() {
        fourEntriesAndAGroup();
        session.call("XREADGROUP", "GROUP", "g", "bob", "NOACK", "COUNT", "3", "STREAMS", "s", ">");
        session.call("XREADGROUP", "GROUP", "g", "bob", "NOACK", "STREAMS", "s", ">");
        assertThat(propagated).containsExactly("MULTI", "XGROUP CREATECONSUMER s g bob",
                "XGROUP SETID s g 3-0 ENTRIESREAD 3", "EXEC", "XGROUP SETID s g 4-0 ENTRIESREAD 4");
    }

    @Test
    void xclaimAndXautoclaimGoOutAsXclaimsAndDropDeletedEntriesTheSameWay() {
        fourEntriesAndAGroup();
        session.call("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">");
        session.call("XDEL", "s", "2-0");
        propagated.clear();
        session.call("XCLAIM", "s", "g", "bob", "0", "1-0", "2-0");
        session.call("XAUTOCLAIM", "s", "g", "carol", "0", "0", "COUNT", "1", "JUSTID");
        session.call("XCLAIM", "s", "g", "bob", "3600000", "3-0"); // not idle long enough: nothing
        session.call("XCLAIM", "s", "g", "bob", "0", "9-0", "LASTID", "9-0");
        assertThat(propagated).containsExactly(
                "MULTI", claim("bob", "1-0", 2, "4-0"), claim("alice", "2-0", 1, "4-0"), "EXEC",
                claim("carol", "1-0", 2, "4-0"),
                "XGROUP SETID s g 9-0 ENTRIESREAD 4");
    }

    @Test
    void aServedBlockedReaderGoesOutAfterTheXaddThatServedIt() {
        session.call("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
        Client reader = session.engine.connect();
        session.call(reader, "XREADGROUP", "GROUP", "g", "alice", "BLOCK", "0", "STREAMS", "s", ">");
        propagated.clear();
        session.call("MULTI");
        session.call("XADD", "s", "1-0", "f", "v");
        session.call("XADD", "s", "2-0", "f", "v");
        session.call("EXEC");
        assertThat(propagated).containsExactly("MULTI", "XADD s 1-0 f v", "XADD s 2-0 f v", "EXEC",
                "MULTI", claim("alice", "1-0", 1, "1-0"), claim("alice", "2-0", 1, "2-0"), "EXEC");
    }

    @Test
    void inATransactionTheXclaimsShareItsMultiAndExec() {
        fourEntriesAndAGroup();
        session.call("MULTI");
        session.call("XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "s", ">");
        session.call("XACK", "s", "g", "1-0");
        session.call("EXEC");
        assertThat(propagated).containsExactly("MULTI", claim("alice", "1-0", 1, "1-0"),
                claim("alice", "2-0", 1, "2-0"), "XACK s g 1-0", "EXEC");
    }

    @Test
    void groupCommandsAndXsetidGoOutAsSentWhenTheyChangeSomething() {
        fourEntriesAndAGroup();
        session.call("XGROUP", "CREATECONSUMER", "s", "g", "dave");
        session.call("XGROUP", "CREATECONSUMER", "s", "g", "dave");   // exists: nothing
        session.call("XGROUP", "DELCONSUMER", "s", "g", "dave");
        session.call("XGROUP", "SETID", "s", "g", "$");
        session.call("XACK", "s", "g", "1-0");                          // not pending: nothing
        session.call("XSETID", "s", "10-0");
        session.call("XGROUP", "DESTROY", "s", "g");
        session.call("XGROUP", "DESTROY", "s", "g");                   // gone: nothing
        assertThat(propagated).containsExactly("XGROUP CREATECONSUMER s g dave", "XGROUP DELCONSUMER s g dave",
                "XGROUP SETID s g $", "XSETID s 10-0", "XGROUP DESTROY s g");
    }
}
