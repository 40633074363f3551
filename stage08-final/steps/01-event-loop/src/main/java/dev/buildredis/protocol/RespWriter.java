package dev.buildredis.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Encodes replies into RESP2 bytes on a buffered stream. Nothing reaches the socket until {@link #flush()}, so
 * that the replies to a pipelined batch of commands leave in one write instead of one write each.
 */
public final class RespWriter {

    private static final byte[] CRLF = {'\r', '\n'};

    private final OutputStream out;

    /** @param out a buffered stream; every {@code write} here would otherwise be a system call */
    public RespWriter(OutputStream out) {
        this.out = out;
    }

    // tag::encode[]
    /** Appends one value, encoded, to the output buffer. */
    public void write(RespValue value) throws IOException {
        switch (value) {
            case RespValue.SimpleString s -> line('+', s.value());
            case RespValue.SimpleError e -> line('-', e.message());
            case RespValue.Int i -> line(':', Long.toString(i.value()));
            case RespValue.BulkString b -> {
                line('$', Integer.toString(b.bytes().length));
                out.write(b.bytes());
                out.write(CRLF);
            }
            case RespValue.NullBulkString n -> line('$', "-1");
            case RespValue.Array a -> {
                line('*', Integer.toString(a.items().size()));
                for (RespValue item : a.items()) {
                    write(item);
                }
            }
            case RespValue.NullArray n -> line('*', "-1");
        }
    }
    // end::encode[]

    /** Sends everything written so far. */
    public void flush() throws IOException {
        out.flush();
    }

    private void line(char type, String text) throws IOException {
        out.write(type);
        // ISO-8859-1 maps each char to the byte of the same value, so the bytes of a client's own key that we
        // quote in an error message go back unchanged.
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.write(CRLF);
    }
}
