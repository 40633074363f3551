package dev.buildredis.connection;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Tracking;
import dev.buildredis.store.Key;

import java.util.ArrayList;
import java.util.List;

/**
 * The CLIENT subcommands of client-side caching (see {@link Tracking} for what the server then sends).
 * <pre>
 * CLIENT TRACKING ON|OFF [REDIRECT id] [BCAST] [PREFIX p ...] [OPTIN] [OPTOUT] [NOLOOP]    +OK
 * CLIENT CACHING YES|NO       +OK: the next command's keys are (OPTIN) or are not (OPTOUT) tracked
 * CLIENT GETREDIR             :&lt;id messages go to&gt;, :0 for this connection, :-1 when tracking is off
 * CLIENT TRACKINGINFO         %3 flags ~[on bcast ...] redirect :id prefixes *[...]
 * </pre>
 */
public final class TrackingCommands {

    private TrackingCommands() {
    }

    public static Command command() {
        return Command.container("client", -2, List.of(
                Command.of("client|tracking", -3, "noscript loading stale", 0, 0, 0, TrackingCommands::tracking),
                Command.of("client|caching", 3, "noscript loading stale", 0, 0, 0, (c, a) -> {
                    Tracking.caching(c, a.get(2));
                    c.reply.ok();
                }),
                Command.of("client|getredir", 2, "noscript loading stale", 0, 0, 0,
                        (c, a) -> c.reply.integer(Tracking.redirect(c))),
                Command.of("client|trackinginfo", 2, "noscript loading stale", 0, 0, 0,
                        (c, a) -> Tracking.info(c))));
    }

    // tag::client-tracking[]
    /** The options are read first (a syntax error stops all), then ON checks them against each other. */
    private static void tracking(Client c, List<byte[]> a) {
        long redirect = 0;
        boolean bcast = false, optin = false, optout = false, noloop = false;
        List<Key> prefixes = new ArrayList<>();
        for (int i = 3; i < a.size(); i++) {
            boolean more = i + 1 < a.size();
            if (Args.is(a.get(i), "REDIRECT") && more) {
                if (redirect != 0) {
                    throw new CommandError("ERR A client can only redirect to a single other client");
                }
                redirect = Args.integer(a.get(++i));
                if (c.engine.client(redirect) == null) {
                    throw new CommandError("ERR The client ID you want redirect to does not exist");
                }
            } else if (Args.is(a.get(i), "BCAST")) {
                bcast = true;
            } else if (Args.is(a.get(i), "OPTIN")) {
                optin = true;
            } else if (Args.is(a.get(i), "OPTOUT")) {
                optout = true;
            } else if (Args.is(a.get(i), "NOLOOP")) {
                noloop = true;
            } else if (Args.is(a.get(i), "PREFIX") && more) {
                prefixes.add(Args.key(a.get(++i)));
            } else {
                throw CommandError.syntax();
            }
        }
        if (Args.is(a.get(2), "ON")) {
            c.engine.tracking.enable(c, redirect, bcast, optin, optout, noloop, prefixes);
        } else if (Args.is(a.get(2), "OFF")) {
            c.engine.tracking.disable(c);
        } else {
            throw CommandError.syntax();
        }
        c.reply.ok();
    }
    // end::client-tracking[]
}
