package dev.buildredis.strings;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.CommandError;

import java.util.List;

/**
 * The options of SET and GETEX, read as Redis's {@code parseExtendedStringArgumentsOrReply} reads them:
 * <pre>
 * SET   key value [NX | XX] [GET] [EX s | PX ms | EXAT unix-s | PXAT unix-ms | KEEPTTL]
 * GETEX key       [EX s | PX ms | EXAT unix-s | PXAT unix-ms | PERSIST]
 * </pre>
 * Options may come in any order and repeat; two that exclude each other are {@code -ERR syntax error}. The expiry
 * is turned into an absolute deadline in Unix milliseconds, with Redis's
 * {@code -ERR invalid expire time in 'set' command} for zero, negative or overflowing times.
 *
 * @param nx        set only if the key does not exist
 * @param xx        set only if the key exists
 * @param get       reply with the old value
 * @param keepTtl   keep the key's TTL
 * @param persist   GETEX: remove the TTL
 * @param deadline  the absolute expiry in Unix ms, or -1 for none
 */
public record SetOptions(boolean nx, boolean xx, boolean get, boolean keepTtl, boolean persist, long deadline) {

    private enum Unit { NONE, EX, PX, EXAT, PXAT }

    /** Reads the options from {@code args[from..]}; {@code forSet} tells SET (true) from GETEX. */
    static SetOptions parse(List<byte[]> args, int from, boolean forSet, String commandName, long nowMillis) {
        boolean nx = false, xx = false, get = false, keepTtl = false, persist = false;
        Unit unit = Unit.NONE;
        byte[] expire = null;
        for (int i = from; i < args.size(); i++) {
            byte[] option = args.get(i);
            boolean hasNext = i + 1 < args.size();
            boolean noExpiry = unit == Unit.NONE;
            if (forSet && Args.is(option, "NX") && !xx) {
                nx = true;
            } else if (forSet && Args.is(option, "XX") && !nx) {
                xx = true;
            } else if (forSet && Args.is(option, "GET")) {
                get = true;
            } else if (forSet && Args.is(option, "KEEPTTL") && noExpiry) {
                keepTtl = true;
            } else if (!forSet && Args.is(option, "PERSIST") && noExpiry) {
                persist = true;
            } else if (hasNext && !keepTtl && !persist && expiryOption(option) != Unit.NONE
                    && (noExpiry || unit == expiryOption(option))) {
                unit = expiryOption(option);
                expire = args.get(++i);
            } else {
                throw CommandError.syntax();
            }
        }
        long deadline = expire == null ? -1 : deadline(expire, unit, commandName, nowMillis);
        return new SetOptions(nx, xx, get, keepTtl, persist, deadline);
    }

    private static Unit expiryOption(byte[] option) {
        for (Unit unit : new Unit[] {Unit.EX, Unit.PX, Unit.EXAT, Unit.PXAT}) {
            if (Args.is(option, unit.name())) {
                return unit;
            }
        }
        return Unit.NONE;
    }

    private static long deadline(byte[] value, Unit unit, String commandName, long nowMillis) {
        long amount = Args.integer(value);
        boolean seconds = unit == Unit.EX || unit == Unit.EXAT;
        if (amount <= 0 || (seconds && amount > Long.MAX_VALUE / 1000)) {
            throw CommandError.invalidExpire(commandName);
        }
        long millis = seconds ? amount * 1000 : amount;
        if (unit == Unit.EX || unit == Unit.PX) {
            if (millis > Long.MAX_VALUE - nowMillis) {
                throw CommandError.invalidExpire(commandName);
            }
            millis += nowMillis;
        }
        return millis;
    }
}
