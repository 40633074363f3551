package dev.buildredis.persistence.rdb;

import dev.buildredis.store.Encodings;
import dev.buildredis.store.Value;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The payload of DUMP and RESTORE: one value in its RDB encoding, the RDB version it was written with, and a CRC64
 * of both, as Redis's {@code createDumpPayload} and {@code verifyDumpPayload} make and check it.
 * <pre>
 *   type(1) value(...)   version(2, LE: 10 for Redis 7.0)   crc64(8, LE) of everything before it
 *   SET k 1: DUMP k  →  00 c0 01   0a 00   crc64
 * </pre>
 * The value goes through {@link RdbWriter} and {@link ValueReader}, the code that writes and reads RDB files, so
 * every type the files know, a new one included, dumps and restores with no code here.
 */
public final class DumpPayload {

    private static final int FOOTER = 10; // version and CRC

    /** What RESTORE answers for a payload that is too short, too new, or whose checksum is wrong. */
    public static final String VERSION_OR_CHECKSUM = "ERR DUMP payload version or checksum are wrong";
    /** What RESTORE answers for a payload whose value cannot be read. */
    public static final String BAD_FORMAT = "ERR Bad data format";

    private DumpPayload() {
    }

    // tag::create[]
    /** DUMP: the value in Redis 7.0's encoding for it, see {@link RdbWriter.Format#compact}. */
    public static byte[] create(Value value, RdbWriter.Format format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            RdbWriter writer = new RdbWriter(out, format);
            writer.writeValue(value);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        out.write(RdbFormat.VERSION & 0xff);
        out.write(RdbFormat.VERSION >>> 8 & 0xff);
        long crc = Crc64.of(out.toByteArray());
        for (int i = 0; i < 8; i++) {
            out.write((int) (crc >>> (8 * i)) & 0xff);
        }
        return out.toByteArray();
    }
    // end::create[]

    /** The bytes of the value's encoding alone, without its type byte: DEBUG OBJECT's serializedlength. */
    public static long serializedLength(Value value, RdbWriter.Format format) {
        return create(value, format).length - FOOTER - 1;
    }

    /**
     * DEBUG OBJECT's words about a list's quicklist, as Redis 7.0 prints them (nodes, elements a node, the fill, no
     * compression, the nodes' bytes); "" for other values.
     */
    public static String encodingDetails(Value value, RdbWriter.Format format) {
        if (!(value instanceof dev.buildredis.store.ListValue list)) {
            return "";
        }
        java.util.List<CompactEncodings.Node> nodes = CompactEncodings.quicklist(list, format.listFill(),
                format.packedThreshold());
        long bytes = 0;
        for (CompactEncodings.Node node : nodes) {
            bytes += node.blob().length;
        }
        return String.format(java.util.Locale.ROOT,
                " ql_nodes:%d ql_avg_node:%.2f ql_listpack_max:%d ql_compressed:0 ql_uncompressed_size:%d",
                nodes.size(), nodes.isEmpty() ? 0.0 : (double) list.size() / nodes.size(), format.listFill(), bytes);
    }

    // tag::restore[]
    /**
     * RESTORE: the value in {@code payload}, made with {@code encodings}' limits.
     *
     * @throws IllegalArgumentException with Redis's error text: {@link #VERSION_OR_CHECKSUM} before anything is
     *                                  read, {@link #BAD_FORMAT} if the value is damaged, of an unknown type, or an
     *                                  empty collection
     */
    public static Value restore(byte[] payload, Encodings encodings) {
        if (payload.length < FOOTER) {
            throw new IllegalArgumentException(VERSION_OR_CHECKSUM);
        }
        int end = payload.length - FOOTER;
        int version = (payload[end] & 0xff) | (payload[end + 1] & 0xff) << 8;
        if (version > RdbFormat.VERSION) {
            throw new IllegalArgumentException(VERSION_OR_CHECKSUM);
        }
        long crc = 0;
        for (int i = 0; i < 8; i++) {
            crc |= (long) (payload[end + 2 + i] & 0xff) << (8 * i);
        }
        if (Crc64.update(0, payload, 0, end + 2) != crc) {
            throw new IllegalArgumentException(VERSION_OR_CHECKSUM);
        }
        try {
            // The whole payload, footer included, as Redis reads it: a value that runs into the footer still loads
            RdbInput in = new RdbInput(new ByteArrayInputStream(payload), encodings);
            int type = in.readByte();
            ValueReader.requireSupported(type, 0);
            Value value = ValueReader.read(type, in);
            if (value == null) {
                throw new RdbFormatException(in.offset(), "an empty collection"); // Redis refuses it too
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(BAD_FORMAT);
        }
    }
    // end::restore[]
}
