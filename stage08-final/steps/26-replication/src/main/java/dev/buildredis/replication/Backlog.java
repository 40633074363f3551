package dev.buildredis.replication;

/**
 * The replication backlog: the last {@code repl-backlog-size} bytes of the stream, in a ring, so that a replica
 * that lost its link for a moment can ask for what it missed ({@code PSYNC replid offset}) instead of a whole new
 * copy of the data set.
 * <pre>
 *    offset 1 of the stream                                          master_repl_offset
 *    │ ... bytes gone ... │◀──────────── histlen bytes kept ───────────▶│
 *                         first byte offset                             the last byte written
 * </pre>
 * A replica that has everything up to offset N asks for N+1: it can continue if N+1 is within the bytes kept, or
 * right after the last one (it missed nothing).
 */
final class Backlog {

    private byte[] ring;
    private int next;             // where the next byte goes in the ring
    private long histlen;         // bytes kept, at most ring.length
    private long firstByteOffset; // the stream offset of the oldest byte kept

    /** An empty backlog for a stream that is at {@code offset}: the next byte written is offset + 1. */
    Backlog(int size, long offset) {
        ring = new byte[size];
        firstByteOffset = offset + 1;
    }

    void append(byte[] bytes, int from, int length) {
        if (length >= ring.length) { // only the tail fits
            firstByteOffset += histlen + length - ring.length;
            System.arraycopy(bytes, from + length - ring.length, ring, 0, ring.length);
            next = 0;
            histlen = ring.length;
            return;
        }
        int first = Math.min(length, ring.length - next);
        System.arraycopy(bytes, from, ring, next, first);
        System.arraycopy(bytes, from + first, ring, 0, length - first);
        next = (next + length) % ring.length;
        histlen += length;
        if (histlen > ring.length) {
            firstByteOffset += histlen - ring.length;
            histlen = ring.length;
        }
    }

    /** Whether a replica asking for {@code offset} onwards can have it from here. */
    boolean covers(long offset) {
        return offset >= firstByteOffset && offset <= firstByteOffset + histlen;
    }

    /** The bytes from {@code offset} to the last one written; {@link #covers} must hold. */
    byte[] from(long offset) {
        int length = (int) (firstByteOffset + histlen - offset);
        byte[] bytes = new byte[length];
        int start = (int) ((next - length + (long) ring.length) % ring.length);
        int first = Math.min(length, ring.length - start);
        System.arraycopy(ring, start, bytes, 0, first);
        System.arraycopy(ring, 0, bytes, first, length - first);
        return bytes;
    }

    /** CONFIG SET repl-backlog-size: a ring of the new size, with as much of the latest history as fits. */
    void resize(int size) {
        if (size == ring.length) {
            return;
        }
        long keep = Math.min(histlen, size);
        byte[] kept = from(firstByteOffset + histlen - keep);
        long end = firstByteOffset + histlen;
        ring = new byte[size];
        System.arraycopy(kept, 0, ring, 0, kept.length);
        next = kept.length % size;
        histlen = kept.length;
        firstByteOffset = end - histlen;
    }

    int size() {
        return ring.length;
    }

    long histlen() {
        return histlen;
    }

    long firstByteOffset() {
        return firstByteOffset;
    }
}
