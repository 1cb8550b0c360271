package io.ioarena.harness.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.ioarena.contract.ContractJson;
import io.ioarena.contract.Versioned;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code points/<id>/syscalls.json}: every system call the server process made while a point's load ran, counted by
 * one source, with the messages and deliveries of the same window, so that calls per message and per delivery are
 * one division. The harness writes it once per point (when the suite's {@code syscallCensus} is on) and reads it
 * back to make its tables.
 *
 * @param source        what counted (see {@link Source}); {@link Source#NONE} when nothing could.
 * @param why           {@link Source#NONE}: why there is no count (no tool, no permission, a failed census run).
 * @param window        what the count covers, for people: the measured window, or a census run after it.
 * @param seconds       length of the counted window.
 * @param rateAchieved  messages per second of the load while it was counted (for {@link Source#STRACE} the census
 *                      run's own rate, which strace may have slowed; compare it with the point's).
 * @param messages      messages (as {@code rate_achieved} counts them) in the counted window.
 * @param deliveries    chat: copies of those messages delivered, every member's included; null for echo.
 * @param total         every system call of the server's threads in the window.
 * @param calls         the same by call name ({@link Source#STRACE}); empty where the source counts only a total.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyscallCensus(
    Source source,
    String why,
    String window,
    Double seconds,
    Double rateAchieved,
    Double messages,
    Double deliveries,
    Long total,
    Map<String, Long> calls) implements Versioned
{
    public static final String FILE = "syscalls.json";

    /** Where a count came from, in order of preference. */
    public enum Source
    {
        /**
         * {@code perf stat -e raw_syscalls:sys_enter -p <pid>} over the point's own measured window: one counter
         * per call in the kernel, no stop of the server, so it may run while the point is measured. Only where the
         * tracepoint is already there (tracefs mounted); the harness never mounts it.
         */
        PERF,
        /**
         * {@code strace -c -f -p <pid>} over part of a census run: the point's load again, after its measured
         * window and not measured, because ptrace stops the server at every call.
         */
        STRACE,
        /** Nothing counted; {@code why} says why. */
        NONE;

        /** As results.csv shows it. */
        public String cliName()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SyscallCensus
    {
        calls = calls == null ? Map.of() : new TreeMap<>(calls);
    }

    /** No count, and why. */
    public static SyscallCensus none(final String why)
    {
        return new SyscallCensus(Source.NONE, why, null, null, null, null, null, null, null);
    }

    /** Calls per message, or null when not counted. */
    @JsonIgnore
    public Double perMessage()
    {
        return per(messages);
    }

    /** Calls per delivery (chat), or null when not counted. */
    @JsonIgnore
    public Double perDelivery()
    {
        return per(deliveries);
    }

    private Double per(final Double count)
    {
        return total == null || count == null || !(count > 0) ? null : total / count;
    }

    /** How results.csv names the source: {@code perf}, {@code strace}, or {@code none: <why>}. */
    @JsonIgnore
    public String sourceCell()
    {
        return source == Source.NONE ? source.cliName() + ": " + why : source.cliName();
    }

    /**
     * The {@code n} most frequent calls per message, e.g. {@code write 15.5, read 1.0, epoll_wait 1.0}; null when
     * the source names no calls or there were no messages.
     */
    public String topCallsPerMessage(final int n)
    {
        if (calls.isEmpty() || messages == null || !(messages > 0))
        {
            return null;
        }
        final List<String> top = calls.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
            .limit(n).map(e -> String.format(Locale.ROOT, "%s %.3g", e.getKey(), e.getValue() / messages)).toList();
        return String.join(", ", top);
    }

    public void write(final Path pointDir) throws IOException
    {
        AtomicFiles.write(pointDir.resolve(FILE), ContractJson.bytes(this));
    }

    /** The census of a point's folder, or empty where none was taken. */
    public static Optional<SyscallCensus> read(final Path pointDir) throws IOException
    {
        final Path f = pointDir.resolve(FILE);
        return Files.isRegularFile(f) ? Optional.of(ContractJson.read(f, SyscallCensus.class)) : Optional.empty();
    }
}
