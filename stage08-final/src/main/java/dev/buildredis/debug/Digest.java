// @step 24
package dev.buildredis.debug;

import dev.buildredis.store.Database;
import dev.buildredis.store.HashValue;
import dev.buildredis.store.Key;
import dev.buildredis.store.Keyspace;
import dev.buildredis.store.ListValue;
import dev.buildredis.store.Numbers;
import dev.buildredis.store.SetValue;
import dev.buildredis.store.SkipList;
import dev.buildredis.store.SortedSetValue;
import dev.buildredis.store.StreamEntry;
import dev.buildredis.store.StreamId;
import dev.buildredis.store.StreamValue;
import dev.buildredis.store.StringValue;
import dev.buildredis.store.Value;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * DEBUG DIGEST: a fingerprint of the whole data set, computed exactly as Redis's {@code computeDatasetDigest}, so
 * that two servers holding the same data (this one and a redis-server, or a replica and its master) print the same
 * 40 hex digits, whatever order their tables keep.
 * <pre>
 *   xor(d, bytes):  d ^= SHA1(bytes)                      order does not matter: sets, hashes, keys of a db
 *   mix(d, bytes):  d = SHA1(d ^ SHA1(bytes))             order matters: a list's elements, a key then its value
 *
 *   dataset = 0; for each non-empty db j: mix(dataset, j as 4 bytes big-endian)
 *       for each key:  d = 0; mix(d, key); mix(d, type as 4 bytes BE: string 0, list 1, set 2, zset 3, hash 4)
 *           string  mix(d, bytes)          list  mix(d, element) for each, head to tail
 *           set     xor(d, member) each    zset  xor(d, mix(mix(0, member), score as %.17g)) each
 *           hash    xor(d, mix(mix(0, field), value)) each
 *           with a TTL: xor(d, "!!expire!!")
 *       xor(dataset, d)
 * </pre>
 * An empty data set is 40 zeros.
 */
final class Digest {

    private static final byte[] EXPIRE = "!!expire!!".getBytes(StandardCharsets.US_ASCII);

    private Digest() {
    }

    // tag::dataset-digest[]
    /** The digest of every database, as DEBUG DIGEST prints it. */
    static String ofDataset(Keyspace keyspace) {
        byte[] dataset = new byte[20];
        for (int j = 0; j < keyspace.databaseCount(); j++) {
            Database db = keyspace.db(j);
            if (db.size() == 0) {
                continue;
            }
            mix(dataset, int32(j));
            long cursor = 0;
            do { // the table as it is, keys past their TTL included, as Redis walks its dict
                cursor = db.scan(cursor, (key, value) -> {
                    byte[] digest = new byte[20];
                    mix(digest, key.bytes());
                    ofValue(digest, value, db.expireAt(key) >= 0);
                    xor(dataset, digest);
                });
            } while (cursor != 0);
        }
        return HexFormat.of().formatHex(dataset);
    }
    // end::dataset-digest[]

    /** DEBUG DIGEST-VALUE: one key's value (and whether it has a TTL), not its name; 40 zeros for no key. */
    static String ofKey(Database db, Key key) {
        byte[] digest = new byte[20];
        Value value = db.peek(key);
        if (value != null) {
            ofValue(digest, value, db.expireAt(key) >= 0);
        }
        return HexFormat.of().formatHex(digest);
    }

    /** Redis's xorObjectDigest: the type, the value, and the TTL's mark. */
    private static void ofValue(byte[] digest, Value value, boolean expires) {
        switch (value) {
            case StringValue string -> {
                mix(digest, int32(0));
                mix(digest, string.bytes());
            }
            case ListValue list -> {
                mix(digest, int32(1));
                for (int i = 0; i < list.size(); i++) {
                    mix(digest, list.get(i));
                }
            }
            case SetValue set -> {
                mix(digest, int32(2));
                for (Key member : set.view()) {
                    xor(digest, member.bytes());
                }
            }
            case SortedSetValue zset -> {
                mix(digest, int32(3));
                for (SkipList.Node node = zset.list().first(); node != null; node = node.next()) {
                    byte[] element = new byte[20];
                    mix(element, node.member().bytes());
                    mix(element, Numbers.formatDouble(node.score()).getBytes(StandardCharsets.US_ASCII));
                    xorDigest(digest, element);
                }
            }
            case HashValue hash -> {
                mix(digest, int32(4));
                hash.fields().forEach((field, v) -> {
                    byte[] element = new byte[20];
                    mix(element, field.bytes());
                    mix(element, v);
                    xorDigest(digest, element);
                });
            }
            case StreamValue stream -> { // each entry's ID as "ms.seq", then its fields and values, in order
                mix(digest, int32(6));
                for (var it = stream.range(StreamId.MIN, StreamId.MAX, false); it.hasNext(); ) {
                    StreamEntry entry = it.next();
                    mix(digest, (Long.toUnsignedString(entry.id().ms()) + "."
                            + Long.toUnsignedString(entry.id().seq())).getBytes(StandardCharsets.US_ASCII));
                    for (int i = 0; i < entry.fieldCount(); i++) {
                        mix(digest, entry.field(i));
                        mix(digest, entry.value(i));
                    }
                }
            }
        }
        if (expires) {
            xor(digest, EXPIRE);
        }
    }

    /** Redis's xorDigest: {@code digest ^= SHA1(bytes)}. */
    private static void xor(byte[] digest, byte[] bytes) {
        byte[] hash = sha1().digest(bytes);
        for (int i = 0; i < 20; i++) {
            digest[i] ^= hash[i];
        }
    }

    /** xorDigest of a 20-byte element digest, which Redis hashes as bytes like any other. */
    private static void xorDigest(byte[] digest, byte[] element) {
        xor(digest, element);
    }

    /** Redis's mixDigest: {@code digest = SHA1(digest ^ SHA1(bytes))}. */
    private static void mix(byte[] digest, byte[] bytes) {
        xor(digest, bytes);
        byte[] mixed = sha1().digest(digest);
        System.arraycopy(mixed, 0, digest, 0, 20);
    }

    private static byte[] int32(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
