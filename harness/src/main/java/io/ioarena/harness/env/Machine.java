package io.ioarena.harness.env;

import io.ioarena.harness.run.BoundedCommand;
import io.ioarena.harness.run.Pinning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Facts about this machine and checkout, read from /proc, /sys, /etc and a few commands; each may be missing. */
public final class Machine
{
    private Machine()
    {
    }

    /** The CPUs this process may run on (its affinity), falling back to 0..n-1. */
    public static List<Integer> allowedCpus()
    {
        return procStatus("Cpus_allowed_list:").map(Pinning::parseCpuList).filter(l -> !l.isEmpty())
            .orElseGet(() -> java.util.stream.IntStream.range(0, Runtime.getRuntime().availableProcessors()).boxed()
                .toList());
    }

    public static Optional<String> procStatus(final String key)
    {
        return read("/proc/self/status").flatMap(s -> s.lines().filter(l -> l.startsWith(key)).findFirst())
            .map(l -> l.substring(key.length()).trim());
    }

    /** The soft limit on open files of this process (children inherit it). */
    public static Optional<Long> openFileLimit()
    {
        return read("/proc/self/limits").flatMap(s -> s.lines().filter(l -> l.startsWith("Max open files"))
            .findFirst()).map(l -> l.substring("Max open files".length()).trim().split("\\s+")[0])
            .flatMap(v -> v.equals("unlimited") ? Optional.of(Long.MAX_VALUE) : parseLong(v));
    }

    /** How many ports {@code net.ipv4.ip_local_port_range} leaves for outgoing connections. */
    public static Optional<Long> ephemeralPorts()
    {
        return read("/proc/sys/net/ipv4/ip_local_port_range").map(s -> s.trim().split("\\s+"))
            .filter(a -> a.length == 2).map(a -> Long.parseLong(a[1]) - Long.parseLong(a[0]) + 1);
    }

    public static Optional<Long> somaxconn()
    {
        return read("/proc/sys/net/core/somaxconn").flatMap(s -> parseLong(s.trim()));
    }

    public static Optional<Double> loadAverage()
    {
        return read("/proc/loadavg").map(s -> Double.parseDouble(s.trim().split("\\s+")[0]));
    }

    public static Optional<String> cpuModel()
    {
        return read("/proc/cpuinfo").flatMap(s -> s.lines().filter(l -> l.startsWith("model name")).findFirst())
            .map(l -> l.substring(l.indexOf(':') + 1).trim());
    }

    public static Optional<String> governor()
    {
        return read("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor").map(String::trim);
    }

    public static boolean hasCommand(final String name)
    {
        return onPath(name).isPresent();
    }

    /** Where {@code name} is on the PATH, if it is. */
    public static Optional<Path> onPath(final String name)
    {
        final String path = System.getenv("PATH");
        if (path == null)
        {
            return Optional.empty();
        }
        for (final String dir : path.split(java.io.File.pathSeparator))
        {
            if (Files.isExecutable(Path.of(dir, name)))
            {
                return Optional.of(Path.of(dir, name));
            }
        }
        return Optional.empty();
    }

    /** The environment recorded in the manifest. */
    /** The key of the CPU's model name in {@link #describe}, which the report's header shows. */
    public static final String CPU_MODEL = "cpuModel";

    public static Map<String, Object> describe(final Path repo)
    {
        final Map<String, Object> env = new LinkedHashMap<>();
        env.put("javaVersion", System.getProperty("java.version"));
        env.put("javaVendor", System.getProperty("java.vendor"));
        env.put("javaVm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        env.put("javaHome", System.getProperty("java.home"));
        env.put("os", read("/etc/os-release").flatMap(s -> s.lines().filter(l -> l.startsWith("PRETTY_NAME="))
            .findFirst()).map(l -> l.substring(12).replace("\"", "")).orElse(System.getProperty("os.name")));
        env.put("kernel", read("/proc/sys/kernel/osrelease").map(String::trim).orElse(System.getProperty("os.version")));
        env.put("arch", System.getProperty("os.arch"));
        env.put("hostname", read("/proc/sys/kernel/hostname").map(String::trim).orElse(null));
        env.put(CPU_MODEL, cpuModel().orElse(null));
        env.put("cpuCount", Runtime.getRuntime().availableProcessors());
        env.put("cpusAllowed", allowedCpus());
        env.put("cpuGovernor", governor().orElse(null));
        env.put("memTotal", read("/proc/meminfo").flatMap(s -> s.lines().filter(l -> l.startsWith("MemTotal:"))
            .findFirst()).map(l -> l.substring(9).trim()).orElse(null));
        env.put("loadAverage1m", loadAverage().orElse(null));
        env.put("openFileLimit", openFileLimit().orElse(null));
        env.put("ephemeralPortRange", read("/proc/sys/net/ipv4/ip_local_port_range").map(String::trim).orElse(null));
        env.put("somaxconn", somaxconn().orElse(null));
        env.put("tcpTwReuse", read("/proc/sys/net/ipv4/tcp_tw_reuse").map(String::trim).orElse(null));
        env.putAll(KernelSettings.ofThisMachine().describe());
        env.put("gitCommit", command(repo, "git", "rev-parse", "HEAD").orElse(null));
        env.put("gitDirty", command(repo, "git", "status", "--porcelain", "--untracked-files=no")
            .map(s -> !s.isBlank()).orElse(null));
        env.put("gitBranch", command(repo, "git", "rev-parse", "--abbrev-ref", "HEAD").orElse(null));
        env.put("taskset", hasCommand("taskset"));
        env.put("python3", command(repo, "python3", "--version").orElse(null));
        return env;
    }

    static Optional<String> read(final String file)
    {
        try
        {
            return Optional.of(readFile(Path.of(file)));
        }
        catch (final IOException | RuntimeException e)
        {
            return Optional.empty();
        }
    }

    /**
     * Reads a /proc or /sys file to its end. (Files.readString trusts the size these files report and can return
     * a truncated value, e.g. "4" for a somaxconn of 4096.)
     */
    public static String readFile(final Path file) throws IOException
    {
        try (java.io.InputStream in = Files.newInputStream(file))
        {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static Optional<Long> parseLong(final String s)
    {
        try
        {
            return Optional.of(Long.parseLong(s));
        }
        catch (final NumberFormatException e)
        {
            return Optional.empty();
        }
    }

    /** The trimmed output of a short command, or empty when it fails or does not finish within 10 s. */
    public static Optional<String> command(final Path dir, final String... words)
    {
        try
        {
            final BoundedCommand.Result r = BoundedCommand.exec(List.of(words), dir, Duration.ofSeconds(10));
            return r.exitStatus() == 0 ? Optional.of(r.output().trim()) : Optional.empty();
        }
        catch (final IOException e)
        {
            return Optional.empty();
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
