package dev.buildredis.engine;

/**
 * A command that cannot run as asked: the dispatcher sends {@code -<message>} and the connection goes on.
 * Handlers throw it before they write any reply, so a failed command sends the error and nothing else.
 * The messages are Redis's, word for word; the first word is the error's kind ({@code ERR}, {@code WRONGTYPE}).
 */
public final class CommandError extends RuntimeException {

    public static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    public static final String NOT_FLOAT = "ERR value is not a valid float";
    public static final String SYNTAX = "ERR syntax error";
    public static final String NO_SUCH_KEY = "ERR no such key";
    public static final String OVERFLOW = "ERR increment or decrement would overflow";
    public static final String NAN_OR_INFINITY = "ERR increment would produce NaN or Infinity";
    public static final String INDEX_OUT_OF_RANGE = "ERR index out of range";
    public static final String DB_OUT_OF_RANGE = "ERR DB index is out of range";
    public static final String MUST_BE_POSITIVE = "ERR value is out of range, must be positive";
    static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";
    public static final String TOO_BIG = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";

    public CommandError(String message) {
        super(message, null, false, false); // a client's mistake: no stack trace to fill
    }

    static CommandError wrongType() {
        return new CommandError(WRONGTYPE);
    }

    public static CommandError syntax() {
        return new CommandError(SYNTAX);
    }

    public static CommandError wrongArity(String name) {
        return new CommandError("ERR wrong number of arguments for '" + name + "' command");
    }
    public static CommandError invalidExpire(String commandName) {
        return new CommandError("ERR invalid expire time in '" + commandName + "' command");
    }
}
