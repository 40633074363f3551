package dev.buildredis.geo;

/**
 * Redis's geohash: a longitude and a latitude as one 52-bit integer, the score under which a sorted set keeps a
 * point, so that points close on the map are mostly close in score order.
 * <pre>
 *   latitude  in [-85.05112878, 85.05112878]  → 26 bits: which of 2^26 slices, counted from the south
 *   longitude in [-180, 180]                  → 26 bits: which of 2^26 slices, counted from the west
 *   score = the two interleaved, latitude in the even bits, longitude in the odd ones
 * </pre>
 * A score decodes to the centre of its cell, not to the point that was added: GEOPOS shows that centre.
 *
 * <p>Every computation is Redis's own ({@code geohash.c}, {@code geohash_helper.c}), done in the same double
 * operations in the same order, so that the cells, the areas searched and the numbers printed are the same to the
 * last digit. The trigonometry is {@link StrictMath}'s; Redis uses the C library's, which can differ in the last
 * bit of a distance.
 */
final class GeoHash {

    static final double LONG_MIN = -180;
    static final double LONG_MAX = 180;
    /** Web Mercator's limits (EPSG:900913): the poles cannot be geocoded. */
    static final double LAT_MIN = -85.05112878;
    static final double LAT_MAX = 85.05112878;
    /** 26 bits a coordinate: 52 bits in all, which a double holds exactly. */
    static final int STEP_MAX = 26;

    private static final double D_R = Math.PI / 180.0;
    /** Earth's quadratic mean radius for WGS-84, in meters. */
    static final double EARTH_RADIUS = 6372797.560856;
    private static final double MERCATOR_MAX = 20037726.37;

    private GeoHash() {
    }

    /** A hash of {@code step} bits a coordinate; step 0 and bits 0 is "no area" (Redis's GZERO). */
    record Bits(long bits, int step) {
        static final Bits ZERO = new Bits(0, 0);

        boolean isZero() {
            return bits == 0 && step == 0;
        }
    }

    /** The cell a hash stands for: its longitude and latitude ranges. */
    record Area(double lonMin, double lonMax, double latMin, double latMax) {
    }

    // ---- encoding

    /** The 52-bit score of a point, as GEOADD stores it; the point must be within the limits. */
    static long score(double longitude, double latitude) {
        return align52(encode(LONG_MIN, LONG_MAX, LAT_MIN, LAT_MAX, longitude, latitude, STEP_MAX));
    }

    /**
     * The cell of {@code step} bits a coordinate that holds the point within the given ranges, or null if the point
     * is outside them or outside the geocoding limits.
     */
    static Bits encode(double lonMin, double lonMax, double latMin, double latMax, double longitude, double latitude,
                       int step) {
        if (longitude > LONG_MAX || longitude < LONG_MIN || latitude > LAT_MAX || latitude < LAT_MIN) {
            return null;
        }
        if (latitude < latMin || latitude > latMax || longitude < lonMin || longitude > lonMax) {
            return null;
        }
        double latOffset = (latitude - latMin) / (latMax - latMin);
        double lonOffset = (longitude - lonMin) / (lonMax - lonMin);
        latOffset *= (double) (1L << step);
        lonOffset *= (double) (1L << step);
        return new Bits(interleave(toUint32(latOffset), toUint32(lonOffset)), step);
    }

    /** C's conversion of a non-negative double to uint32_t: truncation. */
    private static long toUint32(double value) {
        return ((long) value) & 0xFFFFFFFFL;
    }

    /** The bits of {@code x} in the even positions, those of {@code y} in the odd ones (both under 2^32). */
    private static long interleave(long x, long y) {
        x = (x | (x << 16)) & 0x0000FFFF0000FFFFL;
        y = (y | (y << 16)) & 0x0000FFFF0000FFFFL;
        x = (x | (x << 8)) & 0x00FF00FF00FF00FFL;
        y = (y | (y << 8)) & 0x00FF00FF00FF00FFL;
        x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FL;
        y = (y | (y << 4)) & 0x0F0F0F0F0F0F0F0FL;
        x = (x | (x << 2)) & 0x3333333333333333L;
        y = (y | (y << 2)) & 0x3333333333333333L;
        x = (x | (x << 1)) & 0x5555555555555555L;
        y = (y | (y << 1)) & 0x5555555555555555L;
        return x | (y << 1);
    }

