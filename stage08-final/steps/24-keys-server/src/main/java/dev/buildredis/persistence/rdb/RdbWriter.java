package dev.buildredis.persistence.rdb;

import dev.buildredis.store.HashValue;
import dev.buildredis.store.Key;
import dev.buildredis.store.ListValue;
import dev.buildredis.store.Numbers;
import dev.buildredis.store.SetValue;
import dev.buildredis.store.SkipList;
import dev.buildredis.store.SortedSetValue;
import dev.buildredis.store.StreamValue;
import dev.buildredis.store.StringValue;
import dev.buildredis.store.Value;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a Redis RDB file, version 10 (what redis-server 7.0 writes and loads). The layout is described in
 * {@link RdbFormat}; the caller drives it:
 * <pre>
 *   writeHeader ─► ( selectDb ─► writeEntry* )* ─► writeEnd
 * </pre>
 *
 * <p>Each type is written in its plain form, which redis-server 7.0 still loads (RdbInteropTest) and converts to
 * its compact encoding itself when the value is small enough:
 * <pre>
 *   string      type 0   the bytes; an integer that fits 32 bits as Redis's int8/16/32 string encoding
 *   list        type 1   element count, then each element
 *   set         type 2   member count, then each member
 *   hash        type 4   field count, then field, value, field, value, ...
 *   sorted set  type 5   member count, then member and score as an 8-byte little-endian IEEE double
 * </pre>
 * Strings over 20 bytes are LZF-compressed when that saves at least 4 bytes, with Redis's compressor, unless
 * {@code rdbcompression no}; with {@code rdbchecksum no} the file ends with a checksum of 0, which readers skip.
 */
public final class RdbWriter {

    /** The version Redis 7.0.15 writes into its own files' {@code redis-ver} field. */
    private static final String REDIS_VERSION = "7.0.15";

    /** The longest string Redis tries to store as an integer: "-2147483648" has 11 characters. */
    private static final int LONGEST_INT_STRING = 11;

    private final OutputStream out;
    // A buffer of its own rather than a BufferedOutputStream, which takes a lock at every call: a key is a dozen
    // small writes. The CRC is taken over each full buffer, as it goes out.
    private final byte[] buffer = new byte[1 << 16];
    private int buffered;
    private long crc;
    private long written;

    /**
     * {@code rdbcompression} and {@code rdbchecksum}: whether long strings are compressed, whether a CRC is written;
     * {@code compact}: whether values are written in the encoding Redis 7.0 would hold them in, so that a DUMP
     * payload's bytes are redis-server's (a list as a quicklist of listpacks, type 18, its nodes as
     * {@code list-max-listpack-size} and the packed threshold split it; a small hash or sorted set as a listpack, 16
     * and 17; a small set of integers as an intset, 11; a large sorted set from its highest score down, as Redis walks
     * its skip list).
     */
    public record Format(boolean compress, boolean checksum, boolean compact, int listFill, long packedThreshold) {
        /** Redis's defaults: both yes. */
        public static final Format DEFAULT = new Format(true, true);

        /** Plain forms, as snapshots are written. */
        public Format(boolean compress, boolean checksum) {
            this(compress, checksum, false, -2, 1L << 30);
        }
    }

    private final Format format;

    /** Writes to {@code out} through a buffer, flushed by {@link #writeEnd}; the caller closes {@code out}. */
    public RdbWriter(OutputStream out) {
        this(out, Format.DEFAULT);
    }

    public RdbWriter(OutputStream out, Format format) {
        this.out = out;
        this.format = format;
    }

    /** "REDIS0010" and aux fields: redis-ver 7.0.15, redis-bits 64, ctime (seconds), used-mem, aof-base 0|1. */
    public void writeHeader(long ctimeSeconds, long usedMemory, boolean aofBase) throws IOException {
        write(("REDIS" + String.format("%04d", RdbFormat.VERSION)).getBytes(StandardCharsets.US_ASCII));
        aux("redis-ver", REDIS_VERSION);
        aux("redis-bits", "64");
        aux("ctime", Long.toString(ctimeSeconds));
        aux("used-mem", Long.toString(usedMemory));
        aux("aof-base", aofBase ? "1" : "0");
    }

    /** SELECTDB db, then RESIZEDB keys expires. */
    public void selectDb(int db, long keys, long expires) throws IOException {
        writeByte(RdbFormat.OPCODE_SELECTDB);
        writeLength(db);
        writeByte(RdbFormat.OPCODE_RESIZEDB);
        writeLength(keys);
        writeLength(expires);
    }

