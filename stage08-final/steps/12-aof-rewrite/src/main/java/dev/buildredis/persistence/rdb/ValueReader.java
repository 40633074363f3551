package dev.buildredis.persistence.rdb;

import dev.buildredis.store.StringValue;
import dev.buildredis.store.Value;

import java.io.IOException;

/**
 * Reads one value of a given RDB type into this server's value classes: for each type this server has, every
 * encoding Redis has written up to 7.2.
 * <pre>
 *   string      0 (plain, integer or LZF string)
 * </pre>
 * As in Redis, a set or hash with a repeated member, or a sorted set with a NaN score, is a damaged file.
 */
final class ValueReader {

    private ValueReader() {
    }

    /** Refuses, before the key is read, a type byte this reader cannot load. */
    static void requireSupported(int type, long at) throws RdbFormatException {
        switch (type) {
            case RdbFormat.TYPE_STREAM_LISTPACKS, RdbFormat.TYPE_STREAM_LISTPACKS_2, RdbFormat.TYPE_STREAM_LISTPACKS_3 ->
                    throw new RdbFormatException(at, "stream keys are not supported (type " + type + ")");
            case RdbFormat.TYPE_MODULE_PRE_GA, RdbFormat.TYPE_MODULE_2 ->
                    throw new RdbFormatException(at, "module keys are not supported (type " + type + ")");
            default -> {
                if (type > RdbFormat.TYPE_SET_LISTPACK || type == 8) {
                    throw new RdbFormatException(at, "unknown value type " + type);
                }
            }
        }
    }

    /** The value, or {@code null} for an empty collection, which Redis too skips when it loads a file. */
    static Value read(int type, RdbInput in) throws IOException {
        long at = in.offset();
        Value value = switch (type) {
            case RdbFormat.TYPE_STRING -> new StringValue(in.readString());
            default -> throw new RdbFormatException(at, "unknown value type " + type);
        };
        return isEmpty(value) ? null : value;
    }

    private static boolean isEmpty(Value value) {
        return switch (value) {
            case StringValue string -> false;
        };
    }
}
