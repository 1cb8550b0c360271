package io.ioarena.load;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleTest
{
    private static final long T0 = 1_000_000_000_000L;

    @Test
    void constantScheduleGivesExactIntendedTimes()
    {
        // 1000 msg/s over 4 connections: the global plan is one message per ms; connection 2 sends j = 4k + 2.
        final Schedule s = Schedule.of(Arrival.CONSTANT, T0, 1000, 4, 2, 1);
        for (long k = 0; k < 10_000; k++)
        {
            assertEquals(k, s.index());
            assertEquals(T0 + (4 * k + 2) * 1_000_000L, s.intendedTime(), "message " + k);
            s.advance();
        }
    }

    @Test
    void constantScheduleDoesNotDriftOverLongRuns()
    {
        // 3 msg/s: the period 333,333,333.33 ns is not whole; the plan must still hit t0 + j/R, never accumulate.
        final Schedule s = Schedule.of(Arrival.CONSTANT, T0, 3, 1, 0, 1);
        for (long k = 0; k < 3 * 86_400; k++)
        {
            s.advance();
        }
        assertEquals(T0 + 86_400L * 1_000_000_000L, s.intendedTime());
    }

    @Test
    void connectionsSplitAcrossThreadsAndInstancesSumExactlyToTheGlobalPlan()
    {
        // 7 connections, 1234.5 msg/s total, split over 3 instances of 2 threads each (uneven on purpose).
        final int connections = 7;
        final double rate = 1234.5;
        final long horizon = T0 + 2_000_000_000L;
        final List<Long> union = new ArrayList<>();
        int covered = 0;
        for (int instance = 0; instance < 3; instance++)
        {
            final Slice mine = Slice.of(connections, 3, instance);
            for (int thread = 0; thread < 2; thread++)
            {
                final Slice part = mine.part(2, thread);
                covered += part.count();
                for (int c = part.first(); c < part.end(); c++)
                {
                    final Schedule s = Schedule.of(Arrival.CONSTANT, T0, rate, connections, c, 1);
                    while (s.intendedTime() < horizon)
                    {
                        union.add(s.intendedTime());
                        s.advance();
                    }
                }
            }
        }
        assertEquals(connections, covered);
        Collections.sort(union);
        // Exactly the global plan t0 + j/R: 2 s at 1234.5/s = 2469 messages, none missing, none twice.
        assertEquals(2469, union.size());
        for (int j = 0; j < union.size(); j++)
        {
            assertEquals(T0 + (long)(j * (1e9 / rate)), union.get(j), "global message " + j);
        }
    }

    @Test
    void rateBelowTheNumberOfConnectionsStillSumsExactly()
    {
        // wrk2 ran away when -R < -t; here 2 msg/s over 5 connections is one message every 2.5 s per connection.
        final List<Long> union = new ArrayList<>();
        for (int c = 0; c < 5; c++)
        {
            final Schedule s = Schedule.of(Arrival.CONSTANT, T0, 2, 5, c, 1);
            while (s.intendedTime() < T0 + 10_000_000_000L)
            {
                union.add(s.intendedTime() - T0);
                s.advance();
            }
        }
        Collections.sort(union);
        assertEquals(20, union.size());
        for (int j = 0; j < 20; j++)
        {
            assertEquals(j * 500_000_000L, union.get(j));
        }
    }

    @Test
    void poissonScheduleIsReproducibleAndIndependentOfSlicing()
    {
        final Schedule a = Schedule.of(Arrival.POISSON, T0, 1000, 10, 3, 42);
        final Schedule b = Schedule.of(Arrival.POISSON, T0, 1000, 10, 3, 42);
        final Schedule other = Schedule.of(Arrival.POISSON, T0, 1000, 10, 4, 42);
        boolean differs = false;
        for (int k = 0; k < 1000; k++)
        {
            assertEquals(a.intendedTime(), b.intendedTime());
            differs |= a.intendedTime() != other.intendedTime();
            a.advance();
            b.advance();
            other.advance();
        }
        assertTrue(differs, "connections have independent streams");
    }

    @Test
    void poissonScheduleHasTheRequestedRateAndExponentialGaps()
    {
        // 100 msg/s on one connection, 100,000 gaps: mean 10 ms within 1.5%, coefficient of variation ~1.
        final Schedule s = Schedule.of(Arrival.POISSON, T0, 100, 1, 0, 7);
        final int n = 100_000;
        long previous = T0;
        double sum = 0;
        double sumSquares = 0;
        for (int k = 0; k < n; k++)
        {
            final long gap = s.intendedTime() - previous;
            assertTrue(gap >= 0);
            previous = s.intendedTime();
            sum += gap;
            sumSquares += (double)gap * gap;
            s.advance();
        }
        final double mean = sum / n;
        final double cv = Math.sqrt(sumSquares / n - mean * mean) / mean;
        assertEquals(10e6, mean, 10e6 * 0.015);
        assertEquals(1.0, cv, 0.03);
    }

    @Test
    void constantGapsHaveNoVariation()
    {
        final Schedule s = Schedule.of(Arrival.CONSTANT, T0, 20_000, 1, 0, 1);
        long previous = s.intendedTime();
        s.advance();
        for (int k = 0; k < 10_000; k++)
        {
            assertEquals(50_000, s.intendedTime() - previous);
            previous = s.intendedTime();
            s.advance();
        }
    }

    @Test
    void rejectsImpossiblePlans()
    {
        assertThrows(IllegalArgumentException.class, () -> Schedule.of(Arrival.CONSTANT, T0, 0, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Schedule.of(Arrival.CONSTANT, T0, 10, 2, 2, 1));
    }

    @Test
    void slicesPartitionExactlyWithTheRemainderSpread()
    {
        int total = 0;
        int next = 0;
        for (int i = 0; i < 3; i++)
        {
            final Slice s = Slice.of(10, 3, i);
            assertEquals(next, s.first());
            assertTrue(s.count() == 3 || s.count() == 4);
            next = s.end();
            total += s.count();
        }
        assertEquals(10, total);
    }
}
