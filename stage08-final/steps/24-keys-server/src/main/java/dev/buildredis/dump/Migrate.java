package dev.buildredis.dump;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.ValueCodec;
import dev.buildredis.store.Database;
import dev.buildredis.store.Key;
import dev.buildredis.store.Value;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * MIGRATE: keys moved to another server as DUMP payloads that it RESTOREs, then deleted here (unless COPY), as Redis's
 * migrateCommand does it, on the loop and with the client's timeout: the whole server waits for the target, as
 * Redis's does.
 * <pre>
 * MIGRATE host port key db timeout [COPY] [REPLACE] [AUTH pw | AUTH2 user pw]        one key
 * MIGRATE host port "" db timeout [...] KEYS k1 k2 ...                              several
 *
 *   → AUTH, SELECT db, then RESTORE k ttl payload [REPLACE] for each key that exists, in one write
 *   ← a line per command; a RESTORE answered +OK deletes its key here, propagated as DEL
 *
 *   +OK  /  +NOKEY (none of the keys exists)  /  -ERR Target instance replied with error: BUSYKEY ...
 *   -IOERR error or timeout writing to target instance   (or reading: the target did not answer in time)
 * </pre>
 * Redis keeps the connection for ten seconds to migrate the next batch without a new handshake; this server opens
 * one per call.
 */
final class Migrate {

    private Migrate() {
    }

    static void migrate(Client c, List<byte[]> a, ValueCodec codec) {
        boolean copy = false, replace = false;
        byte[] user = null, password = null;
        int firstKey = 3, keyCount = 1;
        for (int j = 6; j < a.size(); j++) {
            int more = a.size() - 1 - j;
            if (Args.is(a.get(j), "COPY")) {
                copy = true;
            } else if (Args.is(a.get(j), "REPLACE")) {
                replace = true;
            } else if (Args.is(a.get(j), "AUTH")) {
                if (more < 1) {
                    throw CommandError.syntax();
                }
                password = a.get(++j);
                c.redacted.set(j);
            } else if (Args.is(a.get(j), "AUTH2")) {
                if (more < 2) {
                    throw CommandError.syntax();
                }
                user = a.get(++j);
                password = a.get(++j);
                c.redacted.set(j - 1, j + 1);
            } else if (Args.is(a.get(j), "KEYS")) {
                if (a.get(3).length != 0) {
                    throw new CommandError("ERR When using MIGRATE KEYS option, the key argument must be set to the "
                            + "empty string");
                }
                firstKey = j + 1;
                keyCount = a.size() - j - 1;
                break;
            } else {
                throw CommandError.syntax();
            }
        }
        long timeout = Args.integer(a.get(5));
        long db = Args.integer(a.get(4));
        if (timeout <= 0) {
            timeout = 1000;
        }
        Database here = c.db();
        List<Key> keys = new ArrayList<>();
        for (int j = firstKey; j < firstKey + keyCount; j++) {
            Key key = Args.key(a.get(j));
            if (here.get(key) != null) {
                keys.add(key);
            }
        }
        if (keys.isEmpty()) {
            c.reply.simple("NOKEY");
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (password != null) {
            command(out, user == null ? List.of(Args.bytes("AUTH"), password)
                    : List.of(Args.bytes("AUTH"), user, password));
        }
        command(out, List.of(Args.bytes("SELECT"), Args.bytes(db)));
        List<Key> sent = new ArrayList<>();
        for (Key key : keys) {
            Value value = here.get(key);
            long expireAt = here.expireAt(key);
            long ttl = 0;
            if (expireAt >= 0) {
                ttl = Math.max(1, expireAt - here.now());
            }
            if (value == null) {
                continue; // gone since the first look
            }
            List<byte[]> restore = new ArrayList<>(List.of(Args.bytes("RESTORE"), key.bytes(), Args.bytes(ttl),
                    codec.dump(value)));
            if (replace) {
                restore.add(Args.bytes("REPLACE"));
            }
            command(out, restore);
            sent.add(key);
        }
        String host = Args.text(a.get(1));
        int port = (int) Math.max(0, Math.min(65535, Args.integer(a.get(2))));
        exchange(c, host, port, (int) Math.min(Integer.MAX_VALUE, timeout), out.toByteArray(), password != null,
                sent, copy);
    }

    // tag::migrate[]
    /** Sends the commands, reads a line per command, deletes what the target took. */
    private static void exchange(Client c, String host, int port, int timeout, byte[] commands, boolean auth,
                                 List<Key> sent, boolean copy) {
        boolean writing = true;
        List<byte[]> deleted = new ArrayList<>(List.of(Args.bytes("DEL")));
        String targetError = null;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeout);
            socket.setSoTimeout(timeout);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(commands);
            out.flush();
            writing = false;
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            String authReply = auth ? line(in) : null;
            String selectReply = line(in);
            Database here = c.db();
            for (Key key : sent) {
                String reply = line(in);
                String error = authReply != null && authReply.startsWith("-") ? authReply
                        : selectReply.startsWith("-") ? selectReply : reply.startsWith("-") ? reply : null;
                if (error != null) {
                    if (targetError == null) {
                        targetError = error.substring(1);
                    }
                } else if (!copy && here.delete(key)) {
                    c.modified(key, "del");
                    deleted.add(key.bytes());
                }
            }
        } catch (IOException e) {
            propagate(c, deleted);
            throw new CommandError("IOERR error or timeout " + (writing ? "writing" : "reading")
                    + " to target instance");
        }
        propagate(c, deleted);
        if (targetError != null) {
            throw new CommandError("ERR Target instance replied with error: " + targetError);
        }
        c.reply.ok();
    }
    // end::migrate[]

    /** MIGRATE goes to the AOF and replicas as the DEL of the keys the target took, or as nothing. */
    private static void propagate(Client c, List<byte[]> deleted) {
        c.engine.propagateAll(c.db(), deleted.size() > 1 ? List.of(deleted) : List.of());
    }

    /** One reply line of the target, without its CRLF; a bulk or aggregate reply is not expected here. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new SocketTimeoutException("the target closed the connection");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static void command(ByteArrayOutputStream out, List<byte[]> args) {
        out.writeBytes(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] arg : args) {
            out.writeBytes(("$" + arg.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(arg);
            out.writeBytes(new byte[] {'\r', '\n'});
        }
    }
}
