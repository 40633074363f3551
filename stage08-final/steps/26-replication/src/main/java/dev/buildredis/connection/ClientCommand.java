package dev.buildredis.connection;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CLIENT and its subcommands: who is connected, naming a connection, and closing one.
 * <pre>
 * CLIENT LIST     one line per client: id=7 addr=127.0.0.1:50312 laddr=127.0.0.1:6379 fd=-1 name= age=3 ...
 * CLIENT KILL ID 7 | ADDR ip:port | LADDR ip:port | TYPE normal|pubsub | SKIPME yes|no    :&lt;killed&gt;
 * CLIENT KILL ip:port                                                                       +OK (the old form)
 * </pre>
 */
public final class ClientCommand {

    private ClientCommand() {
    }

    public static Command command() {
        return Command.container("client", -2, List.of(
                Command.of("client|id", 2, "noscript loading stale", 0, 0, 0, (c, a) -> c.reply.integer(c.id)),
                Command.of("client|setname", 3, "noscript loading stale", 0, 0, 0, ClientCommand::setname),
                Command.of("client|getname", 2, "noscript loading stale", 0, 0, 0, ClientCommand::getname),
                Command.of("client|list", -2, "admin noscript loading stale", 0, 0, 0, ClientCommand::list),
                Command.of("client|info", 2, "noscript loading stale", 0, 0, 0,
                        (c, a) -> c.reply.verbatim(line(c) + "\n")),
                Command.of("client|kill", -3, "admin noscript loading stale", 0, 0, 0, ClientCommand::kill),
                Command.of("client|unblock", -3, "admin noscript loading stale", 0, 0, 0, ClientCommand::unblock),
                Command.of("client|help", 2, "loading stale", 0, 0, 0, (c, a) -> Command.help(c, "CLIENT", HELP))));
    }

    /** Redis 7.0's CLIENT HELP, word for word. */
    private static final String[] HELP = {
        "CACHING (YES|NO)",
        "    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
        "GETREDIR",
        "    Return the client ID we are redirecting to when tracking is enabled.",
        "GETNAME",
        "    Return the name of the current connection.",
        "ID",
        "    Return the ID of the current connection.",
        "INFO",
        "    Return information about the current client connection.",
        "KILL <ip:port>",
        "    Kill connection made from <ip:port>.",
        "KILL <option> <value> [<option> <value> [...]]",
        "    Kill connections. Options are:",
        "    * ADDR (<ip:port>|<unixsocket>:0)",
        "      Kill connections made from the specified address",
        "    * LADDR (<ip:port>|<unixsocket>:0)",
        "      Kill connections made to specified local address",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
        "      Kill connections by type.",
        "    * USER <username>",
        "      Kill connections authenticated by <username>.",
        "    * SKIPME (YES|NO)",
        "      Skip killing current connection (default: yes).",
        "LIST [options ...]",
        "    Return information about client connections. Options:",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
        "      Return clients of specified type.",
        "UNPAUSE",
        "    Stop the current client pause, resuming traffic.",
        "PAUSE <timeout> [WRITE|ALL]",
        "    Suspend all, or just write, clients for <timeout> milliseconds.",
        "REPLY (ON|OFF|SKIP)",
        "    Control the replies sent to the current connection.",
        "SETNAME <name>",
        "    Assign the name <name> to the current connection.",
        "UNBLOCK <clientid> [TIMEOUT|ERROR]",
        "    Unblock the specified blocked client.",
        "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
        "         [OPTIN] [OPTOUT] [NOLOOP]",
        "    Control server assisted client side caching.",
        "TRACKINGINFO",
        "    Report tracking status for the current connection.",
        "NO-EVICT (ON|OFF)",
        "    Protect current client connection from eviction.",
    };

    private static void setname(Client c, List<byte[]> a) {
        c.name = Client.validName(a.get(2));
        c.reply.ok();
    }

    private static void getname(Client c, List<byte[]> a) {
        if (c.name.length == 0) {
            c.reply.nullBulk();
        } else {
            c.reply.bulk(c.name);
        }
    }

    /** CLIENT LIST [TYPE type | ID id [id ...]]: one filter or the other, as in Redis 7.0. */
    private static void list(Client c, List<byte[]> a) {
        String type = null;
        List<Long> ids = null;
        if (a.size() == 4 && Args.is(a.get(2), "TYPE")) {
            type = Args.text(a.get(3)).toLowerCase(Locale.ROOT);
            if (!List.of("normal", "master", "replica", "slave", "pubsub").contains(type)) {
                throw new CommandError("ERR Unknown client type '" + Args.quoted(a.get(3)) + "'");
            }
            type = type.equals("slave") ? "replica" : type; // the old name
        } else if (a.size() > 3 && Args.is(a.get(2), "ID")) {
            ids = new ArrayList<>();
            for (int i = 3; i < a.size(); i++) {
                ids.add(Args.integer(a.get(i), "ERR Invalid client ID")); // no such client: nothing listed
            }
        } else if (a.size() != 2) {
            throw CommandError.syntax();
        }
        StringBuilder text = new StringBuilder();
        for (Client other : c.engine.clients()) {
            if ((ids == null || ids.contains(other.id)) && (type == null || type.equals(typeOf(other)))) {
                text.append(line(other)).append('\n');
            }
        }
        c.reply.verbatim(text.toString());
    }

    private static String typeOf(Client client) {
        if (client.replica) {
            return "replica";
        }
        return client.subscriptionCount() > 0 ? "pubsub" : "normal";
    }

