package dev.buildredis.persistence;

import dev.buildredis.engine.Parameter;
import dev.buildredis.engine.Settings;

import java.nio.file.Path;

/**
 * The append-only file's settings, named as in redis.conf: parameters of the server's {@link Settings}, which the
 * command line sets as it sets any other ({@code --appendonly yes}) and CONFIG GET shows:
 * <pre>
 * --appendonly yes|no                  log writes at all (Redis's default: no)
 * --appendfsync always|everysec|no     see {@link FsyncPolicy} (default: everysec)
 * --dir /var/lib/redis                 the working directory, where the file lives (default: the current one)
 * --appendfilename appendonly.aof      the file's name in it
 * --aof-group-commit yes|no            not Redis's: "no" fsyncs once per command, to measure what group commit saves
 * </pre>
 * Redis 7 keeps a directory of files and a manifest; this server keeps one file, in the format of Redis before 7
 * (which Redis 7 still reads and converts).
 *
 * @param enabled     {@code appendonly}
 * @param fsync       {@code appendfsync}
 * @param dir         {@code dir}
 * @param fileName    {@code appendfilename}
 * @param groupCommit whether the commands of one event-loop turn share one write and one fsync
 */
public record AofConfig(boolean enabled, FsyncPolicy fsync, Path dir, String fileName, boolean groupCommit) {

    /** Redis's defaults. */
    public static final AofConfig DEFAULTS = new AofConfig(false, FsyncPolicy.EVERYSEC, Path.of("."),
            "appendonly.aof", true);

    /** Where the file is. */
    public Path file() {
        return dir.resolve(fileName);
    }

    // tag::define[]
    /**
     * Adds the file's parameters to the server's settings ({@code dir} is the server's own). The command line sets
     * them; CONFIG SET refuses, as this file cannot be turned on, off or moved while the server runs.
     */
    public static void define(Settings settings) {
        settings.constant("appendonly", Parameter.YES_NO, false);
        settings.constant("appendfsync", Parameter.choice("always", "everysec", "no"), "everysec");
        settings.constant("appendfilename", Parameter.text(name -> !name.isEmpty() && !name.contains("/"),
                "appendfilename can't be a path, just a filename"), "appendonly.aof");
        settings.constant("aof-group-commit", Parameter.YES_NO, true);
        settings.constant("save", Parameter.text(points -> points.isEmpty(), "no snapshots here"), ""); // none
    }

    /** The file's settings, as the parameters hold them now. */
    public static AofConfig of(Settings settings) {
        return new AofConfig(settings.yes("appendonly"), FsyncPolicy.parse(settings.text("appendfsync")),
                Path.of(settings.text("dir")), settings.text("appendfilename"), settings.yes("aof-group-commit"));
    }
    // end::define[]
}
