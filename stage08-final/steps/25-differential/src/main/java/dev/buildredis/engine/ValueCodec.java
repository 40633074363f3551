package dev.buildredis.engine;

import dev.buildredis.store.Value;

/**
 * A value as bytes and back, the way DUMP and RESTORE carry it: what the server's persistence knows, handed to the
 * families that need it (DUMP, RESTORE, DEBUG OBJECT) when the server is put together, so that no family depends on
 * persistence.
 */
public interface ValueCodec {

    /** DUMP's payload: the value's RDB encoding, the RDB version, a CRC64. */
    byte[] dump(Value value);

    /**
     * The value a payload holds.
     *
     * @throws CommandError with Redis's text if the payload's version or checksum is wrong, or its data damaged
     */
    Value restore(byte[] payload);

    /** The length of the value's RDB encoding (DEBUG OBJECT's serializedlength). */
    long serializedLength(Value value);

    /** What DEBUG OBJECT adds about the value's encoding (a list's quicklist nodes), with a leading space; or "". */
    String encodingDetails(Value value);
}
