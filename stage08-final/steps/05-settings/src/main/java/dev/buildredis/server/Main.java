package dev.buildredis.server;

import java.io.IOException;
import java.io.PrintStream;

/**
 * Starts the server from the command line: {@code java -jar target/<stage>.jar --port 6380}.
 *
 * <p>Exits with status 1 and a one-line reason when the options are wrong or the port cannot be bound, or when the
 * server stopped on its own (the append-only file failed under {@code appendfsync always}); stops cleanly on
 * SIGTERM or Ctrl-C.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Server server = start(args, System.err);
        if (server == null) {
            System.exit(1);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Log.info("Shutting down");
            server.close();
            Log.info("Server is now ready to exit, bye bye...");
        }));
        server.awaitTermination();
        if (server.failure() != null) {
            System.exit(1);
        }
    }

    /** Starts a server, or explains on {@code err} why it cannot and returns {@code null}. */
    static Server start(String[] args, PrintStream err) {
        try {
            return Server.start(Config.parse(args));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(Config.usage());
        } catch (IOException e) {
            err.println(e.getMessage());
        }
        return null;
    }
}
