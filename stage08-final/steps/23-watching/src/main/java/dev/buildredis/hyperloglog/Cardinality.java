package dev.buildredis.hyperloglog;

/**
 * The cardinality from the registers, as Redis 7.0 computes it: Otmar Ertl's improved estimator ("New cardinality
 * estimation algorithms for HyperLogLog sketches", 2017), which needs only how many registers hold each value and is
 * good from 0 to billions without the switch between linear counting and the raw estimate of the original paper.
 * The same double operations in the same order as Redis's {@code hllCount}, so PFCOUNT gives the same number.
 */
final class Cardinality {

    /** 0.5 / ln 2, the limit of the original paper's alpha as the number of registers grows. */
    private static final double ALPHA_INF = 0.721347520444481703680;

    private Cardinality() {
    }

    // tag::estimate[]
    /** The estimate from {@code histogram}: how many of the 16384 registers hold each value from 0 to 63. */
    static long estimate(int[] histogram) {
        double m = HyperLogLog.REGISTERS;
        double z = m * tau((m - histogram[HyperLogLog.Q + 1]) / m);
        for (int j = HyperLogLog.Q; j >= 1; --j) {
            z += histogram[j];
            z *= 0.5;
        }
        z += m * sigma(histogram[0] / m);
        return Math.round(ALPHA_INF * m * m / z); // llroundl: half away from zero, and z > 0 here
    }
    // end::estimate[]

    /** The estimate of a merge: {@code max} holds the 16384 registers one to a byte (PFCOUNT of several keys). */
    static long estimate(byte[] max) {
        int[] histogram = new int[64];
        for (byte register : max) {
            histogram[register]++;
        }
        return estimate(histogram);
    }

    /** Ertl's sigma: the correction for registers still at 0. */
    static double sigma(double x) {
        if (x == 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        double zPrime;
        double y = 1;
        double z = x;
        do {
            x *= x;
            zPrime = z;
            z += x * y;
            y += y;
        } while (zPrime != z);
        return z;
    }

    /** Ertl's tau: the correction for registers at the largest value a 50-bit run allows. */
    static double tau(double x) {
        if (x == 0.0 || x == 1.0) {
            return 0.0;
        }
        double zPrime;
        double y = 1.0;
        double z = 1 - x;
        do {
            x = Math.sqrt(x);
            zPrime = z;
            y *= 0.5;
            z -= (1 - x) * (1 - x) * y; // pow(1 - x, 2) in C: the square, rounded once
        } while (zPrime != z);
        return z / 3;
    }
}
