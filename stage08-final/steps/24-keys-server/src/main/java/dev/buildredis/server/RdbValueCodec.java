package dev.buildredis.server;

import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Engine;
import dev.buildredis.engine.ValueCodec;
import dev.buildredis.persistence.rdb.DumpPayload;
import dev.buildredis.persistence.rdb.RdbWriter;
import dev.buildredis.store.Encodings;
import dev.buildredis.store.Value;

/**
 * DUMP's encoding for the families that need it, from the RDB code in persistence: values in Redis 7.0's compact
 * encodings, compressed as {@code rdbcompression} says, lists split into nodes as {@code list-max-listpack-size}
 * and the packed threshold (DEBUG QUICKLIST-PACKED-THRESHOLD) say.
 */
final class RdbValueCodec implements ValueCodec {

    private final Engine engine;

    RdbValueCodec(Engine engine) {
        this.engine = engine;
    }

    private RdbWriter.Format format() {
        Encodings encodings = engine.keyspace().encodings();
        return new RdbWriter.Format(engine.settings().yes("rdbcompression"), true, true, encodings.listFill(),
                encodings.listPackedThreshold());
    }

    @Override
    public byte[] dump(Value value) {
        return DumpPayload.create(value, format());
    }

    @Override
    public Value restore(byte[] payload) {
        try {
            return DumpPayload.restore(payload, engine.keyspace().encodings());
        } catch (IllegalArgumentException e) {
            throw new CommandError(e.getMessage());
        }
    }

    @Override
    public long serializedLength(Value value) {
        return DumpPayload.serializedLength(value, format());
    }

    @Override
    public String encodingDetails(Value value) {
        return DumpPayload.encodingDetails(value, format());
    }
}
