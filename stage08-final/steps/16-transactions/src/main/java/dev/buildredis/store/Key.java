package dev.buildredis.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A key, a hash field, a set member or a channel name: the exact bytes the client sent ({@code $3\r\nk\xffy\r\n} is
 * the key {@code 6b ff 79}), compared and hashed by content.
 *
 * <p>Hashed with {@link SipHash} under the server's random key, so that no client can choose keys that collide.
 *
 * <p>Never decoded into a {@code String}: a charset decoder turns bytes that are not valid UTF-8 into U+FFFD, and
 * two different keys would become one. The array is not copied: whoever makes a key must not change it
 * afterwards (the arguments {@code RespReader} returns are fresh arrays, used once).
 *
 * @param bytes the key's bytes, any values, any length (including none)
 */
public record Key(byte[] bytes) implements Comparable<Key> {

    /** The key made of a string's ISO-8859-1 bytes (one byte a char): for names the server itself makes. */
    public static Key of(String text) {
        return new Key(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Key key && Arrays.equals(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
        long hash = SipHash.hash(bytes, 0, bytes.length);
        return (int) (hash ^ (hash >>> 32));
    }

    /** Redis's order for members with equal scores and for SORT ALPHA: unsigned bytes, shorter first on a tie. */
    @Override
    public int compareTo(Key other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    /** One char a byte, so that a key shows the same in a test failure whatever its bytes are. */
    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
