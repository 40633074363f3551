package dev.buildredis.geo;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Lookup;
import dev.buildredis.store.Key;
import dev.buildredis.store.PartialSort;
import dev.buildredis.store.SkipList;
import dev.buildredis.store.SortedSetValue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * GEOSEARCH, GEOSEARCHSTORE and the older GEORADIUS family: one search, Redis's {@code georadiusGeneric}, with its
 * arguments parsed in its order so that the same mistakes get the same errors.
 * <pre>
 * GEOSEARCH key FROMMEMBER m | FROMLONLAT lon lat  BYRADIUS r unit | BYBOX w h unit
 *           [ASC|DESC] [COUNT n [ANY]] [WITHCOORD] [WITHDIST] [WITHHASH]
 * GEOSEARCHSTORE dest key ... [STOREDIST]            :&lt;members stored&gt;
 * GEORADIUS key lon lat r unit ... [STORE k | STOREDIST k]     GEORADIUSBYMEMBER key m r unit ...
 * reply without WITH*: *2 $7 Palermo $7 Catania
 * with WITHDIST WITHHASH WITHCOORD, each: *4 $7 Palermo $8 190.4424 :3479099956230698 *2 $lon $lat
 * </pre>
 * How it searches: the shape's bounding box is covered by nine geohash cells (see {@link GeoHash#areasToSearch});
 * each cell is a range of scores, read from the skip list, and each point found is kept if it is inside the
 * shape. So it costs O(N+log(M)) for N points in the cells of a set of M.
 */
final class GeoSearch {

    /** Which command: what comes before the options, and which options it takes. */
    enum Form {
        RADIUS, RADIUS_RO, BY_MEMBER, BY_MEMBER_RO, SEARCH, SEARCH_STORE;

        boolean mayStore() {
            return this == RADIUS || this == BY_MEMBER;
        }

        boolean isSearch() {
            return this == SEARCH || this == SEARCH_STORE;
        }
    }

    /** A point found: its member, score, decoded position and distance from the centre in meters. */
    private record Found(Key member, double score, double longitude, double latitude, double distance) {
    }

    private GeoSearch() {
    }

