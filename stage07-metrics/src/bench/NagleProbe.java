import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Measures what Nagle's algorithm and delayed ACKs cost a pipelining client: it stores one value, then sends a
 * batch of GETs for it in one write, times the batch's round trip until every reply is in, and repeats.
 * The replies of a batch are bigger than the server's 16 KB output buffer, so the server writes them in several
 * pieces; with Nagle on, a small piece waits until the client has acknowledged the previous one.
 *
 *   java NagleProbe.java PORT [BATCH [VALUE_BYTES [ROUNDS]]]      prints: rounds,p50_ms,p99_ms,max_ms
 *
 * Needs only the JDK (run it as a source file). The client sets TCP_NODELAY on its own socket, so that only the
 * server's setting is measured.
 */
public class NagleProbe {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int valueBytes = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String key = "nagle:probe";
            String value = "x".repeat(valueBytes);
            out.write(command("SET", key, value));
            readFully(in, "+OK\r\n".length());
            byte[] get = command("GET", key);
            byte[] requests = new byte[get.length * batch];
            for (int i = 0; i < batch; i++) {
                System.arraycopy(get, 0, requests, i * get.length, get.length);
            }
            int replyBytes = ("$" + valueBytes + "\r\n").length() + valueBytes + 2;
            double[] millis = new double[rounds];
            for (int r = -rounds / 10; r < rounds; r++) {     // the first tenth warms up and is not counted
                long start = System.nanoTime();
                out.write(requests);
                readFully(in, replyBytes * batch);
                if (r >= 0) {
                    millis[r] = (System.nanoTime() - start) / 1e6;
                }
            }
            Arrays.sort(millis);
            System.out.printf("%d,%.3f,%.3f,%.3f%n", rounds, millis[rounds / 2], millis[(int) (rounds * 0.99)],
                    millis[rounds - 1]);
        }
    }

    private static byte[] command(String... words) {
        StringBuilder resp = new StringBuilder("*" + words.length + "\r\n");
        for (String word : words) {
            resp.append('$').append(word.length()).append("\r\n").append(word).append("\r\n");
        }
        return resp.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void readFully(InputStream in, int count) throws Exception {
        byte[] buffer = new byte[Math.min(count, 1 << 16)];
        int left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, Math.min(left, buffer.length));
            if (n < 0) {
                throw new IllegalStateException("server closed the connection");
            }
            left -= n;
        }
    }
}
