package dev.buildredis.persistence.rdb;

import dev.buildredis.store.Encodings;
import dev.buildredis.store.Numbers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of an RDB file as the reader consumes them: lengths, strings (plain, integer or LZF, see
 * {@link RdbFormat}), fixed-width integers and doubles. Counts the offset, for error messages, and keeps the CRC64
 * of everything consumed, for the checksum after EOF.
 *
 * <p>A file declares lengths before the data, and a damaged or hostile file may declare 2<sup>60</sup> bytes in a
 * few bytes of input. So a string is read in chunks, its array growing only as the input actually delivers bytes:
 * a lie costs at most twice the bytes the file really has, and ends in {@link RdbFormatException}, not in
 * {@link OutOfMemoryError}.
 */
final class RdbInput {

    private static final int CHUNK = 1 << 16;

    /**
     * LZF's best case: a 3-byte back reference stands for up to 264 bytes. A file declaring more output than 88
     * times its compressed bytes is lying, and is refused before the output array is allocated.
     */
    private static final int LZF_MAX_RATIO = 88;

    private final InputStream in;
    private final Encodings encodings;
    private final byte[] buffer = new byte[CHUNK];
    private int position;
    private int limit;
    private long offset;
    private long crc;

    RdbInput(InputStream in) {
        this(in, Encodings.DEFAULTS);
    }

    RdbInput(InputStream in, Encodings encodings) {
        this.in = in;
        this.encodings = encodings;
    }

    /** The limits the collections read are made with. */
    Encodings encodings() {
        return encodings;
    }

    /** Bytes consumed so far: the offset of the next byte in the file. */
    long offset() {
        return offset;
    }

    /** The CRC64 of every byte consumed so far. */
    long crc() {
        return crc;
    }

    RdbFormatException damaged(long at, String reason) {
        return new RdbFormatException(at, reason);
    }

    /** One unsigned byte. */
    int readByte() throws IOException {
        if (position == limit && !fill()) {
            throw damaged(offset, "the file ends early");
        }
        int b = buffer[position++] & 0xff;
        crc = Crc64.update(crc, b);
        offset++;
        return b;
    }

    /** Exactly {@code length} bytes, in bounded chunks (see the class comment). */
    byte[] readBytes(long length) throws IOException {
        long at = offset;
        if (length < 0 || length > RdbFormat.MAX_STRING) {
            throw damaged(at, "declared length " + Long.toUnsignedString(length) + " is over the 512 MB limit");
        }
        byte[] bytes = new byte[(int) Math.min(length, CHUNK)];
        int filled = 0;
        while (filled < length) {
            if (position == limit && !fill()) {
                throw damaged(offset, "the file ends early, inside a string of " + length + " bytes begun at " + at);
            }
            if (filled == bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(length, 2L * bytes.length));
            }
            int n = Math.min(limit - position, bytes.length - filled);
            System.arraycopy(buffer, position, bytes, filled, n);
            crc = Crc64.update(crc, buffer, position, n);
            position += n;
            offset += n;
            filled += n;
        }
        return bytes;
    }

    /** An unsigned little-endian integer of {@code width} bytes (a 64-bit one may come out negative). */
    long readLittleEndian(int width) throws IOException {
        long value = 0;
        for (int i = 0; i < width; i++) {
            value |= (long) readByte() << (8 * i);
        }
        return value;
    }

    private long readBigEndian(int width) throws IOException {
        long value = 0;
        for (int i = 0; i < width; i++) {
            value = value << 8 | readByte();
        }
        return value;
    }

    /** A length: a count of elements, a db number, and so on; the string encodings are refused here. */
    long readLength() throws IOException {
        long at = offset;
        int first = readByte();
        if (first >>> 6 == RdbFormat.ENCODED) {
            throw damaged(at, "expected a length, found a string encoding (first byte 0x" + Integer.toHexString(first)
                    + ")");
        }
        return readLength(at, first);
    }

    private long readLength(long at, int first) throws IOException {
        return switch (first >>> 6) {
            case RdbFormat.LEN_6BIT -> first & 0x3f;
            case RdbFormat.LEN_14BIT -> (first & 0x3f) << 8 | readByte();
            default -> switch (first) {
                case RdbFormat.LEN_32BIT -> readBigEndian(4);
                case RdbFormat.LEN_64BIT -> readBigEndian(8);
                default -> throw damaged(at, "unknown length form, first byte 0x" + Integer.toHexString(first));
            };
        };
    }

    /** A string in any of its encodings; integers come out as their decimal text, as Redis loads them. */
    byte[] readString() throws IOException {
        long at = offset;
        int first = readByte();
        if (first >>> 6 != RdbFormat.ENCODED) {
            return readBytes(readLength(at, first));
        }
        return switch (first & 0x3f) {
            case RdbFormat.ENC_INT8 -> decimal((byte) readLittleEndian(1));
            case RdbFormat.ENC_INT16 -> decimal((short) readLittleEndian(2));
            case RdbFormat.ENC_INT32 -> decimal((int) readLittleEndian(4));
            case RdbFormat.ENC_LZF -> readLzf(at);
            default -> throw damaged(at, "unknown string encoding " + (first & 0x3f));
        };
    }

    private byte[] readLzf(long at) throws IOException {
        long compressedLength = readLength();
        long length = readLength();
        byte[] compressed = readBytes(compressedLength);
        if (length > RdbFormat.MAX_STRING || length > (long) LZF_MAX_RATIO * compressedLength) {
            throw damaged(at, "LZF string declares " + Long.toUnsignedString(length) + " bytes from "
                    + compressedLength + " compressed ones");
        }
        try {
            return Lzf.decompress(compressed, (int) length);
        } catch (IllegalArgumentException e) {
            throw damaged(at, "LZF string is damaged: " + e.getMessage());
        }
    }

    /**
     * A double as the old sorted set type writes it: a length byte and that many ASCII characters, or one of three
     * length values that stand for NaN and the infinities.
     */
    double readTextDouble() throws IOException {
        long at = offset;
        int length = readByte();
        switch (length) {
            case RdbFormat.DOUBLE_NAN -> {
                return Double.NaN;
            }
            case RdbFormat.DOUBLE_POSITIVE_INFINITY -> {
                return Double.POSITIVE_INFINITY;
            }
            case RdbFormat.DOUBLE_NEGATIVE_INFINITY -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                byte[] text = readBytes(length);
                Double value = Numbers.parseDouble(text);
                if (value == null) {
                    throw damaged(at, "not a number: " + new String(text, StandardCharsets.ISO_8859_1));
                }
                return value;
            }
        }
    }

    /** A double as the newer sorted set type writes it: 8 bytes, IEEE 754, little-endian. */
    double readBinaryDouble() throws IOException {
        return Double.longBitsToDouble(readLittleEndian(8));
    }

    /** The decimal text of an integer, as Redis turns an integer-encoded string back into bytes. */
    static byte[] decimal(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        position = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }
}
