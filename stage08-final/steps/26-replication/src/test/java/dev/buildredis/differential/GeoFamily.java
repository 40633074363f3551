package dev.buildredis.differential;

import java.util.ArrayList;
import java.util.List;

import static dev.buildredis.differential.Arguments.args;

/**
 * Geo: GEOADD and its flags, GEOPOS, GEODIST, GEOHASH, GEOSEARCH and GEOSEARCHSTORE by radius and by box, and the
 * older GEORADIUS, GEORADIUSBYMEMBER and their _RO forms with STORE and STOREDIST. Coordinates are a few points close
 * together (so that searches find several), the ends of the valid ranges and just past them, and not numbers; radii
 * are 0, small, large enough for the whole earth, negative and not numbers. A geo set is a sorted set: the same
 * keys also hold sorted sets whose scores are no geohash, which GEOPOS and the searches decode as Redis does.
 */
final class GeoFamily implements Family {

    /** Longitude and latitude pairs: Sicily's cities (Redis's own examples), the poles' and date line's edges. */
    private static final String[][] PLACES = {{"13.361389", "38.115556"}, {"15.087269", "37.502669"},
            {"13.583333", "37.316667"}, {"12.758489", "38.788135"}, {"13.361389", "38.115556"}, {"0", "0"},
            {"-0", "-0"}, {"180", "85.05112878"}, {"-180", "-85.05112878"}, {"179.9999999", "0.0000001"},
            {"-122.27652", "37.805186"}, {"2.349014", "48.864716"}};

    @Override
    public int weight() {
        return 10;
    }

    @Override
    public List<Template> templates() {
        return List.of(
                Template.of(a -> args("GEOADD", a.key(), addFlags(a), points(a))),
                Template.of(a -> args("GEOADD", a.key(), points(a))),
                Template.of(a -> args("GEOPOS", a.key(), a.repeat(a.between(1, 3), a::member))),
                Template.of(a -> args("GEODIST", a.key(), a.member(), a.member(), a.someOf(60, List.of(
                        List.of(unit(a)))))),
                Template.of(a -> args("GEOHASH", a.key(), a.repeat(a.between(0, 3), a::member))),
                Template.of(a -> args("GEOSEARCH", a.key(), from(a), by(a), options(a, true))),
                Template.of(a -> args("GEOSEARCHSTORE", a.key(), a.key(), from(a), by(a), options(a, false),
                        a.someOf(30, List.of(List.of("STOREDIST"))))),
                Template.of(a -> args(a.pick("GEORADIUS", "GEORADIUS_RO"), a.key(), longitude(a), latitude(a),
                        radius(a), unit(a), options(a, true))),
                Template.of(a -> args(a.pick("GEORADIUSBYMEMBER", "GEORADIUSBYMEMBER_RO"), a.key(), a.member(),
                        radius(a), unit(a), options(a, true))),
                Template.of(a -> args(a.pick("GEORADIUS", "GEORADIUSBYMEMBER"), a.key(), a.chance(50)
                        ? List.of(longitude(a), latitude(a)) : List.of(a.member()), radius(a), unit(a),
                        options(a, false), a.pick("STORE", "STOREDIST", "STORE"), a.key())),
                Template.of(a -> args("ZRANGE", a.key(), "0", "-1", "WITHSCORES")));
    }

    /** One to four members at places, now and then a place out of range or not a number. */
    private static List<String> points(Arguments a) {
        List<String> args = new ArrayList<>();
        for (int i = a.between(1, 4); i > 0; i--) {
            if (a.chance(88)) {
                String[] place = a.pick(PLACES);
                args.add(place[0]);
                args.add(place[1]);
            } else {
                args.add(longitude(a));
                args.add(latitude(a));
            }
            args.add(a.member());
        }
        if (a.chance(3)) {
            args.removeLast(); // not a multiple of three: a syntax error
        }
        return args;
    }

    private static List<String> addFlags(Arguments a) {
        return a.someOf(30, List.of(List.of(a.pick("NX", "XX")), List.of("CH"), List.of(a.pick("NX", "GT"))));
    }

    static String longitude(Arguments a) {
        return a.chance(70) ? a.pick(PLACES)[0] : a.pick("180", "-180", "180.0000001", "-180.0000001", "181", "nan",
                "inf", "-inf", "1e308", "abc", "", "0x10", " 13");
    }

    static String latitude(Arguments a) {
        return a.chance(70) ? a.pick(PLACES)[1] : a.pick("85.05112878", "-85.05112878", "85.05112879", "-85.0511288",
                "90", "-90", "nan", "inf", "abc", "", "1e-320");
    }

    private static String radius(Arguments a) {
        return a.chance(75) ? a.pick("0", "1", "50", "100", "200", "500", "1000", "20000", "0.5")
                : a.pick("-1", "-0", "1e308", "inf", "nan", "abc", "", "5e-324", "40075017", "1e-10");
    }

    private static String unit(Arguments a) {
        return a.chance(92) ? a.pick("m", "km", "mi", "ft", "KM", "m") : a.pick("yd", "", "meters");
    }

    /** FROMMEMBER or FROMLONLAT, now and then both, neither, or one cut short. */
    private static List<String> from(Arguments a) {
        return switch (a.nextInt(12)) {
            case 0 -> List.of();
            case 1 -> args("FROMMEMBER", a.member(), "FROMLONLAT", longitude(a), latitude(a));
            case 2 -> List.of("FROMLONLAT", longitude(a));
            default -> a.chance(50) ? List.of("FROMMEMBER", a.member())
                    : List.of("FROMLONLAT", longitude(a), latitude(a));
        };
    }

    /** BYRADIUS or BYBOX with a unit, now and then both, neither, or a box of a bad size. */
    private static List<String> by(Arguments a) {
        return switch (a.nextInt(12)) {
            case 0 -> List.of();
            case 1 -> args("BYRADIUS", radius(a), unit(a), "BYBOX", radius(a), radius(a), unit(a));
            case 2 -> List.of("BYBOX", radius(a), unit(a));
            default -> a.chance(50) ? List.of("BYRADIUS", radius(a), unit(a))
                    : List.of("BYBOX", radius(a), radius(a), unit(a));
        };
    }

    /** The options of a search, in any order: WITH*, ASC or DESC, COUNT (with ANY). */
    private static List<String> options(Arguments a, boolean with) {
        List<List<String>> options = new ArrayList<>(List.of(List.of(a.pick("ASC", "DESC")),
                a.chance(30) ? List.of("COUNT", a.pick("1", "2", "3", "0", "-1", "abc"), "ANY")
                        : List.of("COUNT", a.pick("1", "2", "3", "100", "0", "-1", "abc")),
                List.of(a.pick("ANY", "BOGUS"))));
        if (with) {
            options.addAll(List.of(List.of("WITHCOORD"), List.of("WITHDIST"), List.of("WITHHASH"),
                    List.of("WITHDIST")));
        }
        return a.someOf(30, options);
    }
}
