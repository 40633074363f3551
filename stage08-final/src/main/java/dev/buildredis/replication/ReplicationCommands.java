// @step 26
package dev.buildredis.replication;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
//> step 27
import dev.buildredis.engine.Log;
//< step 27

import java.util.List;
import java.util.Locale;

/**
 * The commands of replication, with Redis 7.0's replies:
 * <pre>
//> step 26-26
//~ * ROLE                              *3 master offset [[ip port offset]...]
//~ * REPLCONF option value ...         +OK; the replica's half of the handshake (listening-port, capa, ip-address),
//~ *                                   then ACK offset (no reply)
//< step 26-26
//> step 27
 * REPLICAOF host port | NO ONE      +OK (or +OK Already connected to specified master); SLAVEOF is the old name
 * ROLE                              *3 master offset [[ip port offset]...]  or  *5 slave host port state offset
 * REPLCONF option value ...         +OK; the replica's half of the handshake (listening-port, capa, ip-address),
 *                                   then ACK offset (no reply) and, from a master, GETACK * (an ACK at once)
//< step 27
 * PSYNC replid offset               +FULLRESYNC replid offset and an RDB, or +CONTINUE replid and the missed stream
 * SYNC                              the RDB alone, then the stream: the pre-2.8 form, still what redis-cli --replica says
 * </pre>
 */
public final class ReplicationCommands {

    private ReplicationCommands() {
    }

    public static List<Command> all(Replicator replicator) {
        return List.of(
                //> step 27
                Command.of("replicaof", 3, "admin noscript stale", 0, 0, 0, (c, a) -> replicaOf(replicator, c, a)),
                Command.of("slaveof", 3, "admin noscript stale", 0, 0, 0, (c, a) -> replicaOf(replicator, c, a)),
                //< step 27
                Command.of("role", 1, "noscript loading stale fast", 0, 0, 0, (c, a) -> role(replicator, c)),
                Command.of("replconf", -1, "admin noscript loading stale", 0, 0, 0,
                        (c, a) -> replconf(replicator, c, a)),
                Command.of("psync", -3, "admin noscript no_multi", 0, 0, 0, (c, a) -> replicator.replicas.sync(c,
                        replicator.replicas.announced(c), Args.text(a.get(1)), Args.integer(a.get(2)))),
                Command.of("sync", 1, "admin noscript no_multi", 0, 0, 0,
                        (c, a) -> replicator.replicas.sync(c, replicator.replicas.announced(c), null, 0)));
    }

    //> step 27
    // tag::replicaof[]
    private static void replicaOf(Replicator replicator, Client c, List<byte[]> a) {
        if (Args.is(a.get(1), "NO") && Args.is(a.get(2), "ONE")) {
            if (replicator.isReplica()) {
                replicator.upstream.stop();
                Log.info("MASTER MODE enabled (user request from 'id=" + c.id() + " addr=" + c.address() + "')");
            }
            c.reply.ok();
            return;
        }
        if (c.replica) {
            throw new CommandError("ERR Command is not valid when client is a replica.");
        }
        long port = Args.integer(a.get(2), "ERR Invalid master port");
        if (port < 0 || port > 65535) {
            throw new CommandError("ERR Invalid master port");
        }
        String host = Args.text(a.get(1));
        Upstream upstream = replicator.upstream;
        if (host.equalsIgnoreCase(String.valueOf(upstream.host())) && port == upstream.port()) {
            Log.info("REPLICAOF would result into synchronization with the master we are already connected with. "
                    + "No operation performed.");
            c.reply.simple("OK Already connected to specified master");
            return;
        }
        upstream.follow(host, (int) port, true);
        Log.info("REPLICAOF " + host + ":" + port + " enabled (user request from 'id=" + c.id() + " addr="
                + c.address() + "')");
        c.reply.ok();
    }
    // end::replicaof[]
    //< step 27

    private static void role(Replicator replicator, Client c) {
        //> step 27
        if (replicator.isReplica()) {
            Upstream upstream = replicator.upstream;
            c.reply.arrayHeader(5);
            c.reply.bulk("slave");
            c.reply.bulk(upstream.host());
            c.reply.integer(upstream.port());
            c.reply.bulk(upstream.state());
            c.reply.integer(upstream.appliedOffset());
            return;
        }
        //< step 27
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
                    //> step 26-26
//~                    // GETACK comes from a master, and this server follows none: nothing to answer
                    //< step 26-26
                    //> step 27
                    if (c.master) {
                        replicator.upstream.sendAck();
                    }
                    //< step 27
                    return;
                }
                default -> throw new CommandError("ERR Unrecognized REPLCONF option: " + Args.text(a.get(i)));
            }
        }
        c.reply.ok();
    }
    // end::replconf[]
}
