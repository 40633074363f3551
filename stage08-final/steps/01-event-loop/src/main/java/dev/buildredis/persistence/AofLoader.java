package dev.buildredis.persistence;

import dev.buildredis.protocol.RespValue;
import dev.buildredis.server.Log;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Rebuilds the data set at start-up by running every command of the append-only file again, before the server
 * accepts its first client. Three outcomes, as in Redis with its default {@code aof-load-truncated yes}:
 * <pre>
 * the file is whole                  every command replayed
 * it ends inside its last command    that command is cut off the file, with a warning, and the server starts:
 *                                    a crash in the middle of a write leaves exactly this, and the client of
 *                                    that write never got its reply
 * a byte is wrong anywhere else      start-up stops with the file, the offset, and how to repair it; nothing is
 *                                    skipped, because commands after the damage may depend on the damaged one
 * </pre>
 * A command that fails on replay stops start-up too: only commands that succeeded are logged, so a failure means
 * the file does not describe a data set this server made.
 */
public final class AofLoader {

    private static final int READ_BUFFER = 64 * 1024;

    private AofLoader() {
    }

    // tag::load[]
    /**
     * Replays {@code file} (nothing if it does not exist) through {@code replay}, which runs one command and
     * returns its reply.
     *
     * @return how many commands were replayed
     * @throws IOException if the file cannot be read, is damaged before its last command, or a command fails;
     *                     the message says where and what to do
     */
    public static long load(Path file, Function<List<byte[]>, RespValue> replay) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long started = System.nanoTime();
        long count = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), READ_BUFFER)) {
            AofReader reader = new AofReader(in);
            try {
                List<byte[]> command;
                while ((command = reader.next()) != null) {
                    if (replay.apply(command) instanceof RespValue.SimpleError error) {
                        throw new IOException("The command at offset " + reader.commandStart() + " of the append "
                                + "only file " + file + " failed on replay: " + error.message());
                    }
                    count++;
                }
            } catch (EOFException e) {
                cutTruncatedTail(file, reader.commandStart()); // <1>
            } catch (AofFormatException e) {
                throw new IOException("Bad file format reading the append only file " + file + " at offset "
                        + e.offset() + " (" + e.getMessage() + "): make a backup of your AOF file, then use "
                        + "redis-check-aof --fix " + file + " (it cuts the file at the damage: the commands after "
                        + "it are lost, so look at them first)", e); // <2>
            }
        }
        Log.info(String.format(Locale.ROOT, "DB loaded from append only file: %.3f seconds (%d commands)",
                (System.nanoTime() - started) / 1e9, count));
        return count;
    }
    // end::load[]

    private static void cutTruncatedTail(Path file, long validUpTo) throws IOException {
        Log.warn("!!! Warning: short read while loading the AOF file " + file + "!!!");
        Log.warn("!!! Truncating the AOF " + file + " at offset " + validUpTo + " !!!");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(validUpTo);
        }
        Log.warn("AOF " + file + " loaded anyway because aof-load-truncated is enabled");
    }
}
