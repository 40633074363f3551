package dev.buildredis.protocol;

/**
 * Input that is not RESP: the server answers {@code -ERR Protocol error: <message>} and closes that one
 * connection, since it can no longer tell where the next command starts. Other clients are not affected.
 */
public final class ProtocolException extends Exception {

    /** @param message Redis's own text for this error, for example {@code invalid bulk length} */
    public ProtocolException(String message) {
        super(message, null, false, false); // no stack trace: this is a client's mistake, not the server's
    }
}