    // tag::entry[]
    /**
     * One key: EXPIRETIME_MS first if expireAtMillis >= 0, then type byte, key, value.
     *
     * @throws IllegalArgumentException for an empty list, set, hash or sorted set: Redis deletes a key whose
     *                                  collection becomes empty, and skips such a key when it loads a file
     */
    public void writeEntry(Key key, Value value, long expireAtMillis) throws IOException {
        if (expireAtMillis >= 0) {
            writeByte(RdbFormat.OPCODE_EXPIRETIME_MS);
            writeLittleEndian(expireAtMillis, 8);
        }
        writeObject(key, value);
    }

    /** A value as DUMP has it: its type byte and its encoding, no key (see {@link DumpPayload}). */
    void writeValue(Value value) throws IOException {
        writeObject(null, value);
    }

    // tag::write-object[]
    /** The type byte, the key (unless null: a DUMP payload), the value; see the class comment for the forms. */
    private void writeObject(Key key, Value value) throws IOException {
        switch (value) {
            case StringValue string -> {
                header(RdbFormat.TYPE_STRING, key);
                writeString(string.bytes());
            }
            case ListValue list -> {
                if (format.compact()) {
                    quicklist(key, list);
                    return;
                }
                header(RdbFormat.TYPE_LIST, key, list.size());
                for (int i = 0; i < list.size(); i++) {
                    writeString(list.get(i));
                }
            }
            case SetValue set -> {
                if (format.compact() && set.encoding().equals("intset")) {
                    header(RdbFormat.TYPE_SET_INTSET, key);
                    writeString(CompactEncodings.intset(set.members()));
                    return;
                }
                header(RdbFormat.TYPE_SET, key, set.size());
                for (Key member : set.members()) {
                    writeString(member.bytes());
                }
            }
            case HashValue hash -> {
                if (format.compact() && hash.encoding().equals("listpack")) {
                    header(RdbFormat.TYPE_HASH_LISTPACK, key);
                    ListpackWriter lp = new ListpackWriter();
                    hash.fields().forEach((field, v) -> lp.add(field.bytes()).add(v));
                    writeString(lp.toBytes());
                    return;
                }
                header(RdbFormat.TYPE_HASH, key, hash.size());
                for (Map.Entry<Key, byte[]> field : hash.fields().entrySet()) {
                    writeString(field.getKey().bytes());
                    writeString(field.getValue());
                }
            }
            case SortedSetValue zset -> {
                if (format.compact() && zset.encoding().equals("listpack")) {
                    header(RdbFormat.TYPE_ZSET_LISTPACK, key);
                    ListpackWriter lp = new ListpackWriter();
                    for (SkipList.Node node = zset.list().first(); node != null; node = node.next()) {
                        lp.add(node.member().bytes()).add(Numbers.formatDouble(node.score())
                                .getBytes(StandardCharsets.US_ASCII));
                    }
                    writeString(lp.toBytes());
                    return;
                }
                header(RdbFormat.TYPE_ZSET_2, key, zset.size());
                // Redis saves a skip list from its greatest element down; the plain form keeps the ascending order
                SkipList.Node node = format.compact() ? zset.list().last() : zset.list().first();
                for (; node != null; node = format.compact() ? node.previous() : node.next()) {
                    writeString(node.member().bytes());
                    writeLittleEndian(Double.doubleToRawLongBits(node.score()), 8);
                }
            }
            case StreamValue stream -> { // type 19: nodes as Redis's listpacks, counters, groups (see StreamRecord)
                header(RdbFormat.TYPE_STREAM_LISTPACKS_2, key);
                StreamRecord.write(this, stream);
            }
        }
    }
    // end::write-object[]

    /** A list as Redis 7.0 keeps it: a quicklist (type 18), each node a listpack or one plain element. */
    private void quicklist(Key key, ListValue list) throws IOException {
        java.util.List<CompactEncodings.Node> nodes = CompactEncodings.quicklist(list, format.listFill(),
                format.packedThreshold());
        header(RdbFormat.TYPE_LIST_QUICKLIST_2, key, nodes.size());
        for (CompactEncodings.Node node : nodes) {
            writeLength(node.plain() ? RdbFormat.QUICKLIST_NODE_PLAIN : RdbFormat.QUICKLIST_NODE_PACKED);
            writeString(node.blob());
        }
    }
    // end::entry[]

    /** EOF opcode and the CRC64 (Jones, as Redis's crc64.c, little-endian) of every byte before it. */
    public void writeEnd() throws IOException {
        writeByte(RdbFormat.OPCODE_EOF);
        drain();
        writeLittleEndian(format.checksum() ? crc : 0, 8);
        drain();
        out.flush();
    }

    /** Hands what is buffered to the output, without the end of a file: a DUMP payload is one value. */
    void flush() throws IOException {
        drain();
        out.flush();
    }

    /** Bytes written so far. */
    public long written() {
        return written;
    }

