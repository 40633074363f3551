package dev.buildredis.command;

import java.util.List;

/**
 * SLOWLOG: this server does not record slow commands yet, so the log is always empty; the subcommands answer in
 * Redis's shapes so that tools that read the log work.
 */
final class SlowLog {

    private SlowLog() {
    }

    static Command command() {
        return Command.container("slowlog", -2, List.of(
                Command.of("slowlog|get", -2, "admin loading stale", 0, 0, 0, (c, a) -> {
                    if (a.size() == 3) {
                        Args.integer(a.get(2), "ERR count should be greater than or equal to -1");
                    }
                    c.reply.arrayHeader(0);
                }),
                Command.of("slowlog|len", 2, "admin loading stale", 0, 0, 0, (c, a) -> c.reply.integer(0)),
                Command.of("slowlog|reset", 2, "admin loading stale", 0, 0, 0, (c, a) -> c.reply.ok()),
                Command.of("slowlog|help", 2, "loading stale", 0, 0, 0, (c, a) -> KeyCommands.help(c, "SLOWLOG",
                        "GET [<count>]", "LEN", "RESET"))));
    }
}
