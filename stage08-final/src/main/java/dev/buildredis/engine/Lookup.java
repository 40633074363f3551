// @step 06
package dev.buildredis.engine;

import dev.buildredis.store.Database;
//> step 13
import dev.buildredis.store.HashValue;
//< step 13
import dev.buildredis.store.Key;
//> step 13
import dev.buildredis.store.ListValue;
//< step 13
//> step 14
import dev.buildredis.store.SetValue;
import dev.buildredis.store.SortedSetValue;
//< step 14
//> step 19
import dev.buildredis.store.StreamValue;
//< step 19
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

    //> step 13
    public static ListValue list(Database db, Key key) {
        return as(db.get(key), ListValue.class);
    }

    public static HashValue hash(Database db, Key key) {
        return as(db.get(key), HashValue.class);
    }

    //< step 13
    //> step 14
    public static SetValue set(Database db, Key key) {
        return as(db.get(key), SetValue.class);
    }

    public static SortedSetValue zset(Database db, Key key) {
        return as(db.get(key), SortedSetValue.class);
    }

    //< step 14
    //> step 19
    public static StreamValue stream(Database db, Key key) {
        return as(db.get(key), StreamValue.class);
    }

    //< step 19
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
