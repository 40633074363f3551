package dev.buildredis.connection;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Engine;

import java.util.List;

/**
 * Commands about the connection itself.
 * <pre>
 * PING [message]     +PONG or the message; while subscribed in RESP2: *2 $4 pong $&lt;message or empty&gt;
 * ECHO message       the message as a bulk string
 * SELECT 3           +OK, or -ERR DB index is out of range
 * HELLO 3            a map about the server, and the connection speaks RESP3 from now on
 * QUIT               +OK, then the server closes the connection
 * RESET              +RESET: out of MULTI, unwatched, unsubscribed, db 0, RESP2, unnamed
 * CLIENT ID|SETNAME|GETNAME|LIST|INFO|KILL
 * </pre>
 */
public final class ConnectionCommands {

    /** The version this server reports: the Redis version whose behaviour it follows. */

    private ConnectionCommands() {
    }

    public static List<Command> all() {
        return List.of(
                Command.of("ping", -1, "fast stale allowed_while_subscribed", 0, 0, 0, ConnectionCommands::ping),
                Command.of("echo", 2, "fast", 0, 0, 0, (c, a) -> c.reply.bulk(a.get(1))),
                Command.of("quit", -1, "fast allowed_while_subscribed transaction_control", 0, 0, 0,
                        ConnectionCommands::quit),
                Command.of("select", 2, "loading stale fast", 0, 0, 0, ConnectionCommands::select)
                , Command.of("hello", -1, "fast stale", 0, 0, 0, ConnectionCommands::hello),
                Command.of("auth", -2, "fast stale", 0, 0, 0, ConnectionCommands::auth),
                Command.of("reset", 1, "fast stale allowed_while_subscribed transaction_control", 0, 0, 0,
                        ConnectionCommands::reset)
        );
    }

    // tag::ping[]
    private static void ping(Client c, List<byte[]> a) {
        if (a.size() > 2) {
            throw CommandError.wrongArity("ping");
        }
        if (c.subscriptionCount() > 0 && c.reply.protocol() == 2) {
            c.reply.arrayHeader(2);
            c.reply.bulk(Args.bytes("pong"));
            c.reply.bulk(a.size() == 2 ? a.get(1) : new byte[0]);
            return;
        }
        if (a.size() == 2) {
            c.reply.bulk(a.get(1));
        } else {
            c.reply.simple("PONG");
        }
    }
    // end::ping[]

    private static void quit(Client c, List<byte[]> a) {
        c.reply.ok();
        c.closeAfterReply = true;
    }

    private static void select(Client c, List<byte[]> a) {
        int index = Args.int32(a.get(1));
        if (index < 0 || index >= c.engine.keyspace().databaseCount()) {
            throw new CommandError(CommandError.DB_OUT_OF_RANGE);
        }
        c.db = c.engine.keyspace().db(index);
        c.reply.ok();
    }

    private static void auth(Client c, List<byte[]> a) {
        if (a.size() > 3) {
            throw CommandError.syntax();
        }
        if (a.size() == 2) {
            throw new CommandError("ERR AUTH <password> called without any password configured for the default user. "
                    + "Are you sure your configuration is correct?");
        }
        if (!Args.is(a.get(1), "default")) {
            throw new CommandError("WRONGPASS invalid username-password pair or user is disabled.");
        }
        c.reply.ok(); // the default user has no password: any password is accepted, as by Redis's "nopass"
    }

    // tag::hello[]
    private static void hello(Client c, List<byte[]> a) {
        int protocol = c.reply.protocol();
        int next = 1;
        if (a.size() > 1) {
            Long version = dev.buildredis.store.Numbers.parseLong(a.get(1));
            if (version == null) {
                throw new CommandError("ERR Protocol version is not an integer or out of range");
            }
            if (version < 2 || version > 3) {
                throw new CommandError("NOPROTO unsupported protocol version");
            }
            protocol = version.intValue();
            next = 2;
        }
        for (int i = next; i < a.size(); i++) {
            if (Args.is(a.get(i), "AUTH") && a.size() - i - 1 >= 2) {
                if (!Args.is(a.get(i + 1), "default")) {
                    throw new CommandError("WRONGPASS invalid username-password pair or user is disabled.");
                }
                i += 2;
            } else if (Args.is(a.get(i), "SETNAME") && a.size() - i - 1 >= 1) {
                c.name = Client.validName(a.get(++i)); // at once, as Redis 7.0 does: kept if a later option fails
            } else {
                throw new CommandError("ERR Syntax error in HELLO option '" + Args.quoted(a.get(i)) + "'");
            }
        }
        c.reply.protocol(protocol);
        c.reply.mapHeader(7);
        c.reply.bulk("server");
        c.reply.bulk("redis");
        c.reply.bulk("version");
        c.reply.bulk(Engine.REDIS_VERSION);
        c.reply.bulk("proto");
        c.reply.integer(protocol);
        c.reply.bulk("id");
        c.reply.integer(c.id);
        c.reply.bulk("mode");
        c.reply.bulk("standalone");
        c.reply.bulk("role");
        c.reply.bulk("master");
        c.reply.bulk("modules");
        c.reply.arrayHeader(0);
    }
    // end::hello[]

    private static void reset(Client c, List<byte[]> a) {
        c.queued = null;
        c.queueingError = false;
        c.engine.unwatchAll(c);
        c.engine.pubsub.unsubscribeAll(c);
        c.db = c.engine.keyspace().db(0);
        c.reply.protocol(2);
        c.name = new byte[0];
        c.reply.simple("RESET");
    }
}
