package io.ioarena.harness.capacity;

import io.ioarena.harness.suite.CapacitySettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The search for the largest open-loop rate a server carries within an SLO, as a state machine with no I/O: ask
 * {@link #next()} for the rate to probe, measure it, hand the outcome to {@link #record}, until {@code next()} is
 * empty; then {@link #result()} says how it ended. The caller owns the measuring, so a test drives it with a fake
 * server and the harness with real probes on a warmed trial.
 *
 * <p>Exponential bracketing from the start rate (doubling while within the SLO, halving while over it) finds a rate
 * within and one over; bisection then narrows them until the one over is within the precision above the one within;
 * the rate within is then measured again ({@code confirmations}) and must hold, else the search goes on below it.
 * A probe over the SLO whose server had CPU to spare is measured again ({@code rechecks}) and is over only if that
 * is too. A probe over the SLO with a client flag is measured again ({@code retries}), then ends the search at "at
 * least" the last rate within (searching down for one first when there is none yet); a server that fails or loses
 * messages ends it with the reason; every search ends within {@code maxProbes}.
 */
public final class CapacitySearch
{
    private static final double GROWTH = 2;

    private final CapacitySettings settings;
    private final Axis axis;
    private final List<Probe> probes = new ArrayList<>();
    /** Highest rate within the SLO not since refuted, and the lowest over it. */
    private Double within;
    private Double over;
    private double pending;
    private int confirmationsLeft = -1;
    private int retriesLeft;
    private int rechecksLeft;
    /** Why the search stepped down from a rate the client could not measure: the ceiling of what it can say. */
    private String clientLimit;
    private CapacityResult result;

    public CapacitySearch(final CapacitySettings settings)
    {
        this.settings = settings;
        this.axis = Axis.of(settings);
        this.pending = axis.start(settings);
        this.retriesLeft = settings.retries();
        this.rechecksLeft = settings.rechecks();
    }

    /**
     * A guess of the probes one search runs, for the plan's estimate: bracketing to a capacity 4-8 times the start
     * rate (four probes), bisection from there to the precision, and the confirmations.
     */
    public static int expectedProbes(final CapacitySettings s)
    {
        final int bisections = (int) Math.ceil(Math.log(1 / s.precision()) / Math.log(GROWTH));
        return Math.min(s.maxProbes(), 4 + bisections + s.confirmations());
    }

    /** The rate to probe next; empty once the search has ended. */
    public OptionalDouble next()
    {
        return result == null ? OptionalDouble.of(pending) : OptionalDouble.empty();
    }

    /** How the search ended; null while it runs. */
    public CapacityResult result()
    {
        return result;
    }

    /** The probes so far, in order. */
    public List<Probe> probes()
    {
        return List.copyOf(probes);
    }

    /** What the search varies: {@link #next()} is a rate or a room's members. */
    public Axis axis()
    {
        return axis;
    }

    /** The outcome of probing the rate {@link #next()} gave. */
    public void record(final ProbeOutcome outcome)
    {
        if (result != null)
        {
            throw new IllegalStateException("the search has ended: " + result.describe());
        }
        final Probe probe = judge(pending, outcome, settings);
        probes.add(probe);
        if (probe.verdict() == Verdict.OVER && outcome.atLimit() == null && rechecksLeft > 0)
        {
            // over with CPU to spare: perhaps a transient, so the same rate is measured again
            rechecksLeft--;
            endIfSpent();
            return;
        }
        switch (probe.verdict())
        {
            case FAILED -> end(CapacityResult.Outcome.FAILED, "the server failed at " + rate(probe.rate()) + ": " +
                probe.why());
            case DISTURBED -> disturbed(probe);
            case WITHIN -> within(probe.rate());
            case OVER -> over(probe.rate());
        }
        endIfSpent();
    }

    private void endIfSpent()
    {
        if (result == null && probes.size() >= settings.maxProbes())
        {
            end(CapacityResult.Outcome.BUDGET, "the budget of " + settings.maxProbes() + " probes was spent " +
                (within != null && over != null ? "before the search converged" : "before a rate was bracketed"));
        }
    }

    /** A probe's verdict against the SLO: pure, so the rules are tested on their own. */
    static Probe judge(final double rate, final ProbeOutcome o, final CapacitySettings s)
    {
        final double p99Us = o.p99Nanos() / 1e3;
        final double p999Us = o.p999Nanos() / 1e3;
        if (o.failure() != null)
        {
            return new Probe(rate, Verdict.FAILED, 0, 0, 0, o.failure());
        }
        final List<String> broken = o.flagsIn(ProbeOutcome.BROKEN);
        if (!broken.isEmpty())
        {
            return new Probe(rate, Verdict.FAILED, p99Us, p999Us, o.samples(), String.join("; ", broken));
        }
        final List<String> why = new ArrayList<>(o.flagsIn(ProbeOutcome.BEHIND));
        if (o.p99Nanos() > s.p99Nanos())
        {
            why.add(String.format(Locale.ROOT, "p99 %.0f us > %s", p99Us, s.p99()));
        }
        if (o.samples() >= s.p999Samples() && o.p999Nanos() > s.p999Nanos())
        {
            why.add(String.format(Locale.ROOT, "p99.9 %.0f us > %s", p999Us, s.p999()));
        }
        if (why.isEmpty())
        {
            // a client flag only adds latency, so a probe within the SLO despite it is within
            return new Probe(rate, Verdict.WITHIN, p99Us, p999Us, o.samples(), null);
        }
        final List<String> client = o.flagsIn(ProbeOutcome.CLIENT);
        if (!client.isEmpty() && o.atLimit() != null)
        {
            // A server with no CPU to spare is past its capacity: its queue, not the client, set the pace, and a
            // client that waits on a full socket or a burst of late answers is flagged for the server's doing.
            why.add("the server at its limit (" + o.atLimit() + "), so not the client's: " + String.join("; ", client));
            return new Probe(rate, Verdict.OVER, p99Us, p999Us, o.samples(), String.join("; ", why));
        }
        if (!client.isEmpty())
        {
            why.addAll(client);
            return new Probe(rate, Verdict.DISTURBED, p99Us, p999Us, o.samples(), String.join("; ", why));
        }
        return new Probe(rate, Verdict.OVER, p99Us, p999Us, o.samples(), String.join("; ", why));
    }

    private void disturbed(final Probe probe)
    {
        if (retriesLeft > 0)
        {
            retriesLeft--;
            return;
        }
        rateDecided();
        final String why = "the client's own limit at " + rate(probe.rate()) + ": " + probe.why();
        final double lower = round(probe.rate() / GROWTH);
        if (within == null && lower >= axis.min(settings))
        {
            // nothing within the SLO yet: look below for a rate the search can say the capacity is at least
            clientLimit = why;
            pending = lower;
            return;
        }
        end(CapacityResult.Outcome.AT_LEAST, why);
    }

    /**
     * A rate was judged (within, over, or the client's limit): whatever is probed next, a new rate or a confirmation,
     * gets its own retries and rechecks.
     */
    private void rateDecided()
    {
        retriesLeft = settings.retries();
        rechecksLeft = settings.rechecks();
    }

    private void within(final double rate)
    {
        rateDecided();
        if (confirmationsLeft > 0)
        {
            if (--confirmationsLeft == 0)
            {
                end(CapacityResult.Outcome.FOUND, "within the SLO at " + rate(rate) + (over == null ? ""
                    : ", over it at " + rate(over)) + "; confirmed by " + settings.confirmations() + " more probe(s)");
            }
            return;
        }
        within = rate;
        if (over == null && clientLimit != null)
        {
            end(CapacityResult.Outcome.AT_LEAST, "within the SLO at " + rate(rate) + "; " + clientLimit);
            return;
        }
        if (over == null)
        {
            if (rate >= axis.max(settings))
            {
                end(CapacityResult.Outcome.AT_LEAST, "within the SLO at the search's maximum, " + rate(rate));
                return;
            }
            pending = Math.min(axis.max(settings), round(rate * GROWTH));
            return;
        }
        narrow();
    }

    private void over(final double rate)
    {
        rateDecided();
        if (confirmationsLeft > 0)
        {
            // the rate found did not hold: it is over, and the search goes on below it
            confirmationsLeft = -1;
            within = probes.stream().filter(p -> p.verdict() == Verdict.WITHIN && p.rate() < rate)
                .mapToDouble(Probe::rate).max().stream().boxed().findFirst().orElse(null);
        }
        over = over == null ? rate : Math.min(over, rate);
        if (within == null)
        {
            final double lower = round(rate / GROWTH);
            if (lower < axis.min(settings))
            {
                end(CapacityResult.Outcome.BELOW, "over the SLO at every rate down to " + rate(rate));
                return;
            }
            pending = lower;
            return;
        }
        narrow();
    }

    /**
     * Both bounds known: bisect, or confirm the rate within once they are close enough (or one message per second
     * apart, where a tiny precision could not be met in whole rates).
     */
    private void narrow()
    {
        if (over - within <= Math.max(1, settings.precision() * within))
        {
            if (settings.confirmations() == 0)
            {
                end(CapacityResult.Outcome.FOUND, "within the SLO at " + rate(within) + ", over it at " + rate(over));
                return;
            }
            confirmationsLeft = settings.confirmations();
            pending = within;
            return;
        }
        pending = round((within + over) / 2);
    }

    private void end(final CapacityResult.Outcome outcome, final String reason)
    {
        result = new CapacityResult(axis, outcome, within, over, reason, probes);
    }

    /** Rates are whole messages per second: a probe's rate names its folder. */
    private static double round(final double rate)
    {
        return Math.max(1, Math.rint(rate));
    }

    private String rate(final double rate)
    {
        return axis.format(rate);
    }
}
