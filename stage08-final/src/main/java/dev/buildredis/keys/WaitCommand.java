// @step 17
package dev.buildredis.keys;

import dev.buildredis.engine.Args;
//> step 17-25
//~import dev.buildredis.engine.Blocking;
//< step 17-25
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
//> step 26
import dev.buildredis.engine.Replication;
//< step 26

import java.util.List;

//> step 17-25
//~/**
//~ * WAIT numreplicas timeout: waits until that many replicas have the client's writes, and answers how many do. This
//~ * server has no replicas, so the answer is always {@code :0}: at once when no replica is asked for (or inside
//~ * MULTI), else when the timeout in milliseconds has passed (never, for 0), as Redis without replicas does.
//~ */
//< step 17-25
//> step 26-26
//~/**
//~ * WAIT numreplicas timeout: waits until that many replicas have acknowledged the stream up to the client's last
//~ * change, and answers how many have: at once if enough already have (or inside MULTI), else when enough do or when
//~ * the timeout in milliseconds has passed (never, for 0).
//~ */
//< step 26-26
//> step 27
/**
 * WAIT numreplicas timeout: waits until that many replicas have acknowledged the stream up to the client's last
 * change, and answers how many have: at once if enough already have (or inside MULTI), else when enough do or when
 * the timeout in milliseconds has passed (never, for 0). A replica refuses it: its own changes go nowhere.
 */
//< step 27
public final class WaitCommand {

    private WaitCommand() {
    }

    public static Command command() {
        return Command.of("wait", 3, "noscript", 0, 0, 0, WaitCommand::waitForReplicas);
    }

    private static void waitForReplicas(Client c, List<byte[]> a) {
        //> step 26
        Replication replication = c.engine.replication();
        //> step 27
        if (replication.isReplica()) {
            throw new CommandError("ERR WAIT cannot be used with replica instances. Please also note that since Redis "
                    + "4.0 if a replica is configured to be writable (which is not the default) writes to replicas "
                    + "are just local and are not propagated.");
        }
        //< step 27
        //< step 26
        long replicas = Args.integer(a.get(1));
        long timeout = Args.integer(a.get(2), "ERR timeout is not an integer or out of range");
        if (timeout < 0) {
            throw new CommandError("ERR timeout is negative");
        }
        //> step 17-25
//~        long acknowledged = 0; // no replica has anything
        //< step 17-25
        //> step 26
        long acknowledged = replication.acknowledged(c.replicationOffset); // replicas with this client's writes
        //< step 26
        if (acknowledged >= replicas || c.denyBlocking) {
            c.reply.integer(acknowledged);
            return;
        }
        long now = c.db().now();
        long deadline = timeout == 0 || timeout > Long.MAX_VALUE - now ? 0 : now + timeout;
        //> step 17-25
//~        c.engine.blocking.block(new Blocking.Wait(c, c.db(), List.of(), deadline, key -> false,
//~                () -> c.reply.integer(acknowledged)));
        //< step 17-25
        //> step 26
        replication.awaitAcknowledgements(c, c.replicationOffset, replicas, deadline);
        //< step 26
    }
}
