package dev.buildredis.persistence.rdb;

import java.io.IOException;

/**
 * An RDB file that cannot be read: damaged, cut short, or using a feature this reader does not support. Names the
 * byte offset in the file where the reader noticed, so that a hex dump shows the spot.
 */
public final class RdbFormatException extends IOException {

    private final long offset;

    public RdbFormatException(long offset, String reason) {
        super("RDB file unreadable at byte " + offset + ": " + reason);
        this.offset = offset;
    }

    /** Where in the file the problem was noticed (for a wrong checksum: where the checksum is). */
    public long offset() {
        return offset;
    }
}
