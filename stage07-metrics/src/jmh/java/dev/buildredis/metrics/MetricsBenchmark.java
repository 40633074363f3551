package dev.buildredis.metrics;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * What recording one command's metrics costs, without the network or the store: a GET's call with its run time
 * and its keyspace hit, into each {@link Metrics} implementation. {@code bench/jmh.sh} runs it at 1, 2, 4 and 8
 * threads; every thread records into the same metrics, as every client does in the server. On a machine with fewer
 * cores than threads, the threads beyond the cores show what a lock costs when its holder is descheduled.
 *
 * <p>The run time recorded is drawn from 0.5 to 20 µs so that the histogram's buckets vary as they do in a server.
 * Three forks of five two-second iterations: the error margins must come out smaller than the differences between
 * the implementations, or the run says nothing about them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class MetricsBenchmark {

    @Param({"off", "global-lock", "striped", "per-thread"})
    public String metrics;

    private Metrics target;

    @Setup
    public void setUp() {
        target = Metrics.create(MetricsKind.valueOf(metrics.toUpperCase(Locale.ROOT).replace('-', '_')));
    }

    // tag::record[]
    @Benchmark
    public void recordOneGet() {
        long nanos = ThreadLocalRandom.current().nextLong(500, 20_000);
        target.recordCall("get", nanos, false);
        target.record(Event.KEYSPACE_HIT);
    }
    // end::record[]
}
