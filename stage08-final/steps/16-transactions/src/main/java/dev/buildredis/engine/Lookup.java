package dev.buildredis.engine;

import dev.buildredis.store.Database;
import dev.buildredis.store.HashValue;
import dev.buildredis.store.Key;
import dev.buildredis.store.ListValue;
import dev.buildredis.store.SetValue;
import dev.buildredis.store.SortedSetValue;
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

    public static ListValue list(Database db, Key key) {
        return as(db.get(key), ListValue.class);
    }

    public static HashValue hash(Database db, Key key) {
        return as(db.get(key), HashValue.class);
    }

    public static SetValue set(Database db, Key key) {
        return as(db.get(key), SetValue.class);
    }

    public static SortedSetValue zset(Database db, Key key) {
        return as(db.get(key), SortedSetValue.class);
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