    private void header(int type, Key key, int size) throws IOException {
        if (size == 0) {
            throw new IllegalArgumentException("empty collection at key " + key + ": Redis never stores one");
        }
        header(type, key);
        writeLength(size);
    }

    private void header(int type, Key key) throws IOException {
        writeByte(type);
        if (key != null) {
            writeString(key.bytes());
        }
    }

    private void aux(String name, String value) throws IOException {
        writeByte(RdbFormat.OPCODE_AUX);
        writeString(name.getBytes(StandardCharsets.US_ASCII));
        writeString(value.getBytes(StandardCharsets.US_ASCII));
    }

    /** A string: as int8/16/32 when it is the canonical text of such an integer (as Redis does), else raw. */
    void writeString(byte[] bytes) throws IOException {
        Long number = bytes.length > 0 && bytes.length <= LONGEST_INT_STRING && (bytes[0] == '-' || digit(bytes[0]))
                ? Numbers.parseLong(bytes) : null; // only what may be a number is parsed (and boxed)
        if (number != null && number == (byte) (long) number) {
            writeByte(RdbFormat.ENCODED << 6 | RdbFormat.ENC_INT8);
            writeLittleEndian(number, 1);
        } else if (number != null && number == (short) (long) number) {
            writeByte(RdbFormat.ENCODED << 6 | RdbFormat.ENC_INT16);
            writeLittleEndian(number, 2);
        } else if (number != null && number == (int) (long) number) {
            writeByte(RdbFormat.ENCODED << 6 | RdbFormat.ENC_INT32);
            writeLittleEndian(number, 4);
        } else if (!format.compress() || bytes.length <= MIN_COMPRESSED || !writeCompressed(bytes)) {
            writeLength(bytes.length);
            write(bytes);
        }
    }

    /** Redis does not try to compress a string of 20 bytes or less: LZF cannot shrink it. */
    private static final int MIN_COMPRESSED = 20;

    /** LZF, if it saves at least 4 bytes (Redis's rdbSaveLzfStringObject); false if it does not. */
    private boolean writeCompressed(byte[] bytes) throws IOException {
        byte[] compressed = Lzf.compress(bytes, bytes.length - 4);
        if (compressed == null) {
            return false;
        }
        writeByte(RdbFormat.ENCODED << 6 | RdbFormat.ENC_LZF);
        writeLength(compressed.length);
        writeLength(bytes.length);
        write(compressed);
        return true;
    }

    /**
     * A length in the shortest of its forms (see {@link RdbFormat}), unsigned as Redis's rdbSaveLen takes it: a
     * stream's IDs and a group's unknown read counter (-1) use all 64 bits.
     */
    void writeLength(long length) throws IOException {
        if (Long.compareUnsigned(length, 1 << 6) < 0) {
            writeByte((int) length);
        } else if (Long.compareUnsigned(length, 1 << 14) < 0) {
            writeByte(RdbFormat.LEN_14BIT << 6 | (int) (length >>> 8));
            writeByte((int) length & 0xff);
        } else if (Long.compareUnsigned(length, 0xffffffffL) <= 0) {
            writeByte(RdbFormat.LEN_32BIT);
            writeBigEndian(length, 4);
        } else {
            writeByte(RdbFormat.LEN_64BIT);
            writeBigEndian(length, 8);
        }
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    void writeLittleEndian(long value, int bytes) throws IOException {
        room(bytes);
        for (int i = 0; i < bytes; i++) {
            buffer[buffered++] = (byte) (value >>> (8 * i));
        }
        written += bytes;
    }

    private void writeBigEndian(long value, int bytes) throws IOException {
        room(bytes);
        for (int i = 0; i < bytes; i++) {
            buffer[buffered++] = (byte) (value >>> (8 * (bytes - 1 - i)));
        }
        written += bytes;
    }

    void writeByte(int b) throws IOException {
        room(1);
        buffer[buffered++] = (byte) b;
        written++;
    }

    void write(byte[] bytes) throws IOException {
        if (bytes.length > buffer.length / 2) { // a large value goes out directly, after what is buffered
            drain();
            out.write(bytes, 0, bytes.length);
            crc = Crc64.update(crc, bytes, 0, bytes.length);
        } else {
            room(bytes.length);
            System.arraycopy(bytes, 0, buffer, buffered, bytes.length);
            buffered += bytes.length;
        }
        written += bytes.length;
    }

    private void room(int bytes) throws IOException {
        if (buffered + bytes > buffer.length) {
            drain();
        }
    }

    /** Hands the buffer to the output and takes its CRC. */
    private void drain() throws IOException {
        out.write(buffer, 0, buffered);
        crc = Crc64.update(crc, buffer, 0, buffered);
        buffered = 0;
    }
}
