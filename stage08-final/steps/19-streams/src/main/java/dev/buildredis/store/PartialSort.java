package dev.buildredis.store;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Redis 7.0's {@code pqsort}: a quicksort (Bentley and McIlroy's, from NetBSD's libc) that only sorts the parts of the
 * array that overlap the range of positions asked for. GEOSEARCH with COUNT uses it to put the nearest COUNT
 * points first without sorting all of them, and SORT ... BY ... LIMIT the elements of the page asked for.
 *
 * <p>Followed step by step because it is not stable: elements that compare equal (points at the same distance)
 * come out in the order this algorithm leaves them, and a client sees that order. A stable sort would answer the
 * same elements, in another order.
 * (Later Redis versions switch to an insertion sort when a partition swapped nothing; 7.0 does not.)
 */
public final class PartialSort {

    private PartialSort() {
    }

    /** Sorts {@code list} enough that positions {@code from} to {@code to} (inclusive) hold what a full sort puts there. */
    public static <T> void sort(List<T> list, Comparator<? super T> cmp, int from, int to) {
        sort(list, 0, list.size(), cmp, from, to);
    }

    private static <T> int med3(List<T> v, int a, int b, int c, Comparator<? super T> cmp) {
        return cmp.compare(v.get(a), v.get(b)) < 0
                ? (cmp.compare(v.get(b), v.get(c)) < 0 ? b : (cmp.compare(v.get(a), v.get(c)) < 0 ? c : a))
                : (cmp.compare(v.get(b), v.get(c)) > 0 ? b : (cmp.compare(v.get(a), v.get(c)) < 0 ? a : c));
    }

    private static <T> void vecswap(List<T> v, int a, int b, int n) {
        for (int i = 0; i < n; i++) {
            Collections.swap(v, a + i, b + i);
        }
    }

    private static <T> void insertionSort(List<T> v, int a, int n, Comparator<? super T> cmp) {
        for (int m = a + 1; m < a + n; m++) {
            for (int l = m; l > a && cmp.compare(v.get(l - 1), v.get(l)) > 0; l--) {
                Collections.swap(v, l, l - 1);
            }
        }
    }

    /** Whether the elements {@code [start, start + n)} hold none of the positions asked for. */
    private static boolean outside(int start, int n, int from, int to) {
        return (from < start && to < start) || (from >= start + n && to >= start + n);
    }

    private static <T> void sort(List<T> v, int a, int n, Comparator<? super T> cmp, int from, int to) {
        while (true) {
            if (n < 7) {
                insertionSort(v, a, n, cmp);
                return;
            }
            int pm = a + n / 2;
            if (n > 7) {
                int pl = a;
                int pn = a + n - 1;
                if (n > 40) {
                    int d = n / 8;
                    pl = med3(v, pl, pl + d, pl + 2 * d, cmp);
                    pm = med3(v, pm - d, pm, pm + d, cmp);
                    pn = med3(v, pn - 2 * d, pn - d, pn, cmp);
                }
                pm = med3(v, pl, pm, pn, cmp);
            }
            Collections.swap(v, a, pm);
            int pa = a + 1, pb = a + 1;
            int pc = a + n - 1, pd = a + n - 1;
            while (true) {
                int result;
                while (pb <= pc && (result = cmp.compare(v.get(pb), v.get(a))) <= 0) {
                    if (result == 0) {
                        Collections.swap(v, pa, pb);
                        pa++;
                    }
                    pb++;
                }
                while (pb <= pc && (result = cmp.compare(v.get(pc), v.get(a))) >= 0) {
                    if (result == 0) {
                        Collections.swap(v, pc, pd);
                        pd--;
                    }
                    pc--;
                }
                if (pb > pc) {
                    break;
                }
                Collections.swap(v, pb, pc);
                pb++;
                pc--;
            }
            int pn = a + n;
            int r = Math.min(pa - a, pb - pa);
            vecswap(v, a, pb - r, r);
            r = Math.min(pd - pc, pn - pd - 1);
            vecswap(v, pb, pn - r, r);
            if ((r = pb - pa) > 1 && !outside(a, r, from, to)) {
                sort(v, a, r, cmp, from, to);
            }
            if ((r = pd - pc) > 1) {
                a = pn - r;
                n = r;
                if (!outside(a, n, from, to)) {
                    continue;
                }
            }
            return;
        }
    }
}
