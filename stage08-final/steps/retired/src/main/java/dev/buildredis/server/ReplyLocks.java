// @step 01-01
package dev.buildredis.server;

import dev.buildredis.store.StoreKind;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A teaching switch, {@code --hold-lock-over-write yes}: a command's lock is held until its reply has been written
 * to the socket, not only while the command touches the data. Chapter 4 measures the convoy this makes.
 *
 * <pre>
 *   normal:   [lock  run  unlock]  write reply          the lock is held for a map operation: ~0.1 µs
 *   switched: [lock  run  write reply  flush  unlock]   held over a system call that wakes the client: µs
 * </pre>
 *
 * The mistake it models is a common one: releasing a lock in a {@code finally} that encloses more than the data,
 * here the I/O. The locks are laid out as the store's are: one for {@code --store locked}, one per stripe picked
 * by the command's first argument (its key) for {@code striped}. They are locks of their own, taken before the
 * store's and released after them, so that whatever locks a command takes inside the store, no two clients can
 * wait for each other in a circle. A command without arguments ({@code PING}) takes none.
 */
final class ReplyLocks {

    /** What runs under the lock: the command and the write of its reply. */
    @FunctionalInterface
    interface Reply {
        void send() throws IOException;
    }

    /** As many as the striped store has stripes, so that two keys share a lock exactly when they share a stripe. */
    private static final int STRIPES = 64;

    private final ReentrantLock[] locks;

    ReplyLocks(StoreKind store) {
        locks = new ReentrantLock[store == StoreKind.LOCKED ? 1 : STRIPES];
        Arrays.setAll(locks, i -> new ReentrantLock());
    }

    // tag::hold[]
    /** Runs the command and writes its reply while holding the lock of the command's key. */
    void hold(List<byte[]> command, Reply reply) throws IOException {
        if (command.size() < 2) {
            reply.send();
            return;
        }
        int h = Arrays.hashCode(command.get(1));
        ReentrantLock lock = locks[(h ^ (h >>> 16)) & (locks.length - 1)]; // the store's stripe for that key
        lock.lock();
        try {
            reply.send();
        } finally {
            lock.unlock(); // only now: after the reply went out through a system call
        }
    }
    // end::hold[]
}
