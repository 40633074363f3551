package dev.buildredis.server;

import dev.buildredis.engine.EventLoop;
import dev.buildredis.engine.Log;

import java.io.IOException;
import java.io.PrintStream;

/**
 * Starts the server from the command line: {@code java -jar target/<stage>.jar --port 6380}.
 *
 * <p>Exits with status 1 and a one-line reason when the options are wrong or the port cannot be bound, and with
 * status 1 when the server stops because it cannot go on (the disk failed under {@code appendfsync always}); stops
 * cleanly, with status 0, on SHUTDOWN, SIGTERM or Ctrl-C.
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
        if (server.failed() != null) {
            System.exit(1); // the reason is in the log; a supervisor sees the failure and can restart the server
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
