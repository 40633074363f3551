package dev.buildredis.server;

import dev.buildredis.testing.ServerProcess;
import dev.buildredis.testing.WireClient;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * A client that pipelines commands and does not read the replies, against this server in a JVM with a 32 MB heap:
 * the 128 MB of replies it asks for cannot pile up in the server, which stops reading it instead (backpressure),
 * serves the other clients meanwhile, and sends every reply, in order, once the client reads. A server that went on
 * running that client's commands would run out of heap and stop.
 */
class BackpressureTest {

    // tag::backpressure-test[]
    @Test
    void aClientThatDoesNotReadItsRepliesCannotFillTheServersHeap() throws Exception {
        ServerProcess.Launch smallHeap = new ServerProcess.Launch(List.of("-Xmx32m"), 0);
        try (ServerProcess server = ServerProcess.start(smallHeap)) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());

            EventLoopWireTest.greedyClientHoldsUpNoOne(address, "big", 64 * 1024, 2048); // 128 MB of replies

            try (WireClient client = WireClient.connect(address)) {
                client.send("PING\r\n").expect("+PONG\r\n"); // and the server is still there
            }
        }
    }
    // end::backpressure-test[]
}
