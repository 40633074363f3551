package dev.buildredis.streams;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Lookup;
import dev.buildredis.store.Key;
import dev.buildredis.store.StreamConsumer;
import dev.buildredis.store.StreamGroup;
import dev.buildredis.store.StreamId;
import dev.buildredis.store.StreamValue;

import java.util.List;
import java.util.Locale;

/**
 * XGROUP: consumer groups and their consumers.
 * <pre>
 * XGROUP CREATE s g $ [MKSTREAM] [ENTRIESREAD n]   +OK    a group that reads what comes after the last entry now
 * XGROUP SETID s g 0 [ENTRIESREAD n]               +OK    the group reads again from the start
 * XGROUP DESTROY s g                               :1     (its blocked readers get -NOGROUP)
 * XGROUP CREATECONSUMER s g alice                  :1     :0 if it exists
 * XGROUP DELCONSUMER s g alice                     :&lt;its pending entries, now gone&gt;
 * </pre>
 * The checks come in Redis's order: the options, the key's type, the key and group existing, then the subcommand's
 * own argument count ({@code -ERR unknown subcommand or wrong number of arguments for 'CREATE'. Try XGROUP HELP.}).
 */
final class GroupCommands {

    private GroupCommands() {
    }

    static List<Command> commands() {
        return List.of(Command.container("xgroup", -2, List.of(
                Command.of("xgroup|create", -5, "write denyoom", 2, 2, 1, GroupCommands::xgroup),
                Command.of("xgroup|setid", -5, "write", 2, 2, 1, GroupCommands::xgroup),
                Command.of("xgroup|destroy", 4, "write", 2, 2, 1, GroupCommands::xgroup),
                Command.of("xgroup|createconsumer", 5, "write denyoom", 2, 2, 1, GroupCommands::xgroup),
                Command.of("xgroup|delconsumer", 5, "write", 2, 2, 1, GroupCommands::xgroup),
                Command.of("xgroup|help", 2, "loading stale", 0, 0, 0, (c, a) -> Command.help(c, "XGROUP",
                        "CREATE <key> <groupname> <id|$> [option]",
                        "    Create a new consumer group. Options are:",
                        "    * MKSTREAM",
                        "      Create the empty stream if it does not exist.",
                        "    * ENTRIESREAD entries_read",
                        "      Set the group's entries_read counter (internal use).",
                        "CREATECONSUMER <key> <groupname> <consumer>",
                        "    Create a new consumer in the specified group.",
                        "DELCONSUMER <key> <groupname> <consumer>",
                        "    Remove the specified consumer.",
                        "DESTROY <key> <groupname>",
                        "    Remove the specified group.",
                        "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
                        "    Set the current group ID and entries_read counter.")))));
    }

    // tag::xgroup[]
    private static void xgroup(Client c, List<byte[]> a) {
        String sub = StreamIds.text(a.get(1)).toLowerCase(Locale.ROOT);
        boolean create = sub.equals("create");
        boolean mkStream = false;
        long entriesRead = StreamGroup.UNKNOWN_ENTRIES_READ;
        for (int i = 5; i < a.size(); ) {
            if (create && StreamIds.is(a.get(i), "MKSTREAM")) {
                mkStream = true;
                i++;
            } else if ((create || sub.equals("setid")) && StreamIds.is(a.get(i), "ENTRIESREAD") && i + 1 < a.size()) {
                entriesRead = Args.integer(a.get(i + 1));
                if (entriesRead < 0 && entriesRead != StreamGroup.UNKNOWN_ENTRIES_READ) {
                    throw new CommandError("ERR value for ENTRIESREAD must be positive or -1");
                }
                i += 2;
            } else {
                throw StreamInfo.subcommandSyntax(a);
            }
        }
        Key key = Args.key(a.get(2));
        StreamValue stream = Lookup.stream(c.db(), key);
        byte[] name = a.get(3);
        StreamGroup group = stream == null ? null : stream.group(name);
        if (!mkStream) {
            if (stream == null) {
                throw new CommandError("ERR The XGROUP subcommand requires the key to exist. Note that for CREATE "
                        + "you may want to use the MKSTREAM option to create an empty stream automatically.");
            }
            if (group == null && !create && !sub.equals("destroy")) {
                throw new CommandError("NOGROUP No such consumer group '" + StreamIds.text(name)
                        + "' for key name '" + StreamIds.text(key.bytes()) + "'");
            }
        }
        switch (sub) {
            case "create" -> {
                if (a.size() > 8) {
                    throw StreamInfo.subcommandSyntax(a);
                }
                create(c, a, key, stream, name, entriesRead);
            }
            case "setid" -> {
                if (a.size() != 5 && a.size() != 7) {
                    throw StreamInfo.subcommandSyntax(a);
                }
                StreamId id = StreamIds.text(a.get(4)).equals("$") ? stream.lastId() : StreamIds.parse(a.get(4), 0);
                group.position(id, entriesRead);
                c.reply.ok();
                StreamCommands.changed(c, key, "xgroup-setid"); // after the reply, as Redis publishes it
            }
            case "destroy" -> {
                if (group == null) {
                    c.reply.integer(0);
                    return;
                }
                stream.destroyGroup(name);
                c.engine.signalReady(c.db(), key); // its blocked readers get -NOGROUP
                c.reply.integer(1);
                StreamCommands.changed(c, key, "xgroup-destroy");
            }
            case "createconsumer" -> {
                boolean created = group.createConsumer(a.get(4), c.db().now()) != null;
                if (created) { // before the reply: Redis publishes it where it makes the consumer
                    StreamCommands.changed(c, key, "xgroup-createconsumer");
                }
                c.reply.integer(created ? 1 : 0);
            }
            default -> { // delconsumer
                StreamConsumer consumer = group.consumer(a.get(4));
                long pending = consumer == null ? 0 : group.deleteConsumer(consumer);
                c.reply.integer(pending);
                if (consumer != null) {
                    StreamCommands.changed(c, key, "xgroup-delconsumer");
                }
            }
        }
    }
    // end::xgroup[]

    private static void create(Client c, List<byte[]> a, Key key, StreamValue stream, byte[] name, long entriesRead) {
        StreamId id;
        if (StreamIds.text(a.get(4)).equals("$")) {
            id = stream == null ? StreamId.MIN : stream.lastId();
        } else {
            id = StreamIds.strict(a.get(4));
        }
        if (stream == null) { // MKSTREAM, now that the command cannot fail
            stream = new StreamValue(c.db().encodings());
            c.db().put(key, stream);
            c.engine.signalModified(c.db(), key); // "new" is the keyspace's to say; "xgroup-create" comes below
            c.engine.dirty--; // Redis counts the stream and its group as one change
        }
        if (stream.createGroup(name, id, entriesRead) == null) {
            throw new CommandError("BUSYGROUP Consumer Group name already exists");
        }
        c.reply.ok();
        StreamCommands.changed(c, key, "xgroup-create");
    }
}
