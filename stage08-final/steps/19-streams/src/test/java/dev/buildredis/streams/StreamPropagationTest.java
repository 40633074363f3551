package dev.buildredis.streams;

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
 * 1767225600000, so that {@code *} IDs are known.
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
}
