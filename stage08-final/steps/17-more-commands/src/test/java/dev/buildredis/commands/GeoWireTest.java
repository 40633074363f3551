package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The geo commands, byte for byte as Redis 7.0 answers: the scores GEOADD stores, the coordinates GEOPOS prints
 * (17 decimals of the cell's centre), the distances (4 decimals, the haversine on Redis's sphere), the geohash
 * strings, the members each search finds and their order, and the errors in Redis's order.
 */
@WireTest
class GeoWireTest {

    @BeforeEach
    void startEmpty(WireClient client) {
        client.call("+OK\r\n", "FLUSHALL");
    }

    @Test
    void aPointIsASortedSetMemberScoredByIts52BitGeohash(WireClient c) {
        c.call(":2\r\n", "GEOADD", "Sicily", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania");
        c.call("+zset\r\n", "TYPE", "Sicily");
        c.call("$16\r\n3479099956230698\r\n", "ZSCORE", "Sicily", "Palermo");
        c.call("*2\r\n$7\r\nPalermo\r\n$7\r\nCatania\r\n", "ZRANGE", "Sicily", "0", "-1");
        c.call(":0\r\n", "GEOADD", "Sicily", "13.361389", "38.115556", "Palermo");
    }

    @Test
    void geoaddTakesNxXxAndCh(WireClient c) {
        c.call(":1\r\n", "GEOADD", "g", "1", "1", "a");
        c.call(":1\r\n", "GEOADD", "g", "NX", "2", "2", "a", "3", "3", "b");
        c.call(":0\r\n", "GEOADD", "g", "XX", "4", "4", "a", "5", "5", "c");
        c.call(":1\r\n", "GEOADD", "g", "XX", "CH", "6", "6", "a");
        c.call(":1\r\n", "GEOADD", "g", "CH", "6", "6", "a", "7", "7", "d");
        c.call(":0\r\n", "GEOADD", "missing", "XX", "1", "1", "a");
        c.call(":0\r\n", "EXISTS", "missing");
    }

    @Test
    void geoaddErrorsComeBeforeAnyChange(WireClient c) {
        c.call("-ERR syntax error\r\n", "GEOADD", "g", "NX", "XX", "1", "1", "a");
        c.call("-ERR wrong number of arguments for 'geoadd' command\r\n", "GEOADD", "g", "1", "1");
        c.call("-ERR syntax error\r\n", "GEOADD", "g", "NX", "CH", "1", "1");
        c.call("-ERR invalid longitude,latitude pair 200.000000,100.000000\r\n", "GEOADD", "g", "200", "100", "a");
        c.call("-ERR invalid longitude,latitude pair 180.500000,85.000000\r\n",
                "GEOADD", "g", "1", "2", "a", "180.5", "85", "b");
        c.call("-ERR invalid longitude,latitude pair 0.000000,85.060000\r\n", "GEOADD", "g", "0", "85.06", "a");
        c.call("-ERR invalid longitude,latitude pair inf,0.000000\r\n", "GEOADD", "g", "inf", "0", "a");
        c.call("-ERR value is not a valid float\r\n", "GEOADD", "g", "x", "0", "a");
        c.call(":0\r\n", "EXISTS", "g");
        c.call("+OK\r\n", "SET", "str", "x");
        c.call("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
                "GEOADD", "str", "1", "2", "a");
        c.call("-ERR invalid longitude,latitude pair 200.000000,2.000000\r\n", "GEOADD", "str", "200", "2", "a");
    }

    @Test
    void geoposAnswersTheCentreOfTheCellAsALongDoubleWith17Decimals(WireClient c) {
        c.call(":3\r\n",
                "GEOADD", "g", "13.361389", "38.115556", "Palermo", "0", "0", "origin", "-180", "-85.05112878",
                "corner");
        c.call("*4\r\n*2\r\n$20\r\n13.36138933897018433\r\n$20\r\n38.11555639549629859\r\n*2\r\n$19\r\n"
                + "0.00000268220901489\r\n$19\r\n0.00000126736058093\r\n*2\r\n$22\r\n-179.99999731779098511\r\n$21\r\n"
                + "-85.05112751263942528\r\n*-1\r\n", "GEOPOS", "g", "Palermo", "origin", "corner", "nosuch");
        c.call("*2\r\n*-1\r\n*-1\r\n", "GEOPOS", "nokey", "a", "b");
    }

    @Test
    void aScoreThatIsNoGeohashDecodesToTheNearestEdgeOfTheMap(WireClient c) {
        c.call(":4\r\n",
                "ZADD", "weird", "1e18", "huge", "-5", "negative", "4503599627370495", "last", "1.5", "fraction");
        c.call("*4\r\n*2\r\n$3\r\n180\r\n$19\r\n85.0511287799999991\r\n*2\r\n$3\r\n180\r\n$19\r\n"
                + "85.0511287799999991\r\n*2\r\n$21\r\n179.99999731779098511\r\n$20\r\n85.05112751263942528\r\n*2\r\n"
                + "$22\r\n-179.99999731779098511\r\n$21\r\n-85.05112497791824921\r\n",
                "GEOPOS", "weird", "huge", "negative", "last", "fraction");
        c.call("*4\r\n$11\r\nbp05b5048p0\r\n$11\r\nbp05b5048p0\r\n$11\r\nzzpgzgpfxz0\r\n$11\r\n00bh0hbj210\r\n",
                "GEOHASH", "weird", "huge", "negative", "last", "fraction");
    }

    @Test
    void geohashGivesTheStandardElevenCharacterString(WireClient c) {
        c.call(":3\r\n",
                "GEOADD", "g", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania", "0", "0",
                "origin");
        c.call("*4\r\n$11\r\nsqc8b49rny0\r\n$11\r\nsqdtr74hyu0\r\n$11\r\ns0000000000\r\n$-1\r\n",
                "GEOHASH", "g", "Palermo", "Catania", "origin", "nosuch");
        c.call("*1\r\n$-1\r\n", "GEOHASH", "nokey", "a");
    }

    @Test
    void geodistMeasuresOnTheSphereInEachUnitWithFourDecimals(WireClient c) {
        c.call(":2\r\n", "GEOADD", "Sicily", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania");
        c.call("$11\r\n166274.1516\r\n", "GEODIST", "Sicily", "Palermo", "Catania");
        c.call("$8\r\n166.2742\r\n", "GEODIST", "Sicily", "Palermo", "Catania", "km");
        c.call("$8\r\n103.3182\r\n", "GEODIST", "Sicily", "Palermo", "Catania", "MI");
        c.call("$11\r\n545518.8700\r\n", "GEODIST", "Sicily", "Palermo", "Catania", "ft");
        c.call("$6\r\n0.0000\r\n", "GEODIST", "Sicily", "Palermo", "Palermo");
        c.call("$-1\r\n", "GEODIST", "Sicily", "Palermo", "nosuch");
        c.call("$-1\r\n", "GEODIST", "nokey", "a", "b");
        c.call("-ERR unsupported unit provided. please use M, KM, FT, MI\r\n",
                "GEODIST", "Sicily", "Palermo", "Catania", "parsec");
        c.call("-ERR syntax error\r\n", "GEODIST", "Sicily", "Palermo", "Catania", "km", "extra");
    }

    @Test
    void geosearchFindsMembersInACircleOrABox(WireClient c) {
        c.call(":4\r\n",
                "GEOADD", "Sicily", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania",
                "12.758489", "38.788135", "edge1", "17.241510", "38.788135", "edge2");
        c.call("*2\r\n$7\r\nCatania\r\n$7\r\nPalermo\r\n",
                "GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "ASC");
        c.call("*4\r\n*4\r\n$7\r\nCatania\r\n$7\r\n56.4413\r\n:3479447370796909\r\n*2\r\n$20\r\n"
                + "15.08726745843887329\r\n$20\r\n37.50266842333162032\r\n*4\r\n$7\r\nPalermo\r\n$8\r\n190.4424\r\n"
                + ":3479099956230698\r\n*2\r\n$20\r\n13.36138933897018433\r\n$20\r\n38.11555639549629859\r\n*4\r\n"
                + "$5\r\nedge2\r\n$8\r\n279.7403\r\n:3481342659049484\r\n*2\r\n$20\r\n17.24151045083999634\r\n$20\r\n"
                + "38.78813451624225195\r\n*4\r\n$5\r\nedge1\r\n$8\r\n279.7405\r\n:3479273021651468\r\n*2\r\n$19\r\n"
                + "12.7584877610206604\r\n$20\r\n38.78813451624225195\r\n",
                "GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYBOX", "400", "400", "km", "ASC", "WITHCOORD",
                "WITHDIST", "WITHHASH");
        c.call("*3\r\n*2\r\n$7\r\nCatania\r\n$8\r\n166.2742\r\n*2\r\n$5\r\nedge1\r\n$7\r\n91.4007\r\n*2\r\n$7\r\n"
                + "Palermo\r\n$6\r\n0.0000\r\n",
                "GEOSEARCH", "Sicily", "FROMMEMBER", "Palermo", "BYRADIUS", "250", "km", "DESC", "WITHDIST");
        c.call("*0\r\n", "GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "1", "km");
        c.call("*0\r\n", "GEOSEARCH", "nokey", "FROMMEMBER", "Palermo", "BYRADIUS", "1", "km");
    }

    @Test
    void countKeepsTheNearestAndAnyTheFirstFound(WireClient c) {
        c.call(":4\r\n",
                "GEOADD", "Sicily", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania",
                "12.758489", "38.788135", "edge1", "17.241510", "38.788135", "edge2");
        c.call("*2\r\n$7\r\nCatania\r\n$7\r\nPalermo\r\n",
                "GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "400", "km", "COUNT", "2");
        c.call("*2\r\n$5\r\nedge1\r\n$5\r\nedge2\r\n",
                "GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "400", "km", "COUNT", "2", "DESC");
        c.call("*2\r\n$7\r\nPalermo\r\n$5\r\nedge1\r\n",
                "GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "400", "km", "COUNT", "2", "ANY");
        c.call("-ERR the ANY argument requires COUNT argument\r\n",
                "GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "400", "km", "ANY");
        c.call("-ERR COUNT must be > 0\r\n",
                "GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "400", "km", "COUNT", "0");
    }

    @Test
    void pointsAtTheSameDistanceComeOutInRedisOrderUnderCount(WireClient c) {
        c.call(":9\r\n",
                "GEOADD", "g", "10.1", "40", "a", "10.3", "40", "b", "10", "40", "c", "10", "40", "d", "10.4", "40",
                "e", "10", "40", "f", "10.2", "40", "g", "10.4", "40", "h", "10", "40", "i");
        c.call("*9\r\n*2\r\n$1\r\nc\r\n$6\r\n0.0002\r\n*2\r\n$1\r\nd\r\n$6\r\n0.0002\r\n*2\r\n$1\r\nf\r\n$6\r\n"
                + "0.0002\r\n*2\r\n$1\r\ni\r\n$6\r\n0.0002\r\n*2\r\n$1\r\na\r\n$6\r\n8.5204\r\n*2\r\n$1\r\ng\r\n$7\r\n"
                + "17.0407\r\n*2\r\n$1\r\nb\r\n$7\r\n25.5614\r\n*2\r\n$1\r\ne\r\n$7\r\n34.0817\r\n*2\r\n$1\r\nh\r\n"
                + "$7\r\n34.0817\r\n", "GEOSEARCH", "g", "FROMLONLAT", "10", "40", "BYRADIUS", "100", "km", "WITHDIST");
        c.call("*9\r\n$1\r\ne\r\n$1\r\nh\r\n$1\r\nb\r\n$1\r\ng\r\n$1\r\na\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\nf\r\n$1\r\n"
                + "i\r\n", "GEOSEARCH", "g", "FROMLONLAT", "10", "40", "BYRADIUS", "100", "km", "DESC");
        c.call("*6\r\n$1\r\nh\r\n$1\r\ne\r\n$1\r\nb\r\n$1\r\ng\r\n$1\r\na\r\n$1\r\nc\r\n",
                "GEOSEARCH", "g", "FROMLONLAT", "10", "40", "BYRADIUS", "100", "km", "COUNT", "6", "DESC");
    }

    @Test
    void geosearchRefusesWhatItCannotAnswer(WireClient c) {
        c.call(":1\r\n", "GEOADD", "g", "1", "1", "a");
        c.call("-ERR syntax error\r\n",
                "GEOSEARCH", "g", "FROMMEMBER", "a", "FROMLONLAT", "1", "1", "BYRADIUS", "1", "km");
        c.call("-ERR wrong number of arguments for 'geosearch' command\r\n", "GEOSEARCH", "g", "BYRADIUS", "1", "km");
        c.call("-ERR wrong number of arguments for 'geosearch' command\r\n", "GEOSEARCH", "g", "FROMLONLAT", "1", "1");
        c.call("-ERR syntax error\r\n",
                "GEOSEARCH", "g", "FROMLONLAT", "1", "1", "BYRADIUS", "1", "km", "BYBOX", "1", "1", "km");
        c.call("-ERR could not decode requested zset member\r\n",
                "GEOSEARCH", "g", "FROMMEMBER", "nosuch", "BYRADIUS", "1", "km");
        c.call("-ERR radius cannot be negative\r\n", "GEOSEARCH", "g", "FROMLONLAT", "1", "1", "BYRADIUS", "-1", "km");
        c.call("-ERR need numeric radius\r\n", "GEOSEARCH", "g", "FROMLONLAT", "1", "1", "BYRADIUS", "x", "km");
        c.call("-ERR height or width cannot be negative\r\n",
                "GEOSEARCH", "g", "FROMLONLAT", "1", "1", "BYBOX", "-1", "1", "km");
        c.call("-ERR need numeric width\r\n", "GEOSEARCH", "g", "FROMLONLAT", "1", "1", "BYBOX", "x", "1", "km");
        c.call("-ERR need numeric height\r\n", "GEOSEARCH", "g", "FROMLONLAT", "1", "1", "BYBOX", "1", "x", "km");
        c.call("-ERR unsupported unit provided. please use M, KM, FT, MI\r\n",
                "GEOSEARCH", "g", "FROMLONLAT", "1", "1", "BYRADIUS", "1", "parsec");
        c.call("-ERR the ANY argument requires COUNT argument\r\n",
                "GEOSEARCH", "g", "FROMLONLAT", "1", "1", "BYRADIUS", "1", "km", "ANY");
        c.call("-ERR syntax error\r\n",
                "GEOSEARCH", "g", "FROMLONLAT", "1", "1", "BYRADIUS", "1", "km", "STORE", "dst");
        c.call("-ERR value is not an integer or out of range\r\n",
                "GEOSEARCH", "g", "FROMLONLAT", "1", "1", "BYRADIUS", "1", "km", "COUNT", "x");
    }

    @Test
    void geosearchstoreKeepsGeohashesOrWithStoredistDistances(WireClient c) {
        c.call(":2\r\n", "GEOADD", "Sicily", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania");
        c.call(":2\r\n", "GEOSEARCHSTORE", "dst", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "ASC");
        c.call("*4\r\n$7\r\nPalermo\r\n$16\r\n3479099956230698\r\n$7\r\nCatania\r\n$16\r\n3479447370796909\r\n",
                "ZRANGE", "dst", "0", "-1", "WITHSCORES");
        c.call(":2\r\n",
                "GEOSEARCHSTORE", "dst", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "STOREDIST");
        c.call("*4\r\n$7\r\nCatania\r\n$18\r\n56.441257870158204\r\n$7\r\nPalermo\r\n$18\r\n190.44242984775784\r\n",
                "ZRANGE", "dst", "0", "-1", "WITHSCORES");
        c.call("-ERR GEOSEARCHSTORE is not compatible with WITHDIST, WITHHASH and WITHCOORD options\r\n",
                "GEOSEARCHSTORE", "dst", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "WITHDIST");
        c.call(":0\r\n", "GEOSEARCHSTORE", "dst", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "1", "km");
        c.call(":0\r\n", "EXISTS", "dst");
        c.call("+OK\r\n", "SET", "dst", "x");
        c.call(":0\r\n", "GEOSEARCHSTORE", "dst", "nokey", "FROMLONLAT", "15", "37", "BYRADIUS", "1", "km");
        c.call(":0\r\n", "EXISTS", "dst");
    }

    @Test
    void georadiusAndGeoradiusbymemberAreTheOlderSpellings(WireClient c) {
        c.call(":2\r\n", "GEOADD", "Sicily", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania");
        c.call("*2\r\n*2\r\n$7\r\nCatania\r\n$7\r\n56.4413\r\n*2\r\n$7\r\nPalermo\r\n$8\r\n190.4424\r\n",
                "GEORADIUS", "Sicily", "15", "37", "200", "km", "WITHDIST", "ASC");
        c.call(":2\r\n", "GEORADIUS", "Sicily", "15", "37", "200", "km", "STORE", "dst");
        c.call("*4\r\n$7\r\nPalermo\r\n$16\r\n3479099956230698\r\n$7\r\nCatania\r\n$16\r\n3479447370796909\r\n",
                "ZRANGE", "dst", "0", "-1", "WITHSCORES");
        c.call(":2\r\n", "GEORADIUS", "Sicily", "15", "37", "200", "km", "STOREDIST", "dst");
        c.call("*4\r\n$7\r\nCatania\r\n$18\r\n56.441257870158204\r\n$7\r\nPalermo\r\n$18\r\n190.44242984775784\r\n",
                "ZRANGE", "dst", "0", "-1", "WITHSCORES");
        c.call("-ERR STORE option in GEORADIUS is not compatible with WITHDIST, WITHHASH and WITHCOORD options\r\n",
                "GEORADIUS", "Sicily", "15", "37", "200", "km", "STORE", "dst", "WITHCOORD");
        c.call("*2\r\n*2\r\n$7\r\nPalermo\r\n$6\r\n0.0000\r\n*2\r\n$7\r\nCatania\r\n$8\r\n166.2742\r\n",
                "GEORADIUSBYMEMBER", "Sicily", "Palermo", "200", "km", "WITHDIST");
        c.call("-ERR could not decode requested zset member\r\n", "GEORADIUSBYMEMBER", "Sicily", "nosuch", "200", "km");
        c.call("*0\r\n", "GEORADIUSBYMEMBER", "nokey", "nosuch", "notanumber", "km");
        c.call("-ERR syntax error\r\n", "GEORADIUS_RO", "Sicily", "15", "37", "200", "km", "STORE", "dst");
        c.call("*1\r\n$7\r\nPalermo\r\n", "GEORADIUSBYMEMBER_RO", "Sicily", "Palermo", "200", "km", "COUNT", "1");
        c.call("-ERR invalid longitude,latitude pair 200.000000,37.000000\r\n",
                "GEORADIUS", "Sicily", "200", "37", "200", "km");
    }

    @Test
    void resp3AnswersCoordinatesAsDoublesAndDistancesAsStrings(WireClient c) {
        c.call(":2\r\n", "GEOADD", "Sicily", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania");
        c.command("HELLO", "3").readReply();
        c.call("*2\r\n*2\r\n,13.36138933897018433\r\n,38.11555639549629859\r\n_\r\n",
                "GEOPOS", "Sicily", "Palermo", "nosuch");
        c.call("*1\r\n_\r\n", "GEOHASH", "Sicily", "nosuch");
        c.call("$11\r\n166274.1516\r\n", "GEODIST", "Sicily", "Palermo", "Catania");
        c.call("_\r\n", "GEODIST", "Sicily", "Palermo", "nosuch");
        c.call("*2\r\n*3\r\n$7\r\nCatania\r\n$7\r\n56.4413\r\n*2\r\n,15.08726745843887329\r\n"
                + ",37.50266842333162032\r\n*3\r\n$7\r\nPalermo\r\n$8\r\n190.4424\r\n*2\r\n,13.36138933897018433\r\n"
                + ",38.11555639549629859\r\n",
                "GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "ASC", "WITHCOORD",
                "WITHDIST");
    }
}
