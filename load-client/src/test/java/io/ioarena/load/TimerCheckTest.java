package io.ioarena.load;

import io.ioarena.contract.GeneratorHealth;
import io.ioarena.contract.Mode;
import io.ioarena.contract.Tag;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start-up timer self-check, against a fake clock whose waits and polls last what the test says. */
class TimerCheckTest
{
    private static final long US = 1_000;
    private static final long MS = 1_000_000;

    /** A clock moved only by the check's waits and polls. */
    private static final class FakeTime implements NanoClock
    {
        long now = 7 * MS;
        int waits;
        int polls;

        @Override
        public long nanoTime()
        {
            return now;
        }
    }

    @Test
    void measuresTheLatenessOfEachWaitAndTheCostOfAPoll() throws IOException
    {
        final FakeTime time = new FakeTime();
        // Waits 1..20 oversleep by 10, 20, ... 200 us; every poll takes 300 ns.
        final TimerCheck.Result r = TimerCheck.measure(time, () -> time.now += MS + 10 * US * ++time.waits,
            () -> { time.now += 300; time.polls++; });
        assertEquals(TimerCheck.POLL_SAMPLES, time.polls);
        assertEquals(TimerCheck.SELECT_SAMPLES, time.waits);
        assertEquals(300, r.pollNanos());
        assertEquals(100 * US, r.selectLatenessP50Nanos(), "the lower median of 10..200 us");
        assertEquals(200 * US, r.selectLatenessMaxNanos());
        assertEquals(0, r.postSpinLatenessNanos(), "never overslept the poll margin");
    }

    @Test
    void staysWithinItsBudgetOnASlowMachine() throws IOException
    {
        final FakeTime time = new FakeTime();
        final long begin = time.now;
        // Polls of 100 us use up half the budget after 250; waits that oversleep by 9 ms leave room for 3 more.
        final TimerCheck.Result r = TimerCheck.measure(time, () -> { time.now += 10 * MS; time.waits++; },
            () -> { time.now += 100 * US; time.polls++; });
        assertEquals(250, time.polls);
        assertEquals(3, time.waits);
        assertEquals(55 * MS, time.now - begin, "50 ms budget, overrun by at most the last wait");
        assertEquals(100 * US, r.pollNanos());
        assertEquals(9 * MS, r.selectLatenessMaxNanos());
        assertEquals(9 * MS - ClientThread.SPIN_NANOS, r.postSpinLatenessNanos());
    }

    @Test
    void warnsWhenTheWaitsAreCoarserThanTheGapBetweenAThreadsMessages()
    {
        final TimerCheck.Result fine = new TimerCheck.Result(60 * US, 900 * US, 300);
        assertNull(fine.warning(50 * US, true), "select oversleeps less than the poll margin, polls take 300 ns");
        final TimerCheck.Result lateSelect = new TimerCheck.Result(60 * US, ClientThread.SPIN_NANOS + 200 * US, 300);
        assertNull(lateSelect.warning(500 * US, true), "200 us past the margin, messages every 500 us");
        final String w = lateSelect.warning(100 * US, true);
        assertNotNull(w);
        assertTrue(w.contains("due every 100.00us, but select(1 ms) overslept the 3.00ms poll margin by up to "
            + "200.00us: sends may be late"), w);
        assertNull(lateSelect.warning(100 * US, false), "a thread that never blocks only polls");
        final String slowPoll = new TimerCheck.Result(0, 0, 60 * US).warning(50 * US, false);
        assertNotNull(slowPoll, "a poll slower than the gap");
        assertTrue(slowPoll.contains("but one poll takes 60.00us: sends"), slowPoll);
        assertEquals(new TimerCheck.Result(60 * US, 1200 * US, 400),
            fine.worst(new TimerCheck.Result(10 * US, 1200 * US, 400)));
    }

    @Test
    void theRunWarnsInOpenLoopOnlyAtItsRatePerThread()
    {
        final TimerCheck.Result lateSelect = new TimerCheck.Result(60 * US, ClientThread.SPIN_NANOS + 200 * US, 300);
        // 20,000 msgs/s over 2 threads: a message every 100 us per thread on average. With 120 connections a thread
        // (60 of them) waits (120 - 60 + 1) / 20,000 s = 3.05 ms once per round, longer than the 3 ms poll margin,
        // so it blocks in select, which oversleeps the margin by 200 us: too coarse.
        assertNotNull(result(Mode.OPEN, Arrival.CONSTANT, 20_000, 120, 2, lateSelect).timerWarning());
        assertNull(result(Mode.OPEN, Arrival.CONSTANT, 20_000, 118, 2, lateSelect).timerWarning(),
            "(118 - 59 + 1) / 20,000 s = 3 ms: within the margin, it only polls");
        // With 4 connections its longest gap is 150 us: it never blocks, it only polls.
        assertNull(result(Mode.OPEN, Arrival.CONSTANT, 20_000, 4, 2, lateSelect).timerWarning());
        assertNotNull(result(Mode.OPEN, Arrival.POISSON, 20_000, 4, 2, lateSelect).timerWarning(),
            "Poisson gaps can be as long as they like");
        assertNotNull(result(Mode.OPEN, Arrival.CONSTANT, 20_000, 4, 2, new TimerCheck.Result(0, 0, 150 * US))
            .timerWarning(), "polls slower than the 100 us gap");
        // 2,000 msgs/s over 2 threads: every 1 ms, more than the 200 us the wake-up may be late.
        assertNull(result(Mode.OPEN, Arrival.CONSTANT, 2_000, 120, 2, lateSelect).timerWarning());
        assertNull(result(Mode.CLOSED, Arrival.CONSTANT, 0, 120, 2, lateSelect).timerWarning(),
            "closed loop has no plan to be late for");
        assertEquals(List.of(), result(Mode.OPEN, Arrival.CONSTANT, 20_000, 120, 2, lateSelect).flags(),
            "a warning, never a flag");
    }

    @Test
    void measuresThisMachinesSelector() throws IOException
    {
        final TimerCheck.Result r = TimerCheck.measure(NanoClock.SYSTEM);
        assertTrue(r.pollNanos() > 0, r.toString());
        assertTrue(r.selectLatenessP50Nanos() <= r.selectLatenessMaxNanos(), r.toString());
    }

    private static RunResult result(final Mode mode, final Arrival arrival, final double rate, final int connections,
        final int threads, final TimerCheck.Result timer)
    {
        final LoadConfig.Builder b = LoadConfig.builder(1);
        b.mode = mode;
        b.arrival = arrival;
        b.rate = rate;
        b.connections = connections;
        b.threads = threads;
        b.durationNanos = 1000 * MS;
        final Map<Tag, Histogram> histograms = new EnumMap<>(Tag.class);
        for (final Tag tag : Tag.values())
        {
            histograms.put(tag, new Histogram(ThreadRecorders.SIGNIFICANT_DIGITS));
        }
        final ThreadStats stats = new ThreadStats();
        stats.sent = (long)rate;
        stats.received = (long)rate;
        return new RunResult(b.build(), 0, 2000, histograms, stats, connections, false,
            GeneratorHealth.hiccupsOnly(0, 0, 0), timer);
    }
}
