package io.ioarena.harness.env;

import io.ioarena.harness.run.Pinning;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The limit arithmetic of the preflight, on given machines. */
class ConnectionLimitsTest
{
    /** This machine's defaults: 20,000 open files, 32768-60999 ports. */
    private static Preflight.Facts machine(final long openFiles)
    {
        return new Preflight.Facts(2, Optional.of(openFiles), Optional.of(28_232L), Optional.of(4096L),
            Optional.empty(), Optional.empty(), Optional.of(true));
    }

    @Test
    void everyLimitIsCountedInConnectionsTightestFirst()
    {
        final List<ConnectionLimits.Limit> limits = ConnectionLimits.of(machine(20_000));
        assertEquals(List.of("open files", "ephemeral ports"),
            limits.stream().map(ConnectionLimits.Limit::name).toList());
        assertEquals(20_000 - 1024, limits.get(0).allows());
        assertEquals(254L * (28_232 / 4), limits.get(1).allows());
    }

    @Test
    void theLargestPointIsSaidWithItsBoundOrRefusedNamingIt()
    {
        final Pinning pinned = Pinning.decide(List.of(0, 1), true, true);
        final Preflight.Finding fits = Preflight.check(machine(200_000), 18_000, pinned).getFirst();
        assertEquals(Preflight.Level.NOTE, fits.level());
        assertTrue(fits.message().startsWith("the largest point, 18,000 connections, is bounded first by open " +
            "files: 198,976 connections"), fits.message());
        assertTrue(fits.message().contains("; then ephemeral ports: 1,792,732 connections"), fits.message());

        final Preflight.Finding refused = Preflight.check(machine(20_000), 25_000, pinned).getFirst();
        assertEquals(Preflight.Level.REFUSE, refused.level());
        assertTrue(refused.message().startsWith("the largest point opens 25,000 connections but the limit of open " +
            "files: 18,976 connections (RLIMIT_NOFILE 20,000"), refused.message());
        assertTrue(refused.message().endsWith("raise the hard limit (ulimit -Hn, /etc/security/limits.conf)"));

        final Preflight.Finding churn = Preflight.check(machine(20_000), 0, pinned).getFirst();
        assertEquals(Preflight.Level.NOTE, churn.level());
        assertTrue(churn.message().startsWith("no point holds connections at once: churn only"), churn.message());

        final Preflight.Finding ports = Preflight.check(machine(10_000_000), 2_000_000, pinned).getFirst();
        assertEquals(Preflight.Level.REFUSE, ports.level());
        assertTrue(ports.message().contains("ephemeral ports: 1,792,732 connections"), ports.message());
    }

    @Test
    void oneSourceAddressUntilAQuarterOfItsPortsIsUsedThenAsManyAsNeeded()
    {
        assertEquals(1, ConnectionLimits.sourceAddresses(16, 28_232));
        assertEquals(1, ConnectionLimits.sourceAddresses(7_058, 28_232));
        assertEquals(2, ConnectionLimits.sourceAddresses(7_059, 28_232));
        assertEquals(15, ConnectionLimits.sourceAddresses(100_000, 28_232));
        assertEquals(ConnectionLimits.MAX_SOURCE_ADDRESSES, ConnectionLimits.sourceAddresses(10_000_000, 1_000));
        assertEquals(ConnectionLimits.MAX_SOURCE_ADDRESSES, ConnectionLimits.sourceAddresses(1_000, 1));
    }

    @Test
    void aChurnRunHoldsThePortsOfItsLastMinuteInTimeWait()
    {
        assertEquals(12_000, ConnectionLimits.churnPorts(2000, java.time.Duration.ofSeconds(6)));
        assertEquals(120_000, ConnectionLimits.churnPorts(2000, java.time.Duration.ofMinutes(5)), "60 s of them");
        assertEquals(2, ConnectionLimits.sourceAddresses(ConnectionLimits.churnPorts(2000,
            java.time.Duration.ofSeconds(6)), 28_232), "the connections suite's fastest churn: two addresses");
    }

    @Test
    void aTrialsRunsHoldTheirPortsForAMinuteOfBackToBackChunks()
    {
        final java.time.Duration chunk = java.time.Duration.ofSeconds(2);
        assertEquals(310_000, ConnectionLimits.trialPorts(10_000, chunk), "30 chunks and the point in 60 s");
        assertEquals(44, ConnectionLimits.sourceAddresses(ConnectionLimits.trialPorts(10_000, chunk), 28_232),
            "the soak's 10,000 connections: 44 addresses (two failed to connect at the third chunk)");
        assertEquals(1, ConnectionLimits.sourceAddresses(ConnectionLimits.trialPorts(16, chunk), 28_232));
        assertEquals(5, ConnectionLimits.sourceAddresses(ConnectionLimits.trialPorts(1000, chunk), 28_232));
    }

    @Test
    void onlyCapSysResourceRaisesTheOpenFileLimitAndNeverPastTheKernelsCeiling()
    {
        assertEquals(OptionalLong.empty(), OpenFileLimit.target(20_000, 1 << 20, true, 17_024), "enough already");
        assertEquals(OptionalLong.of(101_024), OpenFileLimit.target(20_000, 1 << 20, true,
            OpenFileLimit.needed(100_000)));
        assertEquals(OptionalLong.empty(), OpenFileLimit.target(20_000, 1 << 20, false, 101_024), "without CAP_SYS_RESOURCE");
        assertEquals(OptionalLong.of(65_536), OpenFileLimit.target(20_000, 65_536, true, 101_024), "fs.nr_open");
    }
}
