package dev.buildredis.persistence.aof;

import dev.buildredis.engine.Log;
import dev.buildredis.persistence.rdb.Durable;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis 7's multi-part append-only file: a directory with a base file (the whole data set at one instant, as RDB),
 * incremental files (every command that changed the data set since, as RESP arrays) and a manifest that lists
 * them ({@link AofManifest}).
 * <pre>
 * appendonlydir/
 *   appendonly.aof.1.base.rdb        REDIS0010...       the whole data set at one instant
 *   appendonly.aof.1.incr.aof        *3 $3 SET ...      every change since, in order
 *   appendonly.aof.manifest          which files count, and in which order to load them
 * </pre>
 *
 * <p>Commands are appended to a buffer in memory while they run ({@link #append}); once per event-loop turn, before
 * any reply of that turn is sent, the buffer goes to the file ({@link #flush}), and with {@code appendfsync always}
 * is fsynced too: one write and one fsync for every command of the turn, Redis's group commit. With
 * {@code everysec} a thread fsyncs once a second; with {@code no} the kernel decides.
 *
 * <p>A rewrite never stops the writes:
 * <pre>
 *   beginRewrite()   new incremental file N+1, and a manifest that lists it: base, incr ..N, incr N+1
 *                    (a snapshot of the data set at this instant is being written to a temporary file)
 *   finishRewrite()  the temporary file becomes base N+1; manifest: base N+1, incr N+1; old files deleted
 * </pre>
 * Each manifest is complete when it is switched in, so a crash at any point leaves a directory that loads to the
 * last acknowledged write: before the switch, the old base and every incremental file; after it, the new base and
 * the new incremental file.
 *
 * <p>When the disk fails, as Redis's {@code flushAppendOnlyFile}:
 * <pre>
 *   write fails after part of the buffer went out   the file is cut back to where it was (no half command in it);
 *                                                    if even that fails, the part that went out is kept and the rest
 *                                                    is written next time
 *   write or fsync fails, appendfsync always         {@link #fatal}: the server must exit before any reply leaves
 *   write fails, everysec or no                      {@link #lastWriteError}: writes get -MISCONF; retried each turn
 *   the everysec thread's fsync fails                {@link #lastWriteError} too, until an fsync succeeds
 * </pre>
 */
public final class AppendOnlyFile implements AutoCloseable {

    /** Loads what the directory's files say, in order. */
    public interface Loader {
        /** A command from an incremental file (or an AOF-format base). */
        void command(List<byte[]> args) throws IOException;

        /** The whole of an RDB base file. */
        void rdb(InputStream in) throws IOException;
    }

    private final Path dir;
    private final String fileName;      // appendfilename: appendonly.aof
    private volatile FsyncPolicy policy;
    private volatile AofManifest manifest; // replaced by the loop, or by a rewrite's writer thread
    private volatile FileChannel incr;
    private byte[] buffer = new byte[64 * 1024];
    private int buffered;
    private int selectedDb = -1;        // the database the current incremental file last SELECTed
    private long currentSize;           // base + incremental files, bytes (aof_current_size)
    private long baseSize;              // the same, right after the last rewrite (aof_base_size)
    private volatile long rewrittenBaseSize;
    private volatile long unsynced;     // bytes written since the last fsync, for everysec
    private long incrSize;              // bytes in the current incremental file: where a failed write is cut back to
    private IOException lastWriteError;
    private volatile IOException fsyncError; // the everysec thread's last fsync failed
    private String fatal;               // why the server cannot go on (appendfsync always and the disk failed)
    private final Opener opener;
    private final Thread fsyncThread;
    private volatile boolean closed;

    /** Opens the incremental files for appending: tests give one whose writes or fsyncs fail. */
    @FunctionalInterface
    public interface Opener {
        FileChannel open(Path file) throws IOException;

        Opener FILES = file -> FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    private AppendOnlyFile(Path dir, String fileName, FsyncPolicy policy, AofManifest manifest, Opener opener)
            throws IOException {
        this.dir = dir;
        this.fileName = fileName;
        this.policy = policy;
        this.manifest = manifest;
        this.opener = opener;
        this.currentSize = filesSize(manifest);
        this.baseSize = currentSize;
        this.incr = openIncremental(manifest);
        this.incrSize = incr.size();
        this.fsyncThread = Thread.ofPlatform().name("aof-fsync").daemon().start(this::fsyncEverySecond);
    }

    /**
     * Opens the directory's append-only file for appending after what it holds, making the directory, an empty
     * base and the first incremental file if there are none yet.
     *
     * @param emptyBase writes an empty data set as RDB to the path given (the base of a new AOF)
     */
    public static AppendOnlyFile open(Path dir, String fileName, FsyncPolicy policy, EmptyBase emptyBase)
            throws IOException {
        return open(dir, fileName, policy, emptyBase, Opener.FILES);
    }

    /** As {@link #open(Path, String, FsyncPolicy, EmptyBase)}, with the incremental files opened by {@code opener}. */
    public static AppendOnlyFile open(Path dir, String fileName, FsyncPolicy policy, EmptyBase emptyBase,
                                      Opener opener) throws IOException {
        Files.createDirectories(dir);
        deleteLeftovers(dir);
        Path manifestFile = dir.resolve(AofManifest.name(fileName));
        AofManifest manifest = AofManifest.load(manifestFile).orElse(null);
        if (manifest == null) {
            String base = fileName + ".1.base.rdb";
            emptyBase.write(dir.resolve(base));
            manifest = new AofManifest(List.of(new AofManifest.Entry(base, 1, 'b'),
                    new AofManifest.Entry(fileName + ".1.incr.aof", 1, 'i')));
            Files.deleteIfExists(dir.resolve(fileName + ".1.incr.aof"));
            manifest.save(manifestFile);
        } else if (manifest.incrementals().isEmpty()) {
            manifest = manifest.withIncremental(new AofManifest.Entry(fileName + ".1.incr.aof", 1, 'i'));
            manifest.save(manifestFile);
        }
        return new AppendOnlyFile(dir, fileName, policy, manifest, opener);
    }

    /** A rewrite or a manifest switch that a crash interrupted leaves a temporary file: it counts for nothing. */
    private static void deleteLeftovers(Path dir) throws IOException {
        try (var files = Files.newDirectoryStream(dir, "temp-*")) {
            for (Path file : files) {
                Log.warn("Deleting " + file.getFileName() + ", left by an interrupted rewrite");
                Files.delete(file);
            }
        }
    }

    /** Writes a valid file holding no keys. */
    @FunctionalInterface
    public interface EmptyBase {
        void write(Path path) throws IOException;
    }

    /** Whether the directory holds an append-only file (a manifest). */
    public static boolean exists(Path dir, String fileName) {
        return Files.exists(dir.resolve(AofManifest.name(fileName)));
    }

    private FileChannel openIncremental(AofManifest m) throws IOException {
        AofManifest.Entry last = m.incrementals().getLast();
        return opener.open(dir.resolve(last.name()));
    }

    private long filesSize(AofManifest m) throws IOException {
        long size = 0;
        for (AofManifest.Entry e : m.files()) {
            Path p = dir.resolve(e.name());
            if (Files.exists(p)) {
                size += Files.size(p);
            }
        }
        return size;
    }

    // ---- loading

    // tag::load[]
    /**
     * Loads every file the manifest lists, base first. A last incremental file that ends inside a command (the
     * server died while writing it) is cut back to its last whole command when {@code loadTruncated} is set, as
     * Redis's {@code aof-load-truncated yes}; anything else that is not the format stops the load with the file's
     * name and the offset.
     */
    public static void load(Path dir, String fileName, boolean loadTruncated, Loader loader) throws IOException {
        AofManifest manifest = AofManifest.load(dir.resolve(AofManifest.name(fileName)))
                .orElseThrow(() -> new IOException("no AOF manifest in " + dir));
        List<AofManifest.Entry> files = manifest.files();
        for (int i = 0; i < files.size(); i++) {
            AofManifest.Entry entry = files.get(i);
            Path file = dir.resolve(entry.name());
            if (!Files.exists(file)) {
                if (entry.type() == 'i' && Files.notExists(file) && i == files.size() - 1) {
                    continue; // made by the manifest, never written to: Redis creates it empty
                }
                throw new IOException("The AOF file " + entry.name() + " doesn't exist");
            }
            boolean last = i == files.size() - 1;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
                in.mark(5);
                byte[] magic = in.readNBytes(5);
                in.reset();
                if (new String(magic, StandardCharsets.US_ASCII).equals("REDIS")) {
                    loader.rdb(in);
                } else {
                    loadCommands(file, in, last && loadTruncated, loader);
                }
            }
        }
    }
    // end::load[]

    private static void loadCommands(Path file, InputStream in, boolean mayTruncate, Loader loader)
            throws IOException {
        AofReader reader = new AofReader(in);
        List<List<byte[]>> transaction = null; // a MULTI without its EXEC yet: applied only when EXEC comes
        long transactionStart = 0;
        while (true) {
            List<byte[]> command;
            try {
                command = reader.next();
            } catch (EOFException e) {
                long good = transaction == null ? reader.commandStart() : transactionStart;
                if (!mayTruncate) {
                    throw new IOException("Unexpected end of file reading the append only file " + file.getFileName()
                            + ": damaged at offset " + reader.commandStart()
                            + ". Run redis-check-aof --fix on it, or set aof-load-truncated yes");
                }
                Log.warn("!!! Warning: short read while loading the AOF file " + file.getFileName() + "!!!");
                Log.warn("AOF " + file.getFileName() + " loaded anyway because aof-load-truncated is enabled;"
                        + " truncated to offset " + good);
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(good);
                    channel.force(true);
                }
                return;
            } catch (AofFormatException e) {
                throw new IOException("Bad file format reading the append only file " + file.getFileName()
                        + " at offset " + e.offset() + ": " + e.getMessage()
                        + ". Run redis-check-aof --fix on it to cut it before the damage", e);
            }
            if (command == null) {
                if (transaction != null && mayTruncate) { // a MULTI the crash cut short: Redis drops it too
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        channel.truncate(transactionStart);
                        channel.force(true);
                    }
                    Log.warn("AOF " + file.getFileName() + " ended inside MULTI; truncated to offset "
                            + transactionStart);
                } else if (transaction != null) {
                    throw new IOException("Revert incomplete MULTI/EXEC transaction in AOF file "
                            + file.getFileName());
                }
                return;
            }
            if (is(command, "MULTI")) {
                transaction = new ArrayList<>();
                transactionStart = reader.commandStart();
            } else if (is(command, "EXEC") && transaction != null) {
                loader.command(List.of(bytes("MULTI")));
                for (List<byte[]> queued : transaction) {
                    loader.command(queued);
                }
                loader.command(command);
                transaction = null;
            } else if (transaction != null) {
                transaction.add(command);
            } else {
                loader.command(command);
            }
        }
    }

    private static boolean is(List<byte[]> command, String name) {
        return command.size() == 1 && new String(command.get(0), StandardCharsets.US_ASCII).equalsIgnoreCase(name);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    // ---- appending

    // tag::append[]
    /** Adds a command to the buffer, after a SELECT if it is for another database than the last one. */
    public void append(int db, List<byte[]> args) {
        if (db >= 0 && db != selectedDb) {
            encode(List.of(bytes("SELECT"), bytes(Integer.toString(db))));
            selectedDb = db;
        }
        encode(args);
    }

    private void encode(List<byte[]> args) {
        header('*', args.size());
        for (byte[] arg : args) {
            header('$', arg.length);
            put(arg, 0, arg.length);
            put(CRLF, 0, 2);
        }
    }
    // end::append[]

    private static final byte[] CRLF = {'\r', '\n'};

    private void header(char type, long n) {
        byte[] text = (type + Long.toString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        put(text, 0, text.length);
    }

    private void put(byte[] bytes, int offset, int length) {
        if (buffered + length > buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, buffered + length));
        }
        System.arraycopy(bytes, offset, buffer, buffered, length);
        buffered += length;
    }

    /** CONFIG SET appendfsync: from the next write on. */
    public void policy(FsyncPolicy newPolicy) {
        policy = newPolicy;
    }

    /** Bytes appended and not yet written (aof_buffer_length). */
    public int buffered() {
        return buffered;
    }

    // tag::flush[]
    /**
     * Writes what the commands of this loop turn appended, and fsyncs if the policy is {@code always}: called before
     * the turn's replies go out, so that no client hears OK for a write the file does not have. On failure the bytes
     * stay buffered, the error is kept ({@link #lastWriteError}, or {@link #fatal} with {@code always}) and the next
     * call tries again.
     */
    public void flush() {
        if (buffered == 0 || fatal != null) {
            return;
        }
        ByteBuffer out = ByteBuffer.wrap(buffer, 0, buffered);
        try {
            while (out.hasRemaining()) {
                incr.write(out);
            }
        } catch (IOException e) {
            writeFailed(e, out.position());
            return;
        }
        if (policy == FsyncPolicy.ALWAYS) {
            try {
                incr.force(false);
            } catch (IOException e) {
                fatal = "Can't persist AOF for fsync error when the AOF fsync policy is 'always': " + e.getMessage()
                        + ". Exiting...";
                return;
            }
        } else {
            unsynced += buffered;
        }
        incrSize += buffered;
        currentSize += buffered;
        buffered = 0;
        if (buffer.length > 1024 * 1024) {
            buffer = new byte[64 * 1024]; // a burst's big buffer is not kept for ever
        }
        if (lastWriteError != null) {
            lastWriteError = null;
            Log.warn("AOF write error looks solved, Redis can write again.");
        }
    }
    // end::flush[]

    // tag::short-write[]
    /**
     * A write that failed after {@code written} bytes went out: those bytes are cut off the file, so that the file
     * never holds half a command; if the cut fails too, they stay, and only the rest is written next time.
     */
    private void writeFailed(IOException e, int written) {
        if (written > 0) {
            try {
                incr.truncate(incrSize);
            } catch (IOException cut) {
                Log.warn("Could not remove short write from the append-only file. Redis may refuse to load the AOF "
                        + "the next time it starts. ftruncate: " + cut.getMessage());
                System.arraycopy(buffer, written, buffer, 0, buffered - written);
                buffered -= written;
                incrSize += written;
                currentSize += written;
            }
        }
        if (policy == FsyncPolicy.ALWAYS) {
            fatal = "Can't recover from AOF write error when the AOF fsync policy is 'always'. Exiting...";
            return;
        }
        if (lastWriteError == null) {
            Log.warn("Error writing to the AOF file: " + e.getMessage());
        }
        lastWriteError = e;
    }
    // end::short-write[]

    /**
     * The last write or fsync error, or {@code null} once a write (and an fsync) succeeded again
     * (aof_last_write_status): while there is one, writes are refused with -MISCONF.
     */
    public IOException lastWriteError() {
        return lastWriteError != null ? lastWriteError : fsyncError;
    }

    /** Why the server must stop now, without sending the turn's replies; {@code null} while all is well. */
    public String fatal() {
        return fatal;
    }

    private void fsyncEverySecond() {
        while (!closed) {
            try {
                Thread.sleep(1000);
                if (policy == FsyncPolicy.EVERYSEC && (unsynced > 0 || fsyncError != null)) {
                    long pending = unsynced;
                    unsynced = 0;
                    fsync(pending);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The everysec fsync: a failure refuses writes until a later fsync succeeds, as Redis's bio fsync status. */
    private void fsync(long pending) {
        FileChannel channel = incr;
        try {
            channel.force(false);
            if (fsyncError != null) {
                fsyncError = null;
                Log.warn("AOF fsync error looks solved, Redis can write again.");
            }
        } catch (java.nio.channels.ClosedChannelException e) {
            // a rewrite switched files meanwhile: it fsynced the old one when it closed it
        } catch (IOException e) {
            if (fsyncError == null) {
                Log.warn("Fail to fsync the AOF file: " + e.getMessage());
            }
            fsyncError = e;
            unsynced += pending;
        }
    }

    // ---- rewriting

    // tag::rewrite[]
    /**
     * The first half of a rewrite, at the instant its snapshot begins: the commands from now on go to a new
     * incremental file, which the manifest lists at once. Returns the temporary file the snapshot writes the new
     * base to.
     */
    public Path beginRewrite() throws IOException {
        sync(); // a write that is failing must not be split between the old incremental file and the new one
        long seq = manifest.lastIncrSeq() + 1;
        AofManifest.Entry next = new AofManifest.Entry(fileName + "." + seq + ".incr.aof", seq, 'i');
        Files.deleteIfExists(dir.resolve(next.name()));
        AofManifest switched = manifest.withIncremental(next);
        FileChannel nextChannel = opener.open(dir.resolve(next.name()));
        switched.save(manifestFile());
        FileChannel old = incr;
        incr = nextChannel;
        incrSize = 0;
        manifest = switched;
        selectedDb = -1; // each file is loaded from database 0
        old.close();
        return dir.resolve("temp-rewriteaof-bg-" + ProcessHandle.current().pid() + ".aof");
    }

    /**
     * The second half, once the snapshot is complete and fsynced, on the snapshot writer's thread (the fsyncs of a
     * rename and a manifest switch must not stall the loop): the snapshot becomes the new base, the manifest lists
     * only it and the incremental file begun with the rewrite, and the files they replace are deleted. Safe beside
     * the loop: only one rewrite runs at a time, and only a rewrite's start changes the incremental file.
     */
    public void finishRewrite(Path newBase) throws IOException {
        long seq = manifest.baseSeq() + 1;
        String baseName = fileName + "." + seq + ".base.rdb";
        Durable.replace(newBase, dir.resolve(baseName));
        AofManifest.Entry current = manifest.incrementals().getLast();
        AofManifest rewritten = new AofManifest(List.of(new AofManifest.Entry(baseName, seq, 'b'), current));
        AofManifest replaced = manifest;
        rewritten.save(manifestFile()); // the switch: before it the old files count, after it the new ones
        manifest = rewritten;
        for (AofManifest.Entry old : replaced.files()) {
            if (!old.equals(current)) {
                Files.deleteIfExists(dir.resolve(old.name()));
            }
        }
        rewrittenBaseSize = Files.size(dir.resolve(baseName));
    }

    /** On the loop thread, after {@link #finishRewrite}: the sizes that automatic rewrites compare start again. */
    public void rewriteDone() throws IOException {
        currentSize = rewrittenBaseSize + incr.size();
        baseSize = currentSize;
    }
    // end::rewrite[]

    private Path manifestFile() {
        return dir.resolve(AofManifest.name(fileName));
    }

    /** aof_current_size: base and incremental files, and what is buffered. */
    public long currentSize() {
        return currentSize + buffered;
    }

    /** aof_base_size: the size right after the last rewrite (or the start). */
    public long baseSize() {
        return baseSize;
    }

    public AofManifest manifest() {
        return manifest;
    }

    /** Writes what is buffered and fsyncs: at shutdown, and before a rewrite. */
    public void sync() throws IOException {
        flush();
        if (fatal != null) {
            throw new IOException(fatal);
        }
        if (lastWriteError != null) {
            throw lastWriteError;
        }
        incr.force(false);
    }

    /** Closes the file without writing what is buffered: the server is exiting because the disk failed. */
    public void abandon() {
        closed = true;
        fsyncThread.interrupt();
        try {
            incr.close();
        } catch (IOException e) {
            // nothing more can be done with it
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        fsyncThread.interrupt();
        try {
            sync();
        } finally {
            incr.close();
        }
    }
}
