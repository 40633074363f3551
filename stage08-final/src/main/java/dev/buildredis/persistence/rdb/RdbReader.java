// @step 10
package dev.buildredis.persistence.rdb;

import dev.buildredis.store.Encodings;
import dev.buildredis.store.Key;
import dev.buildredis.store.Value;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a Redis RDB file, versions 1 to 11 (Redis 1.0 to 7.2), and hands every key to a {@link Sink}. The layout
 * is in {@link RdbFormat}, the value encodings in {@link ValueReader}.
 *
 * <p>The loop reads one opcode byte at a time; an expiry opcode applies to the key that follows it:
 * <pre>
 *   magic ─► opcode ─┬─ AUX, RESIZEDB, IDLE, FREQ, FUNCTION2 ── skipped ────────┐
 *                    ├─ SELECTDB ── the db of the keys that follow ────────────┤
 *                    ├─ EXPIRETIME(_MS) ── the expiry of the next key ─────────┤
 *                    ├─ a type byte ── key, value ─► sink ─────────────────────┤
 *                    │                                                          └─► opcode
 *                    └─ EOF ─► checksum (version 5 and later; 0 means "not computed")
 * </pre>
 *
 * <p>Keys are handed over as they are read, before the checksum at the end is checked, as Redis itself loads: a
 * caller that must not keep anything from a damaged file collects the entries and applies them after
 * {@code read} returns. Keys whose expiry has passed are handed over too; the caller decides what to do with them.
 */
public final class RdbReader {

    private static final byte[] MAGIC = "REDIS".getBytes(StandardCharsets.US_ASCII);

    /** Receives the keys of the file, in file order. */
    public interface Sink {
        /** @param expireAtMillis the expiry in Unix milliseconds, or -1 for none */
        void entry(int db, Key key, Value value, long expireAtMillis) throws IOException;
        //> step 27

        /** An aux field of the header ({@code repl-stream-db}...), as text; most readers have no use for them. */
        default void aux(String name, String value) {
        }
        //< step 27
    }

    private RdbReader() {
    }

    /** As {@link #read(InputStream, Encodings, Sink)}, with Redis's default encoding limits. */
    public static void read(InputStream in, Sink sink) throws IOException {
        read(in, Encodings.DEFAULTS, sink);
    }

    /**
     * Reads a whole RDB file (versions 1..11), checks the CRC64 when it is not 0, and hands every key to the sink,
     * its collections made with the given encoding limits.
     */
    public static void read(InputStream in, Encodings encodings, Sink sink) throws IOException {
        RdbInput input = new RdbInput(in, encodings);
        int version = readMagic(input);
        int db = 0;
        long expireAt = -1;
        while (true) {
            long at = input.offset();
            int opcode = input.readByte();
            switch (opcode) {
                case RdbFormat.OPCODE_EOF -> {
                    if (version >= RdbFormat.FIRST_WITH_CHECKSUM) {
                        checkChecksum(input);
                    }
                    return;
                }
                case RdbFormat.OPCODE_SELECTDB -> db = readDb(input);
                case RdbFormat.OPCODE_RESIZEDB -> {
                    input.readLength(); // sizing hints for the key and expiry tables
                    input.readLength();
                }
                //> step 10-26
//~                case RdbFormat.OPCODE_AUX -> {
//~                    input.readString(); // redis-ver, ctime, ...: information, nothing to load
//~                    input.readString();
//~                }
                //< step 10-26
                //> step 27
                case RdbFormat.OPCODE_AUX -> sink.aux(new String(input.readString(), StandardCharsets.ISO_8859_1),
                        new String(input.readString(), StandardCharsets.ISO_8859_1)); // redis-ver, repl-stream-db...
                //< step 27
                case RdbFormat.OPCODE_EXPIRETIME_MS -> expireAt = input.readLittleEndian(8);
                case RdbFormat.OPCODE_EXPIRETIME -> expireAt = (int) input.readLittleEndian(4) * 1000L;
                case RdbFormat.OPCODE_IDLE -> input.readLength(); // LRU idle time of the next key: not kept here
                case RdbFormat.OPCODE_FREQ -> input.readByte(); // LFU counter of the next key: not kept here
                case RdbFormat.OPCODE_FUNCTION2 -> input.readString(); // a function library's code: no FUNCTION here
                case RdbFormat.OPCODE_FUNCTION_PRE_GA -> throw new RdbFormatException(at,
                        "functions in the format of Redis 7.0 release candidates are not supported");
                case RdbFormat.OPCODE_MODULE_AUX -> throw new RdbFormatException(at,
                        "module data (MODULE_AUX) is not supported: the file was written by a Redis with modules");
                default -> {
                    ValueReader.requireSupported(opcode, at);
                    Key key = new Key(input.readString());
                    Value value = ValueReader.read(opcode, input);
                    if (value != null) {
                        sink.entry(db, key, value, expireAt);
                    }
                    expireAt = -1;
                }
            }
        }
    }

    /** "REDIS" and four ASCII digits of version. */
    private static int readMagic(RdbInput input) throws IOException {
        for (byte b : MAGIC) {
            if (input.readByte() != b) {
                throw new RdbFormatException(0, "not an RDB file: it does not start with REDIS");
            }
        }
        int version = 0;
        for (int i = 0; i < 4; i++) {
            int digit = input.readByte() - '0';
            if (digit < 0 || digit > 9) {
                throw new RdbFormatException(MAGIC.length, "the version is not four digits");
            }
            version = version * 10 + digit;
        }
        if (version < 1 || version > RdbFormat.NEWEST_READABLE) {
            throw new RdbFormatException(MAGIC.length, "RDB version " + version + " is not supported (1 to "
                    + RdbFormat.NEWEST_READABLE + ")");
        }
        return version;
    }

    private static int readDb(RdbInput input) throws IOException {
        long at = input.offset();
        long db = input.readLength();
        if (db < 0 || db > Integer.MAX_VALUE) {
            throw new RdbFormatException(at, "db number " + Long.toUnsignedString(db));
        }
        return (int) db;
    }

    private static void checkChecksum(RdbInput input) throws IOException {
        long computed = input.crc();
        long at = input.offset();
        long stored = input.readLittleEndian(8);
        if (stored != 0 && stored != computed) {
            throw new RdbFormatException(at, String.format(
                    "checksum mismatch: the file says %016x, its bytes give %016x", stored, computed));
        }
    }
}
