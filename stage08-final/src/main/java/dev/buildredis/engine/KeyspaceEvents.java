// @step 21
package dev.buildredis.engine;

/**
 * {@code notify-keyspace-events}: which kinds of change are published as keyspace notifications, one letter a kind,
 * read and shown as Redis's {@code keyspaceEventsStringToFlags} and {@code keyspaceEventsFlagsToString} do.
 *
 * <pre>
 *   K  __keyspace@db__:key  channel     g  generic (DEL, EXPIRE, RENAME...)   $  strings   l  lists   s  sets
 *   E  __keyevent@db__:event channel    h  hashes   z  sorted sets   x  expired   e  evicted   t  streams
 *   m  key misses   n  new keys   d  module   A  alias of "g$lshzxetd"
 * </pre>
 * Nothing is published unless K or E is there as well as a kind.
 *
 * <p>Every event Redis 7.0 emits belongs to one of these kinds; {@link #kindOf} says which (see {@link Notifications}).
 */
final class KeyspaceEvents {

    static final int KEYSPACE = 1;
    static final int KEYEVENT = 1 << 1;
    static final int GENERIC = 1 << 2;
    static final int STRING = 1 << 3;
    static final int LIST = 1 << 4;
    static final int SET = 1 << 5;
    static final int HASH = 1 << 6;
    static final int ZSET = 1 << 7;
    static final int EXPIRED = 1 << 8;
    static final int EVICTED = 1 << 9;
    static final int STREAM = 1 << 10;
    static final int KEY_MISS = 1 << 11;
    static final int MODULE = 1 << 12;
    static final int NEW = 1 << 13;
    static final int ALL = GENERIC | STRING | LIST | SET | HASH | ZSET | EXPIRED | EVICTED | STREAM | MODULE;

    /** The letters, in the order CONFIG GET shows them after "A" (or the kinds "A" stands for). */
    private static final String KINDS = "g$lshzxetd";
    private static final int[] KIND_FLAGS = {GENERIC, STRING, LIST, SET, HASH, ZSET, EXPIRED, EVICTED, STREAM,
            MODULE};

    private KeyspaceEvents() {
    }

    // tag::event-kinds[]
    /**
     * The kind of each event Redis 7.0 emits, by the event's name. A command's own writes emit its name (or what its
     * table entry names, {@link Command#emits}), so a kind is looked up here rather than declared at every call.
     */
    private static final java.util.Map<String, Integer> KIND_OF_EVENT = kinds(
            GENERIC, "del rename_from rename_to move_from move_to copy_to restore expire persist",
            STRING, "set setrange incrby incrbyfloat append setbit pfadd",
            LIST, "lpush rpush lpop rpop linsert lset lrem ltrim sortstore",
            SET, "sadd srem spop sinterstore sunionstore sdiffstore",
            HASH, "hset hdel hincrby hincrbyfloat",
            ZSET, "zadd zincr zrem zremrangebyscore zremrangebyrank zremrangebylex zpopmin zpopmax zunionstore "
                    + "zinterstore zdiffstore zrangestore georadiusstore geosearchstore",
            STREAM, "xadd xtrim xdel xgroup-create xgroup-createconsumer xgroup-delconsumer xgroup-destroy "
                    + "xgroup-setid xsetid",
            EXPIRED, "expired",
            EVICTED, "evicted",
            KEY_MISS, "keymiss",
            NEW, "new");
    // end::event-kinds[]

    /** The kind of a Redis event, or 0 for a name that is no event (a command whose writes Redis does not notify). */
    static int kindOf(String event) {
        return KIND_OF_EVENT.getOrDefault(event, 0);
    }

    private static java.util.Map<String, Integer> kinds(Object... kindsAndNames) {
        java.util.Map<String, Integer> map = new java.util.HashMap<>();
        for (int i = 0; i < kindsAndNames.length; i += 2) {
            for (String name : ((String) kindsAndNames[i + 1]).split(" ")) {
                map.put(name, (Integer) kindsAndNames[i]);
            }
        }
        return java.util.Map.copyOf(map);
    }

    static final Parameter.Kind<Integer> KIND = new Parameter.Kind<>() {
        @Override
        public Integer parse(String text, Integer current) {
            int flags = 0;
            for (char c : text.toCharArray()) {
                int kind = KINDS.indexOf(c);
                if (kind >= 0) {
                    flags |= KIND_FLAGS[kind];
                } else {
                    flags |= switch (c) {
                        case 'A' -> ALL;
                        case 'K' -> KEYSPACE;
                        case 'E' -> KEYEVENT;
                        case 'm' -> KEY_MISS;
                        case 'n' -> NEW;
                        default -> throw new IllegalArgumentException(
                                "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
                    };
                }
            }
            return flags;
        }

        @Override
        public String format(Integer flags) {
            StringBuilder s = new StringBuilder();
            if ((flags & ALL) == ALL) {
                s.append('A'); // and, as in Redis's keyspaceEventsFlagsToString, no 'n' after it
            } else {
                for (int i = 0; i < KIND_FLAGS.length; i++) {
                    if ((flags & KIND_FLAGS[i]) != 0) {
                        s.append(KINDS.charAt(i));
                    }
                }
                if ((flags & NEW) != 0) {
                    s.append('n');
                }
            }
            if ((flags & KEYSPACE) != 0) {
                s.append('K');
            }
            if ((flags & KEYEVENT) != 0) {
                s.append('E');
            }
            if ((flags & KEY_MISS) != 0) {
                s.append('m');
            }
            return s.toString();
        }
    };
}
