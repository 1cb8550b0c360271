package io.ioarena.load;

import io.ioarena.contract.ClientSummary;
import io.ioarena.contract.GeneratorHealth;
import org.HdrHistogram.Histogram;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * The summary of one run made by several instances: counts are summed, the percentiles come from the merged
 * histograms (never from the instances' percentiles), the window spans every instance's, and the run is valid only
 * when every instance was and the logs merged completely. Each instance timed its own messages on its own clock:
 * nothing here compares clocks across instances beyond the window's wall-clock ends.
 */
final class SummaryMerge
{
    private SummaryMerge()
    {
    }

    /**
     * @param instances  the instances' summaries, in any order
     * @param totals     the merged histogram of each tag ({@link HlogMerge#total})
     * @param mergeFlags what the merge itself found ({@link HlogMerge#flags}); empty when complete
     */
    static ClientSummary merge(final List<ClientSummary> instances, final Map<String, Histogram> totals,
        final List<String> mergeFlags)
    {
        if (instances.isEmpty())
        {
            throw new IllegalArgumentException("no instance summaries to merge");
        }
        final ClientSummary first = instances.getFirst();
        final Map<String, Object> config = new LinkedHashMap<>(first.config());
        config.remove("instanceIndex");
        config.put("instanceCount", instances.size());
        final Map<String, ClientSummary.Percentiles> histograms = new LinkedHashMap<>();
        totals.forEach((tag, h) -> histograms.put(tag, ClientSummary.Percentiles.of(h)));
        final List<String> flags = Stream.concat(instances.stream().flatMap(s -> s.flags().stream()),
            mergeFlags.stream()).distinct().toList();
        return new ClientSummary(first.tool(), first.version(), config, first.mode(), first.modeLabel(),
            first.workload(), first.framing(),
            instances.stream().mapToLong(ClientSummary::startEpochMs).min().orElseThrow(),
            instances.stream().mapToLong(ClientSummary::endEpochMs).max().orElseThrow(),
            instances.stream().mapToDouble(ClientSummary::measuredSeconds).max().orElseThrow(),
            first.requestedRate(),
            instances.stream().mapToDouble(ClientSummary::achievedRate).sum(),
            sum(instances, ClientSummary::sent), sum(instances, ClientSummary::received),
            sum(instances, ClientSummary::warmupSent), sum(instances, ClientSummary::warmupReceived),
            sum(instances, ClientSummary::bytesRead), sum(instances, ClientSummary::clientAllocatedBytes),
            sum(instances, ClientSummary::clientCpuNanos),
            new ClientSummary.Connections(
                (int) sum(instances, s -> s.connections().requested()),
                (int) sum(instances, s -> s.connections().established()),
                (int) sum(instances, s -> s.connections().failed())),
            errors(instances), chat(instances), histograms, generator(instances),
            instances.stream().map(ClientSummary::timer).filter(Objects::nonNull)
                .max(Comparator.comparing(t -> t.selectLatenessMaxNanos() == null ? -1 : t.selectLatenessMaxNanos()))
                .orElse(null),
            flags, flags.isEmpty() && instances.stream().allMatch(ClientSummary::valid));
    }

    private static long sum(final List<ClientSummary> all, final ToLongFunction<ClientSummary> field)
    {
        return all.stream().mapToLong(field).sum();
    }

    private static ClientSummary.Errors errors(final List<ClientSummary> all)
    {
        return new ClientSummary.Errors(sum(all, s -> s.errors().corrupted()), sum(all, s -> s.errors().reordered()),
            sum(all, s -> s.errors().lost()), sum(all, s -> s.errors().duplicated()),
            sum(all, s -> s.errors().unexpected()), sum(all, s -> s.errors().disconnects()),
            sum(all, s -> s.errors().unanswered()), sum(all, s -> s.errors().unsent()));
    }

    private static ClientSummary.Chat chat(final List<ClientSummary> all)
    {
        if (all.stream().anyMatch(s -> s.chat() == null))
        {
            return null;
        }
        return new ClientSummary.Chat(sum(all, s -> s.chat().expectedDeliveries()),
            sum(all, s -> s.chat().receivedDeliveries()), churn(all));
    }

    private static ClientSummary.ChatChurn churn(final List<ClientSummary> all)
    {
        if (all.stream().anyMatch(s -> s.chat().churn() == null))
        {
            return null;
        }
        return new ClientSummary.ChatChurn(sum(all, s -> s.chat().churn().joins()),
            sum(all, s -> s.chat().churn().leaves()), sum(all, s -> s.chat().churn().errors()),
            sum(all, s -> s.chat().churn().requiredCopies()), sum(all, s -> s.chat().churn().receivedCopies()));
    }

    /** The generator's health is the worst instance's, field by field: one struggling generator spoils the run. */
    private static GeneratorHealth generator(final List<ClientSummary> all)
    {
        final List<GeneratorHealth> g = all.stream().map(ClientSummary::generator).filter(Objects::nonNull).toList();
        if (g.isEmpty())
        {
            return null;
        }
        return new GeneratorHealth(g.stream().mapToLong(GeneratorHealth::hiccupMaxNanos).max().orElseThrow(),
            worst(g, GeneratorHealth::threadBusy, Math::max), worst(g, GeneratorHealth::cpuIdle, Math::min),
            worst(g, GeneratorHealth::cpuAvailable, Math::min),
            g.stream().map(GeneratorHealth::cpus).filter(Objects::nonNull).reduce((a, b) -> a + ";" + b).orElse(null),
            worst(g, GeneratorHealth::gcPauses, Long::sum), worst(g, GeneratorHealth::gcPauseNanos, Long::sum),
            worst(g, GeneratorHealth::stalledNanos, Math::max), worst(g, GeneratorHealth::ioWaitNanos, Math::max),
            worst(g, GeneratorHealth::ioStalledNanos, Math::max), worst(g, GeneratorHealth::jitNanos, Math::max));
    }

    /** {@code field} over the instances that report it, combined by {@code op}; null when none does. */
    private static <T> T worst(final List<GeneratorHealth> g, final Function<GeneratorHealth, T> field,
        final BinaryOperator<T> op)
    {
        return g.stream().map(field).filter(Objects::nonNull).reduce(op).orElse(null);
    }
}
