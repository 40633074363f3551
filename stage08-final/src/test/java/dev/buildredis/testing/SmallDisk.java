// @step 21
package dev.buildredis.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A file system of a few megabytes of its own (tmpfs, mounted on a directory of the test's), so that a test can
 * fill it up and watch a real server meet a full disk: {@code No space left on device} from write, from fsync, from
 * rename, wherever the kernel says it. Mounting needs root (or CAP_SYS_ADMIN); elsewhere the tests that need it
 * are skipped.
 */
public final class SmallDisk implements AutoCloseable {

    private final Path dir;
    private final Path filler;

    private SmallDisk(Path dir) {
        this.dir = dir;
        this.filler = dir.resolve("filler");
    }

    /** Mounts a tmpfs of {@code megabytes} on {@code dir} (which must exist and be empty). */
    public static SmallDisk mount(Path dir, int megabytes) throws IOException, InterruptedException {
        String result = RedisServerProcess.run(List.of("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m",
                "tmpfs", dir.toString()));
        Assumptions.assumeTrue(result.startsWith("0\n"), "cannot mount a tmpfs here (needs root): " + result);
        return new SmallDisk(dir);
    }

    public Path dir() {
        return dir;
    }

    /** Fills the disk but for about {@code leaveBytes} (rounded to the file system's 4 KB pages). */
    public void fill(long leaveBytes) throws IOException {
        long room = Files.getFileStore(dir).getUsableSpace() - leaveBytes;
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (room > 0) {
                int n = (int) Math.min(chunk.length, room);
                out.write(chunk, 0, n);
                room -= n;
            }
        } catch (IOException full) {
            // fuller than asked: fine
        }
    }

    /** Gives back what {@link #fill} took. */
    public void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Process umount = new ProcessBuilder("umount", "-l", dir.toString()).redirectErrorStream(true).start();
        umount.getInputStream().readAllBytes();
        umount.waitFor(10, TimeUnit.SECONDS);
    }
}
