// @step 01-06
package dev.buildredis.metrics;

//> step 01-03
//~import dev.buildredis.protocol.RespValue;
//< step 01-03
//> step 04-06
//~import dev.buildredis.protocol.Reply;
//< step 04-06

//> step 01-03
//~import java.util.ArrayList;
//< step 01-03
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

    //> step 01-03
//~    /** The entry as one element of {@code SLOWLOG GET}'s reply. */
//~    public RespValue toResp() {
//~        List<RespValue> arguments = new ArrayList<>(args.size());
    //< step 01-03
    //> step 04-06
//~    /** Writes the entry as one element of {@code SLOWLOG GET}'s reply. */
//~    public void write(Reply reply) {
//~        reply.arrayHeader(6);
//~        reply.integer(id);
//~        reply.integer(unixSeconds);
//~        reply.integer(micros);
//~        reply.arrayHeader(args.size());
    //< step 04-06
        for (byte[] arg : args) {
            //> step 01-03
//~            arguments.add(new RespValue.BulkString(arg));
            //< step 01-03
            //> step 04-06
//~            reply.bulk(arg);
            //< step 04-06
        }
        //> step 01-03
//~        return new RespValue.Array(List.of(new RespValue.Int(id), new RespValue.Int(unixSeconds),
//~                new RespValue.Int(micros), new RespValue.Array(arguments),
//~                RespValue.BulkString.of(client), RespValue.BulkString.of(name)));
        //< step 01-03
        //> step 04-06
//~        reply.bulk(client);
//~        reply.bulk(name);
        //< step 04-06
    }
}
