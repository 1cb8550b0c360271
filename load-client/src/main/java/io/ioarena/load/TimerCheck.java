package io.ioarena.load;

import io.ioarena.contract.Units;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.Locale;

/**
 * The start-up self-check of how a client thread waits, since an open-loop client must not trust a schedule finer
 * than its waits: it blocks in {@code Selector.select(ms)} until
 * {@link ClientThread#SPIN_NANOS} before the next message is due, then polls with {@code selectNow}. So a send can
 * be late by one poll iteration, and by however much {@code select} oversleeps beyond that margin. Both are
 * measured once per client thread, before the run, on a selector of its own with nothing registered (the same
 * mechanism, without touching the connections), within {@link #BUDGET_NANOS}.
 */
public final class TimerCheck
{
    /** Blocking waits of 1 ms sampled (each about a millisecond). */
    static final int SELECT_SAMPLES = 20;
    /** Poll iterations timed together (each about a microsecond). */
    static final int POLL_SAMPLES = 1000;
    /** The whole check ends by then, however slow the machine: it delays the start of the run. */
    static final long BUDGET_NANOS = 50_000_000;
    private static final long ONE_MS = 1_000_000;

    /** One blocking wait of 1 ms, as the client thread waits ({@code select(1)}). */
    @FunctionalInterface
    interface Wait
    {
        void oneMilli() throws IOException;
    }

    /** One non-blocking poll, as the client thread polls ({@code selectNow()}). */
    @FunctionalInterface
    interface Poll
    {
        void once() throws IOException;
    }

    /**
     * @param selectLatenessP50Nanos median of how much later than asked {@code select(1)} returned
     * @param selectLatenessMaxNanos the latest of those
     * @param pollNanos              one poll iteration: {@code selectNow} plus reading the clock
     */
    public record Result(long selectLatenessP50Nanos, long selectLatenessMaxNanos, long pollNanos)
    {
        /** How late a send can be because the blocking wait overslept the poll margin (0 when it never did). */
        long postSpinLatenessNanos()
        {
            return Math.max(0, selectLatenessMaxNanos - ClientThread.SPIN_NANOS);
        }

        /** The worse of two threads' results, field by field. */
        Result worst(final Result other)
        {
            return new Result(Math.max(selectLatenessP50Nanos, other.selectLatenessP50Nanos),
                Math.max(selectLatenessMaxNanos, other.selectLatenessMaxNanos), Math.max(pollNanos, other.pollNanos));
        }

        /**
         * The warning when the waiting mechanism is coarser than the gap between a thread's messages
         * ({@code 1 / rate per thread}), or null when it is fine.
         *
         * @param threadsBlock whether a thread ever waits longer than the poll margin for its next message: only
         *                     then does it block in {@code select}, and only then can {@code select}'s lateness
         *                     delay a send (a thread with a message due at least every millisecond only polls)
         */
        String warning(final double messageGapNanos, final boolean threadsBlock)
        {
            final boolean pollTooSlow = pollNanos > messageGapNanos;
            final boolean wakesTooLate = threadsBlock && postSpinLatenessNanos() > messageGapNanos;
            if (!pollTooSlow && !wakesTooLate)
            {
                return null;
            }
            return String.format(Locale.ROOT, "timer self-check: each client thread has a message due every %s, "
                + "but %s%s%s: sends may be late by that much (see the sendlag tag); use more --threads or a lower "
                + "--rate", Units.formatNanos(messageGapNanos),
                pollTooSlow ? "one poll takes " + Units.formatNanos(pollNanos) : "",
                pollTooSlow && wakesTooLate ? " and " : "",
                wakesTooLate ? "select(1 ms) overslept the " + Units.formatNanos(ClientThread.SPIN_NANOS)
                    + " poll margin by up to " + Units.formatNanos(postSpinLatenessNanos()) : "");
        }
    }

    private TimerCheck()
    {
    }

    /** Measures this thread's selector waits, on a selector opened for the check. */
    static Result measure(final NanoClock clock) throws IOException
    {
        try (Selector selector = Selector.open())
        {
            return measure(clock, () -> selector.select(1), selector::selectNow);
        }
    }

    /**
     * Polls first (quick; at most half the budget), then as many of the {@link #SELECT_SAMPLES} waits as the budget
     * leaves room for.
     */
    static Result measure(final NanoClock clock, final Wait wait, final Poll poll) throws IOException
    {
        final long begin = clock.nanoTime();
        final long deadline = begin + BUDGET_NANOS;
        long now = begin;
        int polls = 0;
        while (polls < POLL_SAMPLES && now < begin + BUDGET_NANOS / 2)
        {
            poll.once();
            now = clock.nanoTime();
            polls++;
        }
        final long pollNanos = (now - begin) / Math.max(1, polls);

        final long[] lateness = new long[SELECT_SAMPLES];
        int waits = 0;
        while (waits < SELECT_SAMPLES && now < deadline)
        {
            final long before = now;
            wait.oneMilli();
            now = clock.nanoTime();
            // A wake-up earlier than asked is not late.
            lateness[waits++] = Math.max(0, now - before - ONE_MS);
        }
        final long[] samples = Arrays.copyOf(lateness, waits);
        Arrays.sort(samples);
        return waits == 0 ? new Result(0, 0, pollNanos)
            : new Result(samples[(waits - 1) / 2], samples[waits - 1], pollNanos);
    }
}
