package dev.buildredis.store;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What the one insertion that makes a full table of 2,097,152 keys double costs the client who sends it: with the
 * resize done in one step, every key moves before the reply; with the incremental rehash, only the new bucket
 * array is allocated (and zeroed) then, and the keys move a bucket at a time afterwards. One shot per fresh table,
 * in the launcher's JVM (ZGC, fixed and touched heap, compact headers).
 *
 * <pre>
 * mvn -Pjmh -pl stage08-final -am package -DskipTests -Dreal-redis.skip
 * java -jar stage08-final/target/benchmarks.jar DictResizeBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgs = {"-XX:+UseZGC", "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-XX:+UseCompactObjectHeaders"})
public class DictResizeBenchmark {

    private static final int KEYS = 1 << 21;

    /** The smallest node: a key. */
    private static final class Entry extends Dict.Node {
        Entry(Key key) {
            super(key, Dict.hash(key));
        }
    }

    private Dict<Entry> dict;
    private Entry last;

    @Setup(Level.Invocation)
    public void fullTable() {
        dict = new Dict<>();
        for (int i = 0; i < KEYS; i++) {
            dict.add(new Entry(key(i)));
        }
        dict.rehash(Integer.MAX_VALUE); // the resizes on the way are over: the table has as many buckets as keys
        last = new Entry(key(KEYS));
    }

    private static Key key(int i) {
        byte[] bytes = "key:000000000000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (int at = bytes.length - 1; i > 0; at--, i /= 10) {
            bytes[at] = (byte) ('0' + i % 10);
        }
        return new Key(bytes);
    }

    @Benchmark
    public Dict<Entry> insertionThatDoublesTheTable() {
        dict.add(last);
        return dict;
    }
}
