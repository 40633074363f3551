// @step 25
package dev.buildredis.differential;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Brings the two servers back to one state after a call that changed them differently, where Redis's result is
 * not determined (SPOP's members, a member range on a skip list): this server's key is made what redis-server's
 * is, by the same commands sent to both, so that both see the same writes (WATCH fires alike) and redis-server's
 * key does not change.
 */
final class Resync {

    private final Side expected;
    private final Side actual;

    Resync(Side expected, Side actual) {
        this.expected = expected;
        this.actual = actual;
    }

    /** Makes this server's {@code key} hold what redis-server's holds, if it is a set or a sorted set. */
    void key(int db, String key) {
        String type = expected.query(db, "TYPE", key).string();
        if (type.equals("zset") || actual.query(db, "TYPE", key).string().equals("zset")) {
            sortedSet(db, key);
        } else {
            set(db, key);
        }
    }

    /** As {@link #set}: the same ZADD of redis-server's members and scores and ZREM of the rest to both. */
    private void sortedSet(int db, String key) {
        Frame wanted = expected.query(db, "ZRANGE", key, "0", "-1", "WITHSCORES");
        Set<String> extra = members(actual.query(db, "ZRANGE", key, "0", "-1"));
        List<String> zadd = new ArrayList<>(List.of("ZADD", key));
        for (int i = 0; i + 1 < wanted.children().size(); i += 2) {
            extra.remove(wanted.children().get(i).string());
            zadd.add(wanted.children().get(i + 1).string());
            zadd.add(wanted.children().get(i).string());
        }
        List<List<String>> commands = new ArrayList<>();
        commands.add(zadd.size() == 2 ? List.of("DEL", key) : zadd);
        if (!extra.isEmpty()) {
            commands.add(Arguments.args("ZREM", key, new ArrayList<>(extra)));
        }
        for (List<String> command : commands) {
            expected.query(db, command);
            actual.query(db, command);
        }
    }

    /**
     * Makes this server's set {@code key} what redis-server's is, by sending the same SADD and SREM to both (so
     * that both see the same commands, and WATCH alike): redis-server already holds what they add and lacks what
     * they remove.
     */
    void set(int db, String key) {
        Set<String> wanted = members(expected.query(db, "SMEMBERS", key));
        Set<String> extra = members(actual.query(db, "SMEMBERS", key));
        extra.removeAll(wanted);
        List<List<String>> commands = new ArrayList<>();
        if (wanted.isEmpty()) {
            commands.add(List.of("DEL", key));
        } else {
            commands.add(Arguments.args("SADD", key, new ArrayList<>(wanted)));
        }
        if (!extra.isEmpty()) {
            commands.add(Arguments.args("SREM", key, new ArrayList<>(extra)));
        }
        for (List<String> command : commands) {
            expected.query(db, command);
            actual.query(db, command);
        }
    }

    /** The members of a reply, as text: an array's elements, a bulk string alone, nothing for a null or an error. */
    static Set<String> members(Frame reply) {
        Set<String> members = new HashSet<>();
        if (reply.isAggregate()) {
            reply.children().forEach(member -> members.add(member.string()));
        } else if (!reply.isNull() && !reply.isError()) {
            members.add(reply.string());
        }
        return members;
    }
}
