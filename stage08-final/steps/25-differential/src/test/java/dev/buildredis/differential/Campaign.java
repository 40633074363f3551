package dev.buildredis.differential;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs sequences of generated calls against both servers until enough calls (or enough time) have passed, and
 * reports each difference with its seed and its shortest reproduction. Sequence {@code n} of a campaign with seed
 * {@code s} has seed {@code s + n}: {@code -Ddifferential.seed=s+n} runs it first.
 *
 * @param seed           the first sequence's seed
 * @param calls          stop after this many calls (the runner's look-ups not counted)
 * @param duration       or after this long, if not zero
 * @param sequenceLength calls a sequence draws (its set-up calls come on top)
 * @param keepGoing      report every kind of difference (by command) rather than stop at the first
 */
public record Campaign(long seed, long calls, Duration duration, int sequenceLength, boolean keepGoing) {

    /** How long one difference may take to shrink. */
    private static final Duration SHRINK_BUDGET = Duration.ofSeconds(60);

    /** What a campaign did: how much it sent, how fast, and each kind of difference it found, shrunk. */
    public record Result(long calls, int sequences, Duration elapsed, List<String> differences) {

        public double callsPerSecond() {
            return calls / Math.max(0.001, elapsed.toNanos() / 1e9);
        }

        public String summary() {
            return String.format("%,d commands in %,d sequences in %.1f s: %,.0f commands/s; %d difference(s)",
                    calls, sequences, elapsed.toNanos() / 1e9, callsPerSecond(), differences.size());
        }
    }

    /** Runs the campaign against redis-server and this server, printing each difference as it is found. */
    public Result run(InetSocketAddress redisServer, InetSocketAddress thisServer, PrintStream log) {
        try (Runner runner = new Runner(redisServer, thisServer)) {
            return run(runner, log);
        }
    }

    private Result run(Runner runner, PrintStream log) {
        Instant start = Instant.now();
        Instant end = duration.isZero() ? Instant.MAX : start.plus(duration);
        Map<String, String> differences = new LinkedHashMap<>();
        long sent = 0;
        int sequences = 0;
        Duration shrinking = Duration.ZERO;
        while ((duration.isZero() ? sent < calls : Instant.now().isBefore(end))) {
            long sequenceSeed = seed + sequences;
            List<Call> sequence = new Generator(sequenceSeed).sequence(sequenceLength);
            long before = runner.calls();
            Optional<Difference> difference = runner.run(sequence);
            sent += runner.calls() - before;
            sequences++;
            if (difference.isEmpty()) {
                continue;
            }
            String kind = kind(difference.get());
            if (differences.containsKey(kind)) {
                continue;
            }
            Instant shrinkStart = Instant.now();
            String report = report(runner, sequenceSeed, difference.get());
            shrinking = shrinking.plus(Duration.between(shrinkStart, Instant.now()));
            log.println(report);
            differences.put(kind, report);
            if (!keepGoing) {
                break;
            }
        }
        // Shrinking re-runs sequences: its time and calls are not the campaign's own.
        Duration elapsed = Duration.between(start, Instant.now()).minus(shrinking);
        return new Result(sent, sequences, elapsed, new ArrayList<>(differences.values()));
    }

    /** Differences of one kind are reported once: by command, or all unknown commands together. */
    private static String kind(Difference difference) {
        if (difference.problem().startsWith("redis-server: \"-ERR unknown command")) {
            return "unknown command";
        }
        return difference.call().name() + (difference.call().other() ? " (other)" : "");
    }

    private static String report(Runner runner, long sequenceSeed, Difference difference) {
        Shrinker shrinker = new Shrinker(runner, SHRINK_BUDGET);
        Difference shortest = shrinker.shrink(difference);
        String header = "Difference in sequence seed " + sequenceSeed + " (-Ddifferential.seed=" + sequenceSeed
                + "), at call " + (difference.index() + 1) + ": " + difference.call();
        if (shortest == difference && !shrinker.reproduces(difference)) {
            return header + "\n  It did not happen again on a second run (timing?). The sequence:\n"
                    + difference.describe();
        }
        return header + "\n  The shortest sequence that reproduces it (" + shortest.prefix().size() + " calls):\n"
                + shortest.describe();
    }
}
