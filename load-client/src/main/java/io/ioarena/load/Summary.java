package io.ioarena.load;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON summary of a run (its fields: load-client/README.md): latencies in nanoseconds, counts as longs. */
public final class Summary
{
    private Summary()
    {
    }

    public static Map<String, Object> of(final RunResult r)
    {
        final LoadConfig config = r.config();
        final ThreadStats s = r.stats();
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", LogHeader.TOOL);
        m.put("version", LogHeader.VERSION);
        m.put("config", config.toMap());
        m.put("mode", config.mode().cliName());
        m.put("modeLabel", config.mode().label());
        m.put("workload", config.workload().cliName());
        m.put("framing", config.framing().cliName());
        m.put("startEpochMs", r.startEpochMs());
        m.put("endEpochMs", r.endEpochMs());
        m.put("measuredSeconds", r.measuredSeconds());
        m.put("requestedRate", r.requestedRate());
        m.put("achievedRate", r.achievedRate());
        m.put("sent", s.sent);
        m.put("received", s.received);
        m.put("warmupSent", s.warmupSent);
        m.put("warmupReceived", s.warmupReceived);
        m.put("bytesRead", s.bytesRead);
        m.put("clientAllocatedBytes", s.allocatedBytes);
        m.put("clientCpuNanos", s.cpuNanos);

        final Map<String, Object> connections = new LinkedHashMap<>();
        connections.put("requested", r.requestedConnections());
        connections.put("established", r.established());
        connections.put("failed", r.failedConnections());
        m.put("connections", connections);

        final Map<String, Object> errors = new LinkedHashMap<>();
        errors.put("corrupted", s.corrupted);
        errors.put("reordered", s.reordered);
        errors.put("lost", s.lost);
        errors.put("duplicated", s.duplicated);
        errors.put("unexpected", s.unexpected);
        errors.put("disconnects", s.disconnects);
        errors.put("unanswered", s.unanswered);
        errors.put("unsent", s.unsent);
        m.put("errors", errors);

        if (config.workload() == Workload.CHAT)
        {
            final Map<String, Object> chat = new LinkedHashMap<>();
            chat.put("expectedDeliveries", s.expectedDeliveries);
            chat.put("receivedDeliveries", s.receivedDeliveries);
            m.put("chat", chat);
        }
        else
        {
            m.put("chat", null);
        }

        final Map<String, Object> histograms = new LinkedHashMap<>();
        for (final Tag tag : LoadRun.tags(config))
        {
            histograms.put(tag.tag(), ResultFiles.percentiles(r.histogram(tag)));
        }
        m.put("histograms", histograms);

        final GeneratorHealth g = r.generator();
        final Map<String, Object> generator = new LinkedHashMap<>();
        generator.put("hiccupMaxNanos", g.hiccupMaxNanos());
        generator.put("threadBusy", g.threadBusy());
        generator.put("cpuIdle", g.cpuIdle());
        generator.put("cpuAvailable", g.cpuAvailable());
        generator.put("cpus", g.cpus());
        generator.put("gcPauses", g.gcPauses());
        generator.put("gcPauseNanos", g.gcPauseNanos());
        m.put("generator", generator);

        final TimerCheck.Result t = r.timer();
        final Map<String, Object> timer = new LinkedHashMap<>();
        timer.put("selectLatenessP50Nanos", t == null ? null : t.selectLatenessP50Nanos());
        timer.put("selectLatenessMaxNanos", t == null ? null : t.selectLatenessMaxNanos());
        timer.put("postSpinLatenessNanos", t == null ? null : t.postSpinLatenessNanos());
        timer.put("pollNanos", t == null ? null : t.pollNanos());
        timer.put("warning", r.timerWarning());
        m.put("timer", timer);
        m.put("flags", r.flags());
        m.put("valid", r.valid());
        return m;
    }
}
