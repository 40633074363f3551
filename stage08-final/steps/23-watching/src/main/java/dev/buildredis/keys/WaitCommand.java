package dev.buildredis.keys;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Blocking;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;

import java.util.List;

/**
 * WAIT numreplicas timeout: waits until that many replicas have the client's writes, and answers how many do. This
 * server has no replicas, so the answer is always {@code :0}: at once when no replica is asked for (or inside
 * MULTI), else when the timeout in milliseconds has passed (never, for 0), as Redis without replicas does.
 */
public final class WaitCommand {

    private WaitCommand() {
    }

    public static Command command() {
        return Command.of("wait", 3, "noscript", 0, 0, 0, WaitCommand::waitForReplicas);
    }

    private static void waitForReplicas(Client c, List<byte[]> a) {
        long replicas = Args.integer(a.get(1));
        long timeout = Args.integer(a.get(2), "ERR timeout is not an integer or out of range");
        if (timeout < 0) {
            throw new CommandError("ERR timeout is negative");
        }
        long acknowledged = 0; // no replica has anything
        if (acknowledged >= replicas || c.denyBlocking) {
            c.reply.integer(acknowledged);
            return;
        }
        long now = c.db().now();
        long deadline = timeout == 0 || timeout > Long.MAX_VALUE - now ? 0 : now + timeout;
        c.engine.blocking.block(new Blocking.Wait(c, c.db(), List.of(), deadline, key -> false,
                () -> c.reply.integer(acknowledged)));
    }
}
