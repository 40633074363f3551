package dev.buildredis.persistence.aof;

import java.io.IOException;

/**
 * The append-only file is damaged at a known offset: a byte that is not data breaks the format. Only the reader
 * throws it; {@link AppendOnlyFile} turns it into the message that names the file and says how to repair it.
 */
final class AofFormatException extends IOException {

    private final long offset;

    /**
     * @param offset the offset of the first byte that breaks the format
     * @param reason what is wrong there
     */
    AofFormatException(long offset, String reason) {
        super(reason);
        this.offset = offset;
    }

    long offset() {
        return offset;
    }
}
