package dev.buildredis.geo;

/**
 * The area a GEOSEARCH or GEORADIUS looks in: a circle ({@code BYRADIUS}) or a box ({@code BYBOX}) around a centre,
 * with its sizes in the unit the client gave and that unit's length in meters.
 *
 * @param longitude  the centre's longitude
 * @param latitude   the centre's latitude
 * @param box        true for a box, false for a circle
 * @param radius     the circle's radius, in the unit
 * @param width      the box's width (east to west), in the unit
 * @param height     the box's height (north to south), in the unit
 * @param conversion meters in one unit (1 for m, 1000 for km, 0.3048 for ft, 1609.34 for mi)
 */
record GeoShape(double longitude, double latitude, boolean box, double radius, double width, double height,
                double conversion) {

    static GeoShape circle(double[] centre, double radius, double conversion) {
        return new GeoShape(centre[0], centre[1], false, radius, 0, 0, conversion);
    }

    static GeoShape box(double[] centre, double width, double height, double conversion) {
        return new GeoShape(centre[0], centre[1], true, 0, width, height, conversion);
    }

    /** The radius of the circle, or the half diagonal of the box, in meters: what decides the cells' size. */
    double radiusMeters() {
        double radius = box ? Math.sqrt((width / 2) * (width / 2) + (height / 2) * (height / 2)) : this.radius;
        return radius * conversion;
    }

    /**
     * {@code {min longitude, min latitude, max longitude, max latitude}} of the shape. A box's edges are bent on the
     * map: its longitudes are widest on the edge nearest a pole, the north edge in the northern hemisphere.
     */
    double[] boundingBox() {
        double height = conversion * (box ? this.height / 2 : radius);
        double width = conversion * (box ? this.width / 2 : radius);
        double latDelta = GeoHash.radiansToDegrees(height / GeoHash.EARTH_RADIUS);
        double lonDeltaTop = GeoHash.radiansToDegrees(width / GeoHash.EARTH_RADIUS
                / StrictMath.cos(GeoHash.degreesToRadians(latitude + latDelta)));
        double lonDeltaBottom = GeoHash.radiansToDegrees(width / GeoHash.EARTH_RADIUS
                / StrictMath.cos(GeoHash.degreesToRadians(latitude - latDelta)));
        boolean southern = latitude < 0;
        return new double[] {
            southern ? longitude - lonDeltaBottom : longitude - lonDeltaTop,
            latitude - latDelta,
            southern ? longitude + lonDeltaBottom : longitude + lonDeltaTop,
            latitude + latDelta};
    }

    /**
     * The distance in meters from the centre to a point, or -1 if the point is outside the shape. A point is in
     * the box when its distances along the parallel and along the meridian are within half the width and height.
     */
    double distanceIfInside(double lon, double lat) {
        if (!box) {
            double distance = GeoHash.distance(longitude, latitude, lon, lat);
            return distance > radius * conversion ? -1 : distance;
        }
        double lonDistance = GeoHash.distance(lon, lat, longitude, lat);
        double latDistance = GeoHash.distance(lon, lat, lon, latitude);
        if (lonDistance > width * conversion / 2 || latDistance > height * conversion / 2) {
            return -1;
        }
        return GeoHash.distance(longitude, latitude, lon, lat);
    }
}
