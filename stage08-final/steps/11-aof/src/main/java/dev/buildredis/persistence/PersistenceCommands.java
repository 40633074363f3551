package dev.buildredis.persistence;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;

import java.io.IOException;
import java.util.List;

/**
 * The commands that save: each bound to the server's {@link Persistence}.
 * <pre>
 * SAVE                     +OK, after the whole data set is on disk (every client waits)
 * BGSAVE [SCHEDULE]        +Background saving started
 * LASTSAVE                 :&lt;Unix time of the last successful save&gt;
 * DEBUG RELOAD             +OK: saved, emptied, loaded back (with enable-debug-command)
 * </pre>
 */
public final class PersistenceCommands {

    private PersistenceCommands() {
    }

    public static List<Command> all(Persistence persistence) {
        return List.of(
                Command.of("lastsave", 1, "loading stale fast", 0, 0, 0,
                        (c, a) -> c.reply.integer(persistence.lastSaveSeconds())),
                Command.of("save", 1, "admin noscript no_multi", 0, 0, 0, (c, a) -> persistence.saveCommand(c)),
                Command.of("bgsave", -1, "admin noscript", 0, 0, 0, (c, a) -> {
                    if (a.size() > 2 || (a.size() == 2 && !Args.is(a.get(1), "SCHEDULE"))) {
                        throw CommandError.syntax();
                    }
                    persistence.bgsaveCommand(c, a.size() == 2);
                }),
                Command.container("debug", -2, List.of(
                        Command.of("debug|reload", -2, "admin noscript loading stale", 0, 0, 0, (c, a) -> {
                            try {
                                persistence.reload();
                            } catch (IOException e) {
                                throw new CommandError("ERR Error trying to load the RDB dump, check server logs.");
                            }
                            c.reply.ok();
                        }))));
    }
}