    // tag::geosearch[]
    static void search(Client c, List<byte[]> a, Form form) {
        int source = form == Form.SEARCH_STORE ? 2 : 1;
        SortedSetValue zset = Lookup.zset(c.db(), Args.key(a.get(source)));
        double[] centre = null;
        double radius = 0, width = 0, height = 0, conversion = 1;
        boolean byRadius = false, byBox = false, fromMember = false, fromLonLat = false;
        int options;
        switch (form) {
            case RADIUS, RADIUS_RO -> {
                options = 6;
                centre = GeoCommands.point(a.get(2), a.get(3));
                radius = radius(a.get(4));
                conversion = GeoCommands.unit(a.get(5));
                byRadius = true;
            }
            case BY_MEMBER, BY_MEMBER_RO -> {
                options = 5;
                if (zset != null) { // with no key, the arguments are only checked for STORE (Redis's order)
                    centre = memberPosition(zset, a.get(2));
                    radius = radius(a.get(3));
                    conversion = GeoCommands.unit(a.get(4));
                    byRadius = true;
                }
            }
            default -> options = form == Form.SEARCH_STORE ? 3 : 2;
        }
        Key store = form == Form.SEARCH_STORE ? Args.key(a.get(1)) : null;
        boolean storeDistance = false, withDist = false, withHash = false, withCoord = false, any = false;
        int sort = 0; // 0: as found, 1: nearest first, -1: farthest first
        long count = 0;
        for (int i = options; i < a.size(); i++) {
            byte[] arg = a.get(i);
            int left = a.size() - i - 1;
            if (Args.is(arg, "WITHDIST")) {
                withDist = true;
            } else if (Args.is(arg, "WITHHASH")) {
                withHash = true;
            } else if (Args.is(arg, "WITHCOORD")) {
                withCoord = true;
            } else if (Args.is(arg, "ANY")) {
                any = true;
            } else if (Args.is(arg, "ASC")) {
                sort = 1;
            } else if (Args.is(arg, "DESC")) {
                sort = -1;
            } else if (Args.is(arg, "COUNT") && left >= 1) {
                count = Args.integer(a.get(++i));
                if (count <= 0) {
                    throw new CommandError("ERR COUNT must be > 0");
                }
            } else if ((Args.is(arg, "STORE") || Args.is(arg, "STOREDIST")) && left >= 1 && form.mayStore()) {
                storeDistance = Args.is(arg, "STOREDIST");
                store = Args.key(a.get(++i));
            } else if (Args.is(arg, "STOREDIST") && form == Form.SEARCH_STORE) {
                storeDistance = true;
            } else if (Args.is(arg, "FROMMEMBER") && left >= 1 && form.isSearch() && !fromLonLat) {
                if (zset != null) {
                    centre = memberPosition(zset, a.get(i + 1));
                }
                fromMember = true;
                i++;
            } else if (Args.is(arg, "FROMLONLAT") && left >= 2 && form.isSearch() && !fromMember) {
                centre = GeoCommands.point(a.get(i + 1), a.get(i + 2));
                fromLonLat = true;
                i += 2;
            } else if (Args.is(arg, "BYRADIUS") && left >= 2 && form.isSearch() && !byBox) {
                radius = radius(a.get(i + 1));
                conversion = GeoCommands.unit(a.get(i + 2));
                byRadius = true;
                i += 2;
            } else if (Args.is(arg, "BYBOX") && left >= 3 && form.isSearch() && !byRadius) {
                width = Args.number(a.get(i + 1), "ERR need numeric width");
                height = Args.number(a.get(i + 2), "ERR need numeric height");
                if (height < 0 || width < 0) {
                    throw new CommandError("ERR height or width cannot be negative");
                }
                conversion = GeoCommands.unit(a.get(i + 3));
                byBox = true;
                i += 3;
            } else {
                throw CommandError.syntax();
            }
        }
        if (store != null && (withDist || withHash || withCoord)) {
            throw new CommandError("ERR " + (form == Form.SEARCH_STORE ? "GEOSEARCHSTORE" : "STORE option in GEORADIUS")
                    + " is not compatible with WITHDIST, WITHHASH and WITHCOORD options");
        }
        String name = Args.text(a.get(0));
        if (form.isSearch() && !(fromMember || fromLonLat)) {
            throw new CommandError("ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for " + name);
        }
        if (form.isSearch() && !(byRadius || byBox)) {
            throw new CommandError("ERR exactly one of BYRADIUS and BYBOX can be specified for " + name);
        }
        if (any && count == 0) {
            throw new CommandError("ERR the ANY argument requires COUNT argument");
        }
        if (zset == null) {
            if (store != null) {
                if (c.db().delete(store)) {
                    c.modified(store);
                }
                c.reply.integer(0);
            } else {
                c.reply.arrayHeader(0);
            }
            return;
        }
        if (count != 0 && sort == 0 && !any) {
            sort = 1; // the nearest COUNT: without ANY, COUNT sorts
        }
        GeoShape shape = byBox ? GeoShape.box(centre, width, height, conversion)
                : GeoShape.circle(centre, radius, conversion);
        List<Found> found = find(zset, shape, any ? count : 0);
        if (found.isEmpty() && store == null) {
            c.reply.arrayHeader(0);
            return;
        }
        int returned = (int) (count == 0 || found.size() < count ? found.size() : count);
        if (sort != 0) {
            Comparator<Found> nearest = Comparator.comparingDouble(Found::distance);
            Comparator<Found> order = sort > 0 ? nearest : nearest.reversed();
            if (returned == found.size()) {
                found.sort(order); // stable, as glibc's qsort (a merge sort) is
            } else {
                PartialSort.sort(found, order, 0, returned - 1); // Redis's pqsort, unstable: ties as Redis leaves them
            }
        }
        if (store == null) {
            reply(c, found.subList(0, returned), shape.conversion(), withDist, withHash, withCoord);
        } else {
            store(c, store, found.subList(0, returned), shape.conversion(), storeDistance);
        }
    }
    // end::geosearch[]

