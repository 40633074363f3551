package dev.buildredis.differential;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the two servers compared, as the runner talks to it: the main client that sends the sequence, and a
 * second client for the sequence's other-client calls and for the runner's own look-ups (a set's members after
 * SPOP, a key's encoding), which never change what the main client sees.
 */
final class Side implements AutoCloseable {

    private final String name;
    private final InetSocketAddress address;
    private Wire main;
    private Wire other;

    Side(String name, InetSocketAddress address) {
        this.name = name;
        this.address = address;
    }

    String name() {
        return name;
    }

    Wire main() {
        return main;
    }

    Wire other() {
        return other;
    }

    /** Fresh clients (RESP2, database 0, no name), an empty server and the default settings the sequences change. */
    void reset() {
        close();
        main = Wire.connect(address);
        other = Wire.connect(address);
        List<String> limits = new ArrayList<>(List.of("CONFIG", "SET"));
        limits.addAll(Generator.DEFAULT_SETTINGS);
        for (List<String> command : List.of(List.of("FLUSHALL"), limits)) {
            other.write(command);
            other.flush();
            Frame reply = other.read();
            if (!reply.string().equals("OK")) {
                throw new IllegalStateException(name + " answered " + command + " with " + reply);
            }
        }
    }

    void reconnectMain() {
        main.close();
        main = Wire.connect(address);
    }

    /** A look-up in database {@code db} by the second client, which is left in database 0. */
    Frame query(int db, List<String> command) {
        if (db != 0) {
            other.write(List.of("SELECT", Integer.toString(db)));
        }
        other.write(command);
        if (db != 0) {
            other.write(List.of("SELECT", "0"));
        }
        other.flush();
        Frame selected = db != 0 ? other.read() : null;
        Frame reply = other.read();
        if (db != 0 && (!selected.string().equals("OK") || !other.read().string().equals("OK"))) {
            throw new IllegalStateException(name + " could not select database " + db);
        }
        return reply;
    }

    Frame query(int db, String... command) {
        return query(db, List.of(command));
    }

    @Override
    public void close() {
        if (main != null) {
            main.close();
            other.close();
        }
    }
}
