package dev.buildredis.engine;

import dev.buildredis.server.Server;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A hash-flooding attack against the keyspace: SET of 32,768 keys made of 15 blocks "Aa" or "BB", which all have
 * the same {@code Arrays.hashCode}, beside 32,768 random keys of the same length. With a hash anyone can compute,
 * the colliding keys share one bucket and each SET walks the whole chain (quadratic); with the server's keyed
 * SipHash they spread like random keys. One shot per fresh engine; the keys of the colliding set also make a hash
 * with 32,768 fields (HSET), whose table is Java's {@code HashMap}.
 *
 * <pre>
 * mvn -Pjmh -pl stage08-final -am package -DskipTests -Dreal-redis.skip
 * java -jar stage08-final/target/benchmarks.jar HashFloodBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 3, jvmArgs = {"-XX:+UseZGC", "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-XX:+UseCompactObjectHeaders"})
public class HashFloodBenchmark {

    private static final int KEYS = 32_768;
    private static final int BLOCKS = 15;

    @Param({"colliding", "random"})
    public String keys;

    private List<byte[]> names;
    private Engine engine;
    private Client client;

    @Setup(Level.Trial)
    public void keys() {
        names = new ArrayList<>(KEYS);
        SplittableRandom random = new SplittableRandom(42);
        for (int n = 0; n < KEYS; n++) {
            StringBuilder key = new StringBuilder();
            for (int block = 0; block < BLOCKS; block++) {
                if (keys.equals("colliding")) {
                    key.append((n >> block & 1) == 0 ? "Aa" : "BB");
                } else {
                    key.append((char) ('A' + random.nextInt(26))).append((char) ('a' + random.nextInt(26)));
                }
            }
            names.add(key.toString().getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Setup(Level.Invocation)
    public void freshEngine() {
        engine = Server.assemble(InstantSource.system(), "127.0.0.1", 0);
        client = engine.connect();
    }

    @Benchmark
    public Engine setEveryKey() {
        byte[] set = {'S', 'E', 'T'};
        byte[] value = {'v'};
        for (byte[] name : names) {
            engine.execute(client, List.of(set, name, value));
            client.reply.discard();
        }
        return engine;
    }

    @Benchmark
    public Engine hsetEveryField() {
        byte[] hset = {'H', 'S', 'E', 'T'};
        byte[] hash = {'h'};
        byte[] value = {'v'};
        for (byte[] name : names) {
            engine.execute(client, List.of(hset, hash, name, value));
            client.reply.discard();
        }
        return engine;
    }
}
