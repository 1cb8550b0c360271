package io.ioarena.load;

/**
 * The plan of one visitor of {@code --chat-churn} (pure: no I/O, no clock). The run's joins form one open-loop plan
 * of {@code --chat-churn} joins per second over all visitors ({@link Schedule}, as messages do over connections), so
 * visitor {@code v} of {@code V} joins every {@code V / rate} seconds on average; each visit leaves half a period
 * after its join's intended time, and at the end of the measured phase at the latest, so every visit is over within
 * the run. Visit {@code k} of visitor {@code v} goes to room {@code (v + k) mod rooms}: consecutive visits of a
 * visitor go to different rooms (when there are two or more), and the visitors spread over every room.
 */
final class VisitPlan
{
    /** A visitor's mean period between joins: so visitors = rate x this, each joined half of the time. */
    static final double PERIOD_SECONDS = 2.0;
    /** The most visitors a run opens, over all instances: the churn is bounded in connections like every load. */
    static final int MAX_VISITORS = 10_000;

    private final Schedule joins;
    private final RunTiming timing;
    private final int visitor;
    private final int rooms;
    private final long stayNanos;
    private long visit;

    VisitPlan(final LoadConfig config, final RunTiming timing, final int visitor)
    {
        final int visitors = visitors(config.chatChurn());
        // Another seed than the messages' plan: Poisson joins independent of the Poisson sends of connection v.
        this.joins = Schedule.of(config.arrival(), timing.origin(), config.chatChurn(), visitors, visitor,
            ~config.seed());
        this.timing = timing;
        this.visitor = visitor;
        this.rooms = config.rooms();
        this.stayNanos = Math.round(0.5e9 * visitors / config.chatChurn());
    }

    /** Visitors a run of {@code rate} joins per second needs (over all instances): one per {@link #PERIOD_SECONDS}. */
    static int visitors(final double rate)
    {
        return rate == 0 ? 0 : (int)Math.max(1, Math.ceil(rate * PERIOD_SECONDS));
    }

    /** Intended time of the next join; {@link Long#MAX_VALUE} once the plan has none before the end. */
    long joinAt()
    {
        return timing.dueBeforeEnd(joins.intendedTime());
    }

    /** The room of the next visit. */
    int room()
    {
        return (int)((visitor + visit) % rooms);
    }

    /** When the visit that joins at {@code joinAt} leaves: half a period later, at the end of the run at the latest. */
    long leaveAt(final long joinAt)
    {
        return Math.min(joinAt + stayNanos, timing.end());
    }

    /** The next visit has begun (its join was sent): move the plan on to the one after. */
    void advance()
    {
        joins.advance();
        visit++;
    }
}
