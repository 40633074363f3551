package dev.buildredis.persistence;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The append-only file's settings, named as in redis.conf and read from the command line by the server's
 * {@code Config}:
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

    /** The parameters {@code CONFIG GET} reports, with their values as Redis spells them. */
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("appendonly", enabled ? "yes" : "no");
        parameters.put("appendfsync", fsync.configName());
        parameters.put("dir", dir.toAbsolutePath().normalize().toString()); // Redis answers with the absolute path
        parameters.put("appendfilename", fileName);
        return parameters;
    }
}
