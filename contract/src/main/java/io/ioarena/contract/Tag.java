package io.ioarena.contract;

/** The histograms of a run, by their tag in the interval log. All values are nanoseconds. */
public enum Tag
{
    /** Response time: answer received minus intended send time (open loop; in closed loop the actual send time). */
    LATENCY("latency"),
    /** Service time: answer received minus the time the message was handed to the socket. */
    SERVICE("service"),
    /** Send lag: actual minus intended send time; how far the generator itself fell behind its plan. */
    SENDLAG("sendlag"),
    /** TCP connect time of each connection. */
    CONNECT("connect"),
    /** Chat: each delivered copy at its recipient, from the intended send time of the original message. */
    DELIVERY("delivery"),
    /**
     * Chat with {@code --chat-churn}: a visitor's {@code JOIN} until its {@code OK JOIN}, from the join's intended
     * time (kept apart from {@link #DELIVERY}: it times membership, not messages).
     */
    JOIN("join"),
    /** Response time of warm-up messages: kept in the log, never in the results. */
    WARMUP("warmup"),
    /**
     * The generator's own stalls during the measured phase, jHiccup's way: how much later than asked a thread that
     * only sleeps woke up (the client's hiccup meter).
     */
    HICCUP("hiccup"),
    /**
     * Closed loop with {@code --cycle-rate}: the latency histogram corrected for coordinated omission, as if every
     * in-flight slot should have sent on a fixed cycle (the client's {@code --cycle-rate}); derived by the
     * reporter from {@link #LATENCY}, never recorded by a thread.
     */
    COMPENSATED("compensated");

    private final String tag;

    Tag(final String tag)
    {
        this.tag = tag;
    }

    /** The name in the {@code .hlog} ({@code Tag=latency}) and in the JSON summary. */
    public String tag()
    {
        return tag;
    }
}
