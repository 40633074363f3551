// @step 01-02
package dev.buildredis.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A key, as the exact bytes the client sent: {@code $3\r\nk\xffy\r\n} is the key {@code 6b ff 79}.
 *
 * <p>Keys are never decoded into a Java {@code String}: a decoder would turn bytes that are not valid UTF-8 into
 * U+FFFD, and two different keys would become the same one. A record compares arrays by reference, so this one
 * compares and hashes the contents instead. The array is not copied, so whoever makes a key must not change it
 * afterwards; the arguments {@code RespReader} returns are fresh arrays, used once.
 *
 * @param bytes the key's bytes, any values, any length (including none)
 */
public record Key(byte[] bytes) {

    // tag::key-equality[]
    @Override
    public boolean equals(Object other) {
        return other instanceof Key key && Arrays.equals(bytes, key.bytes);
    }

    /** SipHash under the server's random key (see {@link SipHash}): no client can choose keys that collide. */
    @Override
    public int hashCode() {
        long hash = SipHash.hash(bytes, 0, bytes.length);
        return (int) (hash ^ (hash >>> 32));
    }
    // end::key-equality[]

    /** One char a byte, so that a key shows the same in a test failure whatever its bytes are. */
    @Override
    public String toString() {
        return "Key[" + new String(bytes, StandardCharsets.ISO_8859_1) + "]";
    }
}
