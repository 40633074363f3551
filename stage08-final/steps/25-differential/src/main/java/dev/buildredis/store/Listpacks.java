package dev.buildredis.store;

import java.io.ByteArrayOutputStream;

/**
 * Redis's listpack encoding of one element, both its size and its bytes: the stream keeps the size of each node as
 * Redis would lay it out, because when Redis starts a new node depends on that size (see {@link StreamNode}), and the
 * RDB writer needs the bytes themselves (RDB_TYPE_STREAM_LISTPACKS stores every node as a listpack).
 * <pre>
 *   listpack  = total-bytes(4, LE)  element-count(2, LE; 65535 = "too many, count them")  element*  FF
 *   element   = encoding [data] backlen
 *
 *   0xxxxxxx                          integer 0..127                      1 byte
 *   110xxxxx xxxxxxxx                 integer -4096..4095 (13 bits)       2 bytes
 *   F1 / F2 / F3 / F4 + 2/3/4/8 bytes integer of 16/24/32/64 bits, LE     3/4/5/9 bytes
 *   10xxxxxx + data                   string up to 63 bytes
 *   1110xxxx xxxxxxxx + data          string up to 4095 bytes
 *   F0 + 4-byte LE length + data      longer string
 *   backlen                           the size of encoding and data, 7 bits a byte, read from the end backwards
 * </pre>
 * A string that is the canonical text of a 64-bit integer ({@code "42"}, not {@code "042"}) is stored as the
 * integer, as Redis's {@code lpStringToInt64} decides.
 */
public final class Listpacks {

    /** total-bytes and element-count. */
    public static final int HEADER = 6;
    /** The end byte, 0xFF. */
    public static final int END = 1;
    private static final int UNKNOWN_COUNT = 0xffff;

    private Listpacks() {
    }

    /** The bytes an element takes in a listpack, backlen included. */
    public static int size(byte[] element) {
        Long integer = Numbers.parseLong(element);
        return integer != null ? integerSize(integer) : stringSize(element.length);
    }

    /** The bytes an integer element takes. */
    public static int integerSize(long value) {
        return integerEncodingSize(value) + 1; // at most 9 bytes: a one-byte backlen
    }

    private static int integerEncodingSize(long value) {
        if (value >= 0 && value <= 127) {
            return 1;
        } else if (value >= -4096 && value <= 4095) {
            return 2;
        } else if (value >= -32768 && value <= 32767) {
            return 3;
        } else if (value >= -8388608 && value <= 8388607) {
            return 4;
        } else if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            return 5;
        }
        return 9;
    }

    private static int stringSize(int length) {
        int encoded = stringHeaderSize(length) + length;
        return encoded + backlenSize(encoded);
    }

    private static int stringHeaderSize(int length) {
        return length < 64 ? 1 : length < 4096 ? 2 : 5;
    }

    /**
     * The bytes of the backlen of an element of {@code size} bytes: Redis's {@code lpEncodeBacklen}, whose limits are
     * not all powers of two ({@code 16383} already takes three bytes).
     */
    public static int backlenSize(long size) {
        if (size <= 127) {
            return 1;
        } else if (size < 16383) {
            return 2;
        } else if (size < 2097151) {
            return 3;
        } else if (size < 268435455) {
            return 4;
        }
        return 5;
    }

    /** Writes the listpack header for {@code totalBytes} bytes and {@code count} elements. */
    public static void writeHeader(ByteArrayOutputStream out, long totalBytes, int count) {
        writeLittleEndian(out, totalBytes, 4);
        writeLittleEndian(out, Math.min(count, UNKNOWN_COUNT), 2);
    }

    public static void writeEnd(ByteArrayOutputStream out) {
        out.write(0xff);
    }

    /** Writes an element as {@link #size} counts it: as an integer if it is one, else as a string. */
    public static void write(ByteArrayOutputStream out, byte[] element) {
        Long integer = Numbers.parseLong(element);
        if (integer != null) {
            writeInteger(out, integer);
            return;
        }
        int length = element.length;
        if (length < 64) {
            out.write(0x80 | length);
        } else if (length < 4096) {
            out.write(0xe0 | length >>> 8);
            out.write(length & 0xff);
        } else {
            out.write(0xf0);
            writeLittleEndian(out, length, 4);
        }
        out.write(element, 0, length);
        writeBacklen(out, stringHeaderSize(length) + length);
    }

    public static void writeInteger(ByteArrayOutputStream out, long value) {
        int size = integerEncodingSize(value);
        switch (size) {
            case 1 -> out.write((int) value);
            case 2 -> {
                int bits = (int) value & 0x1fff; // 13-bit two's complement
                out.write(0xc0 | bits >>> 8);
                out.write(bits & 0xff);
            }
            default -> {
                out.write(switch (size) {
                    case 3 -> 0xf1;
                    case 4 -> 0xf2;
                    case 5 -> 0xf3;
                    default -> 0xf4;
                });
                writeLittleEndian(out, value, size - 1);
            }
        }
        writeBacklen(out, size);
    }

    /** Redis's lpEncodeBacklen: the high bits first, every byte but the first flagged with 128. */
    private static void writeBacklen(ByteArrayOutputStream out, long size) {
        int bytes = backlenSize(size);
        for (int i = bytes - 1; i >= 0; i--) {
            int seven = (int) (size >>> (7 * i)) & 127;
            out.write(i == bytes - 1 ? seven : seven | 128);
        }
    }

    private static void writeLittleEndian(ByteArrayOutputStream out, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (value >>> (8 * i)) & 0xff);
        }
    }
}
