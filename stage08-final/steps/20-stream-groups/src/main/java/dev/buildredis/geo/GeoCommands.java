package dev.buildredis.geo;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Lookup;
import dev.buildredis.protocol.Reply;
import dev.buildredis.store.Key;
import dev.buildredis.store.SortedSetValue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The geo commands. There is no geo type: a point is a sorted-set member whose score is its {@link GeoHash}, so
 * ZRANGE, ZREM and ZCARD work on the same key, and TYPE says {@code zset}.
 * <pre>
 * GEOADD g 13.361389 38.115556 Palermo     :1
 * GEOPOS g Palermo nosuch                  *2 *2 $18 13.36138933897018433 $18 38.11555639549629859  *-1
 * GEODIST g Palermo Catania km             $8 166.2742     (4 decimals; $-1 if a member is missing)
 * GEOHASH g Palermo                        $11 sqc8b49rny0
 * GEOSEARCH g FROMLONLAT 15 37 BYRADIUS 200 km ASC WITHDIST     see {@link GeoSearch}
 * </pre>
 * In RESP3 the coordinates are doubles ({@code ,13.36138933897018433}); distances stay bulk strings, as in Redis.
 */
public final class GeoCommands {

    private GeoCommands() {
    }

    public static List<Command> all() {
        return List.of(
                Command.of("geoadd", -5, "write denyoom", 1, 1, 1, GeoCommands::geoadd),
                Command.of("geopos", -2, "readonly", 1, 1, 1, GeoCommands::geopos),
                Command.of("geodist", -4, "readonly", 1, 1, 1, GeoCommands::geodist),
                Command.of("geohash", -2, "readonly", 1, 1, 1, GeoCommands::geohash),
                Command.of("georadius", -6, "write denyoom movablekeys", 1, 1, 1,
                        (c, a) -> GeoSearch.search(c, a, GeoSearch.Form.RADIUS)),
                Command.of("georadius_ro", -6, "readonly", 1, 1, 1,
                        (c, a) -> GeoSearch.search(c, a, GeoSearch.Form.RADIUS_RO)),
                Command.of("georadiusbymember", -5, "write denyoom movablekeys", 1, 1, 1,
                        (c, a) -> GeoSearch.search(c, a, GeoSearch.Form.BY_MEMBER)),
                Command.of("georadiusbymember_ro", -5, "readonly", 1, 1, 1,
                        (c, a) -> GeoSearch.search(c, a, GeoSearch.Form.BY_MEMBER_RO)),
                Command.of("geosearch", -7, "readonly", 1, 1, 1,
                        (c, a) -> GeoSearch.search(c, a, GeoSearch.Form.SEARCH)),
                Command.of("geosearchstore", -8, "write denyoom", 1, 2, 1,
                        (c, a) -> GeoSearch.search(c, a, GeoSearch.Form.SEARCH_STORE)));
    }

    // tag::geoadd[]
    /** GEOADD key [NX|XX] [CH] lon lat member ...: ZADD with each point's geohash as its score. */
    private static void geoadd(Client c, List<byte[]> a) {
        boolean nx = false, xx = false, ch = false;
        int first = 2;
        for (; first < a.size(); first++) {
            if (Args.is(a.get(first), "NX")) {
                nx = true;
            } else if (Args.is(a.get(first), "XX")) {
                xx = true;
            } else if (Args.is(a.get(first), "CH")) {
                ch = true;
            } else {
                break;
            }
        }
        int elements = (a.size() - first) / 3;
        if ((a.size() - first) % 3 != 0 || (xx && nx) || elements == 0) {
            throw CommandError.syntax();
        }
        long[] scores = new long[elements];
        for (int i = 0; i < elements; i++) {
            double[] point = point(a.get(first + 3 * i), a.get(first + 3 * i + 1));
            scores[i] = GeoHash.score(point[0], point[1]);
        }
        Key key = Args.key(a.get(1));
        SortedSetValue zset = Lookup.zset(c.db(), key);
        if (zset == null) {
            if (xx) {
                c.reply.integer(0);
                return;
            }
            zset = new SortedSetValue(c.db().encodings());
            c.db().put(key, zset);
        }
        long added = 0, changed = 0;
        for (int i = 0; i < elements; i++) {
            Key member = Args.key(a.get(first + 3 * i + 2));
            Double current = zset.score(member);
            if (current == null ? xx : nx) {
                continue;
            }
            if (current == null) {
                added++;
            } else if (current != scores[i]) {
                changed++;
            }
            zset.put(member, scores[i]);
        }
        c.reply.integer(ch ? added + changed : added);
        if (added + changed > 0) { // after the reply, as Redis's GEOADD (a ZADD) does
            c.modified(key);
            c.engine.countChanges(added + changed, 1); // as ZADD: a change a member added or moved
        }
    }
    // end::geoadd[]