    /** One line of CLIENT LIST, fields in Redis 7.0's order. */
    static String line(Client c) {
        long now = c.engine.keyspace().nowMillis();
        // Redis's order: O monitor, P subscribed, x MULTI, b blocked, t R B tracking, d a watched key changed, e
        String flags = (c.monitor ? "O" : "") + (c.subscriptionCount() > 0 ? "P" : "") + (c.inMulti() ? "x" : "")
                + (c.isBlocked() ? "b" : "") + dev.buildredis.engine.Tracking.flagsOf(c)
                + (c.watchedKeyTouched ? "d" : "") + (c.noEvict ? "e" : "");
        flags = (c.replica ? "S" : "") + flags; // Redis writes it first
        return "id=" + c.id + " addr=" + c.address + " laddr=" + c.localAddress + " fd=-1 name=" + Args.text(c.name)
                + " age=" + (now - c.createdMillis) / 1000 + " idle=" + (now - c.lastInteractionMillis) / 1000
                + " flags=" + (flags.isEmpty() ? "N" : flags) + " db=" + c.db.index() + " sub=" + c.channels.size()
                + " psub=" + c.patterns.size() + " ssub=" + c.shardChannels.size()
                + " multi=" + (c.inMulti() ? c.queued.size() : -1)
                + " qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0 obl=0 oll=0 omem=" + c.reply.pending()
                + " tot-mem=0 events=r cmd=" + c.lastCommand + " user=default redir="
                + dev.buildredis.engine.Tracking.redirect(c) + " resp=" + c.reply.protocol();
    }

    // tag::kill[]
    private static void kill(Client c, List<byte[]> a) {
        if (a.size() == 3) { // the old form: CLIENT KILL ip:port
            for (Client other : c.engine.clients()) {
                if (other.address.equals(Args.text(a.get(2)))) {
                    close(c, other);
                    c.reply.ok();
                    return;
                }
            }
            throw new CommandError("ERR No such client");
        }
        if (a.size() % 2 != 0) {
            throw CommandError.syntax();
        }
        Long id = null;
        String addr = null, laddr = null, type = null;
        boolean skipMe = true;
        for (int i = 2; i < a.size(); i += 2) {
            byte[] option = a.get(i);
            String value = Args.text(a.get(i + 1));
            if (Args.is(option, "ID")) {
                id = Args.integer(a.get(i + 1), "ERR client-id should be greater than 0");
                if (id <= 0) {
                    throw new CommandError("ERR client-id should be greater than 0");
                }
            } else if (Args.is(option, "ADDR")) {
                addr = value;
            } else if (Args.is(option, "LADDR")) {
                laddr = value;
            } else if (Args.is(option, "TYPE")) {
                type = value.toLowerCase(Locale.ROOT);
                if (!List.of("normal", "master", "replica", "slave", "pubsub").contains(type)) {
                    throw new CommandError("ERR Unknown client type '" + Args.quoted(value) + "'");
                }
                type = type.equals("slave") ? "replica" : type; // the old name
            } else if (Args.is(option, "USER")) {
                if (!value.equals("default")) {
                    throw new CommandError("ERR No such user '" + Args.quoted(value) + "'");
                }
            } else if (Args.is(option, "SKIPME")) {
                if (!value.equalsIgnoreCase("yes") && !value.equalsIgnoreCase("no")) {
                    throw CommandError.syntax();
                }
                skipMe = value.equalsIgnoreCase("yes");
            } else {
                throw CommandError.syntax();
            }
        }
        long killed = 0;
        for (Client other : toList(c.engine.clients())) {
            if ((id != null && other.id != id) || (addr != null && !other.address.equals(addr))
                    || (laddr != null && !other.localAddress.equals(laddr))
                    || (type != null && !type.equals(typeOf(other))) || (skipMe && other == c)) {
                continue;
            }
            close(c, other);
            killed++;
        }
        c.reply.integer(killed);
    }
    // end::kill[]

    private static List<Client> toList(Iterable<Client> clients) {
        List<Client> list = new ArrayList<>();
        clients.forEach(list::add);
        return list;
    }

    /** The client itself is closed after this reply; another one at once. */
    private static void close(Client self, Client other) {
        if (other == self) {
            self.closeAfterReply = true;
        } else {
            other.killed = true;
            self.engine.flushLater(other); // the loop looks at clients with pending work, and closes this one
        }
    }

    /** The argument count, then the reason, then the id: Redis's order of checks. */
    private static void unblock(Client c, List<byte[]> a) {
        if (a.size() > 4) {
            throw new CommandError("ERR unknown subcommand or wrong number of arguments for '"
                    + Args.text(a.get(1)) + "'. Try CLIENT HELP.");
        }
        boolean error = false;
        if (a.size() == 4) {
            if (Args.is(a.get(3), "ERROR")) {
                error = true;
            } else if (!Args.is(a.get(3), "TIMEOUT")) {
                throw new CommandError("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
            }
        }
        long id = Args.integer(a.get(2));
        Client target = c.engine.client(id);
        if (target == null || target.blocked == null) { // a client CLIENT PAUSE holds back is not unblocked
            c.reply.integer(0);
            return;
        }
        Runnable onTimeout = target.blocked.onTimeout();
        c.engine.blocking.unblock(target);
        if (error) {
            target.reply.error("UNBLOCKED client unblocked via CLIENT UNBLOCK");
        } else {
            onTimeout.run();
        }
        c.engine.unblocked(target);
        c.reply.integer(1);
    }
}
