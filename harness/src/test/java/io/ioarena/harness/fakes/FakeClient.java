package io.ioarena.harness.fakes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * A stand-in load client: {@code FakeClient <mode> <pid-dir> run <the load client's flags...>}. Records its pid
 * and each run in {@code <pid-dir>}, sleeps for the requested duration, then per {@code mode}: {@code ok} writes a
 * canned summary.json (the requested rate achieved; p99 = 100 µs × the repetition's position in the label, so
 * repetitions differ; likewise the client's own busy share, 0.1 × it, longest hiccup, 1 ms × it, and GC pauses,
 * one fewer) and stub .hlog/.hgrm files; {@code fail} exits 1; {@code hang} never ends.
 */
public final class FakeClient
{
    private FakeClient()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final String mode = args[0];
        final Path pids = Path.of(args[1]);
        final List<String> flags = List.of(args).subList(2, args.length);
        final long pid = ProcessHandle.current().pid();
        // a trial's warm-up chunk runs the client too, labelled warmup-<n>
        final boolean warmup = value(flags, "--label", "x").startsWith("warmup-");
        Files.writeString(pids.resolve((warmup ? "warmup-" : "client-") + pid), "");
        Files.writeString(pids.resolve("runs.log"), String.join(" ", flags) + "\n",
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        final long millis = Long.parseLong(value(flags, "--duration", "1000ms").replace("ms", ""));
        if (mode.equals("hang"))
        {
            Thread.sleep(600_000);
        }
        Thread.sleep(millis);
        if (mode.equals("fail"))
        {
            System.out.println("fake client: could not connect");
            System.exit(1);
        }
        final Path out = Path.of(value(flags, "--output-dir", "."));
        final String label = value(flags, "--label", "x");
        // a point's label ends in _rep<n>; a trial's warm-up chunk (warmup-<n>) counts as the first repetition
        final int rep = label.contains("_rep") ? Integer.parseInt(label.substring(label.lastIndexOf("_rep") + 4)) : 1;
        final double rate = Double.parseDouble(value(flags, "--rate", "50000"));
        final long now = System.currentTimeMillis();
        final String summary = String.format(Locale.ROOT, """
            {"tool":"fake-client","version":"0","config":{},"mode":"%s","workload":"%s","framing":"%s",
             "startEpochMs":%d,"endEpochMs":%d,"measuredSeconds":%.3f,"requestedRate":%.1f,"achievedRate":%.1f,
             "sent":%d,"received":%d,"connections":{"requested":16,"established":16,"failed":0},
             "errors":{"corrupted":0,"reordered":0,"lost":0,"duplicated":0,"unexpected":0,"disconnects":0},
             "chat":null,
             "histograms":{"latency":{"count":100,"min":1000,"mean":50000,"p50":40000,"p90":80000,"p99":%d,
               "p999":200000,"p9999":300000,"max":400000},
               "sendlag":{"count":100,"min":0,"mean":1000,"p50":1000,"p90":2000,"p99":3000,"p999":4000,"p9999":5000,
               "max":6000}},
             "generator":{"threadBusy":%.2f,"cpuIdle":0.5,"cpuAvailable":0.75,"cpus":"0","hiccupMaxNanos":%d,
               "gcPauses":%d,"gcPauseNanos":0},
             "timer":{"selectLatenessP50Nanos":60000,"selectLatenessMaxNanos":90000,"postSpinLatenessNanos":0,
               "pollNanos":3000,"warning":null},
             "flags":[],"valid":true}
            """, value(flags, "--mode", "open"), value(flags, "--workload", "echo"), value(flags, "--framing", "line"),
            now - millis, now, millis / 1000.0, rate, rate, (long) (rate * millis / 1000), (long) (rate * millis / 1000),
            100_000L * rep, 0.1 * rep, 1_000_000L * rep, rep - 1);
        Files.writeString(out.resolve("latency.hlog"), "#[fake interval log]\n");
        Files.writeString(out.resolve("latency.hgrm"), "       Value     Percentile TotalCount 1/(1-Percentile)\n");
        final Path tmp = out.resolve(".summary.json.tmp");
        Files.writeString(tmp, summary);
        Files.move(tmp, out.resolve("summary.json"), StandardCopyOption.ATOMIC_MOVE);
        System.out.println("fake client done");
    }

    private static String value(final List<String> flags, final String name, final String fallback)
    {
        final int i = flags.indexOf(name);
        return i >= 0 && i + 1 < flags.size() ? flags.get(i + 1) : fallback;
    }
}
