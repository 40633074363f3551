// @step 21
package dev.buildredis.admin;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.Engine;

/**
 * LOLWUT: Redis's version line, as Redis 7.0 answers it by default and to any VERSION it has no art for.
 * <pre>
 * LOLWUT                 "Redis ver. 7.0.15\n"   (a verbatim string in RESP3)
 * LOLWUT VERSION abc     -ERR value is not an integer or out of range
 * </pre>
 * Redis draws computer art for VERSION 5 (Georg Nees's Schotter) and 6 (a skyline), random each time; this server
 * answers them with the version line too.
 */
public final class LolwutCommand {

    private LolwutCommand() {
    }

    public static Command command() {
        return Command.of("lolwut", -1, "readonly fast", 0, 0, 0, (c, a) -> {
            if (a.size() >= 3 && Args.is(a.get(1), "VERSION")) {
                Args.integer(a.get(2)); // read as Redis reads it: a version that is no number is refused
            }
            c.reply.verbatim("Redis ver. " + Engine.REDIS_VERSION + "\n");
        });
    }
}
