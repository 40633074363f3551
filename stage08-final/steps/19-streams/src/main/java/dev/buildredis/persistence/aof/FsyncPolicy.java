package dev.buildredis.persistence.aof;

import java.util.Locale;

/**
 * When the append-only file asks the kernel to put its bytes on the disk ({@code fsync}), Redis's
 * {@code appendfsync}. In every policy a client's reply waits until its command is in the file (handed to the
 * kernel with {@code write}), so a crash of the server process alone loses nothing that was acknowledged; the
 * policies differ in what a crash of the whole machine (power, kernel) can lose.
 * <pre>
 * always     the reply waits for the fsync; a machine crash loses no acknowledged write
 * everysec   a background thread fsyncs once a second; a machine crash loses about the last second
 * no         the kernel writes back when it likes (Linux: within ~30 s); a machine crash loses that much
 * </pre>
 */
public enum FsyncPolicy {
    ALWAYS, EVERYSEC, NO;

    /** The policy named as in redis.conf ({@code always}, {@code everysec}, {@code no}), in any case. */
    public static FsyncPolicy parse(String name) {
        for (FsyncPolicy policy : values()) {
            if (policy.configName().equalsIgnoreCase(name)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("Bad value '" + name + "' for option '--appendfsync': "
                + "expected always, everysec or no");
    }

    /** The name {@code CONFIG GET appendfsync} answers with. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
