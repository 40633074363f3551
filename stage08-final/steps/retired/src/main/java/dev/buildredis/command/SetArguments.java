// @step 01-05
package dev.buildredis.command;

import dev.buildredis.protocol.Decimal;
import dev.buildredis.store.Condition;
import dev.buildredis.store.Expiry;

import java.util.List;
import java.util.Locale;

/**
 * The options of {@code SET key value [NX | XX] [GET] [EX s | PX ms | EXAT s | PXAT ms | KEEPTTL]}, read the way
 * Redis reads them (parseExtendedStringArgumentsOrReply), so that the same arguments give the same errors:
 * <pre>
 * SET k v NX XX          -ERR syntax error               options that exclude each other
 * SET k v EX             -ERR syntax error               an option without its number
 * SET k v EX ten         -ERR value is not an integer or out of range
 * SET k v EX 0           -ERR invalid expire time in 'set' command
 * </pre>
 * Options are case-insensitive and may come in any order; repeating the same one is allowed and the last wins.
 * Every option is checked for syntax before any number is read, as in Redis.
 *
 * @param condition      {@code NX} / {@code XX}, or neither
 * @param expiry         the key's expiry after the write
 * @param returnPrevious {@code GET}: reply with the old value instead of {@code +OK}
 */
record SetArguments(Condition condition, Expiry expiry, boolean returnPrevious) {

    private static final String INVALID_EXPIRE = "ERR invalid expire time in 'set' command";

    /** The units of the four expiry options, in how they turn into an absolute time in milliseconds. */
    private enum Unit { EX, PX, EXAT, PXAT }

    // tag::parse-set[]
    /** Reads {@code args[3..]}; {@code nowMillis} turns a relative expiry into an absolute one. */
    static SetArguments parse(List<byte[]> args, long nowMillis) {
        Condition condition = Condition.ALWAYS;
        boolean get = false;
        boolean keepTtl = false;
        Unit unit = null;
        byte[] time = null;
        for (int i = 3; i < args.size(); i++) {
            String option = CommandTable.text(args.get(i)).toUpperCase(Locale.ROOT);
            boolean hasNext = i + 1 < args.size();
            switch (option) {
                case "NX" -> condition = exclusive(condition, Condition.IF_ABSENT);
                case "XX" -> condition = exclusive(condition, Condition.IF_PRESENT);
                case "GET" -> get = true;
                case "KEEPTTL" -> {
                    if (unit != null) {
                        throw new CommandError(CommandError.SYNTAX);
                    }
                    keepTtl = true;
                }
                case "EX", "PX", "EXAT", "PXAT" -> {
                    Unit next = Unit.valueOf(option);
                    if (keepTtl || (unit != null && unit != next) || !hasNext) {
                        throw new CommandError(CommandError.SYNTAX);
                    }
                    unit = next;
                    time = args.get(++i);
                }
                default -> throw new CommandError(CommandError.SYNTAX);
            }
        }
        Expiry expiry = keepTtl ? Expiry.KEEP : unit == null ? Expiry.PERSIST : expiresAt(unit, time, nowMillis);
        return new SetArguments(condition, expiry, get);
    }
    // end::parse-set[]

    private static Condition exclusive(Condition current, Condition wanted) {
        if (current != Condition.ALWAYS && current != wanted) {
            throw new CommandError(CommandError.SYNTAX); // NX and XX together
        }
        return wanted;
    }

    /** Redis's checks, in its order: an integer, positive, no overflow in the unit or when the clock is added. */
    private static Expiry expiresAt(Unit unit, byte[] time, long nowMillis) {
        long value = Decimal.parse(time).orElseThrow(() -> new CommandError(CommandError.NOT_AN_INTEGER));
        boolean seconds = unit == Unit.EX || unit == Unit.EXAT;
        if (value <= 0 || (seconds && value > Long.MAX_VALUE / 1000)) {
            throw new CommandError(INVALID_EXPIRE);
        }
        long millis = seconds ? value * 1000 : value;
        if (unit == Unit.EX || unit == Unit.PX) {
            millis += nowMillis; // wraps negative on overflow, and is refused below, as in Redis
        }
        if (millis <= 0) {
            throw new CommandError(INVALID_EXPIRE);
        }
        return new Expiry.At(millis);
    }
}
