package dev.buildredis.replication;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;

import java.util.List;
import java.util.Locale;

/**
 * The commands of replication, with Redis 7.0's replies:
 * <pre>
 * ROLE                              *3 master offset [[ip port offset]...]
 * REPLCONF option value ...         +OK; the replica's half of the handshake (listening-port, capa, ip-address),
 *                                   then ACK offset (no reply)
 * PSYNC replid offset               +FULLRESYNC replid offset and an RDB, or +CONTINUE replid and the missed stream
 * SYNC                              the RDB alone, then the stream: the pre-2.8 form, still what redis-cli --replica says
 * </pre>
 */
public final class ReplicationCommands {

    private ReplicationCommands() {
    }

    public static List<Command> all(Replicator replicator) {
        return List.of(
                Command.of("role", 1, "noscript loading stale fast", 0, 0, 0, (c, a) -> role(replicator, c)),
                Command.of("replconf", -1, "admin noscript loading stale", 0, 0, 0,
                        (c, a) -> replconf(replicator, c, a)),
                Command.of("psync", -3, "admin noscript no_multi", 0, 0, 0, (c, a) -> replicator.replicas.sync(c,
                        replicator.replicas.announced(c), Args.text(a.get(1)), Args.integer(a.get(2)))),
                Command.of("sync", 1, "admin noscript no_multi", 0, 0, 0,
                        (c, a) -> replicator.replicas.sync(c, replicator.replicas.announced(c), null, 0)));
    }

    private static void role(Replicator replicator, Client c) {
        List<Replica> online = replicator.replicas.all.stream().filter(r -> r.state == Replica.State.ONLINE).toList();
        c.reply.arrayHeader(3);
        c.reply.bulk("master");
        c.reply.integer(replicator.offset);
        c.reply.arrayHeader(online.size());
        for (Replica replica : online) {
            c.reply.arrayHeader(3);
            c.reply.bulk(replica.host());
            c.reply.bulk(Integer.toString(replica.listeningPort));
            c.reply.bulk(Long.toString(replica.ackOffset));
        }
    }

    // tag::replconf[]
    private static void replconf(Replicator replicator, Client c, List<byte[]> a) {
        if (a.size() % 2 == 0) {
            throw CommandError.syntax();
        }
        Replicas replicas = replicator.replicas;
        for (int i = 1; i < a.size(); i += 2) {
            String option = Args.text(a.get(i)).toLowerCase(Locale.ROOT);
            byte[] value = a.get(i + 1);
            switch (option) {
                case "listening-port" -> replicas.announced(c).listeningPort = (int) Args.integer(value);
                case "ip-address" -> replicas.announced(c).announcedIp = Args.text(value);
                case "capa" -> {
                    if (Args.is(value, "eof")) {
                        replicas.announced(c).capaEof = true;
                    } else if (Args.is(value, "psync2")) {
                        replicas.announced(c).capaPsync2 = true;
                    }
                }
                case "rdb-filter-only" -> {
                    if (value.length > 0) { // "functions" would mean the functions alone: this server has none
                        throw new CommandError("ERR Unsupported rdb-filter-only option: " + Args.text(value));
                    }
                    replicas.announced(c).emptyRdb = true;
                }
                case "ack" -> {
                    if (c.replica) { // it has applied the stream up to here; no reply: the stream is one way
                        replicas.acknowledge(c, Args.integer(value));
                    }
                    return;
                }
                case "getack" -> {
                    // GETACK comes from a master, and this server follows none: nothing to answer
                    return;
                }
                default -> throw new CommandError("ERR Unrecognized REPLCONF option: " + Args.text(a.get(i)));
            }
        }
        c.reply.ok();
    }
    // end::replconf[]
}
