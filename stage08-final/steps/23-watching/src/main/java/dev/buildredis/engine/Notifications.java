package dev.buildredis.engine;

import dev.buildredis.store.Database;
import dev.buildredis.store.Key;

import java.nio.charset.StandardCharsets;

/**
 * Keyspace notifications: each change to a key published on two pub/sub channels, as Redis's
 * {@code notifyKeyspaceEvent} does, when {@code notify-keyspace-events} asks for the event's kind.
 * <pre>
 *   SET k v   in db 0, with "KEA":   PUBLISH __keyspace@0__:k  set      (K: the key's channel, the event as message)
 *                                    PUBLISH __keyevent@0__:set k      (E: the event's channel, the key as message)
 * </pre>
 *
 * <p>Where the events come from, so that no command family grows a line per event:
 * <ul>
 *   <li>a write: {@link Client#modified} publishes the running command's event ({@link Command#event}, its name
 *       unless its table entry says otherwise), of the kind {@link KeyspaceEvents#kindOf} gives; a command that
 *       emits something else names it ({@code c.modified(key, "rename_from")});</li>
 *   <li>a collection emptied by a pop or a removal is deleted: "del" follows its event, as in Redis;</li>
 *   <li>the keyspace itself: "new" when a key is created, "expired", "evicted", "keymiss" (see {@link Engine}).</li>
 * </ul>
 * With the parameter empty (the default) a write pays one comparison.
 */
final class Notifications {

    private final Engine engine;
    private int flags; // notify-keyspace-events, parsed (KeyspaceEvents' bits)

    Notifications(Engine engine) {
        this.engine = engine;
    }

    void configure(int flags) {
        this.flags = flags;
    }

    /** Whether any event may be published: a kind and at least one of K and E. */
    boolean on() {
        return (flags & (KeyspaceEvents.KEYSPACE | KeyspaceEvents.KEYEVENT)) != 0
                && (flags & ~(KeyspaceEvents.KEYSPACE | KeyspaceEvents.KEYEVENT)) != 0;
    }

    // tag::key-changed[]
    /**
     * A write changed {@code key}: its event, then "del" if the change emptied a collection and so deleted the key
     * (a type's event, never a generic one such as "rename_from", which also leaves no key behind).
     */
    void keyChanged(String event, Database db, Key key) {
        int kind = KeyspaceEvents.kindOf(event);
        publish(kind, event, db, key);
        if (kind != KeyspaceEvents.GENERIC && kind != 0 && !db.contains(key)) {
            publish(KeyspaceEvents.GENERIC, "del", db, key);
        }
    }
    // end::key-changed[]

    /** One event, if its kind is asked for; with the parameter empty, one comparison (a new key, a miss...). */
    void notify(String event, Database db, Key key) {
        if (flags != 0) {
            publish(KeyspaceEvents.kindOf(event), event, db, key);
        }
    }

    // tag::publish[]
    private void publish(int kind, String event, Database db, Key key) {
        if ((flags & kind) == 0) {
            return;
        }
        byte[] name = event.getBytes(StandardCharsets.US_ASCII);
        if ((flags & KeyspaceEvents.KEYSPACE) != 0) {
            engine.pubsub.publish(engine, channel("__keyspace@", db, key.bytes()), name);
        }
        if ((flags & KeyspaceEvents.KEYEVENT) != 0) {
            engine.pubsub.publish(engine, channel("__keyevent@", db, name), key.bytes());
        }
    }
    // end::publish[]

    /** {@code __keyspace@0__:key} or {@code __keyevent@0__:event}. */
    private static Key channel(String prefix, Database db, byte[] suffix) {
        byte[] head = (prefix + db.index() + "__:").getBytes(StandardCharsets.US_ASCII);
        byte[] channel = new byte[head.length + suffix.length];
        System.arraycopy(head, 0, channel, 0, head.length);
        System.arraycopy(suffix, 0, channel, head.length, suffix.length);
        return new Key(channel);
    }
}
