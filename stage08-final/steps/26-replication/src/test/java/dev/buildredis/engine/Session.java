package dev.buildredis.engine;

import dev.buildredis.server.Server;
import dev.buildredis.testing.ManualClock;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link Engine} with a manual clock and a client, driven without sockets: {@code call("SET", "k", "v")} runs a
 * command and returns the exact RESP bytes it answered, one char a byte.
 */
public final class Session {

    public final ManualClock clock = new ManualClock();
    public final Engine engine = Server.assemble(clock, "127.0.0.1", 6379);
    public final Client client = engine.connect();

    public String call(String... args) {
        return call(client, args);
    }

    public String call(Client who, String... args) {
        List<byte[]> list = new ArrayList<>();
        for (String arg : args) {
            list.add(arg.getBytes(StandardCharsets.ISO_8859_1));
        }
        engine.execute(who, list);
        return output(who);
    }

    /** Everything written to the client since the last look (replies, and messages pushed by others). */
    public static String output(Client who) {
        return new String(who.reply.drain(), StandardCharsets.ISO_8859_1);
    }
}
