package io.ioarena.harness.env;

import io.ioarena.harness.run.Pinning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelSettingsTest
{
    @Test
    void readsSchedulerAndDamonSettingsAsThisProjectsVmsHaveThem(@TempDir final Path root) throws IOException
    {
        write(root, "proc/sys/kernel/sched_autogroup_enabled", "1\n");
        write(root, "proc/cmdline", "console=ttyS0 clocksource=kvm-clock psi=1\n");
        write(root, "sys/devices/system/clocksource/clocksource0/current_clocksource", "kvm-clock\n");
        write(root, "sys/kernel/mm/transparent_hugepage/enabled", "always [madvise] never\n");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(root.resolve("proc/config.gz"))))
        {
            out.write("CONFIG_PREEMPT_BUILD=y\nCONFIG_PREEMPT_NONE=y\n# CONFIG_PREEMPT is not set\nCONFIG_HZ=250\n"
                .getBytes(StandardCharsets.US_ASCII));
        }
        final Path context = root.resolve("sys/kernel/mm/damon/admin/kdamonds/0/contexts/0");
        write(root, "sys/kernel/mm/damon/admin/kdamonds/0/state", "on\n");
        write(context, "operations", "paddr\n");
        write(context, "monitoring_attrs/intervals/sample_us", "500000\n");
        write(context, "monitoring_attrs/intervals/aggr_us", "5000000\n");
        write(context, "schemes/0/action", "pageout\n");
        write(context, "schemes/0/access_pattern/age/min", "12\n");
        write(context, "schemes/0/quotas/ms", "50\n");
        write(context, "schemes/0/quotas/reset_interval_ms", "1000\n");
        write(root, "sys/kernel/mm/damon/admin/kdamonds/1/state", "off\n");

        final KernelSettings k = KernelSettings.read(root);

        assertEquals(Optional.of(true), k.autogroup());
        assertEquals(Optional.of("none (the kernel's built-in default)"), k.preemption());
        assertEquals(Optional.of(250), k.hz());
        assertEquals(Optional.of("kvm-clock"), k.clocksource());
        assertEquals(Optional.of("madvise"), k.transparentHugepages());
        assertEquals(List.of("kdamond 0: paddr monitoring, sampled every 500 ms, aggregated every 5 s; pageout " +
            "regions idle for at least 60 s, at most 50 ms of CPU per 1 s"), k.damon());
        final Map<String, Object> described = k.describe();
        assertEquals(true, described.get("schedAutogroup"));
        assertEquals(k.damon(), described.get("damon"));
    }

    @Test
    void theRunningPreemptionModelAndABootParameterWinOverTheBuiltInDefault(@TempDir final Path root)
        throws IOException
    {
        write(root, "proc/cmdline", "quiet preempt=full\n");
        assertEquals(Optional.of("full (boot parameter)"), KernelSettings.read(root).preemption());
        write(root, "sys/kernel/debug/sched/preempt", "none (voluntary) full lazy\n");
        assertEquals(Optional.of("voluntary"), KernelSettings.read(root).preemption());
    }

    @Test
    void aMachineThatShowsNothingGivesNothingAndDamonOff(@TempDir final Path root)
    {
        final KernelSettings k = KernelSettings.read(root);
        assertTrue(k.autogroup().isEmpty() && k.preemption().isEmpty() && k.hz().isEmpty());
        assertEquals(Map.of("damon", "off"), k.describe());
    }

    @Test
    void theLoadWarningSaysThatNiceDoesNotShieldTheRunUnderAutogroup()
    {
        final Pinning pinned = Pinning.decide(List.of(0, 1), true, true);
        final String withAutogroup = loadWarning(Optional.of(true), pinned);
        assertTrue(withAutogroup.contains("sched_autogroup_enabled=1"), withAutogroup);
        assertFalse(loadWarning(Optional.of(false), pinned).contains("autogroup"));
    }

    private static String loadWarning(final Optional<Boolean> autogroup, final Pinning pinning)
    {
        final Preflight.Facts busy = new Preflight.Facts(2, Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.of(2.5), Optional.empty(), autogroup);
        return Preflight.check(busy, 16, pinning).stream().map(Preflight.Finding::message)
            .filter(m -> m.contains("load average")).findFirst().orElseThrow();
    }

    private static void write(final Path dir, final String file, final String text) throws IOException
    {
        final Path path = dir.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }
}
