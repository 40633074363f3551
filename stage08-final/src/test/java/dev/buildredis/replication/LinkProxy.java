// @step 26
package dev.buildredis.replication;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy between a replica and its master, on a free loopback port, that the test controls: it can cut every
 * connection through it (as a network failure would: both ends see the connection close), or hold the bytes
 * back for a while (a link that is up but delivers nothing, as a congested one).
 * <pre>
 *   replica ──▶ proxy ──▶ master          cut(): both sockets closed; the next connection goes through again
 *           ◀──       ◀──                 hold(): nothing is passed on, either way, until release()
 * </pre>
 */
final class LinkProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private boolean held; // guarded by this

    LinkProxy(int target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket replica = listener.accept();
                Socket master = new Socket(InetAddress.getLoopbackAddress(), target);
                replica.setTcpNoDelay(true);
                master.setTcpNoDelay(true);
                open.add(replica);
                open.add(master);
                Thread.ofVirtual().start(() -> pump(replica, master));
                Thread.ofVirtual().start(() -> pump(master, replica));
            } catch (IOException e) {
                // the listener closed, or the master refused: the replica sees its connection fail and retries
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                awaitRelease();
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // cut, or one end closed
        } finally {
            close(from);
            close(to);
        }
    }

    private synchronized void awaitRelease() throws IOException {
        while (held) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
    }

    /** Closes every connection through the proxy now; new ones are let through. */
    void cut() {
        for (Socket socket : open) {
            close(socket);
        }
    }

    /** Stops passing bytes on, both ways, until {@link #release}. */
    synchronized void hold() {
        held = true;
    }

    synchronized void release() {
        held = false;
        notifyAll();
    }

    private void close(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // closed either way
        }
    }

    @Override
    public void close() throws IOException {
        release();
        listener.close();
        cut();
    }
}
