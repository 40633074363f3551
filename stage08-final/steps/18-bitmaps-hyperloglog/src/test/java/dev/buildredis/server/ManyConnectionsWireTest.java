package dev.buildredis.server;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** A connection storm: many clients connecting in the same instant, as after a restart or a network blip. */
@WireTest
class ManyConnectionsWireTest {

    // tag::storm[]
    @Test
    void aThousandConnectionsOpenedAtOnceAreAllServed(InetSocketAddress address) throws Exception {
        int count = 1000;
        CountDownLatch go = new CountDownLatch(1);
        List<WireClient> clients = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<WireClient>> connecting = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                connecting.add(threads.submit(() -> {
                    go.await();                       // every thread connects in the same instant
                    return WireClient.connect(address);
                }));
            }
            go.countDown();
            for (Future<WireClient> client : connecting) {
                clients.add(client.get());
            }
            for (WireClient client : clients) {       // all of them at once, still connected
                client.send("PING\r\n");
            }
            for (WireClient client : clients) {
                client.expect("+PONG\r\n");
            }
        } finally {
            clients.forEach(WireClient::close);
        }
    }
    // end::storm[]
}
