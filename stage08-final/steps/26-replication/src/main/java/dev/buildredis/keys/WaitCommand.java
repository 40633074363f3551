package dev.buildredis.keys;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Replication;

import java.util.List;

/**
 * WAIT numreplicas timeout: waits until that many replicas have acknowledged the stream up to the client's last
 * change, and answers how many have: at once if enough already have (or inside MULTI), else when enough do or when
 * the timeout in milliseconds has passed (never, for 0).
 */
public final class WaitCommand {

    private WaitCommand() {
    }

    public static Command command() {
        return Command.of("wait", 3, "noscript", 0, 0, 0, WaitCommand::waitForReplicas);
    }

    private static void waitForReplicas(Client c, List<byte[]> a) {
        Replication replication = c.engine.replication();
        long replicas = Args.integer(a.get(1));
        long timeout = Args.integer(a.get(2), "ERR timeout is not an integer or out of range");
        if (timeout < 0) {
            throw new CommandError("ERR timeout is negative");
        }
        long acknowledged = replication.acknowledged(c.replicationOffset); // replicas with this client's writes
        if (acknowledged >= replicas || c.denyBlocking) {
            c.reply.integer(acknowledged);
            return;
        }
        long now = c.db().now();
        long deadline = timeout == 0 || timeout > Long.MAX_VALUE - now ? 0 : now + timeout;
        replication.awaitAcknowledgements(c, c.replicationOffset, replicas, deadline);
    }
}