    private static double radius(byte[] arg) {
        double radius = Args.number(arg, "ERR need numeric radius");
        if (radius < 0) {
            throw new CommandError("ERR radius cannot be negative");
        }
        return radius;
    }

    private static double[] memberPosition(SortedSetValue zset, byte[] member) {
        Double score = zset.score(Args.key(member));
        if (score == null) {
            throw new CommandError("ERR could not decode requested zset member");
        }
        return GeoHash.decodeScore(score);
    }

    // tag::cells[]
    /**
     * The points inside the shape, cell by cell, each cell's in score order; at most {@code limit} of them if it
     * is not 0 (COUNT with ANY: stop as soon as that many are found).
     */
    private static List<Found> find(SortedSetValue zset, GeoShape shape, long limit) {
        GeoHash.Bits[] cells = GeoHash.areasToSearch(shape);
        List<Found> found = new ArrayList<>();
        int lastProcessed = 0;
        for (int i = 0; i < cells.length; i++) {
            if (cells[i].isZero()) {
                continue;
            }
            // Near 5000 km, neighbours can be the same cell: a cell equal to the last one searched is skipped.
            // (Redis skips only after a cell other than the centre's, hence lastProcessed != 0.)
            if (lastProcessed != 0 && cells[i].equals(cells[lastProcessed])) {
                continue;
            }
            if (limit != 0 && found.size() >= limit) {
                break;
            }
            double min = GeoHash.align52(cells[i]);
            double max = GeoHash.align52(new GeoHash.Bits(cells[i].bits() + 1, cells[i].step()));
            for (SkipList.Node n = zset.list().firstFrom(min, false); n != null && n.score() < max; n = n.next()) {
                double[] point = GeoHash.decodeScore(n.score());
                double distance = shape.distanceIfInside(point[0], point[1]);
                if (distance >= 0) {
                    found.add(new Found(n.member(), n.score(), point[0], point[1], distance));
                }
                if (limit != 0 && found.size() >= limit) {
                    break;
                }
            }
            lastProcessed = i;
        }
        return found;
    }
    // end::cells[]

    private static void reply(Client c, List<Found> found, double conversion, boolean withDist, boolean withHash,
                              boolean withCoord) {
        int extras = (withDist ? 1 : 0) + (withHash ? 1 : 0) + (withCoord ? 1 : 0);
        c.reply.arrayHeader(found.size());
        for (Found point : found) {
            if (extras > 0) {
                c.reply.arrayHeader(extras + 1);
            }
            c.reply.bulk(point.member().bytes());
            if (withDist) {
                GeoCommands.distance(c.reply, point.distance() / conversion);
            }
            if (withHash) {
                c.reply.integer((long) point.score());
            }
            if (withCoord) {
                c.reply.arrayHeader(2);
                GeoCommands.coordinate(c.reply, point.longitude());
                GeoCommands.coordinate(c.reply, point.latitude());
            }
        }
    }

    /** STORE / STOREDIST: the points as a new sorted set, scored by geohash or by distance in the unit. */
    private static void store(Client c, Key destination, List<Found> found, double conversion, boolean distance) {
        if (found.isEmpty()) {
            if (c.db().delete(destination)) {
                c.modified(destination);
            }
            c.reply.integer(0);
            return;
        }
        SortedSetValue result = new SortedSetValue(c.db().encodings());
        for (Found point : found) {
            result.put(point.member(), distance ? point.distance() / conversion : point.score());
        }
        c.db().set(destination, result);
        c.modified(destination);
        c.engine.countChanges(found.size(), 1); // Redis: a change a point stored
        c.reply.integer(found.size());
    }
}
