package dev.buildredis.bitmaps;

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

/** What the bitmap commands propagate to the AOF, and what they add to used_memory. */
class BitmapEffectsTest {

    private final Session session = new Session();
    private final List<String> propagated = new ArrayList<>();

    @BeforeEach
    void listen() {
        session.engine.propagateTo((db, args) -> propagated.add(args.stream()
                .map(a -> new String(a, StandardCharsets.ISO_8859_1)).collect(Collectors.joining(" "))));
    }

    @Test
    void aBitThatDoesNotChangeIsNotAChange() {
        session.call("SETBIT", "k", "7", "1");
        session.call("SETBIT", "k", "7", "1");
        session.call("SETBIT", "k", "0", "0");
        session.call("SETBIT", "k", "15", "0"); // grows the string: a change even though the bit was 0
        assertThat(propagated).containsExactly("SETBIT k 7 1", "SETBIT k 15 0");
    }

    @Test
    void bitfieldPropagatesOnlyWhenAFieldChangedOrTheStringGrew() {
        session.call("BITFIELD", "k", "SET", "u8", "0", "5");
        session.call("BITFIELD", "k", "SET", "u8", "0", "5", "GET", "u8", "0");
        session.call("BITFIELD", "k", "INCRBY", "u8", "0", "0");
        session.call("BITFIELD", "missing", "OVERFLOW", "FAIL", "INCRBY", "u2", "0", "5"); // made, not propagated
        session.call("BITFIELD_RO", "k", "GET", "u8", "0");
        assertThat(propagated).containsExactly("BITFIELD k SET u8 0 5");
        assertThat(session.call("EXISTS", "missing")).isEqualTo(":1\r\n");
    }

    @Test
    void bitopPropagatesTheStoreAndTheDeletionButNotANothingToDelete() {
        session.call("SET", "a", "x");
        session.call("BITOP", "NOT", "d", "a");
        session.call("BITOP", "AND", "d", "missing");
        session.call("BITOP", "AND", "d", "missing");
        assertThat(propagated).containsExactly("SET a x", "BITOP NOT d a", "BITOP AND d missing");
    }

    @Test
    void usedMemoryFollowsStringsGrownAndChangedInPlace() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 5000; i++) {
            String key = "k" + random.nextInt(6);
            String offset = Integer.toString(random.nextInt(random.nextBoolean() ? 100 : 100_000));
            switch (random.nextInt(5)) {
                case 0 -> session.call("SETBIT", key, offset, Integer.toString(random.nextInt(2)));
                case 1 -> session.call("BITFIELD", key, "INCRBY", "i16", offset, "3");
                case 2 -> session.call("BITOP", "OR", key, "k" + random.nextInt(6), "k" + random.nextInt(6));
                case 3 -> session.call("SET", key, "x".repeat(random.nextInt(60)));
                default -> session.call("DEL", key);
            }
        }
        Database db = session.client.db();
        long recount = 0;
        for (Key key : db.keys()) {
            recount += Memory.key(key) + db.peek(key).memoryBytes();
        }
        assertThat(db.usedMemory()).isEqualTo(recount);
        session.call("FLUSHALL");
        session.call("SETBIT", "big", "8000000", "1");
        assertThat(db.usedMemory()).isBetween(1_000_000L, 1_001_000L); // exactly long enough, as Redis makes it
    }
}
