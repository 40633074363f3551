package dev.buildredis.hyperloglog;

import dev.buildredis.engine.Session;
import dev.buildredis.store.Database;
import dev.buildredis.store.Key;
import dev.buildredis.store.Memory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What the HLL commands propagate to the AOF (Redis's rules, PFCOUNT's cache included), and used_memory. */
class HyperLogLogEffectsTest {

    private final Session session = new Session();
    private final List<String> propagated = new ArrayList<>();

    @BeforeEach
    void listen() {
        session.engine.propagateTo((db, args) -> propagated.add(args.stream()
                .map(a -> new String(a, StandardCharsets.ISO_8859_1)).collect(Collectors.joining(" "))));
    }

    @Test
    void pfaddPropagatesOnlyWhenARegisterChanged() {
        session.call("PFADD", "h", "a");
        session.call("PFADD", "h", "a");
        session.call("PFADD", "h");
        assertThat(propagated).containsExactly("PFADD h a");
    }

    @Test
    void pfcountPropagatesWhenItCachesTheCount() {
        session.call("PFADD", "h", "a");
        session.call("PFCOUNT", "h");
        session.call("PFCOUNT", "h");      // the cache is valid: nothing written
        session.call("PFCOUNT", "h", "h"); // a union is never cached
        assertThat(propagated).containsExactly("PFADD h a", "PFCOUNT h");
    }

    @Test
    void pfdebugPropagatesAConversionToDense() {
        session.call("PFADD", "h", "a");
        session.call("PFDEBUG", "ENCODING", "h");
        session.call("PFDEBUG", "TODENSE", "h");
        session.call("PFDEBUG", "TODENSE", "h");
        session.call("PFADD", "g", "a");
        session.call("PFDEBUG", "GETREG", "g");
        assertThat(propagated).containsExactly("PFADD h a", "PFDEBUG TODENSE h", "PFADD g a", "PFDEBUG GETREG g");
    }

    @Test
    void usedMemoryFollowsHllsAsTheyGrowAndTurnDense() {
        SplittableRandom random = new SplittableRandom(4);
        session.call("CONFIG", "SET", "hll-sparse-max-bytes", "600");
        for (int i = 0; i < 3000; i++) {
            String key = "h" + random.nextInt(5);
            switch (random.nextInt(6)) {
                case 0, 1, 2 -> session.call("PFADD", key, Long.toString(random.nextLong()),
                        Long.toString(random.nextLong()));
                case 3 -> session.call("PFCOUNT", key);
                case 4 -> session.call("PFMERGE", key, "h" + random.nextInt(5));
                default -> session.call(random.nextInt(10) == 0 ? "DEL" : "PFCOUNT", key);
            }
        }
        Database db = session.client.db();
        long recount = 0;
        for (Key key : db.keys()) {
            recount += Memory.key(key) + db.peek(key).memoryBytes();
        }
        assertThat(db.usedMemory()).isEqualTo(recount);
        assertThat(session.call("PFDEBUG", "ENCODING", "h0")).isEqualTo("+dense\r\n");
    }
}
