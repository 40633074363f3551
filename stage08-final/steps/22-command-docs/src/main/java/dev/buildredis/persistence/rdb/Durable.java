package dev.buildredis.persistence.rdb;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Putting a finished file in place so that a crash of the machine at any moment leaves either the old file or the
 * new one under the name: the file's data is fsynced first (by whoever wrote it), then it is renamed over the old
 * one (atomic on POSIX file systems), then the directory is fsynced, because the rename is a change of the directory
 * and is not on the disk before that.
 */
public final class Durable {

    private Durable() {
    }

    /** Renames the complete, fsynced {@code file} to {@code target}, replacing it, and fsyncs the directory. */
    public static void replace(Path file, Path target) throws IOException {
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /** fsync of a directory: makes a rename or a new file in it survive a machine crash. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
