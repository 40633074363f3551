package dev.buildredis.command;

/**
 * A command's refusal of its arguments, thrown from deep inside argument parsing and turned into the reply
 * {@code -<message>\r\n} by {@link CommandTable}, once: the parsing code reads straight through instead of
 * passing an error value up through every step.
 *
 * <p>Only for the client's mistakes, never for the server's, so it carries no stack trace.
 */
final class CommandError extends RuntimeException {

    /** Redis's reply to an option it does not know, or to options that do not go together. */
    static final String SYNTAX = "ERR syntax error";

    /** Redis's reply to an argument that should be a 64-bit integer and is not. */
    static final String NOT_AN_INTEGER = "ERR value is not an integer or out of range";

    /** @param message the error line as Redis words it, starting with its kind ({@code ERR}) */
    CommandError(String message) {
        super(message, null, false, false);
    }
}
