package dev.buildredis.admin;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.LatencyMonitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * LATENCY: what the latency monitor ({@link LatencyMonitor}) recorded, and every command's latency histogram.
 * <pre>
 * LATENCY LATEST              *n of *4 [event, Unix time of its latest sample, its ms, all-time worst ms]
 * LATENCY HISTORY event       *n of *2 [Unix time, ms], oldest first
 * LATENCY RESET [event ...]   :&lt;events reset&gt;
 * LATENCY GRAPH event         an ASCII graph of the samples, as Redis draws it
 * LATENCY DOCTOR              a report in words, with advice
 * LATENCY HISTOGRAM [cmd ...] %n of name → %2 calls :n histogram_usec %[µs → calls up to it]
 * </pre>
 */
public final class LatencyCommands {

    /** Redis's LATENCY_GRAPH_COLS: the graph's width. */
    private static final int GRAPH_COLUMNS = 80;

    private LatencyCommands() {
    }

    public static List<Command> all() {
        String flags = "admin noscript loading stale";
        return List.of(Command.container("latency", -2, List.of(
                Command.of("latency|latest", 2, flags, 0, 0, 0, LatencyCommands::latest),
                Command.of("latency|history", 3, flags, 0, 0, 0, LatencyCommands::history),
                Command.of("latency|reset", -2, flags, 0, 0, 0, (c, a) -> {
                    List<String> names = new ArrayList<>();
                    a.subList(2, a.size()).forEach(n -> names.add(Args.text(n)));
                    c.reply.integer(c.engine.latency.reset(names));
                }),
                Command.of("latency|graph", 3, flags, 0, 0, 0, LatencyCommands::graph),
                Command.of("latency|doctor", 2, flags, 0, 0, 0, (c, a) -> c.reply.verbatim(doctor(c))),
                Command.of("latency|histogram", -2, flags, 0, 0, 0, LatencyCommands::histogram),
                Command.of("latency|help", 2, "loading stale", 0, 0, 0, (c, a) -> Command.help(c, "LATENCY",
                        "DOCTOR",
                        "    Return a human readable latency analysis report.",
                        "GRAPH <event>",
                        "    Return an ASCII latency graph for the <event> class.",
                        "HISTORY <event>",
                        "    Return time-latency samples for the <event> class.",
                        "LATEST",
                        "    Return the latest latency samples for all events.",
                        "RESET [<event> ...]",
                        "    Reset latency data of one or more <event> classes.",
                        "    (default: reset all data for all event classes)",
                        "HISTOGRAM [COMMAND ...]",
                        "    Return a cumulative distribution of latencies in the format of a histogram for the "
                                + "specified command names.",
                        "    If no commands are specified then all histograms are replied.")))));
    }

    private static void latest(Client c, List<byte[]> a) {
        List<String> events = c.engine.latency.events();
        c.reply.arrayHeader(events.size());
        for (String event : events) {
            long[] latest = c.engine.latency.latest(event);
            c.reply.arrayHeader(4);
            c.reply.bulk(event);
            c.reply.integer(latest[0]);
            c.reply.integer(latest[1]);
            c.reply.integer(latest[2]);
        }
    }

    private static void history(Client c, List<byte[]> a) {
        List<long[]> samples = c.engine.latency.samples(Args.text(a.get(2)));
        c.reply.arrayHeader(samples.size());
        for (long[] sample : samples) {
            c.reply.arrayHeader(2);
            c.reply.integer(sample[0]);
            c.reply.integer(sample[1]);
        }
    }

    // tag::histogram[]
    /** Every command that ran (all of them, or those named, a container's subcommands with it), by its name. */
    private static void histogram(Client c, List<byte[]> a) {
        List<Command> found = new ArrayList<>();
        if (a.size() == 2) {
            for (Command command : c.engine.commands().all()) {
                found.add(command);
                found.addAll(command.subcommands().values());
            }
        } else {
            for (int i = 2; i < a.size(); i++) {
                Command command = CommandCommand.find(c, Args.text(a.get(i)).toLowerCase(Locale.ROOT));
                if (command != null) {
                    found.add(command);
                    found.addAll(command.subcommands().values());
                }
            }
        }
        found.removeIf(command -> command.stats().calls() == 0);
        c.reply.mapHeader(found.size());
        for (Command command : found) {
            c.reply.bulk(command.name());
            c.reply.mapHeader(2);
            c.reply.bulk("calls");
            c.reply.integer(command.stats().calls());
            c.reply.bulk("histogram_usec");
            List<long[]> buckets = command.stats().histogram();
            c.reply.mapHeader(buckets.size());
            for (long[] bucket : buckets) {
                c.reply.integer(bucket[0]);
                c.reply.integer(bucket[1]);
            }
        }
    }
    // end::histogram[]

