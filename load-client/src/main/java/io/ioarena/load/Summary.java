package io.ioarena.load;

import io.ioarena.contract.ClientSummary;
import io.ioarena.contract.Tag;
import io.ioarena.protocol.Service;

import java.util.LinkedHashMap;
import java.util.Map;

/** The client's summary of a run ({@link ClientSummary}, its fields: load-client/README.md). */
public final class Summary
{
    private Summary()
    {
    }

    public static ClientSummary of(final RunResult r)
    {
        final LoadConfig config = r.config();
        final ThreadStats s = r.stats();
        final Map<String, ClientSummary.Percentiles> histograms = new LinkedHashMap<>();
        for (final Tag tag : LoadRun.tags(config))
        {
            histograms.put(tag.tag(), ClientSummary.Percentiles.of(r.histogram(tag)));
        }
        final TimerCheck.Result t = r.timer();
        return new ClientSummary(LogHeader.TOOL, LogHeader.VERSION, config.toMap(), config.mode().cliName(),
            config.mode().label(), config.workload().cliName(), config.framing().cliName(), r.startEpochMs(),
            r.endEpochMs(), r.measuredSeconds(), r.requestedRate(), r.achievedRate(), s.sent, s.received,
            s.warmupSent, s.warmupReceived, s.bytesRead, s.allocatedBytes, s.cpuNanos,
            new ClientSummary.Connections(r.requestedConnections(), r.established(), r.failedConnections()),
            new ClientSummary.Errors(s.corrupted, s.reordered, s.lost, s.duplicated, s.unexpected, s.disconnects,
                s.unanswered, s.unsent),
            config.workload() == Service.CHAT
                ? new ClientSummary.Chat(s.expectedDeliveries, s.receivedDeliveries, config.chatChurn() > 0
                    ? new ClientSummary.ChatChurn(s.joins, s.leaves, s.churnErrors, s.requiredCopies, s.visitorCopies)
                    : null) : null,
            histograms, r.generator(),
            t == null ? new ClientSummary.Timer(null, null, null, null, r.timerWarning())
                : new ClientSummary.Timer(t.selectLatenessP50Nanos(), t.selectLatenessMaxNanos(),
                t.postSpinLatenessNanos(), t.pollNanos(), r.timerWarning()),
            r.flags(), r.valid());
    }
}
