// @step 25
package dev.buildredis.differential;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cuts a failing sequence down to the fewest calls that still fail alike (the same command, from the same
 * client, differs), so that a report is a handful of commands rather than a thousand: first everything after the
 * call that differs, then chunks of the rest, halving the chunk size down to single calls (delta debugging's
 * greedy form), again and again until no single call can go.
 */
final class Shrinker {

    private final Runner runner;
    private final Duration budget;

    Shrinker(Runner runner, Duration budget) {
        this.runner = runner;
        this.budget = budget;
    }

    // tag::shrink[]
    /** The shortest failing sequence found within the budget; the original one if it no longer fails. */
    Difference shrink(Difference original) {
        Instant deadline = Instant.now().plus(budget);
        Difference best = failsAlike(original.prefix(), original).orElse(null);
        if (best == null) {
            return original; // does not fail again: the report says so
        }
        for (int chunk = Math.max(1, best.prefix().size() / 2); Instant.now().isBefore(deadline); ) {
            boolean removedAny = false;
            for (int start = 0; start < best.prefix().size() - 1 && Instant.now().isBefore(deadline); ) {
                List<Call> candidate = new ArrayList<>(best.prefix());
                int end = Math.min(start + chunk, candidate.size() - 1); // the failing call itself stays
                candidate.subList(start, end).clear();
                Optional<Difference> smaller = failsAlike(candidate, original);
                if (smaller.isPresent()) {
                    best = smaller.get();
                    removedAny = true;
                } else {
                    start += chunk;
                }
            }
            if (chunk == 1 && !removedAny) {
                break;
            }
            chunk = Math.max(1, chunk / 2);
        }
        return best;
    }
    // end::shrink[]

    /** Whether the sequence still fails the way the original did, and where. */
    boolean reproduces(Difference original) {
        return failsAlike(original.prefix(), original).isPresent();
    }

    private Optional<Difference> failsAlike(List<Call> calls, Difference original) {
        return runner.run(List.copyOf(calls)).filter(d -> d.call().name().equals(original.call().name())
                && d.call().other() == original.call().other()).map(d -> new Difference(d.prefix(), d.index(),
                d.problem()));
    }
}
