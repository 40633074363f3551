package dev.buildredis.engine;

import dev.buildredis.server.Server;
import dev.buildredis.protocol.ProtocolException;
import dev.buildredis.protocol.Reply;
import dev.buildredis.protocol.RespReader;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The GET/SET path without the network, one piece at a time, so that {@code -prof gc} can say which piece allocates
 * how many bytes per command: parsing a SET, encoding a 10-byte bulk reply, and a whole SET or GET through the
 * engine (dispatch, key lookup, store, reply, sent to a channel that takes everything), and what one read of a
 * {@code redis-benchmark -P 16} client costs: 16 pipelined SETs or GETs parsed, run and answered with one write
 * (time per batch of 16).
 *
 * <pre>
 * mvn -Pjmh -pl stage08-final -am package -DskipTests -Dreal-redis.skip
 * java -jar stage08-final/target/benchmarks.jar HotPathBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HotPathBenchmark {

    private static final int KEYS = 100_000;

    private final byte[] setRequest = ascii("*3\r\n$3\r\nSET\r\n$16\r\nkey:000000000001\r\n$10\r\nvalue12345\r\n");
    private final byte[] value = ascii("value12345");
    private final RespReader reader = new RespReader();
    private final Reply reply = new Reply();
    private final WritableByteChannel sink = new Sink();
    private Engine engine;
    private Client client;
    private List<byte[]>[] sets;
    private List<byte[]>[] gets;
    private int next;
    private byte[][] setBatches;
    private byte[][] getBatches;
    private final RespReader pipelineReader = new RespReader();

    /** Commands a batch: redis-benchmark's -P 16. */
    private static final int PIPELINE = 16;
    private static final int BATCHES = 1024;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
        engine = Server.assemble(InstantSource.system(), "127.0.0.1", 0);
        client = engine.connect();
        sets = new List[KEYS];
        gets = new List[KEYS];
        for (int i = 0; i < KEYS; i++) {
            byte[] key = ascii("key:%012d".formatted(i));
            sets[i] = List.of(ascii("SET"), key, value);
            gets[i] = List.of(ascii("GET"), key);
            engine.execute(client, sets[i]);
        }
        drain();
        setBatches = new byte[BATCHES][];
        getBatches = new byte[BATCHES][];
        for (int b = 0; b < BATCHES; b++) {
            StringBuilder sets = new StringBuilder();
            StringBuilder gets = new StringBuilder();
            for (int i = 0; i < PIPELINE; i++) {
                String key = "key:%012d".formatted((b * PIPELINE + i) % KEYS);
                sets.append("*3\r\n$3\r\nSET\r\n$16\r\n").append(key).append("\r\n$10\r\nvalue12345\r\n");
                gets.append("*2\r\n$3\r\nGET\r\n$16\r\n").append(key).append("\r\n");
            }
            setBatches[b] = ascii(sets.toString());
            getBatches[b] = ascii(gets.toString());
        }
    }

    @Benchmark
    public List<byte[]> parseSet() throws ProtocolException {
        reader.feed(setRequest, 0, setRequest.length);
        return reader.next();
    }

    @Benchmark
    public int encodeBulk() throws Exception {
        reply.bulk(value);
        reply.writeTo(sink);
        return reply.pending();
    }

    @Benchmark
    public int executeGet() throws Exception {
        engine.execute(client, gets[next++ % KEYS]);
        return drain();
    }

    @Benchmark
    public int executeSet() throws Exception {
        engine.execute(client, sets[next++ % KEYS]);
        return drain();
    }

    @Benchmark
    public int pipelinedSets() throws Exception {
        return pipelined(setBatches[next++ % BATCHES]);
    }

    @Benchmark
    public int pipelinedGets() throws Exception {
        return pipelined(getBatches[next++ % BATCHES]);
    }

    /** What the event loop does with one read holding a batch: every command run, then one write. */
    private int pipelined(byte[] batch) throws ProtocolException {
        pipelineReader.feed(batch, 0, batch.length);
        List<byte[]> command;
        while ((command = pipelineReader.next()) != null) {
            engine.execute(client, command);
        }
        return drain();
    }

    /** What the event loop does after a command: take the clients with replies and send them. */
    private int drain() {
        try {
            for (Client c : engine.takePendingWrites()) {
                c.reply.writeTo(sink);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return client.reply.pending();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A socket that takes every byte at once. */
    private static final class Sink implements WritableByteChannel {
        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            src.position(src.limit());
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
