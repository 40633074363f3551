// @step 01-02
package dev.buildredis.store;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KeyTest {

    @Test
    void keysWithTheSameBytesAreEqualAndHashAlike() {
        Key a = new Key(new byte[] {'k', 0, (byte) 0xff});
        Key b = new Key(new byte[] {'k', 0, (byte) 0xff});

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    }

    @Test
    void bytesThatAreNotUtf8StayDistinctKeys() {
        // Decoded as UTF-8, both would become "\uFFFD" and collide.
        Map<Key, String> map = new HashMap<>();
        map.put(new Key(new byte[] {(byte) 0xff}), "ff");
        map.put(new Key(new byte[] {(byte) 0xfe}), "fe");

        assertThat(map).hasSize(2);
        assertThat(map.get(new Key(new byte[] {(byte) 0xff}))).isEqualTo("ff");
    }

    @Test
    void theEmptyKeyIsAKey() {
        assertThat(new Key(new byte[0])).isEqualTo(new Key(new byte[0])).isNotEqualTo(new Key(new byte[] {0}));
    }
}