    /** A longitude and a latitude, each a float, together within the limits GeoHash can encode. */
    static double[] point(byte[] longitude, byte[] latitude) {
        double lon = Args.number(longitude);
        double lat = Args.number(latitude);
        if (lon < GeoHash.LONG_MIN || lon > GeoHash.LONG_MAX || lat < GeoHash.LAT_MIN || lat > GeoHash.LAT_MAX) {
            throw new CommandError("ERR invalid longitude,latitude pair " + printf(lon, 6) + "," + printf(lat, 6));
        }
        return new double[] {lon, lat};
    }

    /** A unit's length in meters: m, km, ft or mi, in any case. */
    static double unit(byte[] unit) {
        if (Args.is(unit, "m")) {
            return 1;
        } else if (Args.is(unit, "km")) {
            return 1000;
        } else if (Args.is(unit, "ft")) {
            return 0.3048;
        } else if (Args.is(unit, "mi")) {
            return 1609.34;
        }
        throw new CommandError("ERR unsupported unit provided. please use M, KM, FT, MI");
    }

    private static void geopos(Client c, List<byte[]> a) {
        SortedSetValue zset = Lookup.zset(c.db(), Args.key(a.get(1)));
        c.reply.arrayHeader(a.size() - 2);
        for (int i = 2; i < a.size(); i++) {
            Double score = zset == null ? null : zset.score(Args.key(a.get(i)));
            if (score == null) {
                c.reply.nullArray();
            } else {
                double[] point = GeoHash.decodeScore(score);
                c.reply.arrayHeader(2);
                coordinate(c.reply, point[0]);
                coordinate(c.reply, point[1]);
            }
        }
    }

    private static void geodist(Client c, List<byte[]> a) {
        double toMeters = 1;
        if (a.size() == 5) {
            toMeters = unit(a.get(4));
        } else if (a.size() > 5) {
            throw CommandError.syntax();
        }
        SortedSetValue zset = Lookup.zset(c.db(), Args.key(a.get(1)));
        Double first = zset == null ? null : zset.score(Args.key(a.get(2)));
        Double second = zset == null ? null : zset.score(Args.key(a.get(3)));
        if (first == null || second == null) {
            c.reply.nullBulk();
            return;
        }
        double[] from = GeoHash.decodeScore(first);
        double[] to = GeoHash.decodeScore(second);
        distance(c.reply, GeoHash.distance(from[0], from[1], to[0], to[1]) / toMeters);
    }

    private static final byte[] BASE32 = Args.bytes("0123456789bcdefghjkmnpqrstuvwxyz");

    /**
     * GEOHASH: the standard 11-character geohash of each member. The score's own bits cannot be used as they are:
     * they cut latitudes from -85 to 85 where the standard cuts them from -90 to 90. So the point is decoded, encoded
     * again on the standard ranges, and its 52 bits written five at a time; the 11th character, for which there
     * are no bits left, is always '0'.
     */
    private static void geohash(Client c, List<byte[]> a) {
        SortedSetValue zset = Lookup.zset(c.db(), Args.key(a.get(1)));
        c.reply.arrayHeader(a.size() - 2);
        for (int i = 2; i < a.size(); i++) {
            Double score = zset == null ? null : zset.score(Args.key(a.get(i)));
            if (score == null) {
                c.reply.nullBulk();
                continue;
            }
            double[] point = GeoHash.decodeScore(score);
            GeoHash.Bits hash = GeoHash.encode(-180, 180, -90, 90, point[0], point[1], GeoHash.STEP_MAX);
            byte[] text = new byte[11];
            for (int j = 0; j < 11; j++) {
                int index = j == 10 ? 0 : (int) ((hash.bits() >>> (52 - (j + 1) * 5)) & 0x1f);
                text[j] = BASE32[index];
            }
            c.reply.bulk(text);
        }
    }

    // ---- numbers as Redis prints them

    /**
     * A coordinate with 17 decimals and its trailing zeros cut ({@code %.17Lf} of a long double, as Redis's
     * {@code addReplyHumanLongDouble}): a bulk string in RESP2, a double in RESP3.
     */
    static void coordinate(Reply reply, double value) {
        String text = printf(value, 17);
        if (text.indexOf('.') >= 0) {
            int end = text.length();
            while (text.charAt(end - 1) == '0') {
                end--;
            }
            if (text.charAt(end - 1) == '.') {
                end--;
            }
            text = text.substring(0, end);
        }
        if (text.equals("-0")) {
            text = "0";
        }
        if (reply.resp3()) {
            reply.raw(Args.bytes("," + text + "\r\n"));
        } else {
            reply.bulk(Args.bytes(text));
        }
    }

    /** A distance with 4 decimals, a bulk string in both protocols: "5.2145 meters away" reads better. */
    static void distance(Reply reply, double meters) {
        reply.bulk(Args.bytes(printf(meters, 4)));
    }

    /** C's {@code printf("%.<decimals>f")}: the double's exact value rounded half to even; inf as "inf". */
    static String printf(double value, int decimals) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String text = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        if (Double.doubleToRawLongBits(value) < 0 && !text.startsWith("-")) {
            text = "-" + text; // -0.0 and tiny negatives print with their sign in C
        }
        return text;
    }
}
