import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A connection storm, as after a server restart when every client of a pool reconnects at once: CLIENTS threads
 * connect in the same instant, each sends PING and waits for PONG, and all stay connected until the last is
 * served. It times each connect() and each first reply.
 *
 *   java ConnectionStorm.java PORT [CLIENTS]
 *   prints: clients,served,failed,connect_p50_ms,connect_p99_ms,connect_max_ms,over_1s,all_served_ms
 *
 * over_1s counts connects that took a second or more: the kernel dropped their SYN (the accept queue was full)
 * and the client's TCP sent it again after its one-second initial retransmission timeout. Needs only the JDK.
 */
public class ConnectionStorm {

    private static final int CONNECT_TIMEOUT_MS = 20_000;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        CountDownLatch go = new CountDownLatch(1);
        List<Socket> open = new ArrayList<>();
        List<Future<double[]>> results = new ArrayList<>();
        long start;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                results.add(threads.submit(() -> {
                    go.await();
                    Socket socket = new Socket();
                    synchronized (open) {
                        open.add(socket);
                    }
                    long t0 = System.nanoTime();
                    socket.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MS);
                    double connect = (System.nanoTime() - t0) / 1e6;
                    socket.setSoTimeout(CONNECT_TIMEOUT_MS);
                    socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                    InputStream in = socket.getInputStream();
                    byte[] reply = in.readNBytes(7);
                    if (!new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n")) {
                        throw new IllegalStateException("unexpected reply");
                    }
                    return new double[] {connect, (System.nanoTime() - t0) / 1e6};
                }));
            }
            start = System.nanoTime();
            go.countDown();
        }
        double allServed = (System.nanoTime() - start) / 1e6;
        List<Double> connects = new ArrayList<>();
        int failed = 0;
        for (Future<double[]> result : results) {
            try {
                connects.add(result.get()[0]);
            } catch (Exception e) {
                failed++;
            }
        }
        synchronized (open) {
            for (Socket socket : open) {
                socket.close();
            }
        }
        double[] sorted = connects.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        long over1s = Arrays.stream(sorted).filter(ms -> ms >= 1000).count();
        System.out.printf("%d,%d,%d,%.1f,%.1f,%.1f,%d,%.0f%n", clients, sorted.length, failed, at(sorted, 0.5),
                at(sorted, 0.99), at(sorted, 1.0), over1s, allServed);
    }

    private static double at(double[] sorted, double quantile) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))];
    }
}
