package dev.buildredis.persistence.rdb;

import java.util.Arrays;

/**
 * A cursor over one of Redis's compact encodings (listpack, ziplist, intset, zipmap) that an RDB file stores as a
 * single string. Every read is bounds-checked, so that a damaged blob gives an {@link RdbFormatException} naming
 * the blob's place in the file and the position inside it, never an {@link ArrayIndexOutOfBoundsException}.
 */
final class BlobCursor {

    private final byte[] blob;
    private final long fileOffset;
    private final String kind;
    private int position;

    /**
     * @param fileOffset where the string holding the blob starts in the file
     * @param kind       "listpack", "ziplist", ... for error messages
     */
    BlobCursor(byte[] blob, long fileOffset, String kind) {
        this.blob = blob;
        this.fileOffset = fileOffset;
        this.kind = kind;
    }

    int position() {
        return position;
    }

    /** The next byte, unsigned, without consuming it. */
    int peek() throws RdbFormatException {
        need(1);
        return blob[position] & 0xff;
    }

    int u8() throws RdbFormatException {
        int b = peek();
        position++;
        return b;
    }

    /** An unsigned little-endian integer of {@code width} bytes (1..8). */
    long littleEndian(int width) throws RdbFormatException {
        need(width);
        long value = 0;
        for (int i = 0; i < width; i++) {
            value |= (long) (blob[position++] & 0xff) << (8 * i);
        }
        return value;
    }

    /** A two's-complement little-endian integer of {@code width} bytes, sign-extended. */
    long signedLittleEndian(int width) throws RdbFormatException {
        int unused = 64 - 8 * width;
        return littleEndian(width) << unused >> unused;
    }

    /** An unsigned big-endian integer of {@code width} bytes. */
    long bigEndian(int width) throws RdbFormatException {
        need(width);
        long value = 0;
        for (int i = 0; i < width; i++) {
            value = value << 8 | (blob[position++] & 0xff);
        }
        return value;
    }

    byte[] bytes(long count) throws RdbFormatException {
        need(count);
        byte[] bytes = Arrays.copyOfRange(blob, position, position + (int) count);
        position += (int) count;
        return bytes;
    }

    void skip(long count) throws RdbFormatException {
        need(count);
        position += (int) count;
    }

    private void need(long count) throws RdbFormatException {
        if (count < 0 || count > blob.length - position) {
            throw damaged("needs " + count + " more bytes, has " + (blob.length - position));
        }
    }

    /** An error naming where the blob starts in the file and the position inside it. */
    RdbFormatException damaged(String reason) {
        return new RdbFormatException(fileOffset, kind + " of " + blob.length + " bytes is damaged at its byte "
                + position + ": " + reason);
    }
}
