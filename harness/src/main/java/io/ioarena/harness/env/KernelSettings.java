package io.ioarena.harness.env;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The kernel's settings that act on every process of a run: how it shares the CPUs and what it does to memory behind
 * the processes' backs. They are part of the environment a user measures in, so they are read and reported, never
 * changed. Two of them changed what this project could measure on its own VMs:
 * <ul>
 * <li>{@code kernel.sched_autogroup_enabled}: the CPUs are shared fairly between <em>sessions</em> first, and only
 * within a session by nice value. A build started at {@code nice -n 19} in another terminal still took a fifth of a
 * CPU from a spinning {@code nice -n -20} process, and a closed-loop echo pair run at {@code nice -n -10} next to
 * niced builds fell from about 110k to 25-35k messages/s: {@code nice} does not shield a benchmark from other work.</li>
 * <li>DAMON (the kernel's data-access monitor) with a {@code pageout} scheme reclaims memory that has been cold for a
 * while, on a schedule of its own: its thread runs for up to its CPU quota per interval on either CPU.</li>
 * </ul>
 *
 * @param root the file-system root to read {@code /proc} and {@code /sys} under: {@code /}, or a fake tree in tests.
 */
public record KernelSettings(
    Optional<Boolean> autogroup,
    Optional<String> preemption,
    Optional<Integer> hz,
    Optional<String> clocksource,
    Optional<String> transparentHugepages,
    List<String> damon,
    Optional<String> commandLine)
{
    private static final Pattern SELECTED = Pattern.compile("\\[([^]]+)]");
    /** debugfs's {@code sched/preempt} puts the running model in parentheses: {@code none (voluntary) full}. */
    private static final Pattern RUNNING = Pattern.compile("\\(([^)]+)\\)");
    private static final Pattern CONFIG_HZ = Pattern.compile("(?m)^CONFIG_HZ=(\\d+)$");
    private static final Pattern CONFIG_PREEMPT = Pattern.compile("(?m)^CONFIG_PREEMPT(_NONE|_VOLUNTARY|)=y$");

    public static KernelSettings ofThisMachine()
    {
        return read(Path.of("/"));
    }

    public static KernelSettings read(final Path root)
    {
        final Optional<String> config = kernelConfig(root.resolve("proc/config.gz"));
        return new KernelSettings(
            autogroup(root),
            preemption(root, config),
            config.flatMap(c -> group(CONFIG_HZ, c)).map(Integer::valueOf),
            text(root.resolve("sys/devices/system/clocksource/clocksource0/current_clocksource")),
            text(root.resolve("sys/kernel/mm/transparent_hugepage/enabled")).flatMap(s -> group(SELECTED, s)),
            damon(root.resolve("sys/kernel/mm/damon/admin/kdamonds")),
            text(root.resolve("proc/cmdline")));
    }

    /** Whether {@code kernel.sched_autogroup_enabled} is on under {@code root}; empty where it cannot be read. */
    public static Optional<Boolean> autogroup(final Path root)
    {
        return text(root.resolve("proc/sys/kernel/sched_autogroup_enabled")).map("1"::equals);
    }

    /** For the manifest's environment: what could be read, under names a reader of the report understands. */
    public Map<String, Object> describe()
    {
        final Map<String, Object> out = new LinkedHashMap<>();
        autogroup.ifPresent(on -> out.put("schedAutogroup", on));
        preemption.ifPresent(p -> out.put("kernelPreemption", p));
        hz.ifPresent(h -> out.put("kernelHz", h));
        clocksource.ifPresent(c -> out.put("clocksource", c));
        transparentHugepages.ifPresent(t -> out.put("transparentHugepages", t));
        out.put("damon", damon.isEmpty() ? "off" : damon);
        commandLine.ifPresent(c -> out.put("kernelCommandLine", c));
        return out;
    }

    /**
     * The preemption model: the running one where debugfs shows it ({@code none (voluntary) full}), else the one the
     * kernel was built with as its default, and a {@code preempt=} boot parameter over that.
     */
    private static Optional<String> preemption(final Path root, final Optional<String> config)
    {
        final Optional<String> running = text(root.resolve("sys/kernel/debug/sched/preempt"))
            .flatMap(s -> group(RUNNING, s));
        if (running.isPresent())
        {
            return running;
        }
        final Optional<String> boot = text(root.resolve("proc/cmdline")).flatMap(s -> Stream.of(s.split("\\s+"))
            .filter(w -> w.startsWith("preempt=")).map(w -> w.substring(8)).findFirst());
        if (boot.isPresent())
        {
            return boot.map(b -> b + " (boot parameter)");
        }
        return config.flatMap(c -> group(CONFIG_PREEMPT, c)).map(kind -> switch (kind)
        {
            case "_NONE" -> "none";
            case "_VOLUNTARY" -> "voluntary";
            default -> "full";
        } + " (the kernel's built-in default)");
    }

    /** One line per running kdamond: what it monitors, how often, and what its schemes do to memory. */
    private static List<String> damon(final Path kdamonds)
    {
        final List<String> out = new ArrayList<>();
        for (final Path kdamond : numbered(kdamonds))
        {
            if (!text(kdamond.resolve("state")).map("on"::equals).orElse(false))
            {
                continue;
            }
            for (final Path context : numbered(kdamond.resolve("contexts")))
            {
                final Path intervals = context.resolve("monitoring_attrs/intervals");
                final long sampleUs = number(intervals.resolve("sample_us")).orElse(0L);
                final long aggregationUs = number(intervals.resolve("aggr_us")).orElse(0L);
                final StringBuilder line = new StringBuilder("kdamond " + kdamond.getFileName() + ": " +
                    text(context.resolve("operations")).orElse("?") + " monitoring, sampled every " +
                    millis(sampleUs) + ", aggregated every " + millis(aggregationUs));
                for (final Path scheme : numbered(context.resolve("schemes")))
                {
                    line.append("; ").append(text(scheme.resolve("action")).orElse("?"));
                    number(scheme.resolve("access_pattern/age/min")).filter(age -> age > 0).ifPresent(age ->
                        line.append(" regions idle for at least ").append(millis(age * aggregationUs)));
                    final Path quotas = scheme.resolve("quotas");
                    number(quotas.resolve("ms")).filter(ms -> ms > 0).ifPresent(ms -> line.append(", at most ")
                        .append(ms).append(" ms of CPU per ")
                        .append(millis(number(quotas.resolve("reset_interval_ms")).orElse(0L) * 1000)));
                }
                out.add(line.toString());
            }
        }
        return out;
    }

    private static String millis(final long micros)
    {
        return micros % 1_000_000 == 0 ? micros / 1_000_000 + " s" : micros / 1000 + " ms";
    }

    /** The sub-folders named 0, 1, 2... in order; none when the folder is absent. */
    private static List<Path> numbered(final Path dir)
    {
        try (Stream<Path> entries = Files.list(dir))
        {
            return entries.filter(p -> p.getFileName().toString().matches("\\d+") && Files.isDirectory(p))
                .sorted((a, b) -> Integer.compare(Integer.parseInt(a.getFileName().toString()),
                    Integer.parseInt(b.getFileName().toString())))
                .toList();
        }
        catch (final IOException e)
        {
            return List.of();
        }
    }

    private static Optional<Long> number(final Path file)
    {
        return text(file).filter(s -> s.matches("\\d+")).map(Long::valueOf);
    }

    private static Optional<String> text(final Path file)
    {
        try
        {
            return Optional.of(Machine.readFile(file).trim()).filter(s -> !s.isEmpty());
        }
        catch (final IOException | RuntimeException e)
        {
            return Optional.empty();
        }
    }

    private static Optional<String> kernelConfig(final Path gz)
    {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz)))
        {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (final IOException | RuntimeException e)
        {
            return Optional.empty();
        }
    }

    private static Optional<String> group(final Pattern pattern, final String s)
    {
        final Matcher m = pattern.matcher(s);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
