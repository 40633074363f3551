package dev.buildredis.engine;

import dev.buildredis.store.Database;
import dev.buildredis.store.Key;
import dev.buildredis.store.StringValue;
import dev.buildredis.store.Value;

/**
 * Looks a key up expecting one type: the value, {@code null} if the key does not exist, or
 * {@code -WRONGTYPE} if it holds another type, the check every Redis command makes first.
 */
public final class Lookup {

    private Lookup() {
    }

    public static StringValue string(Database db, Key key) {
        return as(db.get(key), StringValue.class);
    }

    private static <T extends Value> T as(Value value, Class<T> type) {
        if (value == null) {
            return null;
        }
        if (!type.isInstance(value)) {
            throw CommandError.wrongType();
        }
        return type.cast(value);
    }
}
