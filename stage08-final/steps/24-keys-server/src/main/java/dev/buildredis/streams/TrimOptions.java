package dev.buildredis.streams;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.CommandError;
import dev.buildredis.store.StreamId;
import dev.buildredis.store.StreamValue;

import java.util.List;

/**
 * The options XADD and XTRIM share, read as Redis's {@code streamParseAddOrTrimArgsOrReply} reads them, in the order
 * it checks them:
 * <pre>
 *   MAXLEN [=|~] count    at most count entries: = exactly, ~ whole nodes only (cheaper, may keep more)
 *   MINID [=|~] id        no entry before id (~: whole nodes only)
 *   LIMIT n               with ~ only: trim at most n entries (default 100 x stream-node-max-entries)
 *   NOMKSTREAM            XADD only: do not create the stream
 *   &lt;id&gt; or *             XADD only: the first argument that is no option is the ID
 * </pre>
 *
 * @param trim        what to trim, or {@code null}
 * @param trimArg     the position of MAXLEN's count or MINID's ID (rewritten for propagation after {@code ~})
 * @param idArg       XADD: the position of the ID ({@code args.size()} if there is none)
 * @param id          XADD: the ID given, or {@code null} for {@code *}
 * @param noMkStream  XADD: NOMKSTREAM was given
 */
record TrimOptions(StreamValue.Trim trim, int trimArg, int idArg, StreamIds.Given id, boolean noMkStream) {

    /** Redis caps the default LIMIT of an approximate trim so that one command cannot take too long. */
    private static final long LIMIT_WHEN_NO_NODE_LIMIT = 10_000;
    private static final long LIMIT_CAP = 1_000_000;

    static TrimOptions parse(Client c, List<byte[]> a, boolean xadd) {
        boolean byLength = false;
        boolean byId = false;
        boolean approximate = false;
        long maxLength = 0;
        StreamId minId = StreamId.MIN;
        long limit = 0;
        boolean limitGiven = false;
        int trimArg = 0;
        StreamIds.Given id = null;
        boolean noMkStream = false;
        int i = 2;
        for (; i < a.size(); i++) {
            int more = a.size() - 1 - i;
            byte[] option = a.get(i);
            if (xadd && StreamIds.text(option).equals("*")) {
                break;
            } else if ((StreamIds.is(option, "MAXLEN") || StreamIds.is(option, "MINID")) && more > 0) {
                if (byLength || byId) {
                    throw new CommandError(
                            "ERR syntax error, MAXLEN and MINID options at the same time are not compatible");
                }
                boolean length = StreamIds.is(option, "MAXLEN");
                String next = StreamIds.text(a.get(i + 1));
                approximate = more >= 2 && next.equals("~");
                if (more >= 2 && (approximate || next.equals("="))) {
                    i++;
                }
                if (length) {
                    maxLength = Args.integer(a.get(i + 1));
                    if (maxLength < 0) {
                        throw new CommandError("ERR The MAXLEN argument must be >= 0.");
                    }
                } else {
                    minId = StreamIds.strict(a.get(i + 1));
                }
                i++;
                byLength = length;
                byId = !length;
                trimArg = i;
            } else if (StreamIds.is(option, "LIMIT") && more > 0) {
                limit = Args.integer(a.get(i + 1));
                if (limit < 0) {
                    throw new CommandError("ERR The LIMIT argument must be >= 0.");
                }
                limitGiven = true;
                i++;
            } else if (xadd && StreamIds.is(option, "NOMKSTREAM")) {
                noMkStream = true;
            } else if (xadd) {
                id = StreamIds.forAdd(option);
                break;
            } else {
                throw CommandError.syntax();
            }
        }
        boolean trims = byLength || byId;
        if (limit != 0 && !trims) {
            throw new CommandError("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy");
        }
        if (!xadd && !trims) {
            throw new CommandError("ERR syntax error, XTRIM must be called with a trimming strategy");
        }
        if (c.engine.loading()) {
            limit = 0; // the AOF replays what was trimmed, rewritten as exact (see XADD and XTRIM)
        } else if (limitGiven) {
            if (!approximate) {
                throw new CommandError("ERR syntax error, LIMIT cannot be used without the special ~ option");
            }
        } else if (approximate) {
            limit = 100 * c.engine.settings().number(StreamParameters.NODE_MAX_ENTRIES); // wraps as in C
            if (limit <= 0) {
                limit = LIMIT_WHEN_NO_NODE_LIMIT;
            }
            limit = Math.min(limit, LIMIT_CAP);
        } else {
            limit = 0;
        }
        StreamValue.Trim trim = trims ? new StreamValue.Trim(byLength, maxLength, minId, approximate, limit) : null;
        return new TrimOptions(trim, trimArg, i, id, noMkStream);
    }

    // tag::exact-replay[]
    /**
     * The command as it must be propagated after an approximate trim: {@code ~} becomes {@code =} and the count or ID
     * becomes what the stream is now, so that replaying it trims exactly what was trimmed here.
     */
    void rewriteForExactReplay(List<byte[]> args, StreamValue stream) {
        if (trim == null || !trim.approximate()) {
            return;
        }
        args.set(trimArg - 1, Args.bytes("="));
        args.set(trimArg, trim.byLength() ? Args.bytes(stream.length()) : stream.firstIdWithTombstones().text());
    }
    // end::exact-replay[]
}
