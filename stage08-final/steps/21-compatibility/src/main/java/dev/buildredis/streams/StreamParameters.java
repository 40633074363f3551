package dev.buildredis.streams;

import dev.buildredis.engine.Engine;
import dev.buildredis.engine.Parameter;

/**
 * The parameters of streams, as Redis names them, defined into the server's settings when the family is put in:
 * how large a node may grow before XADD starts the next one (see {@link dev.buildredis.store.StreamNode}).
 */
final class StreamParameters {

    static final String NODE_MAX_BYTES = "stream-node-max-bytes";
    static final String NODE_MAX_ENTRIES = "stream-node-max-entries";

    private StreamParameters() {
    }

    static void define(Engine engine) {
        engine.settings().mutable(NODE_MAX_BYTES, Parameter.memory(0, Long.MAX_VALUE), 4096L);
        engine.settings().mutable(NODE_MAX_ENTRIES, Parameter.integer(0, Long.MAX_VALUE), 100L);
        engine.onSettingsChanged(() -> engine.keyspace().encodings().updateStreams(
                engine.settings().number(NODE_MAX_BYTES), engine.settings().number(NODE_MAX_ENTRIES)));
    }
}
