// @step 26
package dev.buildredis.replication;

import dev.buildredis.protocol.RespReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A replica made of a socket and nothing else: it does the handshake, skips the RDB, acknowledges it, and records
 * the stream that follows, command by command, as text. What a master sends its replicas, to compare with what
 * redis-server sends for the same writes.
 */
final class StreamRecorder implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final List<List<String>> commands = new CopyOnWriteArrayList<>();

    StreamRecorder(int masterPort) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), masterPort);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        send("PING");
        expect("+PONG");
        send("REPLCONF", "listening-port", "1");
        expect("+OK");
        send("REPLCONF", "capa", "eof", "capa", "psync2");
        expect("+OK");
        send("PSYNC", "?", "-1");
        String reply = line();
        while (reply.isEmpty()) {
            reply = line();
        }
        if (!reply.startsWith("+FULLRESYNC")) {
            throw new IOException("PSYNC ? -1 answered " + reply);
        }
        skipRdb();
        Thread.ofVirtual().start(this::record);
        Thread.ofVirtual().start(this::acknowledge);
    }

    private void skipRdb() throws IOException {
        String header = line();
        while (header.isEmpty()) {
            header = line();
        }
        if (header.startsWith("$EOF:")) {
            byte[] mark = header.substring(5).getBytes(StandardCharsets.US_ASCII);
            byte[] last = new byte[mark.length];
            int seen = 0;
            while (seen < mark.length || !java.util.Arrays.equals(last, mark)) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the master closed the link in the RDB");
                }
                System.arraycopy(last, 1, last, 0, last.length - 1);
                last[last.length - 1] = (byte) b;
                seen++;
            }
        } else {
            in.readNBytes(Integer.parseInt(header.substring(1)));
        }
    }

    /**
     * REPLCONF ACK 0, ten times a second, as a replica says what it has (once a second, for a real one): a diskless
     * master streams once the replica has said it loaded the RDB, and redis-server hears an ACK only once it has
     * itself noticed that the transfer is over.
     */
    private void acknowledge() {
        try {
            while (!socket.isClosed()) {
                synchronized (out) {
                    send("REPLCONF", "ACK", "0");
                }
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException e) {
            // closed
        }
    }

    private void record() {
        RespReader reader = new RespReader();
        byte[] buffer = new byte[64 * 1024];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                reader.feed(buffer, 0, n);
                List<byte[]> command;
                while ((command = reader.next()) != null) {
                    List<String> words = new ArrayList<>();
                    for (byte[] arg : command) {
                        words.add(new String(arg, StandardCharsets.ISO_8859_1));
                    }
                    commands.add(words);
                }
            }
        } catch (IOException | dev.buildredis.protocol.ProtocolException e) {
            // closed, or not a stream: what was recorded shows it
        }
    }

    /** The commands received so far, PINGs and GETACKs left out (when they come depends on the clock). */
    List<String> commands() {
        List<String> lines = new ArrayList<>();
        for (List<String> command : commands) {
            String name = command.get(0).toUpperCase(java.util.Locale.ROOT);
            if (!name.equals("PING") && !name.equals("REPLCONF")) {
                lines.add(String.join(" ", command));
            }
        }
        return lines;
    }

    private void send(String... words) throws IOException {
        out.write(Replicator.encode(words));
        out.flush();
    }

    private void expect(String reply) throws IOException {
        String line = line();
        if (!line.equals(reply)) {
            throw new IOException("expected " + reply + ", got " + line);
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("the master closed the link");
            }
            line.append((char) b);
        }
        return line.toString().replace("\r", "");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
