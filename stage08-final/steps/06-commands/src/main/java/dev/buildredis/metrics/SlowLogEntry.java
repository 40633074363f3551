package dev.buildredis.metrics;

import dev.buildredis.protocol.Reply;

import java.util.List;

/**
 * One command that ran longer than {@code slowlog-log-slower-than}, as {@code SLOWLOG GET} returns it, in Redis's
 * order:
 * <pre>
 * 1) (integer) 14               id, unique and increasing
 * 2) (integer) 1700000000       when it ran, Unix seconds
 * 3) (integer) 1203             how long it ran, microseconds
 * 4) 1) "SET" 2) "k" 3) "v"     its arguments, shortened as {@link SlowLog} describes
 * 5) "127.0.0.1:52100"          the client's address
 * 6) ""                         the client's name (CLIENT SETNAME; none here)
 * </pre>
 */
public record SlowLogEntry(long id, long unixSeconds, long micros, List<byte[]> args, String client, String name) {

    public SlowLogEntry {
        args = List.copyOf(args);
    }

    /** Writes the entry as one element of {@code SLOWLOG GET}'s reply. */
    public void write(Reply reply) {
        reply.arrayHeader(6);
        reply.integer(id);
        reply.integer(unixSeconds);
        reply.integer(micros);
        reply.arrayHeader(args.size());
        for (byte[] arg : args) {
            reply.bulk(arg);
        }
        reply.bulk(client);
        reply.bulk(name);
    }
}