    // tag::graph[]
    /** Redis's latencyCommandGenSparkeline: a header, a rule, then the samples as a sparkline with age labels. */
    private static void graph(Client c, List<byte[]> a) {
        String event = Args.text(a.get(2));
        long[] latest = c.engine.latency.latest(event);
        if (latest == null) {
            throw new CommandError("ERR No samples available for event '" + event + "'");
        }
        List<long[]> samples = c.engine.latency.samples(event);
        long now = System.currentTimeMillis() / 1000;
        long min = Long.MAX_VALUE, max = 0;
        List<String> labels = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        for (long[] sample : samples) {
            min = Math.min(min, sample[1]);
            max = Math.max(max, sample[1]);
            long elapsed = now - sample[0];
            labels.add(elapsed < 60 ? elapsed + "s" : elapsed < 3600 ? elapsed / 60 + "m"
                    : elapsed < 86400 ? elapsed / 3600 + "h" : elapsed / 86400 + "d");
            values.add(sample[1]);
        }
        StringBuilder graph = new StringBuilder(event + " - high " + max + " ms, low " + min
                + " ms (all time high " + latest[2] + " ms)\n");
        graph.append("-".repeat(GRAPH_COLUMNS)).append('\n');
        for (int j = 0; j < values.size(); j += GRAPH_COLUMNS) {
            if (j != 0) {
                graph.append('\n');
            }
            sparkline(graph, values, labels, min, max, j, Math.min(GRAPH_COLUMNS, values.size() - j));
        }
        c.reply.verbatim(graph.toString());
    }

    /** Redis's sparklineRenderRange with 4 rows, filled: "_o#" a row, '|' below the top, then the labels. */
    private static void sparkline(StringBuilder out, List<Long> values, List<String> labels, long min, long max,
                                  int offset, int length) {
        final String chars = "_o#";
        final int rows = 4;
        double range = max - min == 0 ? 1 : max - min;
        int steps = chars.length() * rows;
        for (int row = 0; ; row++) {
            boolean any = false;
            char[] line = new char[length];
            java.util.Arrays.fill(line, ' ');
            for (int j = 0; j < length; j++) {
                double relative = values.get(j + offset) - min;
                int step = (int) (relative * steps / range);
                step = Math.max(0, Math.min(step, steps - 1));
                if (row < rows) {
                    any = true;
                    int index = step - (rows - row - 1) * chars.length();
                    if (index >= 0 && index < chars.length()) {
                        line[j] = chars.charAt(index);
                    } else if (index >= chars.length()) {
                        line[j] = '|';
                    }
                } else {
                    if (row - rows < 1) { // a blank line between the graph and the labels
                        any = true;
                        break;
                    }
                    String label = labels.get(j + offset);
                    int at = row - rows - 1;
                    if (label.length() > at) {
                        any = true;
                        line[j] = label.charAt(at);
                    }
                }
            }
            if (!any) {
                return;
            }
            out.append(line).append('\n');
        }
    }
    // end::graph[]

