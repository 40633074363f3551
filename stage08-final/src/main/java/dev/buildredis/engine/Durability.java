// @step 07
package dev.buildredis.engine;

import java.io.IOException;

/**
 * What the engine asks of whatever keeps the data set on disk: the persistence package, which lives above the
 * engine and plugs in here when the server is put together. The engine calls it at fixed points of its life and of
 * each loop turn, and knows nothing of files.
 * <pre>
 *   start        load()                      the data set, before the port opens
 *   each turn    step(idle)                  a slice of a running snapshot
 *                flush()                     this turn's changes, before any reply of the turn leaves
 *   cron         cron()                      save points
//> step 12
 *                                            automatic AOF rewrites
//< step 12
 *   a write      writeError()                -MISCONF while the disk refuses
 *   the end      shutdown(save, force)       or abandon(), when the disk failed and the server must exit
 * </pre>
 */
public interface Durability {

    void load() throws IOException;

    /** Writes this turn's changes (and fsyncs if the policy says so); may declare the server failed. */
    void flush();

    /** Why writes are refused now (Redis's -MISCONF text), or {@code null}. */
    String writeError();

    /** Whether background work wants the loop back soon, even with no client sending. */
    boolean busy();

    /** A slice of background work; a longer one if the loop found nothing else to do. */
    void step(boolean idle);

    void cron();

    /** What wakes the loop when work done off the loop (a snapshot's file on disk) needs it. */
    void onWakeup(Runnable wakeup);

    /**
     * At the server's end: saves if {@code save} (or, when null, if save points are set), unless that fails and
     * {@code force} is false: then throws, and the server goes on.
     */
    void shutdown(Boolean save, boolean force) throws IOException;

    /** Closes the files as they are: the server is exiting because the disk failed. */
    void abandon();

    /** INFO's persistence section. */
    void info(StringBuilder section);

    /** No persistence at all: nothing is loaded, nothing written. */
    Durability NONE = new Durability() {
        @Override
        public void load() {
        }

        @Override
        public void flush() {
        }

        @Override
        public String writeError() {
            return null;
        }

        @Override
        public boolean busy() {
            return false;
        }

        @Override
        public void step(boolean idle) {
        }

        @Override
        public void cron() {
        }

        @Override
        public void onWakeup(Runnable wakeup) {
        }

        @Override
        public void shutdown(Boolean save, boolean force) {
        }

        @Override
        public void abandon() {
        }

        @Override
        public void info(StringBuilder section) {
        }
    };
}
