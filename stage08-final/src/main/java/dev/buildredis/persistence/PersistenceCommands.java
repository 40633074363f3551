// @step 10
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
 //> step 12
 * BGREWRITEAOF             +Background append only file rewriting started
 //< step 12
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
                //> step 12
                Command.of("bgrewriteaof", 1, "admin noscript", 0, 0, 0, (c, a) -> persistence.bgrewriteaofCommand(c)),
                //< step 12
                Command.container("debug", -2, List.of(
                        Command.of("debug|reload", -2, "admin noscript loading stale", 0, 0, 0, (c, a) -> {
                            //> step 24
                            boolean save = true, flush = true; // MERGE: a loaded key replaces one there, always here
                            for (int i = 2; i < a.size(); i++) {
                                if (Args.is(a.get(i), "NOSAVE")) {
                                    save = false;
                                } else if (Args.is(a.get(i), "NOFLUSH")) {
                                    flush = false;
                                } else if (!Args.is(a.get(i), "MERGE")) {
                                    throw new CommandError("ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and "
                                            + "NOSAVE options.");
                                }
                            }
                            //< step 24
                            try {
                                //> step 24
                                persistence.reload(save, flush);
                                //< step 24
                                //> step 01-23
//~                                persistence.reload();
                                //< step 01-23
                            } catch (IOException e) {
                                throw new CommandError("ERR Error trying to load the RDB dump, check server logs.");
                            }
                            c.reply.ok();
                        }))));
    }
}
