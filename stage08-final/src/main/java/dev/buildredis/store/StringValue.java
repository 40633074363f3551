package dev.buildredis.store;

import java.util.Arrays;

/**
 * A string value: any bytes, up to 512 MB. Kept with spare room at its end, as Redis's {@code sds} does, so that a
 * run of APPENDs copies the bytes a logarithmic number of times rather than at every append.
 */
public final class StringValue implements Value {

    /** Redis's proto-max-bulk-len: APPEND and SETRANGE may not make a string longer. */
    public static final long MAX_LENGTH = 512L * 1024 * 1024;

    /** The longest string Redis stores as {@code embstr}: header and bytes in one allocation. */
    private static final int EMBSTR_LIMIT = 44;

    private byte[] bytes;
    private int length;
    private boolean raw; // Redis turns a string it has appended to or overwritten in place into "raw" for good

    public StringValue(byte[] bytes) {
        this.bytes = bytes;
        this.length = bytes.length;
    }

    /** The bytes; a copy only if the value has spare room. */
    public byte[] bytes() {
        if (bytes.length != length) {
            bytes = Arrays.copyOf(bytes, length);
        }
        return bytes;
    }

    public int length() {
        return length;
    }

    /** Appends {@code tail}, growing the buffer by doubling. */
    public void append(byte[] tail) {
        ensureCapacity(length + tail.length);
        System.arraycopy(tail, 0, bytes, length, tail.length);
        length += tail.length;
        raw = true;
    }

    /** Writes {@code data} at {@code offset}, padding with zero bytes up to it if the string is shorter. */
    public void setRange(int offset, byte[] data) {
        int end = offset + data.length;
        ensureCapacity(end);
        if (end > length) {
            Arrays.fill(bytes, length, end, (byte) 0);
            length = end;
        }
        System.arraycopy(data, 0, bytes, offset, data.length);
        raw = true;
    }

    private void ensureCapacity(int needed) {
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, Math.min(needed * 2, needed + (1 << 20))));
        }
    }

    /** The object (header, array reference, length, flag) and its array, spare room included. */
    @Override
    public long memoryBytes() {
        return 24 + Memory.array(bytes.length);
    }

    @Override
    public StringValue copy() {
        return new StringValue(bytes().clone());
    }

    @Override
    public String typeName() {
        return "string";
    }

    @Override
    public String encoding() {
        if (!raw && length <= 20 && Numbers.parseLong(bytes(), 0, length) != null) {
            return "int";
        }
        return !raw && length <= EMBSTR_LIMIT ? "embstr" : "raw";
    }
}
