package dev.buildredis.transactions;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.DbKey;
import dev.buildredis.store.Key;

import java.util.ArrayList;
import java.util.List;

/**
 * MULTI, EXEC, DISCARD, WATCH and UNWATCH: Redis's optimistic transactions.
 * <pre>
 * MULTI          +OK; the commands that follow are checked and queued: +QUEUED
 * EXEC           *&lt;n&gt; and each queued command's reply, run back to back with no other client in between;
 *                *-1 if a watched key changed since WATCH; -EXECABORT if a command was refused while queueing
 * WATCH k ...    +OK; EXEC will fail if any of these keys is changed (or expires) before it
 * </pre>
 * Isolation needs no locks: the one command thread runs the whole EXEC before it reads from any other client.
 * A command that fails while running (WRONGTYPE) does not stop the others: its error is one element of the array.
 */
public final class TransactionCommands {

    private TransactionCommands() {
    }

    public static List<Command> all() {
        String control = "noscript loading stale fast transaction_control";
        return List.of(
                Command.of("multi", 1, control, 0, 0, 0, TransactionCommands::multi),
                Command.of("exec", 1, "noscript loading stale transaction_control", 0, 0, 0, TransactionCommands::exec),
                Command.of("discard", 1, control, 0, 0, 0, TransactionCommands::discard),
                Command.of("watch", -2, control, 1, -1, 1, TransactionCommands::watch),
                Command.of("unwatch", 1, "noscript loading stale fast", 0, 0, 0, (c, a) -> {
                    c.engine.unwatchAll(c);
                    c.reply.ok();
                }));
    }

    private static void multi(Client c, List<byte[]> a) {
        if (c.inMulti()) {
            throw new CommandError("ERR MULTI calls can not be nested");
        }
        c.queued = new ArrayList<>();
        c.queueingError = false;
        c.reply.ok();
    }

    // tag::exec[]
    private static void exec(Client c, List<byte[]> a) {
        if (!c.inMulti()) {
            throw new CommandError("ERR EXEC without MULTI");
        }
        List<Client.Queued> queued = c.queued;
        boolean refused = c.queueingError;
        boolean watchFailed = c.watchedKeyTouched || watchedKeyExpired(c);
        c.queued = null;
        c.queueingError = false;
        c.engine.unwatchAll(c);
        if (refused) {
            throw new CommandError("EXECABORT Transaction discarded because of previous errors.");
        }
        if (watchFailed) {
            c.reply.nullArray();
            return;
        }
        c.reply.arrayHeader(queued.size());
        c.denyBlocking = true; // a blocking command inside EXEC answers at once, as if it had timed out
        c.engine.beginTransaction();
        try {
            for (Client.Queued command : queued) {
                c.engine.dispatcher().call(c, command.command(), command.args());
            }
        } finally {
            c.denyBlocking = false;
            c.engine.endTransaction();
        }
    }
    // end::exec[]

    /** A key that existed at WATCH and is gone now without a command touching it has expired: EXEC fails. */
    private static boolean watchedKeyExpired(Client c) {
        for (Client.Watch watch : c.watched) {
            if (watch.existed() && !watch.key().db().exists(watch.key().key())) {
                return true;
            }
        }
        return false;
    }

    private static void discard(Client c, List<byte[]> a) {
        if (!c.inMulti()) {
            throw new CommandError("ERR DISCARD without MULTI");
        }
        c.queued = null;
        c.queueingError = false;
        c.engine.unwatchAll(c);
        c.reply.ok();
    }

    private static void watch(Client c, List<byte[]> a) {
        if (c.inMulti()) {
            throw new CommandError("ERR WATCH inside MULTI is not allowed");
        }
        for (int i = 1; i < a.size(); i++) {
            Key key = Args.key(a.get(i));
            c.engine.watch(c, new DbKey(c.db(), key));
        }
        c.reply.ok();
    }
}
