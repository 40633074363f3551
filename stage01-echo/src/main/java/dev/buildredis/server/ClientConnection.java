package dev.buildredis.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * One client's conversation with the server: here, every byte it sends comes straight back.
 *
 * <p>There is no protocol yet. Whatever one {@code read} returns is written back with one {@code write}: the
 * bytes of one message may arrive in several reads and several messages in one read, and an echo server does not
 * care. Stage 02 has to.
 */
final class ClientConnection {

    /** How much one read may take from the socket; the kernel's receive buffer holds the rest. */
    private static final int READ_BUFFER_SIZE = 16 * 1024;

    private final Socket socket;

    ClientConnection(Socket socket) {
        this.socket = socket;
    }

    /** Echoes until the client closes its side of the connection, then returns. */
    // tag::echo-loop[]
    void serve() throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] buffer = new byte[READ_BUFFER_SIZE];
        int count;
        while ((count = in.read(buffer)) != -1) { // <1>
            out.write(buffer, 0, count);           // <2>
        }
    }
    // end::echo-loop[]
}