    // tag::doctor[]
    /** Redis's createLatencyReport, with the advice that applies to the events this server records. */
    private static String doctor(Client c) {
        LatencyMonitor latency = c.engine.latency;
        List<String> events = latency.events();
        if (events.isEmpty() && !latency.enabled()) {
            return "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may "
                    + "use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. If we "
                    + "weren't in a deep space mission I'd suggest to take a look at "
                    + "https://redis.io/topics/latency-monitor.\n";
        }
        long threshold = c.engine.settings().number("latency-monitor-threshold");
        long slowlog = c.engine.settings().number("slowlog-log-slower-than");
        StringBuilder report = new StringBuilder();
        boolean slowlogEnable = false, slowlogTuning = false, slowlogInspect = false, scheduler = false;
        boolean hz = false, largeObjects = false, massEviction = false;
        int advices = 0;
        long now = System.currentTimeMillis() / 1000;
        int number = 0;
        for (String event : events) {
            List<long[]> samples = latency.samples(event);
            if (++number == 1) {
                report.append("Dave, I have observed latency spikes in this Redis instance. You don't mind talking "
                        + "about it, do you Dave?\n\n");
            }
            long sum = 0, oldest = 0;
            for (long[] s : samples) {
                sum += s[1];
                oldest = oldest == 0 ? s[0] : Math.min(oldest, s[0]);
            }
            long avg = samples.isEmpty() ? 0 : sum / samples.size();
            long deviation = 0;
            for (long[] s : samples) {
                deviation += Math.abs(avg - s[1]);
            }
            long mad = samples.isEmpty() ? 0 : deviation / samples.size();
            long period = samples.isEmpty() ? 0 : Math.max(1, now - oldest);
            report.append(String.format(Locale.ROOT, "%d. %s: %d latency spikes (average %dms, mean deviation %dms, "
                    + "period %.2f sec). Worst all time event %dms.", number, event, samples.size(), avg, mad,
                    samples.isEmpty() ? Double.NaN : (double) period / samples.size(), latency.latest(event)[2]));
            switch (event) {
                case "command" -> {
                    if (slowlog < 0) {
                        slowlogEnable = true;
                        advices++;
                    } else if (slowlog / 1000 > threshold) {
                        slowlogTuning = true;
                        advices++;
                    }
                    slowlogInspect = true;
                    largeObjects = true;
                    advices += 2;
                }
                case "fast-command" -> {
                    scheduler = true;
                    advices++;
                }
                case "expire-cycle" -> {
                    hz = true;
                    largeObjects = true;
                    advices += 2;
                }
                case "eviction-cycle" -> {
                    massEviction = true;
                    advices++;
                }
                default -> { }
            }
            report.append('\n');
        }
        if (number == 0 && advices == 0) {
            return "Dave, no latency spike was observed during the lifetime of this Redis instance, not in the "
                    + "slightest bit. I honestly think you ought to sit down calmly, take a stress pill, and think "
                    + "things over.\n";
        }
        if (advices == 0) {
            return report + "\nWhile there are latency events logged, I'm not able to suggest any easy fix. Please "
                    + "use the Redis community to get some help, providing this report in your help request.\n";
        }
        report.append("\nI have a few advices for you:\n\n");
        if (slowlogEnable) {
            report.append("- There are latency issues with potentially slow commands you are using. Try to enable "
                    + "the Slow Log Redis feature using the command 'CONFIG SET slowlog-log-slower-than "
                    + threshold * 1000 + "'. If the Slow log is disabled Redis is not able to log slow commands "
                    + "execution for you.\n");
        }
        if (slowlogTuning) {
            report.append("- Your current Slow Log configuration only logs events that are slower than your "
                    + "configured latency monitor threshold. Please use 'CONFIG SET slowlog-log-slower-than "
                    + threshold * 1000 + "'.\n");
        }
        if (slowlogInspect) {
            report.append("- Check your Slow Log to understand what are the commands you are running which are too "
                    + "slow to execute. Please check https://redis.io/commands/slowlog for more information.\n");
        }
        if (scheduler) {
            report.append("- The system is slow to execute Redis code paths not containing system calls. This "
                    + "usually means the system does not provide Redis CPU time to run for long periods. You should "
                    + "try to:\n  1) Lower the system load.\n  2) Use a computer / VM just for Redis if you are "
                    + "running other software in the same system.\n  3) Check if you have a \"noisy neighbour\" "
                    + "problem.\n  4) Check with 'redis-cli --intrinsic-latency 100' what is the intrinsic latency "
                    + "in your system.\n  5) Check if the problem is allocator-related by recompiling Redis with "
                    + "MALLOC=libc, if you are using Jemalloc. However this may create fragmentation problems.\n");
        }
        if (hz && c.engine.settings().number("hz") < 100) {
            report.append("- In order to make the Redis keys expiring process more incremental, try to set the 'hz' "
                    + "configuration parameter to 100 using 'CONFIG SET hz 100'.\n");
        }
        if (largeObjects) {
            report.append("- Deleting, expiring or evicting (because of maxmemory policy) large objects is a "
                    + "blocking operation. If you have very large objects that are often deleted, expired, or "
                    + "evicted, try to fragment those objects into multiple smaller objects.\n");
        }
        if (massEviction) {
            report.append("- Sudden changes to the 'maxmemory' setting via 'CONFIG SET', or allocation of large "
                    + "objects via sets or sorted sets intersections, STORE option of SORT, Redis Cluster large "
                    + "keys migrations (RESTORE command), may create sudden memory pressure forcing the server to "
                    + "block trying to evict keys. \n");
        }
        return report.toString();
    }
    // end::doctor[]
}
