package dev.buildredis.server;

import dev.buildredis.testing.WireClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection settings, on this stage's server started with them. Not wire tests: the suite cannot configure
 * a real redis-server's maxclients or timeout, and the replies they give are checked against Redis in the chapter.
 */
class ConnectionLimitsTest {

    private final List<WireClient> clients = new ArrayList<>();
    private Server server;

    @AfterEach
    void stop() {
        clients.forEach(WireClient::close);
        if (server != null) {
            server.close();
        }
    }

    // tag::maxclients[]
    @Test
    void theClientAfterMaxclientsIsToldAndClosedWhileTheOthersGoOn() throws IOException {
        server = Server.start(Config.parse("--port", "0", "--maxclients", "3"));
        for (int i = 0; i < 3; i++) {
            connect().send("PING\r\n").expect("+PONG\r\n");
        }

        WireClient fourth = connect();
        fourth.expect("-ERR max number of clients reached\r\n");
        fourth.expectClosed();

        for (WireClient client : clients.subList(0, 3)) {
            client.send("PING\r\n").expect("+PONG\r\n");
        }
    }
    // end::maxclients[]

    @Test
    void aClientThatLeavesMakesRoomForExactlyOneMore() throws Exception {
        server = Server.start(Config.parse("--port", "0", "--maxclients", "2"));
        connect().send("PING\r\n").expect("+PONG\r\n");
        WireClient leaving = connect();
        leaving.send("PING\r\n").expect("+PONG\r\n");

        leaving.close();
        WireClient next = connectOnceThereIsRoom();
        next.send("PING\r\n").expect("+PONG\r\n");

        WireClient oneTooMany = connect();
        oneTooMany.expect("-ERR max number of clients reached\r\n");
    }

    // tag::idle-timeout[]
    @Test
    void anIdleClientIsClosedAfterTheTimeoutAndAnActiveOneIsNot() throws Exception {
        server = Server.start(Config.parse("--port", "0", "--timeout", "1"));
        WireClient idle = connect();
        WireClient active = connect();
        idle.send("PING\r\n").expect("+PONG\r\n");

        Instant until = Instant.now().plusMillis(2500);
        while (Instant.now().isBefore(until)) {          // 2.5 s: well past the 1 s timeout
            active.send("PING\r\n").expect("+PONG\r\n");
            Thread.sleep(250);
        }

        idle.expectClosed();
        active.send("PING\r\n").expect("+PONG\r\n");
    }
    // end::idle-timeout[]

    @Test
    void withoutATimeoutAnIdleClientStaysConnected() throws Exception {
        server = Server.start(Config.parse("--port", "0"));
        WireClient idle = connect();
        idle.send("PING\r\n").expect("+PONG\r\n");

        idle.expectNoReplyWithin(Duration.ofMillis(1500));
        idle.send("PING\r\n").expect("+PONG\r\n");
    }

    @Test
    void aServerRestartsOnItsPortWhileTheOldConnectionsAreInTimeWait() throws IOException {
        server = Server.start(Config.parse("--port", "0"));
        int port = server.port();
        connect().send("PING\r\n").expect("+PONG\r\n");
        server.close(); // the server closes first, so its side of the connection waits in TIME_WAIT

        server = Server.start(Config.parse("--port", Integer.toString(port)));

        connect().send("PING\r\n").expect("+PONG\r\n");
    }

    @Test
    void tcpNoDelayCanBeTurnedOffAndTheServerStillAnswers() throws IOException {
        server = Server.start(Config.parse("--port", "0", "--tcp-nodelay", "no"));

        connect().send("PING\r\nPING\r\n").expect("+PONG\r\n+PONG\r\n");
    }

    private WireClient connect() {
        WireClient client = WireClient.connect(new InetSocketAddress("127.0.0.1", server.port()));
        clients.add(client);
        return client;
    }

    /** The server frees a slot when it sees the client's close, a moment after it: try until it has. */
    private WireClient connectOnceThereIsRoom() throws InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            WireClient client = connect();
            if (client.answersPing()) {
                return client;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no room for a new client 1 s after one left");
    }
}