    /** The even bits in the low half, the odd bits in the high half. */
    private static long deinterleave(long interleaved) {
        long x = interleaved;
        long y = interleaved >>> 1;
        x = x & 0x5555555555555555L;
        y = y & 0x5555555555555555L;
        x = (x | (x >>> 1)) & 0x3333333333333333L;
        y = (y | (y >>> 1)) & 0x3333333333333333L;
        x = (x | (x >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
        y = (y | (y >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
        x = (x | (x >>> 4)) & 0x00FF00FF00FF00FFL;
        y = (y | (y >>> 4)) & 0x00FF00FF00FF00FFL;
        x = (x | (x >>> 8)) & 0x0000FFFF0000FFFFL;
        y = (y | (y >>> 8)) & 0x0000FFFF0000FFFFL;
        x = (x | (x >>> 16)) & 0x00000000FFFFFFFFL;
        y = (y | (y >>> 16)) & 0x00000000FFFFFFFFL;
        return x | (y << 32);
    }

    /** The hash shifted to 52 bits: the smallest score inside its cell. */
    static long align52(Bits hash) {
        return hash.bits() << (52 - hash.step() * 2);
    }

    // ---- decoding

    /** The cell of a hash, within Redis's geocoding limits. */
    static Area decode(Bits hash) {
        return decode(LONG_MIN, LONG_MAX, LAT_MIN, LAT_MAX, hash);
    }

    private static Area decode(double lonMin, double lonMax, double latMin, double latMax, Bits hash) {
        long separated = deinterleave(hash.bits());
        double latScale = latMax - latMin;
        double lonScale = lonMax - lonMin;
        long ilato = separated & 0xFFFFFFFFL;
        long ilono = separated >>> 32;
        double cells = (double) (1L << hash.step());
        return new Area(
                lonMin + (ilono * 1.0 / cells) * lonScale,
                lonMin + (((ilono + 1) & 0xFFFFFFFFL) * 1.0 / cells) * lonScale, // uint32_t arithmetic: wraps
                latMin + (ilato * 1.0 / cells) * latScale,
                latMin + (((ilato + 1) & 0xFFFFFFFFL) * 1.0 / cells) * latScale);
    }

    /**
     * The point a score stands for: the centre of its cell, {@code {longitude, latitude}}, held within the limits
     * (a score GEOADD did not make, such as 1e18 or -5, decodes to the nearest edge). The score is converted to an
     * unsigned 64-bit integer as C converts it.
     */
    static double[] decodeScore(double score) {
        Area area = decode(new Bits(toUint64(score), STEP_MAX));
        double lon = (area.lonMin() + area.lonMax()) / 2;
        double lat = (area.latMin() + area.latMax()) / 2;
        lon = Math.min(LONG_MAX, Math.max(LONG_MIN, lon));
        lat = Math.min(LAT_MAX, Math.max(LAT_MIN, lat));
        return new double[] {lon, lat};
    }

    /**
     * C's {@code (uint64_t)} of a double on x86-64: truncation; from 2^63 up, the value less 2^63 with the top bit
     * set; a negative number goes through the signed conversion.
     */
    static long toUint64(double value) {
        if (value >= 0x1p63) {
            double high = value - 0x1p63;
            return high >= 0x1p63 ? 0 : (long) high ^ Long.MIN_VALUE; // past 2^64 the CPU's conversion fails
        }
        return (long) value;
    }

    // ---- neighbours and the areas of a search

    private static Bits moveX(Bits hash, int direction) {
        long x = hash.bits() & 0xaaaaaaaaaaaaaaaaL;
        long y = hash.bits() & 0x5555555555555555L;
        long zz = 0x5555555555555555L >>> (64 - hash.step() * 2);
        if (direction > 0) {
            x = x + (zz + 1);
        } else {
            x = x | zz;
            x = x - (zz + 1);
        }
        x &= (0xaaaaaaaaaaaaaaaaL >>> (64 - hash.step() * 2));
        return new Bits(x | y, hash.step());
    }

    private static Bits moveY(Bits hash, int direction) {
        long x = hash.bits() & 0xaaaaaaaaaaaaaaaaL;
        long y = hash.bits() & 0x5555555555555555L;
        long zz = 0xaaaaaaaaaaaaaaaaL >>> (64 - hash.step() * 2);
        if (direction > 0) {
            y = y + (zz + 1);
        } else {
            y = y | zz;
            y = y - (zz + 1);
        }
        y &= (0x5555555555555555L >>> (64 - hash.step() * 2));
        return new Bits(x | y, hash.step());
    }

    /**
     * The cells to search for a shape: its centre's cell and the eight around it, in Redis's order (centre, north,
     * south, east, west, north-east, north-west, south-east, south-west), the useless ones {@link Bits#ZERO}. The
     * cell size is the smallest for which the nine cover the shape's bounding box.
     */
    static Bits[] areasToSearch(GeoShape shape) {
        double[] bounds = shape.boundingBox();
        double minLon = bounds[0], minLat = bounds[1], maxLon = bounds[2], maxLat = bounds[3];
        double longitude = shape.longitude(), latitude = shape.latitude();
        int steps = estimateSteps(shape.radiusMeters(), latitude);
        Bits hash = encode(LONG_MIN, LONG_MAX, LAT_MIN, LAT_MAX, longitude, latitude, steps);
        Bits[] around = neighbours(hash);
        Area area = decode(hash);
        boolean decrease = decode(around[1]).latMax() < maxLat
                || decode(around[2]).latMin() > minLat
                || decode(around[3]).lonMax() < maxLon
                || decode(around[4]).lonMin() > minLon;
        if (steps > 1 && decrease) {
            steps--;
            hash = encode(LONG_MIN, LONG_MAX, LAT_MIN, LAT_MAX, longitude, latitude, steps);
            around = neighbours(hash);
            area = decode(hash);
        }
        if (steps >= 2) { // leave out the neighbours the bounding box does not reach
            if (area.latMin() < minLat) {
                around[2] = around[7] = around[8] = Bits.ZERO; // south, south-east, south-west
            }
            if (area.latMax() > maxLat) {
                around[1] = around[5] = around[6] = Bits.ZERO; // north, north-east, north-west
            }
            if (area.lonMin() < minLon) {
                around[4] = around[8] = around[6] = Bits.ZERO; // west, south-west, north-west
            }
            if (area.lonMax() > maxLon) {
                around[3] = around[7] = around[5] = Bits.ZERO; // east, south-east, north-east
            }
        }
        return around;
    }

    /** The cell and its eight neighbours, in the order of {@link #areasToSearch}. */
    private static Bits[] neighbours(Bits hash) {
        return new Bits[] {
            hash,
            moveY(hash, 1),               // north
            moveY(hash, -1),              // south
            moveX(hash, 1),               // east
            moveX(hash, -1),              // west
            moveY(moveX(hash, 1), 1),     // north-east
            moveY(moveX(hash, -1), 1),    // north-west
            moveY(moveX(hash, 1), -1),    // south-east
            moveY(moveX(hash, -1), -1),   // south-west
        };
    }

    /** How many bits a coordinate the nine cells need to cover a radius at a latitude (wider towards the poles). */
    private static int estimateSteps(double rangeMeters, double latitude) {
        if (rangeMeters == 0) {
            return 26;
        }
        int step = 1;
        while (rangeMeters < MERCATOR_MAX) {
            rangeMeters *= 2;
            step++;
        }
        step -= 2;
        if (latitude > 66 || latitude < -66) {
            step--;
            if (latitude > 80 || latitude < -80) {
                step--;
            }
        }
        return Math.max(1, Math.min(26, step));
    }

    // ---- distances

    static double degreesToRadians(double degrees) {
        return degrees * D_R;
    }

    static double radiansToDegrees(double radians) {
        return radians / D_R;
    }

    /** The great-circle distance in meters (the haversine formula, on a sphere). */
    static double distance(double lon1, double lat1, double lon2, double lat2) {
        double lat1r = degreesToRadians(lat1);
        double lon1r = degreesToRadians(lon1);
        double lat2r = degreesToRadians(lat2);
        double lon2r = degreesToRadians(lon2);
        double u = StrictMath.sin((lat2r - lat1r) / 2);
        double v = StrictMath.sin((lon2r - lon1r) / 2);
        return 2.0 * EARTH_RADIUS * StrictMath.asin(StrictMath.sqrt(u * u + StrictMath.cos(lat1r) * StrictMath.cos(lat2r) * v * v));
    }
}
