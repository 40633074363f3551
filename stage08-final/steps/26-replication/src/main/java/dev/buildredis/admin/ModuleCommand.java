package dev.buildredis.admin;

import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;

import java.util.List;

/**
 * MODULE, as a Redis without modules answers it: LIST is empty, and LOAD fails as a library that does not load. LOAD,
 * LOADEX and UNLOAD are protected, as in Redis: refused unless {@code enable-module-command} allows them (the
 * dispatcher checks it, see {@code Dispatcher}).
 * <pre>
 * MODULE LIST            *0
 * MODULE LOAD /x.so      -ERR Error loading the extension. Please check the server logs.
 * MODULE UNLOAD name     -ERR Error unloading module: no such module with that name
 * </pre>
 */
public final class ModuleCommand {

    private ModuleCommand() {
    }

    public static Command command() {
        return Command.container("module", -2, List.of(
                Command.of("module|list", 2, "admin noscript", 0, 0, 0, (c, a) -> c.reply.arrayHeader(0)),
                Command.of("module|load", -3, "admin noscript no_async_loading protected", 0, 0, 0, (c, a) -> {
                    throw new CommandError("ERR Error loading the extension. Please check the server logs.");
                }),
                Command.of("module|loadex", -3, "admin noscript no_async_loading protected", 0, 0, 0, (c, a) -> {
                    throw new CommandError("ERR Error loading the extension. Please check the server logs.");
                }),
                Command.of("module|unload", 3, "admin noscript no_async_loading protected", 0, 0, 0, (c, a) -> {
                    throw new CommandError("ERR Error unloading module: no such module with that name");
                }),
                Command.of("module|help", 2, "loading stale", 0, 0, 0, (c, a) -> Command.help(c, "MODULE",
                        "LIST",
                        "    Return a list of loaded modules.",
                        "LOAD <path> [<arg> ...]",
                        "    Load a module library from <path>, passing to it any optional arguments.",
                        "LOADEX <path> [[CONFIG NAME VALUE] [CONFIG NAME VALUE]] [ARGS ...]",
                        "    Load a module library from <path>, while passing it module configurations and optional "
                                + "arguments.",
                        "UNLOAD <name>",
                        "    Unload a module."))));
    }
}
